// `startWorkspaceServer`: the local Google Workspace on loopback (used by `hoso workspace`, the embedded backend
// and tests). `openWorkspace` + `registerWorkspaceRoutes` let the service mount it on its own fastify server.
import http from 'node:http';
import Fastify from 'fastify';
import { openWorkspace, type Workspace } from './workspace.ts';
import { registerWorkspaceRoutes } from './routes.ts';
import { Control, type QuotaConfig } from './control.ts';

export { openWorkspace, Workspace } from './workspace.ts';
export { registerWorkspaceRoutes, METHOD_IDS } from './routes.ts';
export { Control, parseQuota, type QuotaConfig, type ControlConfig, type Stats } from './control.ts';

export interface WorkspaceServerOptions {
  port: number;
  dataDir: string;
  host?: string;
  /** Per-user per-minute Sheets/Docs quotas (off by default). */
  quota?: QuotaConfig | null;
  latencyMs?: number;
  faultRate?: number;
  seed?: number;
}

export interface WorkspaceServer {
  /** 'http://127.0.0.1:PORT/' — use as googleapis rootUrl. */
  url: string;
  port: number;
  workspace: Workspace;
  control: Control;
  close(): Promise<void>;
}

export async function startWorkspaceServer(opts: WorkspaceServerOptions): Promise<WorkspaceServer> {
  const workspace = openWorkspace(opts.dataDir);
  const control = new Control({ quota: opts.quota ?? null, latencyMs: opts.latencyMs, faultRate: opts.faultRate, seed: opts.seed });
  // Long batchGet URLs (many quoted Unicode ranges) exceed Node's 16 KB header limit; Google accepts them.
  const app = Fastify({
    logger: false,
    // A script that joins the printed base URL ("…:PORT/") with "/_local/stats" sends "//_local/stats".
    rewriteUrl: (req) => (req.url ?? '/').replace(/^\/{2,}/, '/'),
    bodyLimit: 256 * 1024 * 1024,
    serverFactory: (handler) => http.createServer({ maxHeaderSize: 1024 * 1024 }, handler),
  });
  await registerWorkspaceRoutes(app, workspace, control);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port, host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let closed = false;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    workspace,
    control,
    async close() {
      if (closed) return;
      closed = true;
      // Every acknowledged write was already fsynced; closing only stops accepting requests.
      await app.close();
    },
  };
}
export { localAuthClient } from './client.ts';
