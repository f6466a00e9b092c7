// Quotas (429 RESOURCE_EXHAUSTED per user per minute), added latency, seeded 500/503 faults, switched by
// options and by POST /_local/config; stats count every call that reached a method, failed ones included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { google } from 'googleapis';
import { ADMIN, GV_TOAN, clients, failure, startServer } from './helpers.ts';
import { localAuthClient } from '../../server/local/server.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function config(body: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}_local/config`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return res.json();
}

describe('quota, latency, faults', () => {
  it('answers 429 with Google message once a user spends the per-minute read bucket; writes and other users are separate', async () => {
    const admin = clients(server.url, ADMIN);
    const ss = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'q' } } });
    const id = ss.data.spreadsheetId!;
    await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
    expect(await config({ quota: { readsPerMinute: 3, writesPerMinute: 1 } })).toMatchObject({ quota: { readsPerMinute: 3, writesPerMinute: 1 } });
    for (let i = 0; i < 3; i += 1) await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1' });
    const e = await failure(admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1' }));
    expect(e.status).toBe(429);
    expect(e.code).toBe('RESOURCE_EXHAUSTED');
    expect(e.message).toBe("Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:0'.");
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', valueInputOption: 'RAW', requestBody: { values: [[1]] } });
    expect((await failure(admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', valueInputOption: 'RAW', requestBody: { values: [[1]] } }))).message).toContain("'Write requests'");
    const toan = clients(server.url, GV_TOAN);
    await toan.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1' });
    await admin.drive.files.get({ fileId: id }); // Drive is not limited
    await config({ quota: null });
    await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1' });
  });

  it('adds latency and injects seeded faults that repeat for the same seed', async () => {
    const admin = clients(server.url, ADMIN);
    await config({ latencyMs: 150 });
    const t0 = Date.now();
    await admin.drive.files.list({});
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    await config({ latencyMs: 0, faultRate: 0.5, seed: 42 });
    const run = async (): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const r = await fetch(`${server.url}drive/v3/files`, { headers: { authorization: `Bearer ${ADMIN}` } });
        out.push(r.status);
      }
      return out;
    };
    const first = await run();
    await config({ seed: 42 });
    const second = await run();
    expect(first).toEqual(second);
    expect(first.some((s) => s === 500 || s === 503)).toBe(true);
    expect(first.some((s) => s === 200)).toBe(true);
    await config({ faultRate: 0 });
  });

  it('googleapis with its default retries recovers from injected 503s on reads', async () => {
    await config({ faultRate: 0.3, seed: 7 });
    const drive = google.drive({ version: 'v3', auth: localAuthClient(ADMIN, server.url), rootUrl: server.url });
    const res = await drive.files.list({}, { retryConfig: { retryDelay: 1, noResponseRetries: 0 } });
    expect(res.status).toBe(200);
    await config({ faultRate: 0 });
  });

  it('counts every call that reached a method, failures included, by discovery id and user', async () => {
    await fetch(`${server.url}_local/stats/reset`, { method: 'POST' });
    const admin = clients(server.url, ADMIN);
    await failure(admin.sheets.spreadsheets.get({ spreadsheetId: 'x' }));
    await failure(clients(server.url, 'bad token').drive.files.list({}));
    await admin.drive.files.list({});
    const stats = await (await fetch(`${server.url}_local/stats`)).json();
    expect(stats).toEqual({ total: 3, byMethod: { 'sheets.spreadsheets.get': 1, 'drive.files.list': 2 }, byUser: { [ADMIN]: 2 } });
  });
});
