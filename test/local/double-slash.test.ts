// Scripts often join the printed base URL ("http://127.0.0.1:PORT/") with "/_local/stats" or "/v4/…": the
// doubled leading slash must reach the same endpoint.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkspaceServer } from '../../server/local/server.ts';

let dir: string;
let server: Awaited<ReturnType<typeof startWorkspaceServer>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hoso-slash-'));
  server = await startWorkspaceServer({ port: 0, dataDir: dir });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('serves /_local/stats and its reset with a doubled slash', async () => {
  const auth = { authorization: 'Bearer admin@thpt-hbt.edu.vn', 'content-type': 'application/json' };
  const created = await fetch(`${server.url}/v4/spreadsheets`, { method: 'POST', headers: auth, body: JSON.stringify({ properties: { title: 'Sổ' } }) });
  expect(created.status).toBe(200);
  const stats = (await (await fetch(`${server.url}/_local/stats`)).json()) as { total: number; byMethod: Record<string, number> };
  expect(stats.byMethod['sheets.spreadsheets.create']).toBe(1);
  expect((await fetch(`${server.url}/_local/stats/reset`, { method: 'POST' })).status).toBe(200);
  const after = (await (await fetch(`${server.url}_local/stats`)).json()) as { total: number };
  expect(after.total).toBe(0);
});
