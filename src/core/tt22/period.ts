// TT22 Điều 9 khoản 2–3 applied to one period (HK I, HK II, cả năm, or the year after re-assessment), with the
// pending rules: a pending subject or fewer than 6 scored subjects leave the level null.
import type { Decisions } from '../decisions.ts';
import { PERIOD_NAMES, type Period } from '../levels.ts';
import type { Reason } from '../reason.ts';
import type { SubjectYear } from '../subject.ts';
import { explainLearning, learningLevel, type Valued } from './learning.ts';

/** Values of one period for KQHT, or null while any non-exempt subject is pending. */
function periodValues(rows: readonly SubjectYear[], pick: 'HK1' | 'HK2' | 'CN'): Valued[] | null {
  const out: Valued[] = [];
  for (const r of rows) {
    if (r.subject.exempt || r.subject.skip === pick) continue;
    const v = r[pick];
    if (v === null) return null;
    out.push({ code: r.subject.code, type: r.subject.type, value: v });
  }
  return out;
}

function scoredCount(values: readonly Valued[]): number {
  let n = 0;
  for (const v of values) if (v.type === 'score') n++;
  return n;
}

export function learningFor(rows: readonly SubjectYear[], pick: 'HK1' | 'HK2' | 'CN', period: Period, d: Decisions, reasons: Reason[], adjust = true): number | null {
  const values = periodValues(rows, pick);
  if (values === null) {
    const pending = rows.filter((r) => !r.subject.exempt && r.subject.skip !== pick && r[pick] === null).map((r) => r.subject.code);
    reasons.push({ rule: 'TT22 Điều 9 khoản 2', text: `${PERIOD_NAMES[period]}: chưa xếp mức kết quả học tập vì còn thiếu điểm/kết quả môn ${pending.join(', ')}.` });
    return null;
  }
  if (d.fewScoredSubjects === 'pending' && scoredCount(values) < 6) {
    reasons.push({ rule: 'TT22 Điều 9 khoản 2', text: `${PERIOD_NAMES[period]}: chưa đủ dữ liệu — chỉ có ${scoredCount(values)} môn đánh giá bằng điểm số, mỗi mức trên Chưa đạt cần ít nhất 6 môn.` });
    return null;
  }
  const r = learningLevel(values, d, adjust);
  reasons.push(...explainLearning(values, r, period));
  return r.level;
}

