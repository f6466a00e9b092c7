// The service API and the admin page over real HTTP, on one loopback address shared with the local workspace
// (startService is what `hoso start` runs), against a school year written through googleapis.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type StartedService } from '../../server/api/start-service.ts';
import { buildServiceApp } from '../../server/api/app.ts';
import { googleTokenVerifier } from '../../server/api/auth.ts';
import { AUD, idToken, LocalCertsClient } from './idtoken.ts';
import { ADMIN, createSchoolYear, EVIL, GVBM, GVCN, OUTSIDER, writeControl, type Fixture } from './fixture.ts';
import { assertSanePage, crawlFromHome, sameOriginLinks } from './helpers.ts';

let svc: StartedService;
let fx: Fixture;
let dir: string;

async function api(path: string, opts: { user?: string; method?: string; body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.user) headers.authorization = `Bearer ${opts.user}`;
  if (opts.token) headers.authorization = opts.token;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(path, svc.url), { method: opts.method ?? 'GET', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: text.startsWith('{') ? JSON.parse(text) : undefined, text };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hoso-web-api-'));
  svc = await startService({ port: 0, dataDir: dir, demo: false, log: () => {} });
  fx = await createSchoolYear(svc.backend);
});

afterAll(async () => {
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one address for the workspace and the service', () => {
  it('serves Google REST paths and /_local/stats next to /api', async () => {
    const stats = await fetch(new URL('_local/stats', svc.url)).then((r) => r.json());
    expect(stats.total).toBeGreaterThan(0);
    const got = await fetch(new URL(`v4/spreadsheets/${fx.controlId}`, svc.url), { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(got.status).toBe(200);
  });
});

describe('loopback names only', () => {
  it('refuses a request whose Host is another name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const port = new URL(svc.url).port;
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status(`evil.example:${port}`)).toBe(403);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
  });
});

describe('API auth and roles', () => {
  it('401 JSON without a token or with a malformed one', async () => {
    for (const r of [await api('/api/status'), await api('/api/status', { token: 'Bearer not-an-email' }), await api('/api/status', { token: 'Basic abc' })]) {
      expect(r.status).toBe(401);
      expect(r.type).toContain('application/json');
      expect(r.json.error.code).toBe('UNAUTHENTICATED');
      expect(r.json.error.message).toMatch(/xác thực/);
    }
  });

  it('reads roles from the control spreadsheet', async () => {
    expect((await api('/api/me', { user: ADMIN })).json.user.roles).toEqual(['admin']);
    const gvcn = (await api('/api/me', { user: GVCN })).json.user;
    expect(gvcn.roles).toEqual(['gvcn']);
    expect(gvcn.homeroomClasses).toEqual(['10A1']);
    const gvbm = (await api(`/api/me?year=${fx.year}`, { user: GVBM })).json.user;
    expect(gvbm).toMatchObject({ roles: ['gvbm'], year: fx.year, assignments: [{ classId: '10A1', subject: 'TOAN' }] });
    expect((await api('/api/me', { user: OUTSIDER })).json.user.roles).toEqual([]);
  });

  it('status: admin sees every class, a teacher only theirs, an outsider gets 403', async () => {
    const all = await api(`/api/status?year=${fx.year}`, { user: ADMIN });
    expect(all.status).toBe(200);
    expect(all.json.classes.map((c: { id: string }) => c.id)).toEqual(['10A1', '11B2']);
    expect(all.json.classes[0]).toMatchObject({ spreadsheetId: fx.books[0]!.id, homeroomTeacher: GVCN, students: 2 });
    const mine = await api('/api/status', { user: GVBM });
    expect(mine.json.classes.map((c: { id: string }) => c.id)).toEqual(['10A1']);
    const out = await api('/api/status', { user: OUTSIDER });
    expect(out.status).toBe(403);
    expect(out.json.error.code).toBe('PERMISSION_DENIED');
  });

  it('admin-only routes answer 403 JSON to teachers', async () => {
    for (const user of [GVCN, GVBM]) {
      const c = await api('/api/consolidate', { user, method: 'POST', body: { year: fx.year } });
      expect(c.status).toBe(403);
      expect(c.json.error.message).toMatch(/Ban quản trị/);
      expect((await api(`/api/summary?year=${fx.year}`, { user })).status).toBe(403);
    }
    expect((await api(`/api/reports/completion?year=${fx.year}`, { user: GVBM })).status).toBe(403);
  });
});

describe('Google mode: callers identified by Google ID tokens, roles from the same control spreadsheet', () => {
  it('accepts signed ID tokens only and authorises by role', async () => {
    const app = await buildServiceApp({
      backend: svc.backend,
      mode: 'google',
      verifyToken: googleTokenVerifier({ audience: AUD, client: new LocalCertsClient() }),
    });
    try {
      const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
      // the local bearer-email convention is not accepted in Google mode
      const email = await get('/api/me', ADMIN);
      expect(email.statusCode).toBe(401);
      expect(email.json().error.code).toBe('UNAUTHENTICATED');
      const admin = await get(`/api/status?year=${fx.year}`, idToken({ email: ADMIN }));
      expect(admin.statusCode).toBe(200);
      expect(admin.json().classes).toHaveLength(2);
      const teacher = idToken({ email: GVBM });
      expect((await get('/api/me', teacher)).json().user.roles).toEqual(['gvbm']);
      const post = await app.inject({ method: 'POST', url: '/api/consolidate', headers: { authorization: `Bearer ${teacher}`, 'content-type': 'application/json' }, payload: { year: fx.year } });
      expect(post.statusCode).toBe(403);
      expect((await get('/api/me', idToken({ email: ADMIN, aud: 'someone-else' }))).statusCode).toBe(401);
      // no admin web page in Google mode (it would act as the admin without a login)
      expect((await get('/')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('lock and petition routes (server/locks/routes.ts) under the same auth', () => {
  it('401 without a token, 403 for a teacher, 200 for the admin', async () => {
    expect((await api(`/api/locks?year=${fx.year}`)).status).toBe(401);
    const t = await api(`/api/locks?year=${fx.year}`, { user: GVBM });
    expect(t.status).toBe(403);
    expect(t.json.error.code).toBe('PERMISSION_DENIED');
    const a = await api(`/api/locks?year=${fx.year}`, { user: ADMIN });
    expect(a.status).toBe(200);
    expect(a.json.year).toBe(fx.year);
  });
});

describe('API input validation and errors', () => {
  it('400 naming the bad field, in Vietnamese', async () => {
    const r = await api('/api/consolidate', { user: ADMIN, method: 'POST', body: { year: '2025/2026' } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('INVALID_ARGUMENT');
    expect(r.json.error.message).toContain('body.year');
    expect(r.json.error.message).toContain('năm học phải có dạng 2025-2026');
    const extra = await api('/api/consolidate', { user: ADMIN, method: 'POST', body: { year: fx.year, force: true } });
    expect(extra.status).toBe(400);
    expect(extra.json.error.message).toContain('force');
    const q = await api('/api/status?year=2025-2027', { user: ADMIN });
    expect(q.status).toBe(400);
    expect(q.json.error.message).toContain('query.year');
    const bad = await fetch(new URL('/api/consolidate', svc.url), { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: '{"year":' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/JSON/);
  });

  it('409 JSON when a year has no class book to consolidate (nothing written)', async () => {
    await writeControl(svc.backend, '2024-2025', [], []);
    svc.app.service.school.invalidate(); // (a new year otherwise shows within the 5 s cache)
    const r = await api('/api/consolidate', { user: ADMIN, method: 'POST', body: { year: '2024-2025' } });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('FAILED_PRECONDITION');
    expect(r.json.error.message).toContain('2024-2025');
    expect((await api('/api/summary?year=2024-2025', { user: ADMIN })).status).toBe(404);
  });

  it('404 JSON for an unknown year, an unknown route, a missing summary', async () => {
    const y = await api('/api/status?year=2019-2020', { user: ADMIN });
    expect(y.status).toBe(404);
    expect(y.json.error.message).toContain('2019-2020');
    const u = await api('/api/khong-co', { user: ADMIN });
    expect(u.status).toBe(404);
    expect(u.json.error.code).toBe('NOT_FOUND');
    const page = await api('/khong-co-trang-nay?x=<b>');
    expect(page.status).toBe(404);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('Không tìm thấy trang');
    expect(page.text).not.toContain('<b>');
    const s = await api(`/api/summary?year=${fx.year}`, { user: ADMIN });
    expect(s.status).toBe(404);
    expect(s.json.error.message).toMatch(/chưa được tổng hợp/);
  });
});

describe('admin web page', () => {
  it('answers the browser favicon request without a 404, and the doubled-slash home as home', async () => {
    expect((await api('/favicon.ico')).status).toBe(204);
    const base = svc.url.endsWith('/') ? svc.url : svc.url + '/';
    const home = await fetch(base + '/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('</html>');
  });
  it('home lists the classes with links to their books', async () => {
    const r = await api('/');
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.text).toContain('Trang quản trị — năm học 2025-2026');
    expect(r.text).toContain(`/so/${fx.books[0]!.id}`);
    expect(r.text).toContain(GVCN);
  });

  it('the grid view shows tabs and data as text, hides key rows and hidden tabs, Vietnamese numbers', async () => {
    const r = await api(`/so/${fx.books[0]!.id}`);
    expect(r.status).toBe(200);
    expect(r.text).not.toContain(EVIL);
    expect(r.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(r.text).not.toContain('KHOA_MAY');
    expect(r.text).not.toContain('_meta');
    expect(r.text).toContain('>Toán</a>');
    const toan = await api(`/so/${fx.books[0]!.id}?tab=${encodeURIComponent('Toán')}`);
    expect(toan.text).toContain('7,5');
    expect(toan.text).toContain('9,25');
    expect(toan.text).not.toMatch(/>7\.5</);
  });

  it('every link of the home page answers 200 with a page', async () => {
    const { home, pages } = await crawlFromHome(svc.url);
    expect(sameOriginLinks(home, svc.url).length).toBeGreaterThanOrEqual(8);
    expect(pages.some((p) => p.url.includes('/sidebar-preview/page/gvcn'))).toBe(true);
    expect(pages.flatMap(assertSanePage)).toEqual([]);
  });
});

describe('an empty data folder (hoso start --no-demo)', () => {
  it('home says there is no school year yet, and each of its links works', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hoso-web-empty-'));
    const s = await startService({ port: 0, dataDir: empty, demo: false, log: () => {} });
    try {
      const { home, pages } = await crawlFromHome(s.url);
      expect(home).toContain('Chưa có năm học nào');
      expect(pages.flatMap(assertSanePage)).toEqual([]);
      const status = await fetch(new URL('/api/status', s.url), { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(status.status).toBe(404);
      expect((await status.json()).error.message).toContain('Chưa có năm học nào');
    } finally {
      await s.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
