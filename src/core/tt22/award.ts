// TT22 Điều 15 khoản 1 điểm a — khen thưởng cuối năm học: "Học sinh Xuất sắc", "Học sinh Giỏi" (year only).
import type { Reason } from '../reason.ts';
import type { Award } from '../schema.ts';
import type { SubjectYear } from '../subject.ts';

/** TT22 Điều 15 khoản 1 điểm a: Học sinh Xuất sắc / Học sinh Giỏi (year-end titles only). */
export function awardTT22(rows: readonly SubjectYear[], learning: number | null, conduct: number | null, reasons: Reason[]): Award {
  if (learning === null || conduct === null) return null;
  if (learning !== 3 || conduct !== 3) return null;
  let ge90 = 0;
  for (const r of rows) if (!r.subject.exempt && r.subject.type === 'score' && r.CN !== null && r.CN >= 90) ge90++;
  if (ge90 >= 6) {
    reasons.push({ rule: 'TT22 Điều 15 khoản 1 điểm a', text: `Khen thưởng danh hiệu "Học sinh Xuất sắc": rèn luyện cả năm Tốt, học tập cả năm Tốt và ${ge90} môn có ĐTBmcn từ 9,0 trở lên (cần ít nhất 6).` });
    return 'XUAT_SAC';
  }
  reasons.push({ rule: 'TT22 Điều 15 khoản 1 điểm a', text: `Khen thưởng danh hiệu "Học sinh Giỏi": rèn luyện cả năm Tốt và học tập cả năm Tốt (${ge90} môn có ĐTBmcn từ 9,0 trở lên, chưa đủ 6 để là Học sinh Xuất sắc).` });
  return 'GIOI';
}
