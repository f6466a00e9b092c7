// Validation and normalisation of the `hoso evaluate` input in one hand-written pass.
// Why hand-written and not zod on the hot path: the input of a school is ~10⁷ marks, and a per-mark zod refinement
// costs several times the whole JSON parse (measured in bench/engine.bench.ts). The zod schema (schema.ts) calls
// this function from its root refinement, so both accept exactly the same documents.
import { parseCommentCode, parseMarkTenths } from './marks.ts';
import { DEFAULT_DECISIONS, type Decisions } from './decisions.ts';
import { REGULATIONS, trySelectRegulation, selectionReason, type Regulation } from './regulation.ts';
import type { Issue, NInput, NSemester, NStudent, NSubject, Path } from './model.ts';

export type NormalizeResult = { ok: true; value: NInput } | { ok: false; issues: Issue[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v));

/** Conduct words accepted per regulation family, compared after NFC + upper-casing → rank. */
const CONDUCT_TT22: Record<string, number> = {
  TOT: 3, 'TỐT': 3, T: 3, KHA: 2, 'KHÁ': 2, K: 2, DAT: 1, 'ĐẠT': 1, 'Đ': 1, D: 1,
  CHUA_DAT: 0, 'CHƯA ĐẠT': 0, 'CHUA DAT': 0, 'CĐ': 0, CD: 0,
};
const CONDUCT_TT58: Record<string, number> = {
  TOT: 3, 'TỐT': 3, T: 3, KHA: 2, 'KHÁ': 2, K: 2, TB: 1, 'TRUNG BÌNH': 1, TRUNG_BINH: 1, 'TRUNG BINH': 1,
  YEU: 0, 'YẾU': 0, Y: 0,
};

/** TT22 Điều 6 khoản 2 điểm b / TT26 Điều 8 khoản 1 điểm a: exact number of ĐĐGtx by tiết/năm. */
export function txCountTT22(periodsPerYear: number): number {
  return periodsPerYear <= 35 ? 2 : periodsPerYear <= 70 ? 3 : 4;
}
/** Original TT58 Điều 8 khoản 2: minimum KTtx by tiết/tuần (35 weeks/year): ≤1 → 2; >1 and <3 → 3; ≥3 → 4. */
export function txMinimumTT58_2011(periodsPerYear: number): number {
  return periodsPerYear <= 35 ? 2 : periodsPerYear < 105 ? 3 : 4;
}

/** Collects issues; `at` is the current JSON path as a stack, copied only when an issue is recorded so the
 *  valid-input hot path allocates no path arrays. */
class Collector {
  readonly issues: Issue[] = [];
  readonly at: Path = [];
  /** Records an issue at the current path, optionally one or two keys deeper. */
  add(message: string, key?: string | number, key2?: string | number): void {
    const path = this.at.slice();
    if (key !== undefined) path.push(key);
    if (key2 !== undefined) path.push(key2);
    this.issues.push({ path, message });
  }
}

/** Header of a valid input (everything but the students), passed to the per-student visitor. */
export interface InputHeader {
  regulation: Regulation;
  selection: string | null;
  decisions: Decisions;
}

/**
 * Validates and normalises the whole input. With `visit`, each student is handed over as soon as it is read
 * (while no issue has been found so far) and not kept in the result, so the engine can evaluate a school in
 * one streaming pass without holding a second copy of it.
 */
export function normalizeInput(raw: unknown, visit?: (student: NStudent, header: InputHeader) => void): NormalizeResult {
  const c = new Collector();
  if (!isObj(raw)) {
    c.add('dữ liệu vào phải là một đối tượng JSON có trường "students"');
    return { ok: false, issues: c.issues };
  }
  const regulation = resolveRegulation(raw, c);
  const decisions = readDecisions(raw.decisions, c);
  const students: NStudent[] = [];
  const list = raw.students;
  if (!Array.isArray(list)) {
    c.add(`phải là một mảng học sinh (nhận được ${show(list)})`, 'students');
  } else if (regulation !== null) {
    const seen = new Map<string, number>();
    const header: InputHeader = { regulation: regulation.regulation, selection: regulation.selection, decisions };
    c.at.push('students', 0);
    for (let i = 0; i < list.length; i++) {
      c.at[1] = i;
      const s = readStudent(list[i], regulation.regulation, c);
      if (s === null) continue;
      const prev = s.id === '' ? undefined : seen.get(s.id);
      if (prev !== undefined) c.add(`mã học sinh ${show(s.id)} trùng với students[${prev}]`, 'id');
      else seen.set(s.id, i);
      if (visit === undefined) students.push(s);
      else if (c.issues.length === 0) visit(s, header);
    }
    c.at.length = 0;
  }
  if (c.issues.length > 0 || regulation === null) return { ok: false, issues: c.issues };
  return { ok: true, value: { regulation: regulation.regulation, selection: regulation.selection, decisions, students } };
}

function resolveRegulation(raw: Obj, c: Collector): { regulation: Regulation; selection: string | null } | null {
  const r = raw.regulation;
  const year = raw.schoolYear;
  const grade = raw.grade;
  if (year !== undefined && typeof year !== 'string') c.add(`phải là chuỗi dạng "2023-2024" (nhận được ${show(year)})`, 'schoolYear');
  if (grade !== undefined && (typeof grade !== 'number' || !Number.isInteger(grade))) c.add(`phải là số nguyên 6–12 (nhận được ${show(grade)})`, 'grade');
  if (r !== undefined) {
    if (typeof r !== 'string' || !(REGULATIONS as readonly string[]).includes(r)) {
      c.add(`${show(r)} không phải là "TT22", "TT58" hoặc "TT58-2011"`, 'regulation');
      return null;
    }
    return { regulation: r as Regulation, selection: null };
  }
  if (typeof year === 'string' && typeof grade === 'number') {
    const sel = trySelectRegulation(year, grade);
    if (!sel.ok) {
      c.add(sel.message, sel.message.startsWith('năm') ? 'schoolYear' : 'grade');
      return null;
    }
    return { regulation: sel.regulation, selection: selectionReason(year, grade, sel.regulation) };
  }
  if (year === undefined && grade === undefined) {
    c.add('thiếu quy định đánh giá: cho "regulation" ("TT22", "TT58", "TT58-2011") hoặc "schoolYear" và "grade"', 'regulation');
  } else if (year === undefined) c.add('thiếu năm học (cần cùng với "grade" khi không có "regulation")', 'schoolYear');
  else if (grade === undefined) c.add('thiếu khối lớp (cần cùng với "schoolYear" khi không có "regulation")', 'grade');
  return null;
}

const DECISION_VALUES: Record<keyof Decisions, readonly string[]> = {
  I1: ['literal', 'scoredOnly'],
  I2: ['aboveBase', 'belowWouldBe'],
  I3: ['reapply', 'noReapply'],
  I4: ['literal', 'adjust'],
  wouldBe: ['replace', 'remove'],
  bothFailed: ['noReassessment', 'reassessAfterTraining'],
  fewScoredSubjects: ['pending', 'literal'],
};

function readDecisions(raw: unknown, c: Collector): Decisions {
  if (raw === undefined || raw === null) return DEFAULT_DECISIONS;
  if (!isObj(raw)) {
    c.add(`phải là một đối tượng (nhận được ${show(raw)})`, 'decisions');
    return DEFAULT_DECISIONS;
  }
  const d: Decisions = { ...DEFAULT_DECISIONS };
  for (const key of Object.keys(DECISION_VALUES) as (keyof Decisions)[]) {
    const v = raw[key];
    if (v === undefined) continue;
    const allowed = DECISION_VALUES[key];
    if (typeof v !== 'string' || !allowed.includes(v)) c.add(`${show(v)} không phải là một trong ${allowed.map((a) => `"${a}"`).join(', ')}`, 'decisions', key);
    else (d as unknown as Record<string, string>)[key] = v;
  }
  return d;
}

function readConduct(v: unknown, key: string, tt22: boolean, c: Collector): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    const r = (tt22 ? CONDUCT_TT22 : CONDUCT_TT58)[s.normalize('NFC').toUpperCase()];
    if (r !== undefined) return r;
  }
  c.add(tt22
    ? `${show(v)} không phải là mức rèn luyện theo TT22 ("TOT", "KHA", "DAT", "CHUA_DAT")`
    : `${show(v)} không phải là loại hạnh kiểm theo TT58 ("TOT", "KHA", "TB", "YEU")`, 'conduct', key);
  return null;
}

function readStudent(raw: unknown, regulation: Regulation, c: Collector): NStudent | null {
  if (!isObj(raw)) {
    c.add(`phải là một đối tượng học sinh (nhận được ${show(raw)})`);
    return null;
  }
  let id = '';
  if (typeof raw.id === 'string' && raw.id.trim() !== '') id = raw.id;
  else if (typeof raw.id === 'number' && Number.isFinite(raw.id)) id = String(raw.id);
  else c.add(`thiếu mã học sinh (nhận được ${show(raw.id)})`, 'id');
  let name: string | undefined;
  if (raw.name !== undefined && raw.name !== null) {
    if (typeof raw.name === 'string') name = raw.name;
    else c.add(`phải là chuỗi (nhận được ${show(raw.name)})`, 'name');
  }
  let absences: number | null = null;
  if (raw.absences !== undefined && raw.absences !== null) {
    if (typeof raw.absences === 'number' && Number.isInteger(raw.absences) && raw.absences >= 0) absences = raw.absences;
    else c.add(`${show(raw.absences)} không phải là số buổi nghỉ (số nguyên ≥ 0)`, 'absences');
  }
  let disability = false;
  if (raw.disability !== undefined && raw.disability !== null) {
    if (typeof raw.disability === 'boolean') disability = raw.disability;
    else c.add(`phải là true hoặc false (nhận được ${show(raw.disability)})`, 'disability');
  }
  let specialSubject: string | null = null;
  if (raw.specialSubject !== undefined && raw.specialSubject !== null) {
    if (typeof raw.specialSubject === 'string') specialSubject = raw.specialSubject;
    else c.add(`phải là mã môn (nhận được ${show(raw.specialSubject)})`, 'specialSubject');
  }
  const tt22 = regulation === 'TT22';
  const conduct = { HK1: null as number | null, HK2: null as number | null, CN: null as number | null, summer: null as number | null, cnGiven: false };
  if (raw.conduct !== undefined && raw.conduct !== null) {
    if (!isObj(raw.conduct)) c.add(`phải là một đối tượng { HK1, HK2, CN, summer } (nhận được ${show(raw.conduct)})`, 'conduct');
    else {
      const k = raw.conduct;
      conduct.HK1 = readConduct(k.HK1, 'HK1', tt22, c);
      conduct.HK2 = readConduct(k.HK2, 'HK2', tt22, c);
      conduct.CN = readConduct(k.CN, 'CN', tt22, c);
      conduct.cnGiven = conduct.CN !== null;
      conduct.summer = readConduct(k.summer, 'summer', tt22, c);
    }
  }
  // Contract evaluate.md: conduct.CN is "required under TT58" (hạnh kiểm cả năm is the GVCN's judgement, no formula,
  // rules §2.9). A missing field is an input error; an explicit null is a blank cell not entered yet (pending),
  // which is how the gradebook reader passes an empty CN column.
  if (!tt22 && (raw.conduct === undefined || raw.conduct === null || (isObj(raw.conduct) && raw.conduct.CN === undefined))) {
    c.add('thiếu hạnh kiểm cả năm: theo TT58 trường "CN" là bắt buộc (null nếu chưa xếp loại)', 'conduct', 'CN');
  }
  const subjects: NSubject[] = [];
  if (!Array.isArray(raw.subjects)) c.add(`phải là một mảng môn học (nhận được ${show(raw.subjects)})`, 'subjects');
  else {
    const codes = new Map<string, number>();
    const depth = c.at.length;
    c.at.push('subjects', 0);
    for (let j = 0; j < raw.subjects.length; j++) {
      c.at[depth + 1] = j;
      const s = readSubject(raw.subjects[j], regulation, c);
      if (s === null) continue;
      const prev = s.code === '' ? undefined : codes.get(s.code);
      if (prev !== undefined) c.add(`mã môn ${show(s.code)} trùng với subjects[${prev}]`, 'code');
      else codes.set(s.code, j);
      subjects.push(s);
    }
    c.at.length = depth;
  }
  return { id, name, absences, disability, specialSubject, conduct, subjects };
}

function readSubject(raw: unknown, regulation: Regulation, c: Collector): NSubject | null {
  if (!isObj(raw)) {
    c.add(`phải là một đối tượng môn học (nhận được ${show(raw)})`);
    return null;
  }
  let code = '';
  if (typeof raw.code === 'string' && raw.code.trim() !== '') code = raw.code;
  else c.add(`thiếu mã môn (nhận được ${show(raw.code)})`, 'code');
  const type = raw.type;
  if (type !== 'score' && type !== 'comment') c.add(`phải là "score" (đánh giá bằng điểm số) hoặc "comment" (đánh giá bằng nhận xét), nhận được ${show(type)}`, 'type');
  let periods: number | null = null;
  if (raw.periodsPerYear !== undefined && raw.periodsPerYear !== null) {
    const p = raw.periodsPerYear;
    if (typeof p === 'number' && Number.isInteger(p) && p > 0) periods = p;
    else c.add(`${show(p)} không phải là số tiết/năm (số nguyên dương)`, 'periodsPerYear');
  }
  let exempt = false;
  let skip: 'HK1' | 'HK2' | null = null;
  let skipReason: 'exempt' | 'notTaught' | null = null;
  if (raw.exempt !== undefined && raw.exempt !== null) {
    if (typeof raw.exempt === 'boolean') exempt = raw.exempt;
    else if (raw.exempt === 'HK1' || raw.exempt === 'HK2') {
      skip = raw.exempt;
      skipReason = 'exempt';
    } else c.add(`phải là true (miễn cả năm), "HK1" hoặc "HK2" (miễn một học kì) hoặc false (nhận được ${show(raw.exempt)})`, 'exempt');
  }
  if (raw.taughtIn !== undefined && raw.taughtIn !== null) {
    if ((raw.taughtIn === 'HK1' || raw.taughtIn === 'HK2') && skip === null) {
      skip = raw.taughtIn === 'HK1' ? 'HK2' : 'HK1';
      skipReason = 'notTaught';
    } else c.add(`phải là "HK1" hoặc "HK2" (môn chỉ dạy trong một học kì), không dùng cùng "exempt" theo học kì (nhận được ${show(raw.taughtIn)})`, 'taughtIn');
  }
  // Without a valid type the marks cannot be judged (score or Đ/CĐ): only their JSON shape is checked.
  if (type !== 'score' && type !== 'comment') {
    checkShape(raw.HK1, 'HK1', c);
    checkShape(raw.HK2, 'HK2', c);
    if (!isCell(raw.retest)) c.add(`${show(raw.retest)} không phải là điểm hoặc mức đánh giá`, 'retest');
    return null;
  }
  const original = regulation === 'TT58-2011';
  const score = type === 'score';
  // Number of ĐĐGtx: exact under TT22/TT26, a minimum under the original TT58; comment subjects always have
  // 2 ĐGtx under TT22/TT26 (periodsPerYear ignored, contract).
  let requiredTx: number | null;
  if (original) requiredTx = periods === null ? null : txMinimumTT58_2011(periods);
  else requiredTx = score ? (periods === null ? null : txCountTT22(periods)) : 2;
  const maxTx = original ? Infinity : requiredTx ?? 4;
  const known = periods !== null || !score;
  const HK1 = readSemester(raw.HK1, 'HK1', score, original, maxTx, known, c);
  const HK2 = readSemester(raw.HK2, 'HK2', score, original, maxTx, known, c);
  let retest: number | null = null;
  if (raw.retest !== undefined) retest = readCell(raw.retest, score, c, 'retest');
  return { code, type, exempt, skip, skipReason, requiredTx, HK1, HK2, retest };
}

const isCell = (v: unknown): boolean => v === undefined || v === null || typeof v === 'number' || typeof v === 'string';

function checkShape(v: unknown, key: string, c: Collector): void {
  if (!isObj(v)) {
    if (!isCell(v)) c.add(`${show(v)} không phải là điểm hoặc mức đánh giá`, key);
    return;
  }
  c.at.push(key);
  for (const k of ['tx', 'dk'] as const) {
    const a = v[k];
    if (a === undefined) continue;
    if (!Array.isArray(a)) c.add(`phải là một mảng điểm (nhận được ${show(a)})`, k);
    else for (let i = 0; i < a.length; i++) if (!isCell(a[i])) c.add(`${show(a[i])} không phải là điểm hoặc mức đánh giá`, k, i);
  }
  for (const k of ['gk', 'ck', 'hk'] as const) if (!isCell(v[k])) c.add(`${show(v[k])} không phải là điểm hoặc mức đánh giá`, k);
  c.at.pop();
}

function readCell(v: unknown, score: boolean, c: Collector, key?: string | number, key2?: string | number): number | null {
  if (score) {
    const t = parseMarkTenths(v);
    if (typeof t === 'string') {
      c.add(t, key, key2);
      return null;
    }
    return t;
  }
  const r = parseCommentCode(v);
  if (typeof r === 'string') {
    c.add(r, key, key2);
    return null;
  }
  return r;
}

function readCells(v: unknown, score: boolean, c: Collector, key: string): (number | null)[] {
  if (!Array.isArray(v)) {
    c.add(`phải là một mảng điểm (nhận được ${show(v)})`, key);
    return [];
  }
  const out = new Array<number | null>(v.length);
  c.at.push(key);
  for (let i = 0; i < v.length; i++) out[i] = readCell(v[i], score, c, i);
  c.at.pop();
  return out;
}

function readSemester(v: unknown, key: string, score: boolean, original: boolean, maxTx: number, knownCount: boolean, c: Collector): NSemester {
  if (!isObj(v)) return { kind: 'value', value: readCell(v, score, c, key) };
  c.at.push(key);
  const what = score ? 'ĐĐGtx' : 'ĐGtx';
  let tx: (number | null)[] = [];
  // A key left out is read like a blank (not entered yet → pending), never as an error or a 0: a teacher's
  // export often omits what has not been given yet.
  if ('tx' in v) tx = readCells(v.tx, score, c, 'tx');
  let entered = 0;
  for (const t of tx) if (t !== null) entered++;
  if (entered > maxTx) {
    c.add(knownCount
      ? `có ${entered} ${what}, nhiều hơn số được ghi nhận theo quy định (${maxTx})`
      : `có ${entered} ${what}, nhiều hơn mức tối đa 4 ĐĐGtx mỗi học kì`, 'tx');
  }
  let mid: (number | null)[] = [];
  let end: number | null = null;
  const hasGkCk = 'gk' in v || 'ck' in v;
  if (original && !hasGkCk) {
    // TT58-2011: KTtx, KTđk (several, weight 2 each), KThk (weight 3).
    mid = 'dk' in v ? readCells(v.dk, score, c, 'dk') : [null];
    if ('hk' in v) end = readCell(v.hk, score, c, 'hk');
  } else {
    if (!original && ('dk' in v || 'hk' in v)) c.add('trường "dk"/"hk" chỉ dùng cho TT58-2011; theo TT22 và TT58+TT26 dùng "gk" (giữa kì) và "ck" (cuối kì)', 'dk' in v ? 'dk' : 'hk');
    mid = ['gk' in v ? readCell(v.gk, score, c, 'gk') : null];
    if ('ck' in v) end = readCell(v.ck, score, c, 'ck');
  }
  c.at.pop();
  return { kind: 'raw', tx, mid, end };
}
