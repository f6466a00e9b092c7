// Calls to the school's service (HTTP API, server/api) from the add-on: UrlFetchApp with the user's Google ID token
// as bearer (ScriptApp.getIdentityToken, scope "openid"); the service verifies it and checks the user's role.
// The base URL is the script property HOSO_SERVICE_URL (set once by the admin in the Apps Script project).

export const SERVICE_URL_PROPERTY = 'HOSO_SERVICE_URL';

/** The API paths the add-on uses (server/api/routes, server/locks/routes). */
export const SERVICE_PATHS = {
  me: '/api/me',
  status: '/api/status',
  consolidate: '/api/consolidate',
  summary: '/api/summary',
  completion: '/api/reports/completion',
  locks: '/api/locks',
  petitions: '/api/petitions',
  petitionDecision: (id: string, decision: 'approve' | 'reject') => `/api/petitions/${encodeURIComponent(id)}/${decision}`,
  petitionClose: (id: string) => `/api/petitions/${encodeURIComponent(id)}/close`,
} as const;

export function serviceUrl(): string | null {
  const url = PropertiesService.getScriptProperties().getProperty(SERVICE_URL_PROPERTY);
  return url ? url.replace(/\/+$/, '') : null;
}

export class ServiceError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export function callService<T = unknown>(method: 'get' | 'post', path: string, body?: unknown, query?: Record<string, string | undefined>): T {
  const base = serviceUrl();
  if (!base) throw new ServiceError('Chưa cấu hình địa chỉ máy chủ nhà trường (thuộc tính HOSO_SERVICE_URL của dự án Apps Script). Hãy báo Ban quản trị.', 0);
  const qs = query ? Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v!)}`).join('&') : '';
  const token = ScriptApp.getIdentityToken();
  const options: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method,
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
  };
  if (body !== undefined) {
    options.contentType = 'application/json';
    options.payload = JSON.stringify(body);
  }
  const response = UrlFetchApp.fetch(`${base}${path}${qs ? `?${qs}` : ''}`, options);
  const status = response.getResponseCode();
  const text = response.getContentText();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (status >= 400) {
    const message = (json as { error?: { message?: string } } | null)?.error?.message ?? `Máy chủ trả lỗi HTTP ${status}.`;
    throw new ServiceError(message, status);
  }
  return json as T;
}
