// readGradebook: the values of every tab → the class, the engine input, per-cell errors and an index of cells.
// Columns are found by the hidden keys in the key row and students by the hidden id in column A — never by
// position — so sorted, inserted or deleted rows and columns cannot move a mark to another student or subject.
// Bad cells become errors naming sheet and cell; nothing here throws on bad data.
import { cellA1, sheetCell } from './a1.ts';
import { readCommentMark, readConduct, readCount, readFlag, readMark, readText, isBlank } from './cells.ts';
import {
  attendanceColumns, conductColumns, fullName, HEADER_ROWS, monthKey, parseMeta, rosterColumns, str, subjectColumns,
  summaryColumns, TAB_TITLES, TEMPLATE_VERSION,
} from './layout.ts';
import type {
  CellError, ClassInfo, EngineSemester, EngineStudent, EngineSubject, Gradebook, RosterRecord, SubjectMeta,
  SummaryStamp, TabKind, TabLayout,
} from './types.ts';
import { GRADEBOOK_TEMPLATE } from '../../../sheet-templates/gradebook.ts';

type Grid = readonly (readonly unknown[])[];

const KIND_OF: Record<string, TabKind> = {
  '@guide': 'guide', '@roster': 'roster', '@conduct': 'conduct', '@attendance': 'attendance', '@summary': 'summary', '@meta': 'meta',
};

function markerKind(marker: string): TabKind | undefined {
  if (marker.startsWith('@subject:')) return 'subject';
  return KIND_OF[marker];
}

/** Finds the marker cell (column A, first rows) of a tab. */
function findMarker(values: Grid): { marker: string; row: number } | undefined {
  for (let r = 0; r < Math.min(values.length, 8); r++) {
    const v = str(values[r]?.[0]);
    if (v.startsWith('@') && markerKind(v)) return { marker: v, row: r };
  }
  return undefined;
}

/** Excel/Sheets serial date → dd/mm/yyyy (a GVCN may type a real date into Ngày sinh). */
function serialToDate(n: number): string {
  const ms = Math.round((n - 25569) * 86400 * 1000);
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

export interface ReadOptions {
  /** The class when already known (e.g. from the control spreadsheet); otherwise read from the _meta tab. */
  meta?: Partial<ClassInfo>;
}

/**
 * Reads a class gradebook. `tabs` maps each tab title to its values as Sheets returns them
 * (values.batchGet with valueRenderOption UNFORMATTED_VALUE) or as Apps Script getValues() returns them.
 */
export function readGradebook(tabs: Record<string, unknown[][]>, metaOrOptions?: Partial<ClassInfo> | ReadOptions): Gradebook {
  const opts: ReadOptions = metaOrOptions && 'meta' in metaOrOptions ? (metaOrOptions as ReadOptions) : { meta: metaOrOptions as Partial<ClassInfo> | undefined };
  const errors: CellError[] = [];
  const err = (sheet: string, row: number, col: number, message: string) => errors.push({ sheet, cell: cellA1(row, col), message });

  // 1. Which tab is which: by the hidden marker in column A; by title only as a fallback (and then say so).
  const byMarker = new Map<string, { title: string; keyRow: number }>();
  for (const [title, values] of Object.entries(tabs)) {
    const m = findMarker(values ?? []);
    if (!m) continue;
    if (byMarker.has(m.marker)) {
      err(title, m.row, 0, `Hai tab cùng khóa "${m.marker}" ("${byMarker.get(m.marker)!.title}" và "${title}") — không biết dùng tab nào`);
      continue;
    }
    byMarker.set(m.marker, { title, keyRow: m.row });
  }

  // 2. The class: explicit meta wins, then the _meta tab.
  const metaTab = byMarker.get('@meta') ?? (tabs[TAB_TITLES.meta] ? { title: TAB_TITLES.meta, keyRow: 0 } : undefined);
  const parsed = metaTab ? parseMeta(tabs[metaTab.title] ?? []) : { info: { subjects: [] as SubjectMeta[] }, problems: [] };
  for (const p of parsed.problems) err(metaTab!.title, p.row, 0, p.message);
  if (!metaTab && !opts.meta) errors.push({ sheet: TAB_TITLES.meta, cell: 'A1', message: 'Thiếu tab _meta (thông tin lớp) — sổ không do phần mềm tạo hoặc đã bị xóa tab' });
  const m = { ...parsed.info, ...(opts.meta ?? {}) };
  let subjects: SubjectMeta[] = m.subjects && m.subjects.length ? m.subjects : parsed.info.subjects;
  if (!subjects.length) {
    // No metadata: discover subject tabs from their markers and infer the ĐĐGtx count from the keys.
    subjects = [...byMarker.entries()].filter(([k]) => k.startsWith('@subject:')).map(([k, t]) => {
      const keys = (tabs[t.title]?.[t.keyRow] ?? []).map(str);
      const tx = keys.filter((x) => /^HK1\.tx\.\d+$/.test(x)).length;
      const comment = false;
      return { code: k.slice(9), title: t.title, tab: t.title, type: comment ? 'comment' : 'score', txCount: tx || 2, periodsPerYear: 0 } as SubjectMeta;
    });
  }
  const classInfo: ClassInfo = {
    templateVersion: m.templateVersion ?? TEMPLATE_VERSION,
    year: m.year ?? '',
    classId: m.classId ?? '',
    className: m.className ?? m.classId ?? '',
    grade: m.grade ?? 0,
    regulation: m.regulation ?? 'TT22',
    homeroomTeacher: m.homeroomTeacher,
    controlSpreadsheetId: m.controlSpreadsheetId,
    schoolName: m.schoolName,
    subjects,
  };
  const regulation = classInfo.regulation;

  // 3. Layout of every data tab.
  const layouts: Record<string, TabLayout> = {};
  const locate = (marker: string, fallbackTitle: string): { title: string; keyRow: number } | undefined => {
    const hit = byMarker.get(marker);
    if (hit) return hit;
    if (tabs[fallbackTitle]) {
      errors.push({ sheet: fallbackTitle, cell: 'A1', message: `Ô khóa ẩn A1 của tab đã bị sửa (cần "${marker}") — không đọc tab này` });
    } else {
      errors.push({ sheet: fallbackTitle, cell: 'A1', message: `Thiếu tab "${fallbackTitle}"` });
    }
    return undefined;
  };
  const layoutOf = (marker: string, title: string, keyRow: number, expected: string[], subject?: string): TabLayout => {
    const values = tabs[title] ?? [];
    const keyRowValues = values[keyRow] ?? [];
    const columns: Record<string, number> = {};
    const dupKeys = new Set<string>();
    const dupCols = new Set<number>();
    keyRowValues.forEach((k, c) => {
      if (c === 0) return;
      const key = str(k);
      if (!key) return;
      if (key in columns) {
        dupKeys.add(key);
        dupCols.add(c);
        if (columns[key] !== undefined) dupCols.add(columns[key]!);
        err(title, keyRow, c, `Khóa cột "${key}" bị lặp (cột đã bị sao chép?) — không dùng cột này`);
      } else columns[key] = c;
    });
    for (const k of dupKeys) delete columns[k];
    columns.id = 0;
    for (const k of expected) if (!(k in columns) && !dupKeys.has(k)) err(title, keyRow, 0, `Thiếu cột có khóa "${k}" (cột đã bị xóa hoặc dòng khóa bị sửa)`);
    const firstDataRow = keyRow + HEADER_ROWS;
    const rows: Record<string, number> = {};
    const dataRows: number[] = [];
    const seen = new Map<string, number[]>();
    let lastUsedRow = -1;
    let width = keyRowValues.length;
    values.forEach((row, r) => {
      width = Math.max(width, row?.length ?? 0);
      if (row && row.some((v) => !isBlank(v))) lastUsedRow = r;
    });
    for (let r = firstDataRow; r < values.length; r++) {
      const row = values[r] ?? [];
      const id = readText(row[0]);
      if (id.startsWith('@')) continue;
      if (!id) {
        const stray = row.findIndex((v, c) => c > 0 && !isBlank(v) && !['stt', 'name'].includes(keyAt(columns, c)));
        if (stray >= 0) err(title, r, stray, 'Dòng không có mã học sinh (cột ẩn A) nhưng có dữ liệu — dữ liệu này không được tính');
        continue;
      }
      const unkeyed = row.findIndex((v, c) => c > 0 && !isBlank(v) && keyAt(columns, c) === '' && !dupCols.has(c));
      if (unkeyed >= 0) err(title, r, unkeyed, 'Ô nằm ở cột không có khóa ẩn (cột chèn thêm) — dữ liệu này không được tính');
      dataRows.push(r);
      seen.set(id, [...(seen.get(id) ?? []), r]);
    }
    for (const [id, rs] of seen) {
      if (rs.length === 1) rows[id] = rs[0]!;
      else for (const r of rs) err(title, r, 0, `Mã học sinh "${id}" xuất hiện ${rs.length} lần trong tab — không dùng các dòng này`);
    }
    return { kind: markerKind(marker)!, marker, title, subject, keyRow, columns, rows, dataRows, firstDataRow, lastUsedRow, width };
  };

  for (const [marker, t] of byMarker) {
    if (marker === '@guide' || marker === '@meta') {
      layouts[marker.slice(1)] = { kind: markerKind(marker)!, marker, title: t.title, keyRow: t.keyRow, columns: {}, rows: {}, dataRows: [], firstDataRow: 0, lastUsedRow: (tabs[t.title] ?? []).length - 1, width: 0 };
    }
  }
  const rosterLoc = locate('@roster', TAB_TITLES.roster);
  const roster: RosterRecord[] = [];
  const cells: Record<string, Record<string, string>> = {};
  const cellOf = (id: string) => (cells[id] ??= {});
  if (rosterLoc) {
    const lay = layoutOf('@roster', rosterLoc.title, rosterLoc.keyRow, ['stt', ...rosterColumns().map((c) => c.key)]);
    layouts.roster = lay;
    const values = tabs[rosterLoc.title] ?? [];
    for (const [id, r] of Object.entries(lay.rows)) {
      const row = values[r] ?? [];
      const get = (k: string): unknown => (lay.columns[k] === undefined ? '' : row[lay.columns[k]!]);
      const bd = get('birthDate');
      const rec: RosterRecord = {
        id,
        familyName: readText(get('familyName')),
        givenName: readText(get('givenName')),
        birthDate: typeof bd === 'number' ? serialToDate(bd) : readText(bd) || undefined,
        gender: readText(get('gender')) || undefined,
        ethnicity: readText(get('ethnicity')) || undefined,
        birthPlace: readText(get('birthPlace')) || undefined,
        disability: readFlag(get('disability')),
        note: readText(get('note')) || undefined,
        name: '',
      };
      rec.name = fullName(rec);
      if (!rec.givenName && lay.columns.givenName !== undefined) err(lay.title, r, lay.columns.givenName, `Học sinh "${id}" chưa có tên`);
      for (const k of Object.keys(lay.columns)) if (k !== 'id') cellOf(id)[`roster.${k}`] = sheetCell(lay.title, r, lay.columns[k]!);
      roster.push(rec);
    }
  }
  const known = new Set(roster.map((s) => s.id));
  const checkIds = (lay: TabLayout) => {
    for (const [id, r] of Object.entries(lay.rows)) if (!known.has(id)) err(lay.title, r, 0, `Mã học sinh "${id}" không có trong tab ${TAB_TITLES.roster} — dòng này không được tính`);
    if (rosterLoc) for (const id of known) if (lay.rows[id] === undefined && !lay.dataRows.some((r) => readText(tabs[lay.title]?.[r]?.[0]) === id)) {
      errors.push({ sheet: lay.title, cell: 'A1', message: `Học sinh "${id}" (${roster.find((s) => s.id === id)?.name ?? ''}) không có dòng trong tab "${lay.title}"` });
    }
  };

  // 4. Subjects.
  const subjectData = new Map<string, Map<string, EngineSubject>>(); // code → id → subject input
  for (const s of subjects) {
    const loc = locate(`@subject:${s.code}`, s.tab);
    const byId = new Map<string, EngineSubject>();
    subjectData.set(s.code, byId);
    if (!loc) continue;
    const expected = ['stt', 'name', ...subjectColumns(s).map((c) => c.key)];
    const lay = layoutOf(`@subject:${s.code}`, loc.title, loc.keyRow, expected, s.code);
    layouts[`subject:${s.code}`] = lay;
    checkIds(lay);
    const values = tabs[loc.title] ?? [];
    const read = s.type === 'score' ? readMark : readCommentMark;
    for (const [id, r] of Object.entries(lay.rows)) {
      if (!known.has(id)) continue;
      const row = values[r] ?? [];
      const mark = (key: string): number | string | null => {
        const c = lay.columns[key];
        if (c === undefined) return null;
        cellOf(id)[`${s.code}.${key}`] = sheetCell(lay.title, r, c);
        const res = read(row[c]);
        if (!res.ok) {
          err(lay.title, r, c, res.message);
          return null;
        }
        return res.value;
      };
      const sem = (k: 'HK1' | 'HK2'): EngineSemester => ({
        tx: Array.from({ length: s.txCount }, (_, i) => mark(`${k}.tx.${i + 1}`)),
        gk: mark(`${k}.gk`),
        ck: mark(`${k}.ck`),
      });
      const subj: EngineSubject = { code: s.code, name: s.title, type: s.type, HK1: sem('HK1'), HK2: sem('HK2') };
      const retest = mark('retest');
      if (retest !== null) subj.retest = retest;
      if (s.type === 'score' && s.periodsPerYear > 0 && subjectTxMatches(s)) subj.periodsPerYear = s.periodsPerYear;
      for (const k of ['HK1.tb', 'HK1.nx', 'HK2.tb', 'HK2.nx', 'CN.tb', 'CN.final']) {
        const c = lay.columns[k];
        if (c !== undefined) cellOf(id)[`${s.code}.${k}`] = sheetCell(lay.title, r, c);
      }
      byId.set(id, subj);
    }
  }

  // 5. Conduct.
  const conduct = new Map<string, EngineStudent['conduct']>();
  const conductLoc = locate('@conduct', TAB_TITLES.conduct);
  if (conductLoc) {
    const lay = layoutOf('@conduct', conductLoc.title, conductLoc.keyRow, ['stt', 'name', ...conductColumns().map((c) => c.key)]);
    layouts.conduct = lay;
    checkIds(lay);
    const values = tabs[conductLoc.title] ?? [];
    for (const [id, r] of Object.entries(lay.rows)) {
      if (!known.has(id)) continue;
      const row = values[r] ?? [];
      const get = (k: 'HK1' | 'HK2' | 'CN' | 'summer'): string | null => {
        const c = lay.columns[k];
        if (c === undefined) return null;
        cellOf(id)[`conduct.${k}`] = sheetCell(lay.title, r, c);
        const res = readConduct(row[c], regulation);
        if (!res.ok) {
          err(lay.title, r, c, res.message);
          return null;
        }
        return res.value;
      };
      const cd: EngineStudent['conduct'] = { HK1: get('HK1'), HK2: get('HK2') };
      cd.CN = get('CN'); // always present: a blank CN cell is null (pending); TT58 rejects a missing CN
      const summer = get('summer');
      if (summer !== null) cd.summer = summer;
      if (lay.columns.nx !== undefined) cellOf(id)['conduct.nx'] = sheetCell(lay.title, r, lay.columns.nx);
      conduct.set(id, cd);
    }
  }

  // 6. Attendance.
  const absences = new Map<string, number>();
  const attendanceTotals: Gradebook['attendanceTotals'] = {};
  const attLoc = locate('@attendance', TAB_TITLES.attendance);
  if (attLoc) {
    const lay = layoutOf('@attendance', attLoc.title, attLoc.keyRow, ['stt', 'name', ...attendanceColumns().map((c) => c.key)]);
    layouts.attendance = lay;
    checkIds(lay);
    const values = tabs[attLoc.title] ?? [];
    for (const [id, r] of Object.entries(lay.rows)) {
      if (!known.has(id)) continue;
      const row = values[r] ?? [];
      let total = 0;
      const split = { P: 0, K: 0 };
      for (const mo of GRADEBOOK_TEMPLATE.months) {
        for (const pk of ['P', 'K']) {
          const key = `${monthKey(mo)}.${pk}`;
          const c = lay.columns[key];
          if (c === undefined) continue;
          cellOf(id)[`attendance.${key}`] = sheetCell(lay.title, r, c);
          const res = readCount(row[c]);
          if (!res.ok) err(lay.title, r, c, res.message);
          else {
            total += res.value;
            split[pk as 'P' | 'K'] += res.value;
          }
        }
      }
      for (const k of ['sum.P', 'sum.K', 'sum']) if (lay.columns[k] !== undefined) cellOf(id)[`attendance.${k}`] = sheetCell(lay.title, r, lay.columns[k]!);
      absences.set(id, total);
      attendanceTotals[id] = { 'sum.P': split.P, 'sum.K': split.K, sum: total };
    }
  }

  // 7. Summary tab: layout and stamp (its values are outputs, not inputs).
  let stamp: SummaryStamp | null = null;
  const sumLoc = locate('@summary', TAB_TITLES.summary);
  if (sumLoc) {
    const lay = layoutOf('@summary', sumLoc.title, sumLoc.keyRow, ['stt', 'name', ...summaryColumns(subjects).map((c) => c.key)]);
    layouts.summary = lay;
    checkIds(lay);
    for (const [id, r] of Object.entries(lay.rows)) for (const [k, c] of Object.entries(lay.columns)) if (k !== 'id') cellOf(id)[`summary.${k}`] = sheetCell(lay.title, r, c);
    stamp = parseStamp(tabs[sumLoc.title] ?? []);
  }

  // 8. The engine input, in roster (sheet) order.
  const students: EngineStudent[] = roster.map((s) => {
    const st: EngineStudent = {
      id: s.id,
      name: s.name,
      conduct: conduct.get(s.id) ?? { HK1: null, HK2: null, CN: null },
      subjects: subjects.map((sub) => subjectData.get(sub.code)?.get(s.id) ?? blankSubject(sub)),
    };
    if (absences.has(s.id)) st.absences = absences.get(s.id)!;
    if (s.disability) st.disability = true;
    return st;
  });

  return { classInfo, input: { regulation, students }, students, roster, errors, cells, tabs: layouts, summary: { stamp }, attendanceTotals };
}

function keyAt(columns: Record<string, number>, c: number): string {
  for (const [k, v] of Object.entries(columns)) if (v === c) return k;
  return '';
}

/** The engine checks the ĐĐGtx count against tiết/năm; a school override with another count must not trip it. */
function subjectTxMatches(s: SubjectMeta): boolean {
  const expected = s.periodsPerYear <= 35 ? 2 : s.periodsPerYear <= 70 ? 3 : 4;
  return expected === s.txCount;
}

function blankSubject(s: SubjectMeta): EngineSubject {
  const sem = (): EngineSemester => ({ tx: Array.from({ length: s.txCount }, () => null), gk: null, ck: null });
  return { code: s.code, name: s.title, type: s.type, HK1: sem(), HK2: sem() };
}

/** The stamp row of the Tổng hợp tab: "@stamp" in column A, values after the labels written by buildSummaryGrid. */
export function parseStamp(values: Grid): SummaryStamp | null {
  const row = values.find((r) => str(r?.[0]) === '@stamp');
  if (!row) return null;
  const after = (label: string): string => {
    const i = row.findIndex((v) => str(v) === label);
    return i >= 0 ? str(row[i + 1]) : '';
  };
  const computedAt = after(STAMP_LABELS.computedAt);
  const hash = after(STAMP_LABELS.hash);
  if (!computedAt || !hash) return null;
  return { computedAt, hash, regulation: after(STAMP_LABELS.regulation) };
}

export const STAMP_LABELS = { computedAt: 'Tính lúc:', hash: 'Mã dữ liệu:', regulation: 'Quy chế:' } as const;
