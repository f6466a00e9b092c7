// Sheets v4 request bodies for a class book and the control spreadsheet (pure data; the service sends them with
// googleapis). Protections are disjoint ranges (one editor group per cell) so that the meaning never depends on
// how overlapping protections combine: header rows and ids → admin; mark/comment cells → admin + the subject's
// GVBM; roster, conduct, attendance, computed columns and Tổng hợp → admin + GVCN. Data-row ranges have no end row,
// so rows added later are covered. Every range we create carries a description starting with PROTECTION_PREFIX;
// an update replaces only those (ranges added by the lock keep theirs).
import { FIRST_DATA_ROW, conductLevels } from './layout.ts';
import { controlTabs, CONTROL_HEADER_ROWS, type ControlTabSpec } from './control.ts';
import type { ClassInfo, ColumnSpec, Editor, TabSpec, ValidationKind } from './types.ts';

export type SheetsRequest = Record<string, unknown>;
export const PROTECTION_PREFIX = 'hoso:provision:';

/** Where a tab's keyed columns are now (from the spec for a new book, from readGradebook for an existing one). */
export interface TabGeometry {
  spec: TabSpec;
  sheetId: number;
  /** key → column index */
  columns: Record<string, number>;
  /** number of columns in the grid */
  columnCount: number;
  rowCount: number;
  keyRow: number;
}

export interface BookEditors {
  admin: string;
  homeroomTeacher?: string;
  /** subject code → GVBM email */
  subjectTeachers: Record<string, string | undefined>;
}

export function geometryFromSpec(spec: TabSpec, sheetId: number, rowCount: number): TabGeometry {
  const columns: Record<string, number> = {};
  spec.columns.forEach((c, i) => (columns[c.key] = i));
  return { spec, sheetId, columns, columnCount: Math.max(spec.columns.length, spec.kind === 'guide' || spec.kind === 'meta' ? 12 : 1), rowCount, keyRow: 0 };
}

/** spreadsheets.create body: every tab with its grid size, frozen header, hidden _meta; vi_VN locale. */
export function createBody(title: string, tabs: TabGeometry[]): SheetsRequest {
  return {
    properties: { title, locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh' },
    sheets: tabs.map((t, index) => ({ properties: sheetProperties(t, index) })),
  };
}

export function sheetProperties(t: TabGeometry, index: number): SheetsRequest {
  const data = t.spec.columns.length > 0;
  return {
    sheetId: t.sheetId,
    title: t.spec.title,
    index,
    hidden: t.spec.hidden ?? false,
    gridProperties: {
      rowCount: t.rowCount,
      columnCount: t.columnCount,
      frozenRowCount: data ? FIRST_DATA_ROW : 0,
      frozenColumnCount: data ? Math.min(3, t.spec.columns.length) : 0,
    },
  };
}

function editorsFor(editor: Editor, spec: TabSpec, who: BookEditors): string[] {
  const users = [who.admin];
  if (editor === 'gvbm') {
    const t = spec.subject ? who.subjectTeachers[spec.subject] : undefined;
    if (t) users.push(t);
  } else if (editor === 'gvcn' && who.homeroomTeacher) users.push(who.homeroomTeacher);
  return [...new Set(users.map((u) => u.toLowerCase()))];
}

function protect(sheetId: number, range: Record<string, number>, description: string, users: string[]): SheetsRequest {
  return { addProtectedRange: { protectedRange: { range: { sheetId, ...range }, description: PROTECTION_PREFIX + description, warningOnly: false, editors: { users, domainUsersCanEdit: false } } } };
}

/** The protected ranges of one class-book tab, by the columns' current positions. */
export function protectionRequests(t: TabGeometry, who: BookEditors): SheetsRequest[] {
  const { spec, sheetId } = t;
  const admin = [who.admin.toLowerCase()];
  if (spec.columns.length === 0) return [protect(sheetId, {}, `${spec.marker}:tab`, admin)];
  const first = t.keyRow + FIRST_DATA_ROW;
  const out: SheetsRequest[] = [];
  if (spec.kind === 'summary') {
    // The stamp row (keyRow+1) is written by the GVCN together with the results.
    out.push(protect(sheetId, { startRowIndex: 0, endRowIndex: t.keyRow + 1 }, `${spec.marker}:keys`, admin));
    out.push(protect(sheetId, { startRowIndex: t.keyRow + 1, endRowIndex: t.keyRow + 2 }, `${spec.marker}:stamp`, editorsFor('gvcn', spec, who)));
    out.push(protect(sheetId, { startRowIndex: t.keyRow + 2, endRowIndex: first }, `${spec.marker}:header`, admin));
  } else {
    out.push(protect(sheetId, { startRowIndex: 0, endRowIndex: first }, `${spec.marker}:header`, admin));
  }
  const byKey = new Map(spec.columns.map((c) => [c.key, c] as const));
  const editorAt: Editor[] = [];
  for (let c = 0; c < t.columnCount; c++) editorAt.push('admin');
  for (const [k, c] of Object.entries(t.columns)) if (c < t.columnCount) editorAt[c] = byKey.get(k)?.editor ?? 'admin';
  let start = 0;
  for (let c = 1; c <= editorAt.length; c++) {
    if (c === editorAt.length || editorAt[c] !== editorAt[start]) {
      const ed = editorAt[start]!;
      const range: Record<string, number> = { startRowIndex: first, startColumnIndex: start };
      if (c < editorAt.length) range.endColumnIndex = c;
      out.push(protect(sheetId, range, `${spec.marker}:data:${ed}:${start}`, editorsFor(ed, spec, who)));
      start = c;
    }
  }
  return out;
}

function validationRule(kind: ValidationKind, info: Pick<ClassInfo, 'regulation'>): SheetsRequest {
  const list = (values: string[], help: string) => ({
    condition: { type: 'ONE_OF_LIST', values: values.map((v) => ({ userEnteredValue: v })) },
    inputMessage: help,
    strict: false,
    showCustomUi: true,
  });
  switch (kind) {
    case 'mark':
      return {
        condition: { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '0' }, { userEnteredValue: '10' }] },
        inputMessage: 'Điểm từ 0 đến 10, tối đa một chữ số thập phân (ví dụ 7,5). Để trống = chưa nhập.',
        strict: false,
      };
    case 'comment':
      return list(['Đ', 'CĐ'], 'Đ = Đạt, CĐ = Chưa đạt. Để trống = chưa đánh giá.');
    case 'conduct':
      return list(conductLevels(info.regulation), 'Mức rèn luyện');
    case 'attendance':
      return {
        condition: { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '0' }, { userEnteredValue: '31' }] },
        inputMessage: 'Số buổi nghỉ trong tháng (số nguyên)',
        strict: false,
      };
    case 'gender':
      return list(['Nam', 'Nữ'], 'Giới tính');
    case 'flag':
      return list(['x'], 'Đánh dấu x nếu học sinh khuyết tật học theo kế hoạch giáo dục cá nhân');
  }
}

/** Consecutive columns sharing the same attribute → [start, endExclusive, value] runs. */
function runsBy<T>(t: TabGeometry, attr: (c: ColumnSpec) => T | undefined): [number, number, T][] {
  const at = new Map<number, T>();
  const byKey = new Map(t.spec.columns.map((c) => [c.key, c] as const));
  for (const [k, c] of Object.entries(t.columns)) {
    const spec = byKey.get(k);
    const v = spec ? attr(spec) : undefined;
    if (v !== undefined) at.set(c, v);
  }
  const cols = [...at.keys()].sort((a, b) => a - b);
  const out: [number, number, T][] = [];
  for (const c of cols) {
    const last = out[out.length - 1];
    if (last && last[1] === c && last[2] === at.get(c)) last[1] = c + 1;
    else out.push([c, c + 1, at.get(c)!]);
  }
  return out;
}

/** Formatting, widths, hidden key row/id column, number formats (vi_VN renders "0.0" as 7,5) and data validation. */
export function formatRequests(t: TabGeometry, info: Pick<ClassInfo, 'regulation'>): SheetsRequest[] {
  const { sheetId, spec } = t;
  const out: SheetsRequest[] = [];
  if (spec.columns.length === 0) {
    if (spec.kind === 'guide') {
      out.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }, properties: { hiddenByUser: true }, fields: 'hiddenByUser' } });
      out.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 }, properties: { pixelSize: 900 }, fields: 'pixelSize' } });
      out.push({ repeatCell: { range: { sheetId, startRowIndex: 1, endRowIndex: 2, startColumnIndex: 1, endColumnIndex: 2 }, cell: { userEnteredFormat: { textFormat: { bold: true, fontSize: 13 } } }, fields: 'userEnteredFormat.textFormat' } });
    }
    return out;
  }
  const first = t.keyRow + FIRST_DATA_ROW;
  out.push({ updateDimensionProperties: { range: { sheetId, dimension: 'ROWS', startIndex: t.keyRow, endIndex: t.keyRow + 1 }, properties: { hiddenByUser: true }, fields: 'hiddenByUser' } });
  // The id column is hidden everywhere except in Danh sách, where Mã HS is shown (still admin-only).
  if (spec.kind !== 'roster') out.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }, properties: { hiddenByUser: true }, fields: 'hiddenByUser' } });
  for (const [a, b, w] of runsBy(t, (c) => (c.key === 'id' && spec.kind !== 'roster' ? undefined : c.width))) {
    out.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: a, endIndex: b }, properties: { pixelSize: w }, fields: 'pixelSize' } });
  }
  out.push({
    repeatCell: {
      range: { sheetId, startRowIndex: t.keyRow + 1, endRowIndex: first, startColumnIndex: 0, endColumnIndex: t.columnCount },
      cell: { userEnteredFormat: { textFormat: { bold: true }, backgroundColor: { red: 0.9, green: 0.94, blue: 1 }, wrapStrategy: 'WRAP', horizontalAlignment: 'CENTER', verticalAlignment: 'MIDDLE' } },
      fields: 'userEnteredFormat(textFormat,backgroundColor,wrapStrategy,horizontalAlignment,verticalAlignment)',
    },
  });
  for (const [a, b, pattern] of runsBy(t, (c) => c.numberFormat)) {
    out.push({ repeatCell: { range: { sheetId, startRowIndex: first, endRowIndex: t.rowCount, startColumnIndex: a, endColumnIndex: b }, cell: { userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern } } }, fields: 'userEnteredFormat.numberFormat' } });
  }
  for (const [a, b, role] of runsBy(t, (c) => (c.role === 'computed' ? 'computed' : undefined))) {
    out.push({ repeatCell: { range: { sheetId, startRowIndex: first, endRowIndex: t.rowCount, startColumnIndex: a, endColumnIndex: b }, cell: { userEnteredFormat: { backgroundColor: { red: 0.95, green: 0.95, blue: 0.95 } } }, fields: 'userEnteredFormat.backgroundColor' } });
    void role;
  }
  for (const [a, b, kind] of runsBy(t, (c) => c.validation)) {
    out.push({ setDataValidation: { range: { sheetId, startRowIndex: first, endRowIndex: t.rowCount, startColumnIndex: a, endColumnIndex: b }, rule: validationRule(kind, info) } });
  }
  return out;
}

/** Everything after spreadsheets.create for a new class book, in one batchUpdate. */
export function newBookRequests(tabs: TabGeometry[], info: ClassInfo, who: BookEditors): SheetsRequest[] {
  return tabs.flatMap((t) => [...formatRequests(t, info), ...protectionRequests(t, who)]);
}

// ---------------------------------------------------------------- control spreadsheet

export interface ControlGeometry {
  spec: ControlTabSpec;
  sheetId: number;
  rowCount: number;
}

export function controlGeometry(rowCount = 200): ControlGeometry[] {
  return controlTabs().map((spec, i) => ({ spec, sheetId: 1000 + i, rowCount }));
}

export function controlCreateBody(title: string, tabs: ControlGeometry[]): SheetsRequest {
  return {
    properties: { title, locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh' },
    sheets: tabs.map((t, index) => ({
      properties: { sheetId: t.sheetId, title: t.spec.title, index, gridProperties: { rowCount: t.rowCount, columnCount: t.spec.keys.length + 2, frozenRowCount: CONTROL_HEADER_ROWS } },
    })),
  };
}

/** Admin-only everywhere, except the data rows of Đơn mở khóa and Báo lỗi, which every teacher (writer) may append to. */
export function controlRequests(tabs: ControlGeometry[], admin: string): SheetsRequest[] {
  const out: SheetsRequest[] = [];
  const users = [admin.toLowerCase()];
  for (const t of tabs) {
    const sheetId = t.sheetId;
    out.push({ updateDimensionProperties: { range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 1 }, properties: { hiddenByUser: true }, fields: 'hiddenByUser' } });
    out.push({ repeatCell: { range: { sheetId, startRowIndex: 1, endRowIndex: 2 }, cell: { userEnteredFormat: { textFormat: { bold: true }, backgroundColor: { red: 0.9, green: 0.94, blue: 1 } } }, fields: 'userEnteredFormat(textFormat,backgroundColor)' } });
    out.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: t.spec.keys.length }, properties: { pixelSize: 140 }, fields: 'pixelSize' } });
    if (t.spec.teachersAppend) out.push(protect(sheetId, { startRowIndex: 0, endRowIndex: CONTROL_HEADER_ROWS }, `control:${t.spec.id}:header`, users));
    else out.push(protect(sheetId, {}, `control:${t.spec.id}`, users));
  }
  return out;
}
