// The service's HTTP app: JSON API under /api (authenticated, role-checked) and, in local mode, the Vietnamese
// admin web page (server/web). `npm start` adds the local workspace's Google REST routes to the same instance.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Backend } from '../google/backend.ts';
import { googleTokenVerifier, installAuth, localTokenVerifier } from './auth.ts';
import { ApiError, type RoleDirectory, type ServiceContext, type TokenVerifier } from './context.ts';
import { installErrorHandler } from './errors.ts';
import { lockRoutes } from '../locks/routes.ts';
import { controlRoleDirectory } from './roles.ts';
import { schoolDirectory } from './school.ts';
import { statusRoutes } from './routes/status.ts';
import { consolidateRoutes } from './routes/consolidate.ts';
import { whoamiRoutes } from './routes/whoami.ts';

export interface ServiceAppOptions {
  backend: Backend;
  mode: 'local' | 'google';
  /** The in-process local workspace (npm start), handed to route plugins that need it (sidebar preview). */
  workspace?: unknown;
  /** Google mode: accepted ID token audiences (default: env HOSO_ID_TOKEN_AUDIENCE, comma-separated). */
  audience?: string | string[];
  hostedDomains?: string[];
  /** Overrides (tests, other deployments). */
  verifyToken?: TokenVerifier;
  roles?: RoleDirectory;
  dataDir?: string;
  /** Serve the admin web page at "/" (default: in local mode only — it acts as the admin without login). */
  web?: boolean;
  logger?: boolean;
  /** URL prefix of the sidebar preview mounted on the same app (npm start), linked from the admin page. */
  sidebarPreview?: string;
  /** Use this fastify instance instead of creating one (npm start mounts the workspace on it too). */
  app?: FastifyInstance;
}

export function serviceContext(opts: ServiceAppOptions): ServiceContext {
  let verifyToken = opts.verifyToken;
  if (!verifyToken) {
    if (opts.mode === 'local') verifyToken = localTokenVerifier();
    else {
      const audience = opts.audience ?? (process.env.HOSO_ID_TOKEN_AUDIENCE ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const hostedDomains = opts.hostedDomains ?? (process.env.HOSO_GOOGLE_DOMAIN ? [process.env.HOSO_GOOGLE_DOMAIN] : undefined);
      verifyToken = googleTokenVerifier({ audience, hostedDomains });
    }
  }
  const school = schoolDirectory(opts.backend);
  return {
    mode: opts.mode,
    backend: opts.backend,
    workspace: opts.workspace,
    roles: opts.roles ?? controlRoleDirectory(opts.backend, school),
    school,
    verifyToken,
    dataDir: opts.dataDir,
  };
}

export async function buildServiceApp(opts: ServiceAppOptions): Promise<FastifyInstance> {
  const app = opts.app ?? Fastify({ logger: opts.logger ?? false });
  const ctx = serviceContext(opts);
  app.decorate('service', ctx);

  await app.register(
    async (api) => {
      installErrorHandler(api);
      installAuth(api, ctx);
      api.setNotFoundHandler((request) => {
        throw new ApiError(404, 'NOT_FOUND', `Không có đường dẫn API ${request.method} ${request.url}.`);
      });
      await api.register(whoamiRoutes);
      await api.register(statusRoutes);
      await api.register(consolidateRoutes);
      // Locks, petitions and the audit log (issue 7): server/locks/routes.ts, same auth and error format.
      await api.register(lockRoutes);
    },
    { prefix: '/api' },
  );

  if (opts.web ?? opts.mode === 'local') {
    const { webRoutes } = await import('../web/routes.ts');
    const { html, page } = await import('../web/html.ts');
    await app.register(webRoutes, { ctx, sidebarPreview: opts.sidebarPreview });
    // Any other path (outside /api, the workspace and the sidebar preview): a Vietnamese page, not fastify's JSON.
    app.setNotFoundHandler((request, reply) => {
      void reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(page('Không tìm thấy trang', html`<p class="note">Không có trang ${request.url}.</p><p><a href="/">Về trang chủ</a></p>`));
    });
  }
  return app;
}
