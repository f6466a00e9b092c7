// TT58 Điều 11 and 13 applied to one period (HK I, HK II, cả năm, or the year after kiểm tra lại); a pending
// subject leaves ĐTB and học lực null.
import { periodName, type Period } from '../levels.ts';
import type { Reason } from '../reason.ts';
import type { SubjectYear } from '../subject.ts';
import { explainHocLuc, hocLuc, overallAverage, type Context, type Valued } from './learning.ts';

export interface PeriodResult {
  avg: number | null;
  level: number | null;
}

export function periodResult(rows: readonly SubjectYear[], pick: 'HK1' | 'HK2' | 'CN', period: Period, ctx: Context, reasons: Reason[]): PeriodResult {
  const values: Valued[] = [];
  const pending: string[] = [];
  for (const r of rows) {
    if (r.subject.exempt || r.subject.skip === pick) continue;
    const v = r[pick];
    if (v === null) pending.push(r.subject.code);
    else values.push({ code: r.subject.code, type: r.subject.type, value: v });
  }
  const reg = ctx.regulation;
  if (pending.length > 0) {
    reasons.push({ rule: `${reg} Điều 13`, text: `${periodName(period)}: chưa xếp loại học lực vì còn thiếu điểm/kết quả môn ${pending.join(', ')}.` });
    return { avg: null, level: null };
  }
  const avg = overallAverage(values);
  if (avg === null) {
    reasons.push({ rule: `${reg} Điều 11`, text: `${periodName(period)}: không có môn đánh giá bằng cho điểm nên không tính được điểm trung bình các môn.` });
    return { avg: null, level: null };
  }
  const r = hocLuc(avg, values, ctx);
  reasons.push(...explainHocLuc(r, values, ctx, period));
  return { avg, level: r.level };
}
