// What every route plugin of the service's HTTP API can rely on (issue 6 item 4).
//
// The service app (server/api/app.ts) decorates the fastify instance with `service` (a ServiceContext) and, on
// every /api/* request, runs the auth hook before any handler: it sets `request.user` (who is calling and with
// which roles) or answers 401 JSON. Route plugins mounted under /api (e.g. the lock/petition routes of
// server/locks/routes.ts) then only check the role they need:
//
//   import { requireRole, ApiError, type ServiceContext } from '../api/context.ts';
//   export const lockRoutes: FastifyPluginAsync = async (app) => {
//     app.post('/locks', { preHandler: requireRole('admin') }, async (req) => {
//       const ctx: ServiceContext = app.service;           // backend, mode, roles …
//       const sheets = ctx.backend.sheets();               // acts as the admin (owner of every file)
//       req.user!.email                                     // the authenticated caller
//     });
//   };
//
// Errors: throw `new ApiError(status, code, 'thông báo tiếng Việt')`; the app's error handler turns it (and zod
// errors, and anything else) into `{ "error": { "code", "message" } }`.
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Backend } from '../google/backend.ts';
import type { SchoolDirectory } from './school.ts';

/** Roles of a caller in one school year. */
export type Role = 'admin' | 'gvcn' | 'gvbm';

/** One teaching assignment (GVBM of `subject` in `classId`). */
export interface TeachingAssignment {
  classId: string;
  subject: string;
}

/** The authenticated caller of an /api request. */
export interface ApiUser {
  email: string;
  roles: Role[];
  /** The school year the roles were read from (the request's `year`, or the latest year); undefined = no year yet. */
  year?: string;
  /** Classes this user is homeroom teacher (GVCN) of. */
  homeroomClasses: string[];
  /** Class × subject this user teaches (GVBM). */
  assignments: TeachingAssignment[];
}

/** Where roles come from: the year's control spreadsheet (admins, GVCN per class, GVBM per class × subject). */
export interface RoleDirectory {
  rolesOf(email: string, year?: string): Promise<Omit<ApiUser, 'email'>>;
}

/** Verifies a caller's bearer token and returns their email (local: the token is the email; Google: ID token). */
export type TokenVerifier = (token: string) => Promise<string>;

export interface ServiceContext {
  /** 'local' = the local workspace's bearer-email convention; 'google' = Google ID tokens. */
  mode: 'local' | 'google';
  /** googleapis clients (acting as the admin by default). */
  backend: Backend;
  /** The in-process local workspace when the service and the workspace share one server (npm start). */
  workspace?: unknown;
  roles: RoleDirectory;
  /** The years, classes, teachers and admins of the control spreadsheets (cached a few seconds). */
  school: SchoolDirectory;
  verifyToken: TokenVerifier;
  /** Folder for the service's own files (last consolidation result …); undefined in Google mode. */
  dataDir?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    service: ServiceContext;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every /api request; null only before it ran. */
    user: ApiUser | null;
  }
}

/** An error with an HTTP status and a stable code; `message` is shown to users, in Vietnamese. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const unauthenticated = (message = 'Chưa đăng nhập: thiếu hoặc sai mã xác thực (Authorization: Bearer …).') =>
  new ApiError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') =>
  new ApiError(403, 'PERMISSION_DENIED', message);
export const notFound = (message: string) => new ApiError(404, 'NOT_FOUND', message);
export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'INVALID_ARGUMENT', message, details);

const ROLE_NAMES: Record<Role, string> = { admin: 'Ban quản trị', gvcn: 'giáo viên chủ nhiệm', gvbm: 'giáo viên bộ môn' };

/** The authenticated caller, or a 401. */
export function currentUser(request: FastifyRequest): ApiUser {
  if (!request.user) throw unauthenticated();
  return request.user;
}

/** preHandler: the caller must hold at least one of `roles` (in the request's year). */
export function requireRole(...roles: Role[]): preHandlerHookHandler {
  return async function roleCheck(request: FastifyRequest, _reply: FastifyReply) {
    const user = currentUser(request);
    if (!roles.some((r) => user.roles.includes(r))) {
      throw forbidden(`Chỉ ${roles.map((r) => ROLE_NAMES[r]).join(' hoặc ')} được thực hiện thao tác này.`);
    }
  };
}
