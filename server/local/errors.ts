// Google's error shape and the exact messages the product (and its tests) rely on.

export const PROTECTED_CELL_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

/** An error answered as `{ error: { code, message, status, errors } }`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }
  toJSON(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { code: this.code, message: this.message, status: this.status };
    if (this.reason) error.errors = [{ message: this.message, domain: 'global', reason: this.reason }];
    return { error };
  }
}

export const unauthenticated = (): ApiError =>
  new ApiError(
    401,
    'UNAUTHENTICATED',
    'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    'required',
  );
export const invalidCredentials = (): ApiError =>
  new ApiError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    'authError',
  );
export const permissionDenied = (message = 'The caller does not have permission'): ApiError =>
  new ApiError(403, 'PERMISSION_DENIED', message, 'forbidden');
export const notFound = (message = 'Requested entity was not found.'): ApiError =>
  new ApiError(404, 'NOT_FOUND', message, 'notFound');
export const invalidArgument = (message: string): ApiError => new ApiError(400, 'INVALID_ARGUMENT', message, 'badRequest');
export const protectedCell = (): ApiError => invalidArgument(PROTECTED_CELL_MESSAGE);
export const unableToParseRange = (range: string): ApiError => invalidArgument(`Unable to parse range: ${range}`);
