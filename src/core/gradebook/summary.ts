// Class results → the values written to the book: the Tổng hợp tab (with a stamp: when, and a hash of the inputs
// so a reader can tell stale results) and the computed columns of the subject and attendance tabs.
// One implementation for the GVCN sidebar and the service (demo). All writes are by key, in place.
import { columnRuns, quoteSheet, sheetRange, cellA1 } from './a1.ts';
import { STAMP_LABELS } from './read.ts';
import { keyInTerms, keyTerm } from './terms.ts';
import { AWARD_LABELS, LEVEL_LABELS, OUTCOME_LABELS, PENDING_LABEL } from '../labels.ts';
import type { EngineInput, EngineOutput, EngineStudentResult, Gradebook, SummaryStamp, TabLayout, Term } from './types.ts';

/** A cell to leave as it is (the column's ranges are split around it). */
const SKIP = Symbol('skip');

export interface ValueRange {
  range: string;
  values: unknown[][];
}


export function levelText(v: string | null | undefined): string {
  return v ? (LEVEL_LABELS[v] ?? v) : '';
}
export function awardText(v: string | null | undefined): string {
  return v ? (AWARD_LABELS[v] ?? v) : '';
}
export function outcomeText(v: string | null | undefined, grade?: number): string {
  if (v === 'LEN_LOP' && grade === 12) return 'Hoàn thành chương trình THPT';
  return v ? (OUTCOME_LABELS[v] ?? v) : PENDING_LABEL;
}
/** A subject result as shown in the sheet: 7.5 (number, formatted "7,5" by the vi_VN book) or "Đ" / "CĐ". */
export function resultCell(v: number | string | null | undefined): number | string {
  if (v === null || v === undefined) return '';
  if (v === 'D') return 'Đ';
  if (v === 'CD') return 'CĐ';
  return v;
}

// ---------------------------------------------------------------- input hash

/** cyrb53 (public domain): a fast 53-bit string hash. Hand-written because src/core must run in Apps Script
 *  without Node's crypto; it only detects stale results, it is not a security hash (the lock uses SHA-256). */
function cyrb53(s: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** A hash of the evaluation input, independent of row and column order in the sheet. */
export function inputHash(input: EngineInput): string {
  const students = [...input.students]
    .map((s) => ({ ...s, subjects: [...s.subjects].sort((a, b) => (a.code < b.code ? -1 : 1)) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const text = canonical({ regulation: input.regulation, students });
  // "h" prefix: a stamp written with Apps Script setValues (USER_ENTERED) must stay text, never become a number.
  return 'h' + cyrb53(text, 1).toString(16).padStart(14, '0') + cyrb53(text, 2).toString(16).padStart(14, '0');
}

/** Are the Tổng hợp results those of the current marks? (the lock readiness check uses it) */
export function summaryIsCurrent(book: Gradebook): { current: boolean; reason?: string } {
  const stamp = book.summary.stamp;
  if (!stamp) return { current: false, reason: 'Chưa tính kết quả của lớp (tab Tổng hợp chưa có dấu thời gian)' };
  const missing = book.students.filter((s) => book.tabs.summary?.rows[s.id] === undefined);
  if (missing.length) return { current: false, reason: `Tab Tổng hợp thiếu ${missing.length} học sinh` };
  if (stamp.hash !== inputHash(book.input)) {
    return { current: false, reason: `Kết quả tính lúc ${stamp.computedAt} đã cũ: điểm, rèn luyện hoặc điểm danh đã thay đổi sau đó — cần tính lại` };
  }
  return { current: true };
}

// ---------------------------------------------------------------- writes

export interface ResultWriteOptions {
  /** ISO time of the computation (default: now). */
  computedAt?: string;
  /** Terms already locked: their columns are not written (a locked cell would reject the whole batch). */
  skipTerms?: Term[];
}

export interface SummaryWrite {
  stamp: SummaryStamp;
  /** For values.batchUpdate with valueInputOption RAW (or Apps Script setValues per range). */
  data: ValueRange[];
  /** Students evaluated but without a row in the tab (they need provisioning first). */
  missingRows: string[];
}

function summaryValue(key: string, r: EngineStudentResult, st: EngineInput['students'][number] | undefined, book: Gradebook): unknown {
  const hasSummer = !!st && (st.conduct.summer != null || st.subjects.some((s) => s.retest != null));
  const dot = key.lastIndexOf('.');
  const head = dot > 0 ? key.slice(0, dot) : key;
  const tail = dot > 0 ? key.slice(dot + 1) : '';
  switch (key) {
    case 'absences': return st?.absences ?? '';
    case 'award': return awardText(r.award);
    // Before the summer the outcome is the year's; once summer results exist it goes to outcome.final (a column
    // outside the CN lock), and the locked year outcome is left as it was.
    case 'outcome': return hasSummer ? SKIP : outcomeText(r.outcome, book.classInfo.grade);
    case 'outcome.final': return hasSummer ? outcomeText(r.outcome, book.classInfo.grade) : '';
    case 'retestSubjects': return r.retestSubjects.map((c) => book.classInfo.subjects.find((s) => s.code === c)?.title ?? c).join(', ');
    case 'reasons': return r.reasons.map((x) => `${x.text} (${x.rule})`).join('\n');
    default: break;
  }
  if (head === 'KQHT' || head === 'KQRL') {
    const src = head === 'KQHT' ? r.learning : r.conduct;
    if (tail === 'final' && !hasSummer) return '';
    return levelText(src[tail as keyof typeof src]);
  }
  const subj = r.subjects.find((s) => s.code === head);
  if (subj && (tail === 'HK1' || tail === 'HK2' || tail === 'CN')) return resultCell(subj[tail]);
  return '';
}

/** Column runs × data rows of one tab → ValueRanges, with `cell(key, id)` giving each value ('' for rows without a student). */
function tabWrites(lay: TabLayout, keys: string[], cell: (key: string, id: string) => unknown, ids: Record<number, string>): ValueRange[] {
  if (!lay.dataRows.length || !keys.length) return [];
  const r1 = Math.min(...lay.dataRows);
  const r2 = Math.max(...lay.dataRows);
  const byCol = new Map<number, string>(keys.map((k) => [lay.columns[k]!, k] as const));
  const out: ValueRange[] = [];
  // Values by column; a column holding a cell to leave alone (SKIP, rare) is written cell by cell around it.
  const colValues = new Map<number, unknown[]>();
  const withSkip: number[] = [];
  for (const c of byCol.keys()) {
    const vals: unknown[] = [];
    for (let r = r1; r <= r2; r++) vals.push(ids[r] === undefined ? '' : cell(byCol.get(c)!, ids[r]!));
    colValues.set(c, vals);
    if (vals.includes(SKIP)) withSkip.push(c);
  }
  for (const [c1, c2] of columnRuns([...byCol.keys()].filter((c) => !withSkip.includes(c)))) {
    const values: unknown[][] = [];
    for (let r = r1; r <= r2; r++) {
      const row: unknown[] = [];
      for (let c = c1; c <= c2; c++) row.push(colValues.get(c)![r - r1]);
      values.push(row);
    }
    out.push({ range: sheetRange(lay.title, r1, c1, r2, c2), values });
  }
  for (const c of withSkip) {
    colValues.get(c)!.forEach((v, i) => {
      if (v !== SKIP) out.push({ range: sheetRange(lay.title, r1 + i, c, r1 + i, c), values: [[v]] });
    });
  }
  return out;
}

function rowIds(lay: TabLayout, known: Set<string>): Record<number, string> {
  const ids: Record<number, string> = {};
  for (const [id, r] of Object.entries(lay.rows)) if (known.has(id)) ids[r] = id;
  return ids;
}

/** The Tổng hợp tab's values for `output` (the engine's evaluate(book.input)), plus its stamp. */
export function buildSummaryGrid(book: Gradebook, output: EngineOutput, opts: ResultWriteOptions = {}): SummaryWrite {
  const stamp: SummaryStamp = { computedAt: opts.computedAt ?? new Date().toISOString(), hash: inputHash(book.input), regulation: output.regulation };
  const lay = book.tabs.summary;
  const results = new Map(output.students.map((s) => [String(s.id), s] as const));
  const inputs = new Map(book.input.students.map((s) => [s.id, s] as const));
  if (!lay) return { stamp, data: [], missingRows: [...results.keys()] };
  const skip = opts.skipTerms ?? [];
  const keys = Object.keys(lay.columns).filter((k) => keyTerm('summary', k) !== null && !(skip.length && keyInTerms('summary', k, skip)));
  const data = tabWrites(lay, keys, (key, id) => {
    const r = results.get(id);
    return r ? summaryValue(key, r, inputs.get(id), book) : '';
  }, rowIds(lay, new Set(results.keys())));
  const stampRow = lay.keyRow + 1;
  data.push({
    range: `${quoteSheet(lay.title)}!${cellA1(stampRow, 1)}:${cellA1(stampRow, 6)}`,
    values: [[STAMP_LABELS.computedAt, stamp.computedAt, STAMP_LABELS.hash, stamp.hash, STAMP_LABELS.regulation, stamp.regulation]],
  });
  const missingRows = [...results.keys()].filter((id) => lay.rows[id] === undefined);
  return { stamp, data, missingRows };
}

/** The computed columns outside Tổng hợp: ĐTBmhk/KQ học kì, ĐTBmcn, KQ sau đánh giá lại, attendance totals. */
export function buildComputedWrites(book: Gradebook, output: EngineOutput, opts: ResultWriteOptions = {}): ValueRange[] {
  const results = new Map(output.students.map((s) => [String(s.id), s] as const));
  const inputs = new Map(book.input.students.map((s) => [s.id, s] as const));
  const skip = opts.skipTerms ?? [];
  const out: ValueRange[] = [];
  for (const lay of Object.values(book.tabs)) {
    if (lay.kind !== 'subject' && lay.kind !== 'attendance') continue;
    const computedKeys = lay.kind === 'subject' ? ['HK1.tb', 'HK2.tb', 'CN.tb', 'CN.final'] : ['sum.P', 'sum.K', 'sum'];
    const keys = computedKeys.filter((k) => lay.columns[k] !== undefined && !(skip.length && keyInTerms(lay.kind, k, skip)));
    const ids = rowIds(lay, new Set(results.keys()));
    if (lay.kind === 'subject') {
      out.push(...tabWrites(lay, keys, (key, id) => {
        const s = results.get(id)?.subjects.find((x) => x.code === lay.subject);
        if (!s) return '';
        if (key === 'HK1.tb') return resultCell(s.HK1);
        if (key === 'HK2.tb') return resultCell(s.HK2);
        if (key === 'CN.tb') return resultCell(s.CN);
        const retest = inputs.get(id)?.subjects.find((x) => x.code === lay.subject)?.retest;
        return retest != null ? resultCell(s.final) : '';
      }, ids));
    } else {
      out.push(...tabWrites(lay, keys, (key, id) => attendanceTotals(book, id)[key as 'sum'] ?? '', ids));
    }
  }
  return out;
}

function attendanceTotals(book: Gradebook, id: string): { 'sum.P': number; 'sum.K': number; sum: number } {
  const t = book.attendanceTotals[id];
  return t ?? { 'sum.P': 0, 'sum.K': 0, sum: book.input.students.find((s) => s.id === id)?.absences ?? 0 };
}

/** Everything the GVCN's "Tính kết quả cả lớp" writes, in one values.batchUpdate (RAW). */
export function buildClassResultWrites(book: Gradebook, output: EngineOutput, opts: ResultWriteOptions = {}): { stamp: SummaryStamp; data: ValueRange[]; missingRows: string[] } {
  const summary = buildSummaryGrid(book, output, opts);
  return { stamp: summary.stamp, data: [...buildComputedWrites(book, output, opts), ...summary.data], missingRows: summary.missingRows };
}
