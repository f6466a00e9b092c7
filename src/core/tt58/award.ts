// TT58 Điều 18 — danh hiệu học sinh giỏi / tiên tiến, per semester and per year.
import { TT58_CONDUCT_NAMES, TT58_LEARNING_NAMES, type Period } from '../levels.ts';
import type { Reason } from '../reason.ts';
import type { Regulation } from '../regulation.ts';
import type { Award } from '../schema.ts';

/** Điều 18: học sinh giỏi (hạnh kiểm Tốt, học lực Giỏi); học sinh tiên tiến (both from Khá). */
export function award(learning: number | null, conduct: number | null, period: Period, reg: Regulation, reasons: Reason[]): Award {
  if (learning === null || conduct === null) return null;
  const when = period === 'HK1' ? 'học kì I' : 'cả năm học';
  if (learning === 4 && conduct === 3) {
    reasons.push({ rule: `${reg} Điều 18 khoản 1`, text: `Danh hiệu học sinh giỏi ${when}: hạnh kiểm Tốt, học lực Giỏi.` });
    return 'GIOI';
  }
  if (learning >= 3 && conduct >= 2) {
    reasons.push({ rule: `${reg} Điều 18 khoản 2`, text: `Danh hiệu học sinh tiên tiến ${when}: hạnh kiểm ${TT58_CONDUCT_NAMES[conduct]}, học lực ${TT58_LEARNING_NAMES[learning]}.` });
    return 'TIEN_TIEN';
  }
  return null;
}
