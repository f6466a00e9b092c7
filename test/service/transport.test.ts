// The adapter's transport through the real googleapis client: which calls are retried (incl. the idempotent
// POSTs gaxios would not retry), which are not, jittered backoff, and the rolling-window limiter.
// A tiny scripted HTTP server plays Google here so each answer (503, 429, 400) is exact; the same transport is
// exercised against the local workspace's quota/fault injection in consolidate.test.ts.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, RETRY_SAFE, type Backend } from '../../server/google/backend.ts';
import { classifyRequest } from '../../server/google/calls.ts';
import { RollingWindowLimiter } from '../../server/google/rate-limiter.ts';

let server: Server;
let url = '';
const script = new Map<string, number[]>(); // "VERB path" → statuses to answer before a 200
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = `${req.method} ${decodeURIComponent(new URL(req.url!, 'http://x').pathname)}`;
    seen.push(key);
    req.resume();
    req.on('end', () => {
      const queue = script.get(key) ?? [];
      const status = queue.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { ok: true, spreadsheetId: 's1' } : { error: { code: status, message: 'scripted', status: 'UNAVAILABLE' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const open = (): Promise<Backend> => openBackend({ workspaceUrl: url, retry: { baseDelayMs: 5, maxDelayMs: 20 } }, () => {});

describe('retries', () => {
  it('retries an idempotent POST (values.batchUpdate) on 503 and counts one call + retries', async () => {
    const b = await open();
    script.set('POST /v4/spreadsheets/s1/values:batchUpdate', [503, 502]);
    const res = await b.sheets().spreadsheets.values.batchUpdate({ spreadsheetId: 's1', requestBody: { data: [] } });
    expect(res.status).toBe(200);
    const stats = b.calls!.snapshot();
    expect(stats.calls['sheets.spreadsheets.values.batchUpdate']).toBe(1);
    expect(stats.retries['sheets.spreadsheets.values.batchUpdate']).toBe(2);
  });

  it('retries values.batchGet on 429', async () => {
    const b = await open();
    script.set('GET /v4/spreadsheets/s1/values:batchGet', [429]);
    const res = await b.sheets('gv@x.vn').spreadsheets.values.batchGet({ spreadsheetId: 's1', ranges: ['A1'] });
    expect(res.status).toBe(200);
    expect(b.calls!.snapshot().retries['sheets.spreadsheets.values.batchGet']).toBe(1);
  });

  it('does not retry spreadsheets.batchUpdate unless the caller marks it RETRY_SAFE', async () => {
    const b = await open();
    script.set('POST /v4/spreadsheets/s1:batchUpdate', [503]);
    await expect(b.sheets().spreadsheets.batchUpdate({ spreadsheetId: 's1', requestBody: { requests: [] } })).rejects.toMatchObject({ status: 503 });
    script.set('POST /v4/spreadsheets/s1:batchUpdate', [503]);
    const res = await b.sheets().spreadsheets.batchUpdate({ spreadsheetId: 's1', requestBody: { requests: [] } }, RETRY_SAFE);
    expect(res.status).toBe(200);
    expect(b.calls!.snapshot().calls['sheets.spreadsheets.batchUpdate']).toBe(2);
  });

  it('does not retry a 400 and gives up after the configured retries', async () => {
    const b = await openBackend({ workspaceUrl: url, retry: { baseDelayMs: 1, maxDelayMs: 2, retries: 2 } }, () => {});
    script.set('GET /v4/spreadsheets/s1', [400]);
    await expect(b.sheets().spreadsheets.get({ spreadsheetId: 's1' })).rejects.toMatchObject({ status: 400 });
    script.set('GET /v4/spreadsheets/s1', [503, 503, 503, 503]);
    await expect(b.sheets().spreadsheets.get({ spreadsheetId: 's1' })).rejects.toMatchObject({ status: 503 });
    expect(b.calls!.snapshot().retries['sheets.spreadsheets.get']).toBe(2);
    script.delete('GET /v4/spreadsheets/s1');
  });

  it('does not retry drive.files.create (a retry could make a second file)', async () => {
    const b = await open();
    script.set('POST /drive/v3/files', [503]);
    await expect(b.drive().files.create({ requestBody: { name: 'x' } })).rejects.toMatchObject({ status: 503 });
  });
});

describe('classifyRequest', () => {
  it('names methods as /_local/stats does, with ranges containing ":" encoded', () => {
    const root = 'http://127.0.0.1:1/';
    expect(classifyRequest('GET', `${root}v4/spreadsheets/a/values/${encodeURIComponent("'Toán'!A1:B2")}`)).toMatchObject({ method: 'sheets.spreadsheets.values.get', group: 'sheets.read' });
    expect(classifyRequest('POST', `${root}v4/spreadsheets/a/values/${encodeURIComponent('A1:B2')}:append`)).toMatchObject({ method: 'sheets.spreadsheets.values.append', idempotent: false });
    expect(classifyRequest('PUT', `${root}v4/spreadsheets/a/values/A1`)).toMatchObject({ method: 'sheets.spreadsheets.values.update', group: 'sheets.write', idempotent: true });
    expect(classifyRequest('POST', 'https://sheets.googleapis.com/v4/spreadsheets')).toMatchObject({ method: 'sheets.spreadsheets.create', idempotent: false });
    expect(classifyRequest('GET', 'https://www.googleapis.com/drive/v3/files?q=x')).toMatchObject({ method: 'drive.files.list', group: 'drive' });
    expect(classifyRequest('GET', 'https://www.googleapis.com/drive/v3/files/f1/export')).toMatchObject({ method: 'drive.files.export' });
    expect(classifyRequest('POST', 'https://oauth2.googleapis.com/token')).toMatchObject({ method: 'other', group: 'other' });
  });

  it('the URL googleapis builds for a range classifies as values.get', async () => {
    const b = await open();
    seen.length = 0;
    await b.sheets().spreadsheets.values.get({ spreadsheetId: 's1', range: "'Toán 10A1'!B3:F45" });
    expect(b.calls!.snapshot().calls['sheets.spreadsheets.values.get']).toBe(1);
  });
});

describe('RollingWindowLimiter', () => {
  it('allows at most N requests in any rolling window, FIFO, and counts the waiting', async () => {
    let now = 0;
    const lim = new RollingWindowLimiter(1000, () => now, async (ms) => { now += ms; });
    const order: number[] = [];
    const at: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => lim.acquire('u|sheets.read', 2).then((release) => { order.push(i); at.push(now); release(); })));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(at).toEqual([0, 0, 1000, 1000, 2000]);
    for (let i = 2; i < at.length; i++) expect(at[i]! - at[i - 2]!).toBeGreaterThanOrEqual(1000);
    expect(lim.waits).toBe(2); // request 3 finds the clock already moved by request 2's wait
    // another user's lane is independent
    await lim.acquire('v|sheets.read', 2);
    expect(now).toBe(2000);
  });

  it('dates a request by the end of its answer: a slow answer pushes the next window back', async () => {
    let now = 0;
    const lim = new RollingWindowLimiter(1000, () => now, async (ms) => { now += ms; });
    const release1 = await lim.acquire('u', 1);
    let second = -1;
    const p = lim.acquire('u', 1).then((r) => { second = now; r(); });
    await new Promise((r) => setTimeout(r, 5));
    expect(second).toBe(-1); // still waiting: the first request has not been answered
    now = 700; // the server answered the first request 700 ms after it was sent
    release1();
    await p;
    expect(second).toBe(1700);
  });

  it('after a 429 pauses the lane (exponential, jittered) and lets one request probe before the others', async () => {
    let now = 0;
    const lim = new RollingWindowLimiter(1000, () => now, async (ms) => { now += ms; }, () => 1, { base: 100, max: 1000 });
    const a = await lim.acquire('u', Infinity);
    const b = await lim.acquire('u', Infinity);
    a(429); // pause 100 ms (strike 1; random 1 → the full ceiling)
    b(429); // strike 2 → pause until now + 200
    expect(lim.rejections).toBe(2);
    const order: string[] = [];
    const c = lim.acquire('u', Infinity).then((r) => { order.push(`c@${now}`); return r; });
    const d = lim.acquire('u', Infinity).then((r) => { order.push(`d@${now}`); r(200); });
    const rc = await c;
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['c@200']); // d waits for the probe's answer
    now = 250;
    rc(200); // the probe succeeded: the lane is open again
    await d;
    expect(order).toEqual(['c@200', 'd@250']);
    const e = await lim.acquire('u', Infinity);
    e(200);
    expect(now).toBe(250);
  });
});
