// Spreadsheet text is data, never markup: a student named like an XSS payload, typed into a real demo book,
// flows through consolidation into rankings and lists; every admin page shows it as text and Chromium runs
// nothing (no dialog, no page error).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../server/demo/index.ts';
import { startService, type StartedService } from '../../server/api/start-service.ts';
import { launchChromium } from './browser.ts';
import { assertSanePage, crawlFromHome } from './helpers.ts';
import { EVIL } from './fixture.ts';

const ADMIN = 'admin@thpt-hbt.edu.vn';
const FORMULA = '=HYPERLINK("http://x","bấm")';
let svc: StartedService;
let dir: string;
let bookId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hoso-web-esc-'));
  svc = await startService({ port: 0, dataDir: dir, demo: false, log: () => {} });
  const demo = await createDemo(svc.backend, { classes: 2, students: 6, seed: 11, log: () => {} });
  bookId = demo.classes[0]!.spreadsheetId;
  // The admin renames two students of the first book (roster tab, given-name column found by its hidden key).
  const sheets = svc.backend.sheets();
  const roster = (await sheets.spreadsheets.values.get({ spreadsheetId: bookId, range: "'Danh sách'", valueRenderOption: 'UNFORMATTED_VALUE' })).data.values ?? [];
  const col = (roster[0] ?? []).indexOf('givenName');
  expect(col).toBeGreaterThanOrEqual(0);
  const letter = String.fromCharCode(65 + col);
  await sheets.spreadsheets.values.batchUpdate({
    spreadsheetId: bookId,
    requestBody: { valueInputOption: 'RAW', data: [{ range: `'Danh sách'!${letter}5:${letter}6`, values: [[EVIL], [FORMULA]] }] },
  });
  const res = await fetch(new URL('/api/consolidate', svc.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ year: demo.year }),
  });
  expect(res.status).toBe(200);
}, 300_000);

const rosterUrl = () => new URL(`/so/${bookId}?tab=${encodeURIComponent('Danh sách')}`, svc.url).href;

afterAll(async () => {
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile spreadsheet text on the admin pages', () => {
  it('is escaped on every page reachable from home', async () => {
    const { home, pages } = await crawlFromHome(svc.url);
    const all = [{ url: svc.url, body: home }, ...pages];
    expect(pages.flatMap(assertSanePage)).toEqual([]);
    for (const p of all) expect(p.body, p.url).not.toContain(EVIL);
    const shown = all.filter((p) => p.body.includes('&lt;img src=x onerror=alert(1)&gt;'));
    // a ranking/list page shows the name, as text; so does the roster tab of the book's grid view
    expect(shown.some((p) => p.url.includes('/tong-hop'))).toBe(true);
    const grid = await (await fetch(rosterUrl())).text();
    expect(grid).not.toContain(EVIL);
    expect(grid).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(grid).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;bấm&quot;)');
  });

  it('runs nothing in Chromium', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const events: string[] = [];
      page.on('dialog', (d) => {
        events.push(`dialog ${d.message()}`);
        void d.dismiss();
      });
      page.on('pageerror', (e) => events.push(String(e)));
      for (const url of [svc.url, rosterUrl(), new URL(`/tong-hop?tab=${encodeURIComponent('Xếp hạng theo lớp')}`, svc.url).href]) {
        await page.goto(url);
        await page.waitForLoadState('load');
      }
      await page.goto(rosterUrl());
      await expect(page.getByText(EVIL, { exact: true }).count()).resolves.toBe(1);
      await expect(page.getByText(FORMULA, { exact: true }).count()).resolves.toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      expect(events).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
