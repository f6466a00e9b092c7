// TT58 Điều 11 (ĐTBhk, ĐTBcn) and Điều 13 (xếp loại học lực), as amended by TT26 Điều 2 ("TT58") or in the
// original 2011 wording ("TT58-2011"), rules §2.6 and §2.8. Ranks: 4 Giỏi, 3 Khá, 2 Trung bình, 1 Yếu, 0 Kém.
import type { Decisions } from '../decisions.ts';
import { TT58_LEARNING_NAMES, periodName, type Period } from '../levels.ts';
import { formatTenths } from '../marks.ts';
import type { Reason } from '../reason.ts';
import type { Regulation } from '../regulation.ts';
import { divHalfUp } from '../tenths.ts';

export interface Valued {
  code: string;
  type: 'score' | 'comment';
  value: number;
}

/** Codes recognised as Toán, Ngữ văn, Ngoại ngữ (contract: "TOAN", "VAN", "NN"; a few common spellings too). */
const CORE_CODES: Record<string, 'TOAN' | 'VAN' | 'NN'> = {
  TOAN: 'TOAN', 'TOÁN': 'TOAN', VAN: 'VAN', 'VĂN': 'VAN', NGU_VAN: 'VAN', NGUVAN: 'VAN', 'NGỮ VĂN': 'VAN',
  NN: 'NN', NN1: 'NN', NGOAI_NGU: 'NN', NGOAINGU: 'NN', 'NGOẠI NGỮ': 'NN', TIENG_ANH: 'NN', ANH: 'NN',
};

export function coreOf(code: string, regulation: Regulation): 'TOAN' | 'VAN' | 'NN' | null {
  const c = CORE_CODES[code.normalize('NFC').toUpperCase()] ?? null;
  // Original 2011 text: "1 trong 2 môn Toán, Ngữ văn"; TT26: "1 trong 3 môn Toán, Ngữ văn, Ngoại ngữ".
  if (c === 'NN' && regulation === 'TT58-2011') return null;
  return c;
}

/** Điều 11: average of the scored subjects' averages, rounded half-up to one decimal; null when none. */
export function overallAverage(values: readonly Valued[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) if (v.type === 'score') { sum += v.value; n++; }
  return n === 0 ? null : divHalfUp(sum, n);
}

/** Per-level thresholds of khoản 1–4 (tenths): ĐTB, core/chuyên subject, every subject floor. */
const LEVELS = [
  null,
  { avg: 35, core: null, floor: 20, comments: false }, // khoản 4 Yếu
  { avg: 50, core: 50, floor: 35, comments: true }, // khoản 3 Trung bình
  { avg: 65, core: 65, floor: 50, comments: true }, // khoản 2 Khá
  { avg: 80, core: 80, floor: 65, comments: true }, // khoản 1 Giỏi
] as const;

export interface Context {
  regulation: Regulation;
  specialSubject: string | null;
  decisions: Decisions;
}

interface Check {
  ok: boolean;
  /** Subjects below the level's floor, or comment subjects rated CĐ when the level needs Đ. */
  failing: Valued[];
  coreOk: boolean;
  hasCore: boolean;
  specialOk: boolean;
}

/** The conditions of one level; the subject `satisfied` (if any) is treated as meeting every requirement. */
function check(level: 1 | 2 | 3 | 4, avg: number, values: readonly Valued[], ctx: Context, satisfied: Valued | null = null): Check {
  const L = LEVELS[level];
  const failing: Valued[] = [];
  let hasCore = false;
  let coreOk = L.core === null;
  let specialOk = true;
  for (const v of values) {
    if (v === satisfied) {
      if (v.type === 'score' && coreOf(v.code, ctx.regulation) !== null) hasCore = coreOk = true;
      continue;
    }
    if (v.type === 'comment') {
      if (L.comments && v.value === 0) failing.push(v);
      continue;
    }
    if (v.value < L.floor) failing.push(v);
    if (L.core !== null) {
      if (coreOf(v.code, ctx.regulation) !== null) {
        hasCore = true;
        if (v.value >= L.core) coreOk = true;
      }
      if (ctx.specialSubject !== null && v.code === ctx.specialSubject && v.value < L.core) specialOk = false;
    }
  }
  // No Toán/Ngữ văn/Ngoại ngữ on record at all: the condition cannot be checked, so it is not applied (stated in the reasons).
  if (!hasCore) coreOk = true;
  return { ok: avg >= L.avg && failing.length === 0 && coreOk && specialOk, failing, coreOk, hasCore, specialOk };
}

export interface HocLuc {
  level: number;
  base: number;
  culprit: string | null;
  /** Level the ĐTB reached before the single subject pulled it down (khoản 6), when adjusted. */
  wouldBe: number | null;
  avg: number;
}

/** Khoản 1–5 then khoản 6 (adjustment when a single subject pulls a G- or K-level ĐTB down). */
export function hocLuc(avg: number, values: readonly Valued[], ctx: Context): HocLuc {
  let base = 0;
  for (const level of [4, 3, 2, 1] as const) {
    if (check(level, avg, values, ctx).ok) {
      base = level;
      break;
    }
  }
  const avgLevel = avg >= 80 ? 4 : avg >= 65 ? 3 : 0;
  if (avgLevel === 0 || base >= avgLevel - 1) return { level: base, base, culprit: null, wouldBe: null, avg };
  // Would-be level: the highest of G/K (not above what the ĐTB reaches) whose only obstacle is one single subject.
  for (const w of [4, 3] as const) {
    if (w > avgLevel || base >= w - 1) continue;
    // "do kết quả của duy nhất một môn học": exactly one subject below the level's floor (or CĐ), and the level
    // holds once that subject is treated as meeting every requirement (incl. the Toán/Văn/NN condition).
    const c = check(w, avg, values, ctx);
    if (c.failing.length !== 1) continue;
    const culprit = c.failing[0]!;
    if (culprit.type === 'comment' && ctx.decisions.I4 === 'literal') continue;
    if (!check(w, avg, values, ctx, culprit).ok) continue;
    // Khoản 6: G→Tb ⇒ K (a); G→Y ⇒ Tb (b); K→Y ⇒ Tb (c); K→Kém ⇒ Y (d). G→Kém (not listed): read as K→Kém ⇒ Y.
    const level = w === 4 ? (base === 2 ? 3 : base === 1 ? 2 : 1) : base === 1 ? 2 : 1;
    return { level, base, culprit: culprit.code, wouldBe: w, avg };
  }
  return { level: base, base, culprit: null, wouldBe: null, avg };
}

const KHOAN = ['5', '4', '3', '2', '1'];

export function explainHocLuc(r: HocLuc, values: readonly Valued[], ctx: Context, period: Period): Reason[] {
  const reg = ctx.regulation;
  const avgName = period === 'HK1' || period === 'HK2' ? 'ĐTBhk' : 'ĐTBcn';
  const parts: string[] = [`${avgName} ${formatTenths(r.avg)}`];
  if (r.base < 4) {
    const higher = r.base + 1;
    const c = check(higher as 1 | 2 | 3 | 4, r.avg, values, ctx);
    const w: string[] = [];
    const L = LEVELS[higher as 1 | 2 | 3 | 4];
    if (r.avg < L.avg) w.push(`${avgName} dưới ${formatTenths(L.avg)}`);
    if (!c.coreOk) w.push(`không có môn nào trong ${reg === 'TT58-2011' ? 'Toán, Ngữ văn' : 'Toán, Ngữ văn, Ngoại ngữ'} đạt từ ${formatTenths(L.core ?? 0)}`);
    if (!c.specialOk) w.push(`môn chuyên dưới ${formatTenths(L.core ?? 0)}`);
    const low = c.failing.filter((f) => f.type === 'score');
    if (low.length > 0) w.push(`môn dưới ${formatTenths(L.floor)}: ${low.map((f) => `${f.code} ${formatTenths(f.value)}`).join(', ')}`);
    const cd = c.failing.filter((f) => f.type === 'comment');
    if (cd.length > 0) w.push(`môn đánh giá bằng nhận xét xếp loại CĐ: ${cd.map((f) => f.code).join(', ')}`);
    parts.push(`chưa đạt loại ${TT58_LEARNING_NAMES[higher]} vì ${w.join('; ')}`);
  }
  const c4 = check(4, r.avg, values, ctx);
  if (!c4.hasCore) parts.push('không có môn Toán/Ngữ văn/Ngoại ngữ trong dữ liệu nên không xét điều kiện môn này');
  const reasons: Reason[] = [{
    rule: `${reg} Điều 13 khoản ${KHOAN[r.base]}`,
    text: `${periodName(period)}: học lực theo khoản ${KHOAN[r.base]} là loại ${TT58_LEARNING_NAMES[r.base]} (${parts.join('; ')}).`,
  }];
  if (r.culprit !== null) {
    const point = r.wouldBe === 4 ? (r.base === 2 ? 'a' : r.base === 1 ? 'b' : 'd') : r.base === 1 ? 'c' : 'd';
    reasons.push({
      rule: `${reg} Điều 13 khoản 6 điểm ${point}`,
      text: `${periodName(period)}: ${avgName} ${formatTenths(r.avg)} đạt mức loại ${r.wouldBe === 4 ? 'Giỏi' : 'Khá'} nhưng do kết quả của ${reg === 'TT58' ? 'duy nhất ' : ''}môn ${r.culprit} nên bị xếp thấp xuống; được điều chỉnh xếp loại ${TT58_LEARNING_NAMES[r.level]}.`
        + (values.some((v) => v.code === r.culprit && v.type === 'comment') ? ' Môn đánh giá bằng nhận xét được coi là "một môn học" của khoản 6 (quyết định sản phẩm I4: "adjust").' : '')
        + (r.wouldBe === 4 && r.base === 0 ? ' (Khoản 6 không nêu trường hợp Giỏi → Kém; sản phẩm xếp như Khá → Kém ⇒ Yếu.)' : ''),
    });
  }
  return reasons;
}
