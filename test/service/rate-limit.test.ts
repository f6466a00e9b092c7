// The per-user rate limiter against the local workspace's quota (429 RESOURCE_EXHAUSTED beyond N Sheets reads per
// user per rolling minute): a job that needs more reads than the quota slows down — it waits for the window — and
// gets no 429 at all. Slow by nature (one quota minute); it checks behaviour, not speed.
import { afterAll, expect, it } from 'vitest';
import { consolidate } from '../../server/consolidate/index.ts';
import { buildSchool, YEAR } from './fixture.ts';
import { startEnv, type Env } from './helpers.ts';

let env: Env | undefined;
afterAll(() => env?.close());

it('keeps under a 4-reads-per-minute quota by waiting, with no 429', async () => {
  env = await startEnv({}, { limits: { sheetsRead: 4 } });
  await buildSchool(env.backend, [1, 2, 3, 4, 5].map((i) => ({ classId: `10A${i}`, grade: 10, students: 3 })));
  await env.configure({ quota: { readsPerMinute: 4, writesPerMinute: 60 } });
  await env.resetStats();
  const t0 = Date.now();
  const r = await consolidate(env.backend, { year: YEAR });
  const elapsed = Date.now() - t0;
  expect(r.errors).toEqual([]);
  expect(r.classes).toBe(5);
  // 5 book reads > 4 per minute: the fifth waited for the window
  expect(r.rateLimitWaitMs).toBeGreaterThan(50_000);
  expect(elapsed).toBeGreaterThan(50_000);
  expect(env.backend.calls!.snapshot().statuses['429'] ?? 0).toBe(0);
  expect(r.retries).toEqual({});
  expect((await env.stats()).byMethod['sheets.spreadsheets.get']).toBe(5);
}, 180_000);

it('meets a quota already used by another process: pauses and probes instead of hammering, then completes', async () => {
  const e = await startEnv({}, {});
  try {
    const { books } = await buildSchool(e.backend, [1, 2, 3, 4].map((i) => ({ classId: `11A${i}`, grade: 11, students: 3 })));
    await e.configure({ quota: { readsPerMinute: 4, writesPerMinute: 60 } });
    // another process (its own client, same admin account) uses the whole minute's reads
    const other = await (await import('../../server/google/backend.ts')).openBackend({ workspaceUrl: e.server.url, limits: { sheetsRead: Infinity } }, () => {});
    for (let i = 0; i < 4; i++) await other.sheets().spreadsheets.get({ spreadsheetId: books[i]!.spreadsheetId, fields: 'spreadsheetId' });
    await e.resetStats();
    const backend = await (await import('../../server/google/backend.ts')).openBackend({ workspaceUrl: e.server.url }, () => {}); // knows the quota (4/min), not the other's use
    const r = await consolidate(backend, { year: YEAR });
    expect(r.errors).toEqual([]);
    expect(r.classes).toBe(4);
    const rejected = backend.calls!.snapshot().statuses['429'] ?? 0;
    expect(rejected).toBeGreaterThan(0);
    // without the lane pause every in-flight request retries on its own (≈ 4 × 6 rejections in a minute)
    expect(rejected).toBeLessThanOrEqual(10);
    expect((await e.stats()).byMethod['sheets.spreadsheets.get']).toBe(4 + rejected);
  } finally {
    await e.close();
  }
}, 240_000);
