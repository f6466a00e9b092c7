// The built sidebars in headless Chromium, through the preview bridge (server/sidebar-preview): every click runs the
// built Code.js in node:vm over the local workspace's Apps Script facade as that user. Screenshots → test-output/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildForTest } from '../addon/built.ts';
import { ADMIN, createSchool, GV_GDTC, GV_TOAN, GVCN, readBook, type School } from '../addon/fixtures.ts';
import { launchChromium, screenshotPath, startPreview, type Preview } from './harness.ts';

const XSS = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("x")';

let browser: Browser;
let school: School;
let preview: Preview;
const dialogs: string[] = [];

beforeAll(async () => {
  const built = await buildForTest();
  school = createSchool({ students: 12, givenNames: ['An', XSS, FORMULA] });
  preview = await startPreview({ workspace: school.ws, distDir: built.outDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
});

async function open(page: string, user: string, ss = school.bookId): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 300, height: 900 } });
  p.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  p.on('pageerror', (e) => { throw e; });
  await p.goto(`${preview.url}/sidebar-preview/page/${page}?ss=${encodeURIComponent(ss)}&user=${encodeURIComponent(user)}`);
  return p;
}

describe('Giáo viên bộ môn', () => {
  it('shows missing marks with jump-to-cell, engine averages, and sends a problem report', async () => {
    const p = await open('gvbm', GV_TOAN);
    await p.waitForSelector('#missing-table');
    expect(await p.textContent('h1')).toBe('Giáo viên bộ môn');
    const missingText = await p.textContent('#missing-table');
    expect(missingText).toContain('HK II · ĐĐGck');
    // the XSS name is shown as text in the missing list (student HS002 has a missing mark)
    expect(missingText).toContain(XSS);
    expect(await p.locator('#missing-table img').count()).toBe(0);
    // jump to the cell: the bridge runs gotoCell with the cell of the row
    const goto = p.locator('[data-goto]').first();
    const target = await goto.getAttribute('data-goto');
    expect(target).toMatch(/^Toán!E?[A-Z]+\d+$/);
    await goto.click();
    await p.screenshot({ path: screenshotPath('gvbm-missing.png'), fullPage: true });
    await p.selectOption('#missing-term', 'HK1');
    expect(await p.textContent('#tab-body')).toContain('Học kì này đã nhập đủ điểm.');
    await p.selectOption('#missing-term', 'all');
    await p.waitForSelector('#missing-table');

    await p.click('[data-tab="averages"]');
    await p.waitForSelector('#averages-table');
    const rows = await p.locator('#averages-table tbody tr').count();
    expect(rows).toBe(12);
    const book = readBook(school.ws, school.bookId);
    const first = await p.locator('#averages-table tbody tr').first().locator('td').allTextContents();
    expect(first[0]).toBe(book.roster[0]!.name);
    expect(first[1]).toMatch(/^\d+,\d$/);
    await p.screenshot({ path: screenshotPath('gvbm-averages.png'), fullPage: true });

    await p.click('[data-tab="report"]');
    await p.fill('#report-cell', 'E7');
    await p.fill('#report-text', `Không nhập được điểm ${FORMULA}`);
    await p.click('#report-send');
    await p.waitForSelector('#report-result .banner.ok');
    const reports = school.ws.getValues(ADMIN, school.controlId, "'Báo lỗi'", { valueRenderOption: 'FORMULA' }).values ?? [];
    const last = reports[reports.length - 1]!;
    expect(last).toContain(GV_TOAN);
    expect(last.some((v) => typeof v === 'string' && v.endsWith(`Không nhập được điểm ${FORMULA}`))).toBe(true);
    await p.close();
  });

  it('a comment-subject teacher sees Đ/CĐ results', async () => {
    const p = await open('gvbm', GV_GDTC);
    await p.waitForSelector('#missing-table');
    await p.click('[data-tab="averages"]');
    await p.waitForSelector('#averages-table');
    expect(await p.locator('#averages-table tbody tr').first().locator('td').nth(1).textContent()).toBe('Đ');
    await p.close();
  });
});

describe('Giáo viên chủ nhiệm', () => {
  it('computes the class, explains, charts, and names stay text', async () => {
    const p = await open('gvcn', GVCN);
    await p.waitForSelector('#compute');
    expect(await p.textContent('#tab-body .banner.warn')).toContain('Chưa tính kết quả');
    await p.click('#compute');
    await p.waitForSelector('#compute-result .banner.ok', { timeout: 30_000 });
    expect(await p.textContent('#compute-result .banner.ok')).toContain('Đã tính 12 học sinh');
    const names = await p.locator('#students .student-name').allTextContents();
    expect(names).toContain(`Trần Thị ${XSS}`);
    expect(names).toContain(`Lê Minh ${FORMULA}`);
    expect(await p.locator('img').count()).toBe(0);
    await p.locator('#students .why summary').first().click();
    const why = await p.locator('#students .why').first().textContent();
    expect(why).toMatch(/TT22 Điều/);
    await p.screenshot({ path: screenshotPath('gvcn-results.png'), fullPage: true });
    await p.screenshot({ path: screenshotPath('gvcn-results-top.png') });

    // the Tổng hợp tab was written by the add-on: stamp present, results equal the engine's
    const book = readBook(school.ws, school.bookId);
    expect(book.summary.stamp).not.toBeNull();

    await p.click('[data-tab="stats"]');
    await p.waitForSelector('#chart svg');
    expect(await p.locator('#chart svg rect').count()).toBe(10);
    await p.screenshot({ path: screenshotPath('gvcn-stats.png'), fullPage: true });
    await p.close();
  });

  it('saves conduct and attendance', async () => {
    const p = await open('gvcn', GVCN);
    await p.waitForSelector('[data-tab="conduct"]');
    // computed by the previous test: the Tổng hợp stamp matches the marks
    expect(await p.textContent('#tab-body .banner.ok')).toContain('Tab Tổng hợp đang khớp với điểm hiện tại');
    await p.click('[data-tab="conduct"]');
    await p.selectOption('select[data-student="HS003"][data-term="HK2"]', 'Khá');
    await p.click('#conduct-save');
    await p.waitForSelector('#conduct-result .banner.ok');
    let book = readBook(school.ws, school.bookId);
    expect(book.students.find((s) => s.id === 'HS003')!.conduct.HK2).toBe('KHA');

    await p.click('[data-tab="attendance"]');
    await p.selectOption('#attendance-month', 'M10');
    await p.fill('input[data-student="HS004"][data-kind="K"]', '2');
    await p.click('#attendance-save');
    await p.waitForSelector('#attendance-result .banner.ok');
    book = readBook(school.ws, school.bookId);
    expect(book.cells.HS004!['attendance.M10.K']).toBeDefined();
    const absences = book.students.find((s) => s.id === 'HS004')!.absences;
    expect(absences).toBe(3 % 3 + 2);
    await p.screenshot({ path: screenshotPath('gvcn-attendance.png'), fullPage: true });
    await p.close();
  });

  it('refuses a subject teacher', async () => {
    const p = await open('gvcn', GV_TOAN);
    await p.waitForSelector('.banner.bad');
    expect(await p.textContent('.banner.bad')).toContain('Chỉ giáo viên chủ nhiệm');
    await p.close();
  });
});

describe('preview pages', () => {
  it('index lists the books with working links, and the framed page shows the log', async () => {
    const p = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await p.goto(`${preview.url}/sidebar-preview/`);
    await p.screenshot({ path: screenshotPath('preview-index.png') });
    const links = await p.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(3);
    await p.goto(links.find((l) => l.includes('/gvbm?'))!);
    const frame = p.frameLocator('iframe');
    await frame.locator('#missing-table').waitFor();
    await p.waitForSelector('#log li');
    expect(await p.textContent('#log')).toContain('gvbmLoad ✓');
    await p.screenshot({ path: screenshotPath('preview-frame.png') });
    await p.close();
  });

  it('never ran any injected script', () => {
    expect(dialogs).toEqual([]);
  });
});
