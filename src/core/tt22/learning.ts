// TT22 Điều 9 khoản 2 (KQHT levels) and khoản 3 (adjustment), rules §1.9. Ranks 3 Tốt, 2 Khá, 1 Đạt, 0 Chưa đạt.
// Inputs are per-subject values of one period: ĐTBmhk/ĐTBmcn in tenths for scored subjects, 1/0 (Đ/CĐ) for
// comment subjects. Exempt subjects are not passed in.
import type { Decisions } from '../decisions.ts';
import { TT22_NAMES, PERIOD_NAMES, type Period } from '../levels.ts';
import { formatTenths } from '../marks.ts';
import type { Reason } from '../reason.ts';

export interface Valued {
  code: string;
  type: 'score' | 'comment';
  value: number;
}

/** Counts the level needs (thresholds inclusive: "từ 8,0 trở lên"; "dưới 3,5" is < 3.5). */
interface Tally {
  scored: number;
  ge80: number;
  ge65: number;
  ge50: number;
  lt65: number;
  lt50: number;
  lt35: number;
  commentFail: number;
}

/** Tallies the values; subject `replace` is treated as satisfying every requirement (wouldBe "replace": as 10,0 /
 *  Đạt) or left out (wouldBe "remove"). */
function tally(values: readonly Valued[], replace = -1, remove = false): Tally {
  const t: Tally = { scored: 0, ge80: 0, ge65: 0, ge50: 0, lt65: 0, lt50: 0, lt35: 0, commentFail: 0 };
  for (let i = 0; i < values.length; i++) {
    const s = values[i]!;
    if (i === replace && remove) continue;
    if (s.type === 'comment') {
      if (i !== replace && s.value === 0) t.commentFail++;
      continue;
    }
    t.scored++;
    const v = i === replace ? 100 : s.value;
    if (v >= 80) t.ge80++;
    if (v >= 65) t.ge65++; else t.lt65++;
    if (v >= 50) t.ge50++; else t.lt50++;
    if (v < 35) t.lt35++;
  }
  return t;
}

/** Khoản 2: the first of Tốt / Khá / Đạt whose conditions hold, else Chưa đạt. */
function levelOf(t: Tally): number {
  if (t.commentFail === 0 && t.lt65 === 0 && t.ge80 >= 6) return 3; // điểm a
  if (t.commentFail === 0 && t.lt50 === 0 && t.ge65 >= 6) return 2; // điểm b
  if (t.commentFail <= 1 && t.ge50 >= 6 && t.lt35 === 0) return 1; // điểm c
  return 0; // điểm d
}

/** The level of khoản 2 without the adjustment (exported for tests and for the re-assessment without I3). */
export function baseLevel(values: readonly Valued[]): number {
  return levelOf(tally(values));
}

export interface LearningResult {
  level: number;
  base: number;
  /** Subject whose result alone caused the drop (khoản 3), when the adjustment applied. */
  culprit: string | null;
  /** The level the student would have without that subject's result, when the adjustment applied. */
  wouldBe: number | null;
  culpritIsComment: boolean;
}

/** Khoản 2 then khoản 3: "Nếu mức đánh giá … bị thấp xuống từ 02 mức trở lên so với mức … tại điểm a, điểm b
 *  khoản 2 … chỉ do kết quả đánh giá của duy nhất 01 môn học thì … được điều chỉnh lên mức liền kề."
 *  Would-be level (rules §1.9 step 2): the best level reached when one single subject is treated as satisfying
 *  every requirement (a scored subject as 10,0; a comment subject as Đạt, only when decision I1 is "literal"),
 *  or, with decision wouldBe = "remove", when that subject is left out. */
export function learningLevel(values: readonly Valued[], d: Decisions, adjust = true): LearningResult {
  const base = baseLevel(values);
  if (!adjust || base >= 2) return { level: base, base, culprit: null, wouldBe: null, culpritIsComment: false };
  let wouldBe = -1;
  let culprit: string | null = null;
  let culpritIsComment = false;
  for (let i = 0; i < values.length; i++) {
    const s = values[i]!;
    const failing = s.type === 'comment' ? s.value === 0 : s.value < 80;
    if (!failing) continue;
    if (s.type === 'comment' && d.I1 === 'scoredOnly') continue;
    const w = levelOf(tally(values, i, d.wouldBe === 'remove'));
    if (w >= 2 && w > wouldBe) {
      wouldBe = w;
      culprit = s.code;
      culpritIsComment = s.type === 'comment';
    }
  }
  if (wouldBe < 2 || wouldBe - base < 2) return { level: base, base, culprit: null, wouldBe: null, culpritIsComment: false };
  // "mức liền kề": one above the computed level (I2 "aboveBase", also TT58 khoản 6b), or one below the would-be level.
  const level = wouldBe - base >= 3 && d.I2 === 'belowWouldBe' ? wouldBe - 1 : base + 1;
  return { level, base, culprit, wouldBe, culpritIsComment };
}

/** "S9 4,0, S8 3,0": the scored subjects below a threshold (tenths). */
function below(values: readonly Valued[], threshold: number): string {
  let out = '';
  for (const v of values) {
    if (v.type !== 'score' || v.value >= threshold) continue;
    out += `${out === '' ? '' : ', '}${v.code} ${formatTenths(v.value)}`;
  }
  return out;
}

/** Vietnamese explanation of a KQHT result, with the article. */
export function explainLearning(values: readonly Valued[], r: LearningResult, period: Period): Reason[] {
  const avg = period === 'HK1' || period === 'HK2' ? 'ĐTBmhk' : 'ĐTBmcn';
  const t = tally(values);
  const clause = ['d', 'c', 'b', 'a'][r.base]!;
  const failedComments = values.filter((v) => v.type === 'comment' && v.value === 0).map((v) => v.code);
  const why: string[] = [];
  // Only the next level up is explained: that is what the student missed.
  if (r.base === 2) {
    const w: string[] = [];
    if (failedComments.length > 0) w.push(`môn nhận xét Chưa đạt: ${failedComments.join(', ')}`);
    if (t.lt65 > 0) w.push(`${avg} dưới 6,5: ${below(values, 65)}`);
    if (t.ge80 < 6) w.push(`chỉ ${t.ge80} môn có ${avg} từ 8,0 trở lên (cần ít nhất 6)`);
    why.push(`chưa đạt mức Tốt vì ${w.join('; ')}`);
  }
  if (r.base === 1) {
    const w: string[] = [];
    if (failedComments.length > 0) w.push(`môn nhận xét Chưa đạt: ${failedComments.join(', ')}`);
    if (t.lt50 > 0) w.push(`${avg} dưới 5,0: ${below(values, 50)}`);
    if (t.ge65 < 6) w.push(`chỉ ${t.ge65} môn có ${avg} từ 6,5 trở lên (cần ít nhất 6)`);
    why.push(`chưa đạt mức Khá vì ${w.join('; ')}`);
  }
  if (r.base === 0) {
    const w: string[] = [];
    if (failedComments.length > 1) w.push(`${failedComments.length} môn nhận xét Chưa đạt (tối đa 1)`);
    if (t.ge50 < 6) w.push(`chỉ ${t.ge50} môn có ${avg} từ 5,0 trở lên (cần ít nhất 6)`);
    if (t.lt35 > 0) w.push(`${avg} dưới 3,5: ${below(values, 35)}`);
    why.push(`chưa đạt mức Đạt vì ${w.join('; ')}`);
  }
  const head = `${PERIOD_NAMES[period]}: kết quả học tập theo khoản 2 là mức ${TT22_NAMES[r.base]}`;
  const reasons: Reason[] = [{ rule: `TT22 Điều 9 khoản 2 điểm ${clause}`, text: why.length > 0 ? `${head} (${why.join('; ')}).` : `${head}.` }];
  if (r.culprit !== null) {
    reasons.push({
      rule: 'TT22 Điều 9 khoản 3',
      text: `${PERIOD_NAMES[period]}: mức đánh giá bị thấp xuống từ 2 mức trở lên (so với mức ${TT22_NAMES[r.wouldBe!]}) chỉ do duy nhất môn ${r.culprit} nên được điều chỉnh lên mức liền kề: ${TT22_NAMES[r.level]}.`
        + (r.culpritIsComment ? ' Môn đánh giá bằng nhận xét cũng được coi là "duy nhất 01 môn học" (quyết định sản phẩm I1: "literal").' : '')
        + (r.wouldBe! - r.base >= 3 ? ` Giảm 3 mức: "mức liền kề" được hiểu là ${r.level === r.base + 1 ? 'mức trên mức đã xếp (quyết định sản phẩm I2: "aboveBase")' : 'mức dưới mức lẽ ra đạt (quyết định sản phẩm I2: "belowWouldBe")'}.` : ''),
    });
  }
  return reasons;
}
