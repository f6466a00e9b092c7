// `hoso start` exactly as `npm start` runs it (a real child process, PORT from the environment, a fresh data
// folder): one address for workspace + service, the demo school on first start, every link of the home page,
// API auth, a screenshot in headless Chromium, and a restart that keeps the data and does not recreate the demo.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { assertSanePage, crawlAll, crawlFromHome, startHoso, type Running } from './helpers.ts';

const ADMIN = 'admin@thpt-hbt.edu.vn';
let dir: string;
let run: Running;

async function api(path: string, user?: string, init: RequestInit = {}) {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (user) headers.authorization = `Bearer ${user}`;
  const res = await fetch(new URL(path, run.url), { ...init, headers });
  return { status: res.status, json: (await res.json()) as any };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hoso-start-'));
  run = await startHoso(join(dir, 'data'));
}, 600_000);

afterAll(async () => {
  await run?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('hoso start on a fresh data folder', () => {
  it('prints one line with the loopback address and creates the demo school', async () => {
    const lines = run.stdout().split('\n').filter((l) => l.includes('http://127.0.0.1:'));
    expect(lines).toHaveLength(1);
    // nothing announces the address before it is ready (a watcher of stdout+stderr starts on the first one)
    expect(run.stderr()).not.toContain('http://127.0.0.1:');
    expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(run.stderr()).toContain('đang tạo trường mẫu');
    const status = await api('/api/status', ADMIN);
    expect(status.status).toBe(200);
    expect(status.json.classes.length).toBeGreaterThanOrEqual(3);
    for (const c of status.json.classes) {
      expect(c.students).toBeGreaterThan(0);
      expect(c.completion).toBe(1);
      expect(c.problem).toBeUndefined();
    }
  });

  it('serves the local workspace on the same address', async () => {
    const stats = await (await fetch(new URL('_local/stats', run.url))).json();
    expect(stats.byMethod['sheets.spreadsheets.values.batchUpdate']).toBeGreaterThan(0);
  });

  it('the first start also consolidated the demo year: the summary is there, with no data errors', async () => {
    expect(run.stderr()).toMatch(/Đã tổng hợp năm học \d{4}-\d{4}: [1-9]\d* lớp, [1-9]\d* học sinh, 0 lỗi dữ liệu/);
    const s = await api('/api/summary', ADMIN);
    expect(s.status).toBe(200);
    const titles = s.json.tabs.map((t: { title: string }) => t.title);
    expect(titles.length).toBeGreaterThanOrEqual(5);
    expect(s.json.tabs.some((t: { charts: unknown[] }) => t.charts.length > 0)).toBe(true);
  });

  it('every link of the home page works', async () => {
    const { home, pages } = await crawlFromHome(run.url);
    expect(home).toContain('Trang quản trị');
    expect(pages.length).toBeGreaterThanOrEqual(15);
    expect(pages.flatMap(assertSanePage)).toEqual([]);
    // clean demo data: no page shows an error block
    expect(pages.filter((p) => p.body.includes('class="err"')).map((p) => p.url)).toEqual([]);
    // every class book's grid view and the sidebars are among them
    const status = await api('/api/status', ADMIN);
    for (const c of status.json.classes) expect(pages.some((p) => p.url.includes(`/so/${c.spreadsheetId}`))).toBe(true);
    for (const page of ['admin', 'gvcn', 'gvbm']) expect(pages.some((p) => p.url.includes(`/sidebar-preview/page/${page}`))).toBe(true);
  });

  it('every page reachable from home, at any depth, works too', { timeout: 240_000 }, async () => {
    const pages = await crawlAll(run.url, 600);
    expect(pages.length).toBeLessThan(600);
    expect(pages.flatMap(assertSanePage)).toEqual([]);
    // grid views of every tab of a book, and every summary tab, are among them
    expect(pages.filter((p) => p.url.includes('/so/') && p.url.includes('tab=')).length).toBeGreaterThan(10);
    expect(pages.filter((p) => p.url.includes('/tong-hop?') && p.url.includes('tab=')).length).toBeGreaterThanOrEqual(5);
  });

  it('API auth: 401 without a token, 403 for a teacher on admin routes, a teacher sees their class only', async () => {
    expect((await api('/api/status')).status).toBe(401);
    const status = await api('/api/status', ADMIN);
    // a homeroom teacher who does not teach in every class (so the filter is visible)
    let first: { id: string; homeroomTeacher: string } | undefined;
    let me: Awaited<ReturnType<typeof api>> | undefined;
    let own = new Set<string>();
    for (const c of status.json.classes) {
      me = await api('/api/me', c.homeroomTeacher);
      own = new Set<string>([...me.json.user.homeroomClasses, ...me.json.user.assignments.map((a: { classId: string }) => a.classId)]);
      first = c;
      if (own.size < status.json.classes.length) break;
    }
    expect(own.size).toBeLessThan(status.json.classes.length);
    const teacher = first!.homeroomTeacher;
    expect(me!.json.user.roles).toContain('gvcn');
    expect(me!.json.user.homeroomClasses).toEqual([first!.id]);
    const c = await api('/api/consolidate', teacher, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ year: status.json.year }) });
    expect(c.status).toBe(403);
    expect(c.json.error.code).toBe('PERMISSION_DENIED');
    expect((await api('/api/summary', teacher)).status).toBe(403);
    const mine = await api('/api/status', teacher);
    expect(mine.json.classes.map((k: { id: string }) => k.id).sort()).toEqual([...own].sort());
    const report = await api('/api/reports/completion', teacher);
    expect(report.status).toBe(200);
    expect(report.json.classes.map((k: { classId: string }) => k.classId)).toEqual([first!.id]);
  });

  it('renders the home page in headless Chromium (screenshot in test-output/)', async () => {
    mkdirSync('test-output', { recursive: true });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(run.url);
      await expect(page.locator('h2').first()).toBeTruthy();
      expect(await page.locator('#bang-lop tbody tr').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(3);
      await page.screenshot({ path: 'test-output/web-home.png', fullPage: true });
      expect(errors).toEqual([]);
      // no CDN, no network: every request stays on this address
      expect(requests.filter((u) => !u.startsWith(run.url))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('stops cleanly on SIGTERM and a restart keeps the data without recreating the demo', { timeout: 240_000 }, async () => {
    const before = await api('/api/status', ADMIN);
    // the school's spreadsheets (books, control), as Drive lists them to the admin
    const schoolFiles = async () => {
      const q = encodeURIComponent("mimeType = 'application/vnd.google-apps.spreadsheet' and trashed = false");
      const res = await fetch(new URL(`drive/v3/files?q=${q}&pageSize=1000&fields=files(id)`, run.url), { headers: { authorization: `Bearer ${ADMIN}` } });
      return ((await res.json()).files as { id: string }[]).map((f) => f.id).sort();
    };
    const files = await schoolFiles();
    expect(files.length).toBeGreaterThanOrEqual(before.json.classes.length + 1);
    expect(await run.stop('SIGTERM')).toBe(0);
    run = await startHoso(join(dir, 'data'));
    expect(run.stderr()).not.toContain('đang tạo trường mẫu');
    expect(run.stderr()).toContain('không tạo trường mẫu');
    const after = await api('/api/status', ADMIN);
    expect(after.json.classes.map((c: { spreadsheetId: string }) => c.spreadsheetId)).toEqual(before.json.classes.map((c: { spreadsheetId: string }) => c.spreadsheetId));
    expect(await schoolFiles()).toEqual(files);
    expect((await api('/api/summary', ADMIN)).status).toBe(200);
    expect(await run.stop('SIGINT')).toBe(0);
  });

  it('`npm start` (HOSO_DATA, PORT) serves the same data; stopping npm stops the server too', { timeout: 240_000 }, async () => {
    run = await startHoso(join(dir, 'data'), {}, 600_000, true);
    expect(run.stderr()).toContain('không tạo trường mẫu');
    expect((await api('/api/status', ADMIN)).status).toBe(200);
    const url = run.url;
    await run.stop('SIGTERM'); // npm itself dies of the signal (no exit code)
    // the server (npm's child) must not outlive npm: the port closes within a few seconds
    let open = true;
    for (let i = 0; i < 40 && open; i++) {
      await new Promise((r) => setTimeout(r, 250));
      open = await fetch(url).then(
        () => true,
        () => false,
      );
    }
    expect(open).toBe(false);
  });
});
