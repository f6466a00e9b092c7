// The BUILT add-on (Code.js) loaded into node:vm with the local workspace's Apps Script facade, acting as the GVBM,
// the GVCN and the admin: triggers, menu handlers, every google.script.run target, and the call budgets.
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.ts';
import { FLAG_COLORS, FLAG_PREFIX } from '../../src/addon/flags.ts';
import { loadAddon, callInContext, projectFiles, type LoadedAddon } from '../../server/sidebar-preview/runner.ts';
import { createAppsScriptRuntime, type AppsScriptRuntime } from '../../server/sidebar-preview/facade.ts';
import { buildForTest } from './built.ts';
import { ADMIN, createSchool, GV_GDTC, GV_TOAN, GVCN, readBook, type School } from './fixtures.ts';

let addon: LoadedAddon;

beforeAll(async () => {
  addon = await loadAddon((await buildForTest()).outDir);
});

interface Ui {
  menus: Array<{ name: string; addon: boolean; items: Array<{ caption?: string; functionName?: string; separator?: boolean }> }>;
  sidebars: Array<{ title: string; html: string }>;
  toasts: Array<{ message: string; title: string }>;
}

async function runtimeFor(school: School, user: string, ss = school.bookId, extra: Record<string, unknown> = {}): Promise<AppsScriptRuntime> {
  return createAppsScriptRuntime({ workspace: school.ws, user, activeSpreadsheetId: ss, files: projectFiles(addon), ...extra });
}

/** A google.script.run call: JSON-like arguments and result. */
function call(rt: AppsScriptRuntime, fn: string, ...args: unknown[]): unknown {
  return JSON.parse(JSON.stringify(callInContext(addon, rt, fn, JSON.parse(JSON.stringify(args))) ?? null));
}

/** A trigger call: the event object goes in as Apps Script builds it (live Range objects). */
function trigger(rt: AppsScriptRuntime, fn: string, e: unknown): void {
  callInContext(addon, rt, fn, [e]);
}

function ui(rt: AppsScriptRuntime): Ui {
  return rt.ui as Ui;
}

function captions(rt: AppsScriptRuntime): string[] {
  const menu = ui(rt).menus.at(-1)!;
  expect(menu.addon).toBe(true);
  return menu.items.filter((i) => !i.separator).map((i) => i.caption!);
}

/** A cell of the subject tab of `code` for a student, as the facade's Range (what Apps Script passes as e.range). */
function rangeOf(rt: AppsScriptRuntime, school: School, studentId: string, field: string) {
  const ref = readBook(school.ws, school.bookId).cells[studentId]![field]!;
  const SpreadsheetApp = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return SpreadsheetApp.getActiveSpreadsheet().getRange(ref);
}

/** The user types into the cell (USER_ENTERED, vi_VN), then Apps Script fires onEdit with e.range. */
function typeAndEdit(rt: AppsScriptRuntime, school: School, user: string, studentId: string, field: string, typed: string, input: 'USER_ENTERED' | 'RAW' = 'USER_ENTERED') {
  const ref = readBook(school.ws, school.bookId).cells[studentId]![field]!;
  school.ws.batchUpdateValues(user, school.bookId, { valueInputOption: input, data: [{ range: ref, values: [[typed]] }] });
  const e = rt.editEvent!(ref, { value: typed });
  rt.reset();
  ui(rt).toasts.length = 0;
  trigger(rt, 'onEdit', e);
  const calls = rt.calls.total;
  const look = rangeOf(rt, school, studentId, field);
  return { note: look.getNote(), background: look.getBackground(), value: look.getValue(), toasts: [...ui(rt).toasts], calls };
}

describe('onOpen / onInstall / menu', () => {
  it('builds the add-on menu by role', async () => {
    const school = createSchool({ students: 5 });
    const gvbm = await runtimeFor(school, GV_TOAN);
    call(gvbm, 'onOpen', { authMode: 'LIMITED' });
    expect(captions(gvbm)).toEqual(['Giáo viên bộ môn', 'Kiểm tra điểm', 'Hướng dẫn']);

    const gvcn = await runtimeFor(school, GVCN);
    call(gvcn, 'onInstall', { authMode: 'FULL' });
    expect(captions(gvcn)).toEqual(['Giáo viên chủ nhiệm', 'Kiểm tra điểm', 'Hướng dẫn']);

    const admin = await runtimeFor(school, ADMIN, school.controlId);
    call(admin, 'onOpen', { authMode: 'LIMITED' });
    expect(captions(admin)).toEqual(['Quản trị', 'Hướng dẫn']);

    // AuthMode.NONE: nothing may be read, every item is offered
    const none = await runtimeFor(school, GV_TOAN);
    none.reset?.();
    call(none, 'onOpen', { authMode: 'NONE' });
    expect(captions(none)).toEqual(['Giáo viên bộ môn', 'Giáo viên chủ nhiệm', 'Quản trị', 'Kiểm tra điểm', 'Hướng dẫn']);
    expect(Object.keys(none.calls.byMethod).filter((m) => !m.startsWith('Ui.') && !m.startsWith('Menu.') && !m.startsWith('SpreadsheetApp.getUi'))).toEqual([]);
    for (const item of ui(none).menus.at(-1)!.items) if (item.functionName) expect(addon.globals).toContain(item.functionName);
  });

  it('menu items open the built sidebars', async () => {
    const school = createSchool({ students: 3 });
    const rt = await runtimeFor(school, GV_TOAN);
    call(rt, 'menuGvbm');
    call(rt, 'menuHuongDan');
    const bars = ui(rt).sidebars;
    expect(bars.map((b) => b.title)).toEqual(['Hồ sơ điện tử — Giáo viên bộ môn', 'Hồ sơ điện tử — Hướng dẫn']);
    expect(bars[0]!.html).toBe(addon.pages.get('SidebarGvbm'));
  });
});

describe('onEdit', () => {
  it('flags bad marks without touching them, and a good mark restores the cell', async () => {
    const school = createSchool({ students: 6 });
    const rt = await runtimeFor(school, GV_TOAN);
    // a teacher's own note on the cell, and its original colour
    const cell = rangeOf(rt, school, 'HS003', 'TOAN.HK1.tx.1');
    cell.setNote('Kiểm tra bù ngày 12/10');
    const originalBg = cell.getBackground();

    for (const [typed, input] of [['11', 'USER_ENTERED'], ['7,55', 'USER_ENTERED'], ['abc', 'USER_ENTERED'], ['7,5', 'RAW']] as const) {
      const r = typeAndEdit(rt, school, GV_TOAN, 'HS003', 'TOAN.HK1.tx.1', typed, input);
      expect(r.note.startsWith(FLAG_PREFIX), `${typed}: ${r.note}`).toBe(true);
      expect(r.note).toContain('Kiểm tra bù ngày 12/10');
      expect(r.background).toBe(FLAG_COLORS.error);
      expect(r.toasts).toHaveLength(1);
      expect(r.toasts[0]!.message).toContain('Giá trị được giữ nguyên');
      expect(String(r.value).replace('.', ',')).toBe(typed === '7,55' ? '7,55' : typed); // never changed or deleted
    }
    const good = typeAndEdit(rt, school, GV_TOAN, 'HS003', 'TOAN.HK1.tx.1', '7,5');
    expect(good.value).toBe(7.5);
    expect(good.note).toBe('Kiểm tra bù ngày 12/10');
    expect(good.background).toBe(originalBg);
    expect(good.toasts[0]!.message).toContain('Đã sửa đúng');
  });

  it('Đ/CĐ typos: "D " is a warning, "đạt?" an error; "Đ" clears', async () => {
    const school = createSchool({ students: 4 });
    const rt = await runtimeFor(school, GV_GDTC);
    const warn = typeAndEdit(rt, school, GV_GDTC, 'HS002', 'GDTC.HK1.gk', 'D ');
    expect(warn.background).toBe(FLAG_COLORS.warning);
    expect(warn.value).toBe('D ');
    const bad = typeAndEdit(rt, school, GV_GDTC, 'HS002', 'GDTC.HK1.gk', 'đạt?');
    expect(bad.background).toBe(FLAG_COLORS.error);
    expect(bad.note).toContain('đạt?');
    const ok = typeAndEdit(rt, school, GV_GDTC, 'HS002', 'GDTC.HK1.gk', 'Đ');
    expect(ok.note).toBe('');
  });

  it('finds the columns by their hidden keys after a row was inserted above the header', async () => {
    const school = createSchool({ students: 4 });
    const meta = school.ws.getSpreadsheet(ADMIN, school.bookId) as { sheets: Array<{ properties: { sheetId: number; title: string } }> };
    const sheetId = meta.sheets.find((s) => s.properties.title === 'Toán')!.properties.sheetId;
    school.ws.batchUpdate(ADMIN, school.bookId, { requests: [{ insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 1 } } }] });
    const rt = await runtimeFor(school, GV_TOAN);
    const r = typeAndEdit(rt, school, GV_TOAN, 'HS002', 'TOAN.HK1.ck', '11');
    expect(r.background).toBe(FLAG_COLORS.error);
    const ok = typeAndEdit(rt, school, GV_TOAN, 'HS002', 'TOAN.HK1.ck', '9');
    expect(ok.note).toBe('');
  });

  it('uses the same number of calls for 10 and 45 students, and ignores non-mark cells', async () => {
    const counts: number[] = [];
    for (const n of [10, 45]) {
      const school = createSchool({ students: n });
      const rt = await runtimeFor(school, GV_TOAN);
      counts.push(typeAndEdit(rt, school, GV_TOAN, `HS00${n === 10 ? 7 : 8}`, 'TOAN.HK1.ck', '12').calls);
      const comment = typeAndEdit(rt, school, GV_TOAN, 'HS001', 'TOAN.HK1.nx', '12 bài tốt');
      expect(comment.note).toBe('');
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(16);
  });
});

describe('Kiểm tra điểm (whole book)', () => {
  it('flags the unreadable cells of the user\'s own part, counts the others, clears once fixed', async () => {
    const school = createSchool({ students: 6 });
    const cells = readBook(school.ws, school.bookId).cells;
    school.ws.batchUpdateValues(ADMIN, school.bookId, { valueInputOption: 'RAW', data: [
      { range: cells.HS001!['TOAN.HK1.gk']!, values: [['8,5']] },
      { range: cells.HS002!['GDTC.HK2.tx.1']!, values: [['Dat roi']] },
      { range: cells.HS003!['conduct.HK1']!, values: [['Giỏi']] },
      { range: cells.HS004!['attendance.M10.P']!, values: [[40]] },
    ] });
    const flaggedAt = (rt: AppsScriptRuntime, id: string, field: string) => {
      const r = (rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet().getRange(cells[id]![field]!);
      return r.getNote().startsWith(FLAG_PREFIX) && r.getBackground() === FLAG_COLORS.error;
    };
    const gvbm = await runtimeFor(school, GV_TOAN);
    call(gvbm, 'menuKiemTraDiem');
    expect(ui(gvbm).toasts.at(-1)!.message).toBe('Có 1 ô nhập chưa hợp lệ, đã tô màu và ghi chú. Máy không sửa hay xóa giá trị nào. 3 ô sai thuộc phần của giáo viên khác (họ sẽ thấy khi kiểm tra).');
    expect(flaggedAt(gvbm, 'HS001', 'TOAN.HK1.gk')).toBe(true);
    expect(flaggedAt(gvbm, 'HS002', 'GDTC.HK2.tx.1')).toBe(false);

    const gvcn = await runtimeFor(school, GVCN);
    call(gvcn, 'menuKiemTraDiem');
    expect(ui(gvcn).toasts.at(-1)!.message).toContain('Có 2 ô nhập chưa hợp lệ');
    expect(flaggedAt(gvcn, 'HS003', 'conduct.HK1')).toBe(true);
    expect(flaggedAt(gvcn, 'HS004', 'attendance.M10.P')).toBe(true);

    const owner = await runtimeFor(school, ADMIN);
    call(owner, 'menuKiemTraDiem');
    expect(flaggedAt(owner, 'HS002', 'GDTC.HK2.tx.1')).toBe(true);
    // the value is never touched
    expect((owner.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet().getRange(cells.HS001!['TOAN.HK1.gk']!).getValue()).toBe('8,5');

    school.ws.batchUpdateValues(GV_TOAN, school.bookId, { valueInputOption: 'USER_ENTERED', data: [{ range: cells.HS001!['TOAN.HK1.gk']!, values: [['8,5']] }] });
    gvbm.reset();
    call(gvbm, 'menuKiemTraDiem');
    expect(ui(gvbm).toasts.at(-1)!.message).toContain('Phần của thầy/cô không có ô nào nhập sai. Đã bỏ đánh dấu 1 ô đã sửa đúng.');
    expect(flaggedAt(gvbm, 'HS001', 'TOAN.HK1.gk')).toBe(false);
  });
});

describe('google.script.run targets', () => {
  it('gvbmLoad as GVBM: own subjects, missing marks with cells, averages from the engine', async () => {
    const school = createSchool({ students: 8 });
    const rt = await runtimeFor(school, GV_TOAN);
    const data = call(rt, 'gvbmLoad') as { subjects: Array<{ code: string; sheet: string; missing: Array<{ studentId: string; label: string; cell: { sheet: string; a1: string } }>; rows: Array<{ studentId: string; HK1: unknown; HK2: unknown; CN: unknown; provisional: { HK2: unknown } }> }> };
    expect(data.subjects.map((s) => s.code)).toEqual(['TOAN']);
    const toan = data.subjects[0]!;
    expect(toan.missing).toEqual([{ studentId: 'HS002', studentName: expect.any(String), label: 'HK II · ĐĐGck', cell: { sheet: toan.sheet, a1: expect.stringMatching(/^[A-Z]+\d+$/) } }]);
    const book = readBook(school.ws, school.bookId);
    const engine = evaluate(book.input);
    for (const row of toan.rows) {
      const want = engine.students.find((s) => s.id === row.studentId)!.subjects.find((s) => s.code === 'TOAN')!;
      expect([row.HK1, row.HK2, row.CN]).toEqual([want.HK1, want.HK2, want.CN]);
    }
    expect(toan.rows.find((r) => r.studentId === 'HS002')!.HK2).toBeNull();

    // gotoCell activates the missing cell
    call(rt, 'gotoCell', toan.missing[0]!.cell);
    const active = (rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet().getActiveRange()!;
    expect(active.getA1Notation()).toBe(toan.missing[0]!.cell.a1);
    expect(active.getSheet().getName()).toBe(toan.sheet);
  });

  it('provisional averages come from the engine over the marks entered so far', async () => {
    const school = createSchool({ students: 4 });
    const ref = readBook(school.ws, school.bookId).cells.HS003!['TOAN.HK2.tx.4']!;
    school.ws.batchClearValues(GV_TOAN, school.bookId, [ref]);
    const rt = await runtimeFor(school, GV_TOAN);
    const data = call(rt, 'gvbmLoad') as { subjects: Array<{ rows: Array<{ studentId: string; HK2: unknown; provisional: { HK2: unknown } }> }> };
    const row = data.subjects[0]!.rows.find((r) => r.studentId === 'HS003')!;
    expect(row.HK2).toBeNull();
    const input = readBook(school.ws, school.bookId).input;
    const st = input.students.find((s) => s.id === 'HS003')!;
    const sub = st.subjects.find((s) => s.code === 'TOAN')!;
    const partial = evaluate({ regulation: 'TT22', students: [{ ...st, subjects: [{ ...sub, periodsPerYear: undefined, HK2: { ...sub.HK2, tx: sub.HK2.tx.filter((m) => m !== null) } }] }] });
    expect(row.provisional.HK2).toBe(partial.students[0]!.subjects[0]!.HK2);
    expect(typeof row.provisional.HK2).toBe('number');
  });

  it('gvbmLoad as GVCN (not a subject teacher) lists no subject; GVCN targets refuse a GVBM', async () => {
    const school = createSchool({ students: 3 });
    const asGvcn = await runtimeFor(school, GVCN);
    expect((call(asGvcn, 'gvbmLoad') as { subjects: unknown[] }).subjects).toEqual([]);
    const asGvbm = await runtimeFor(school, GV_TOAN);
    expect(() => call(asGvbm, 'gvcnComputeClass')).toThrow(/Chỉ giáo viên chủ nhiệm/);
    expect(() => call(asGvbm, 'gvcnSaveConduct', [{ studentId: 'HS001', term: 'HK1', value: 'Khá' }])).toThrow(/Chỉ giáo viên chủ nhiệm/);
    // the book's owner (the school's admin account) may act for an absent GVCN
    const asOwner = await runtimeFor(school, ADMIN);
    expect((call(asOwner, 'gvcnComputeClass') as { students: unknown[] }).students).toHaveLength(3);
  });

  it('gvbmReportProblem appends to the control spreadsheet as text, never a formula', async () => {
    const school = createSchool({ students: 3 });
    const rt = await runtimeFor(school, GV_TOAN);
    const r = call(rt, 'gvbmReportProblem', { subject: 'Toán', kind: 'Lỗi nhập điểm / hệ thống', cell: 'E7', description: '=HYPERLINK("x")' }) as { message: string };
    expect(r.message).toContain('Đã gửi');
    const rows = school.ws.getValues(ADMIN, school.controlId, "'Báo lỗi'", { valueRenderOption: 'FORMULA' }).values!;
    expect(rows).toHaveLength(3);
    const row = rows[2]!;
    expect(row[1]).toBe(GV_TOAN);
    expect(row[7]).toBe('[Lỗi nhập điểm / hệ thống] =HYPERLINK("x")');
    expect(() => call(rt, 'gvbmReportProblem', { description: '  ' })).toThrow(/mô tả/);
  });

  it('gvcnComputeClass writes Tổng hợp and the computed columns with the engine results', async () => {
    const school = createSchool({ students: 10 });
    const rt = await runtimeFor(school, GVCN);
    const result = call(rt, 'gvcnComputeClass') as { students: Array<{ id: string; outcome: string | null; reasons: unknown[] }>; lists: Record<string, unknown[]>; distribution: Array<{ bins: number[] }>; cellsWritten: number };
    const book = readBook(school.ws, school.bookId);
    const engine = evaluate(book.input);
    const outcomeOf = new Map(engine.students.map((s) => [s.id, s.outcome] as const));
    expect(result.students.map((s) => s.outcome)).toEqual(result.students.map((s) => outcomeOf.get(s.id)));
    // listed by tên, then họ đệm (Intl.Collator('vi'))
    const collator = new Intl.Collator('vi', { sensitivity: 'base' });
    const roster = new Map(book.roster.map((s) => [s.id, s] as const));
    const keys = result.students.map((s) => roster.get(s.id)!);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1]!, keys[i]!];
      expect(collator.compare(a.givenName, b.givenName) || collator.compare(a.familyName, b.familyName)).toBeLessThanOrEqual(0);
    }
    expect(result.students.every((s) => s.reasons.length > 0)).toBe(true);
    expect(book.summary.stamp).not.toBeNull();
    // the summary tab holds the engine's KQHT for each student
    const summary = book.tabs.summary!;
    const tab = school.ws.getValues(ADMIN, school.bookId, `'${summary.title}'`, { valueRenderOption: 'UNFORMATTED_VALUE' }).values!;
    const levelName: Record<string, string> = { TOT: 'Tốt', KHA: 'Khá', DAT: 'Đạt', CHUA_DAT: 'Chưa đạt' };
    for (const s of engine.students) {
      const v = tab[summary.rows[s.id]!]![summary.columns['KQHT.HK1']!];
      expect(v).toBe(s.learning.HK1 ? levelName[s.learning.HK1] : '');
    }
    const scored = result.distribution[0]!.bins.reduce((a, b) => a + b, 0);
    expect(scored).toBe(engine.students.filter((s) => typeof s.subjects[0]!.CN === 'number').length);
    expect(result.cellsWritten).toBeGreaterThan(10);
  });

  it('gvcnSaveConduct / gvcnSaveAttendance write only through the regulation vocabulary', async () => {
    const school = createSchool({ students: 5 });
    const rt = await runtimeFor(school, GVCN);
    call(rt, 'gvcnSaveConduct', [{ studentId: 'HS002', term: 'HK2', value: 'Khá' }, { studentId: 'HS004', term: 'CN', value: 'Tốt' }]);
    let book = readBook(school.ws, school.bookId);
    expect(book.students.find((s) => s.id === 'HS002')!.conduct).toMatchObject({ HK2: 'KHA' });
    expect(book.students.find((s) => s.id === 'HS004')!.conduct.CN).toBe('TOT');
    expect(() => call(rt, 'gvcnSaveConduct', [{ studentId: 'HS001', term: 'HK1', value: '=HYPERLINK("x")' }])).toThrow(/Mức rèn luyện không hợp lệ/);
    expect(() => call(rt, 'gvcnSaveConduct', [{ studentId: 'HS999', term: 'HK1', value: 'Tốt' }])).toThrow(/HS999/);
    call(rt, 'gvcnSaveAttendance', [{ studentId: 'HS005', month: 'M11', P: 2, K: 1 }]);
    book = readBook(school.ws, school.bookId);
    expect(book.students.find((s) => s.id === 'HS005')!.absences).toBe((4 % 3) + 3);
    expect(() => call(rt, 'gvcnSaveAttendance', [{ studentId: 'HS005', month: 'M11', P: 40, K: 0 }])).toThrow(/0 đến 31/);
    const data = call(rt, 'gvcnLoad') as { students: Array<{ id: string; attendance: Record<string, { P: unknown; K: unknown }> }>; conductLevels: string[] };
    expect(data.conductLevels).toEqual(['Tốt', 'Khá', 'Đạt', 'Chưa đạt']);
    expect(data.students.find((s) => s.id === 'HS005')!.attendance.M11).toEqual({ P: 2, K: 1 });
  });
});

describe('call budgets: the same for 10 and 45 students', () => {
  const targets: Array<[string, string, (school: School) => unknown[]]> = [
    [GV_TOAN, 'gvbmLoad', () => []],
    [GV_TOAN, 'gvbmReportProblem', () => [{ description: 'Sự cố', kind: 'Khác' }]],
    [GVCN, 'gvcnLoad', () => []],
    [GVCN, 'gvcnComputeClass', () => []],
    [GVCN, 'gvcnSaveConduct', (s) => [s.students.map((st) => ({ studentId: st.id, term: 'HK2', value: 'Khá' }))]],
    [GVCN, 'gvcnSaveAttendance', (s) => [s.students.map((st) => ({ studentId: st.id, month: 'M12', P: 1, K: 0 }))]],
    [GV_TOAN, 'menuKiemTraDiem', () => []],
    [GV_TOAN, 'onOpen', () => [{ authMode: 'LIMITED' }]],
  ];
  for (const [user, fn, args] of targets) {
    it(`${fn}`, async () => {
      const totals: Array<Record<string, number>> = [];
      for (const n of [10, 45]) {
        const school = createSchool({ students: n });
        const rt = await runtimeFor(school, user);
        rt.reset?.();
        call(rt, fn, ...args(school));
        totals.push({ ...rt.calls.byMethod });
      }
      expect(totals[1]).toEqual(totals[0]);
    });
  }
});
