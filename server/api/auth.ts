// Who is calling: the bearer token of every /api request becomes `request.user` (email + roles of the year).
// Local mode follows the local workspace's convention (the token IS the email, contracts/local-workspace.md);
// Google mode verifies the Google ID token the add-on sends (ScriptApp.getIdentityToken()) with
// google-auth-library, for the configured audience (the add-on's OAuth client id).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OAuth2Client } from 'google-auth-library';
import { unauthenticated, type ServiceContext, type TokenVerifier } from './context.ts';
import { YEAR_RE } from './validate.ts';

const EMAIL_RE = /^[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+$/;

/** Local workspace convention: `Authorization: Bearer <email>`. */
export function localTokenVerifier(): TokenVerifier {
  return async (token) => {
    if (!EMAIL_RE.test(token)) throw unauthenticated('Mã xác thực không hợp lệ: ở chế độ cục bộ, mã là địa chỉ email.');
    return token.toLowerCase();
  };
}

export interface GoogleVerifierOptions {
  /** Accepted `aud` values: the OAuth client id(s) of the add-on's Apps Script project. */
  audience: string | string[];
  /** Restrict callers to these Google Workspace domains (the `hd` claim), e.g. the school's domain. */
  hostedDomains?: string[];
  /** The OAuth2Client doing the verification (tests pass one whose certificates are local). */
  client?: OAuth2Client;
}

/** Google mode: verifies a Google-signed ID token (signature, expiry, issuer, audience) and returns its email. */
export function googleTokenVerifier(opts: GoogleVerifierOptions): TokenVerifier {
  const audiences = (Array.isArray(opts.audience) ? opts.audience : [opts.audience]).filter(Boolean);
  if (audiences.length === 0) throw new Error('Google ID token audience is not configured (HOSO_ID_TOKEN_AUDIENCE)');
  const client = opts.client ?? new OAuth2Client();
  return async (token) => {
    let payload;
    try {
      const ticket = await client.verifyIdToken({ idToken: token, audience: audiences });
      payload = ticket.getPayload();
    } catch {
      throw unauthenticated('Mã xác thực Google (ID token) không hợp lệ hoặc đã hết hạn.');
    }
    if (!payload?.email || payload.email_verified === false) {
      throw unauthenticated('ID token không chứa email đã xác minh (cần phạm vi "email" trong appsscript.json).');
    }
    if (opts.hostedDomains?.length && !opts.hostedDomains.includes(String(payload.hd ?? ''))) {
      throw unauthenticated('Tài khoản không thuộc miền Google Workspace của trường.');
    }
    return payload.email.toLowerCase();
  };
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** The year a request is about (query or JSON body), for reading roles; undefined = latest year. */
function requestYear(request: FastifyRequest): string | undefined {
  const q = (request.query as Record<string, unknown> | undefined)?.year;
  const b = (request.body as Record<string, unknown> | undefined | null)?.year;
  const y = typeof q === 'string' ? q : typeof b === 'string' ? b : undefined;
  return y && YEAR_RE.test(y) ? y : undefined;
}

/** Adds the auth hook to `scope` (the /api plugin): every request there is authenticated before its handler. */
export function installAuth(scope: FastifyInstance, ctx: ServiceContext): void {
  scope.decorateRequest('user', null);
  // preHandler (not onRequest) so the JSON body is parsed and its `year` can select the roles' school year.
  scope.addHook('preHandler', async (request) => {
    const token = bearer(request);
    if (!token) throw unauthenticated();
    const email = await ctx.verifyToken(token);
    const roles = await ctx.roles.rolesOf(email, requestYear(request));
    request.user = { email, ...roles };
  });
}
