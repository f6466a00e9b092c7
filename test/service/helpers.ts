// Local workspace servers for the service tests: a fresh data folder each, the real googleapis client on top.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkspaceServer, type WorkspaceServer, type WorkspaceServerOptions } from '../../server/local/server.ts';
import { openBackend, type Backend, type BackendOptions } from '../../server/google/backend.ts';

export interface Env {
  server: WorkspaceServer;
  backend: Backend;
  stats(): Promise<{ total: number; byMethod: Record<string, number>; byUser: Record<string, number> }>;
  resetStats(): Promise<void>;
  configure(cfg: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startEnv(opts: Partial<WorkspaceServerOptions> = {}, backendOpts: BackendOptions = {}): Promise<Env> {
  const server = await startWorkspaceServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'hoso-service-')), ...opts });
  const backend = await openBackend({ workspaceUrl: server.url, ...backendOpts }, () => {});
  return {
    server,
    backend,
    stats: async () => (await fetch(`${server.url}_local/stats`)).json() as never,
    resetStats: async () => {
      await fetch(`${server.url}_local/stats/reset`, { method: 'POST' });
    },
    configure: async (cfg) => {
      const res = await fetch(`${server.url}_local/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cfg) });
      if (!res.ok) throw new Error(`/_local/config: ${res.status} ${await res.text()}`);
    },
    close: () => server.close(),
  };
}

const READ = /\.(get|batchGet|list|export|batchGetByDataFilter|getByDataFilter)$/;

/** Reads (any get/list/batchGet, Drive included) and Sheets calls in a /_local/stats snapshot. */
export function budget(byMethod: Record<string, number>): { reads: number; sheetsReads: number; sheets: number; total: number } {
  let reads = 0, sheetsReads = 0, sheets = 0, total = 0;
  for (const [m, n] of Object.entries(byMethod)) {
    total += n;
    if (READ.test(m)) reads += n;
    if (m.startsWith('sheets.')) {
      sheets += n;
      if (READ.test(m)) sheetsReads += n;
    }
  }
  return { reads, sheetsReads, sheets, total };
}
