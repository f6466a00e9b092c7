// End to end as `npm start` runs it: the local workspace, the service API and the sidebar preview on one address,
// a demo school provisioned by the service (createDemo), and the sidebars in Chromium calling the REAL service
// through UrlFetchApp with the user's identity token: Quản trị (status, consolidation, completion, petitions) and the
// GVBM's Đơn đề nghị mở khóa after the admin locked HK I.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startService, type StartedService } from '../../server/api/start-service.ts';
import { createDemo, type DemoResult } from '../../server/demo/index.ts';
import type { Workspace } from '../../server/local/workspace.ts';
import { readBook } from '../addon/fixtures.ts';
import { launchChromium, screenshotPath } from './harness.ts';

let started: StartedService;
let demo: DemoResult;
let browser: Browser;

beforeAll(async () => {
  started = await startService({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'hoso-e2e-')), demo: false, log: () => {} });
  demo = await createDemo(started.backend, { classes: 1, students: 8, seed: 11 });
  started.app.service.school.invalidate();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await started?.close();
});

async function open(page: string, ss: string, user: string): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 300, height: 1000 } });
  p.on('pageerror', (e) => { throw e; });
  await p.goto(`${started.url}sidebar-preview/page/${page}?ss=${encodeURIComponent(ss)}&user=${encodeURIComponent(user)}`);
  return p;
}

describe('Quản trị sidebar → service API', () => {
  it('shows every class, consolidates and lists teachers with missing marks', async () => {
    const p = await open('admin', demo.controlSpreadsheetId, demo.admin);
    await p.waitForSelector('#status-table');
    expect(await p.locator('#status-table tbody tr').count()).toBe(demo.classes.length);
    expect(await p.textContent('#status-table')).toContain(demo.classes[0]!.name);
    await p.click('[data-tab="consolidate"]');
    await p.click('#consolidate');
    await p.waitForSelector('#consolidate-result .banner', { timeout: 60_000 });
    expect(await p.textContent('#consolidate-result')).toContain(`Đã tổng hợp ${demo.classes.length} lớp`);
    await p.click('#report-completion');
    await p.waitForSelector('#consolidate-result h3');
    await p.screenshot({ path: screenshotPath('admin-consolidate.png'), fullPage: true });
    await p.close();
  });
});

describe('Đơn đề nghị mở khóa: GVBM files, the principal approves', () => {
  it('goes from the GVBM sidebar to the admin sidebar through the service', async () => {
    const cls = demo.classes[0]!;
    const lock = await fetch(`${started.url}api/locks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ term: 'HK1', classId: cls.id, force: true }),
    });
    expect(lock.status).toBe(200);

    const teacher = demo.teachers.find((t) => t.teaches.some((x) => x.classId === cls.id && x.subject === 'TOAN'))!;
    const ws = started.app.service.workspace as Workspace;
    const book = readBook(ws, cls.spreadsheetId, demo.admin);
    const student = book.roster[0]!;
    const ref = book.cells[student.id]!['TOAN.HK1.gk']!;
    const a1 = ref.slice(ref.indexOf('!') + 1);

    const p = await open('gvbm', cls.spreadsheetId, teacher.email);
    await p.waitForSelector('[data-tab="petition"]');
    await p.click('[data-tab="petition"]');
    await p.selectOption('#petition-term', 'HK1');
    await p.selectOption('.p-student', student.id);
    await p.selectOption('.p-column', 'HK1.gk');
    expect(await p.textContent('.p-where')).toContain(`Ô ${a1} · điểm hiện tại: `);
    await p.fill('.p-new', '9,9');
    await p.fill('#petition-reason', 'Chép nhầm điểm giữa kì từ sổ cá nhân');
    await p.click('#petition-send');
    await p.waitForSelector('#petition-result .banner', { timeout: 30_000 });
    const filed = await p.textContent('#petition-result');
    expect(filed).toMatch(/Đã gửi đơn đề nghị mở khóa \(mã DMK-/);
    await p.screenshot({ path: screenshotPath('gvbm-petition.png'), fullPage: true });
    await p.close();

    const admin = await open('admin', demo.controlSpreadsheetId, demo.admin);
    await admin.waitForSelector('[data-tab="petitions"]');
    await admin.click('[data-tab="petitions"]');
    await admin.waitForSelector('.petition');
    expect(await admin.textContent('.petition')).toContain(`${ref}: `);
    expect(await admin.textContent('.petition')).toContain('→ 9,9');
    await admin.click('.petition button.primary');
    await admin.waitForSelector('.petition .pill.ok', { timeout: 30_000 });
    expect(await admin.textContent('.petition .pill')).toBe('Đã duyệt — đang mở sửa');
    await admin.screenshot({ path: screenshotPath('admin-petitions.png'), fullPage: true });
    // the principal closes the window early: the petition ends "Đã đóng"
    await admin.click('.petition button.close-window');
    await admin.waitForSelector('.petition .pill.info', { timeout: 30_000 });
    expect(await admin.textContent('.petition .pill')).toBe('Đã đóng');
    await admin.close();
  });

  it('after the lock, the GVCN still computes the class: locked terms are left as locked', async () => {
    const cls = demo.classes[0]!;
    // the owner changes a locked HK I mark (as `hoso verify` would catch): HK I results now differ from the locked ones
    const ws = started.app.service.workspace as Workspace;
    const book = readBook(ws, cls.spreadsheetId, demo.admin);
    const ref = book.cells[book.roster[1]!.id]!['TOAN.HK1.ck']!;
    const before = ws.getValues(demo.admin, cls.spreadsheetId, ref).values?.[0]?.[0];
    ws.updateValues(demo.admin, cls.spreadsheetId, ref, { values: [[before === 2 ? 9 : 2]] }, { valueInputOption: 'RAW' });
    const p = await open('gvcn', cls.spreadsheetId, cls.homeroomTeacher!);
    await p.waitForSelector('#compute');
    await p.click('#compute');
    await p.waitForSelector('#compute-result .banner', { timeout: 30_000 });
    const text = await p.textContent('#compute-result');
    expect(text).toContain(`Đã tính ${cls.students} học sinh`);
    expect(text).toContain('Sổ đã khóa học kì 1');
    await p.close();
  });

  it('a GVBM report lands in the control spreadsheet of the provisioned school (Điều 9.6)', async () => {
    const cls = demo.classes[0]!;
    const teacher = demo.teachers.find((t) => t.teaches.some((x) => x.classId === cls.id))!;
    const p = await open('gvbm', cls.spreadsheetId, teacher.email);
    await p.waitForSelector('[data-tab="report"]');
    await p.click('[data-tab="report"]');
    await p.fill('#report-text', 'Không thấy cột ĐĐGtx 4');
    await p.click('#report-send');
    await p.waitForSelector('#report-result .banner');
    expect(await p.textContent('#report-result')).toContain('Đã gửi báo lỗi');
    await p.close();
    const ws = started.app.service.workspace as Workspace;
    const rows = ws.getValues(demo.admin, demo.controlSpreadsheetId, "'Báo lỗi'").values ?? [];
    expect(rows.some((r) => r.includes(teacher.email) && r.some((v) => String(v).includes('Không thấy cột ĐĐGtx 4')))).toBe(true);
  });

  it('a teacher cannot decide: the service refuses the admin target', async () => {
    const cls = demo.classes[0]!;
    const teacher = demo.teachers.find((t) => t.teaches.some((x) => x.classId === cls.id))!;
    const r = await fetch(`${started.url}sidebar-preview/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ss: demo.controlSpreadsheetId, user: teacher.email, fn: 'adminConsolidate', args: [] }),
    });
    const res = (await r.json()) as { ok: boolean; error?: string };
    expect(res.ok).toBe(false);
    expect(res.error).toMatch(/Ban quản trị/);
  });
});
