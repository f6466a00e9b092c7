// TT22 Điều 8 khoản 2 — kết quả rèn luyện. Semester levels are the homeroom teacher's judgement (input);
// the year level follows the table of điểm b (rules §1.10). Ranks: 3 Tốt, 2 Khá, 1 Đạt, 0 Chưa đạt.
import type { Reason } from '../reason.ts';
import { TT22_NAMES } from '../levels.ts';

/** TT22 Điều 8 khoản 2 điểm b: the year level from HK I and HK II. */
export function yearConduct(hk1: number, hk2: number): number {
  switch (hk2) {
    case 3: return hk1 >= 2 ? 3 : 2; // Tốt: HK II Tốt, HK I từ Khá; else Khá (HK II Tốt, HK I Đạt/Chưa đạt)
    case 2: return hk1 >= 1 ? 2 : 1; // Khá: HK II Khá, HK I từ Đạt; Đạt: HK II Khá, HK I Chưa đạt
    case 1: return hk1 === 3 ? 2 : 1; // Khá: HK II Đạt, HK I Tốt; Đạt: HK II Đạt, HK I Khá/Đạt/Chưa đạt
    default: return 0; // Chưa đạt: các trường hợp còn lại (HK II Chưa đạt)
  }
}

export function conductCN(hk1: number | null, hk2: number | null, given: number | null, reasons: Reason[]): number | null {
  if (given !== null) {
    const text = `Kết quả rèn luyện cả năm: ${TT22_NAMES[given]} (do giáo viên chủ nhiệm ghi nhận).`;
    if (hk1 !== null && hk2 !== null && yearConduct(hk1, hk2) !== given) {
      reasons.push({ rule: 'TT22 Điều 8 khoản 2 điểm b', text: `${text} Lưu ý: theo bảng của Điều 8 khoản 2 điểm b, học kì I ${TT22_NAMES[hk1]} và học kì II ${TT22_NAMES[hk2]} cho mức ${TT22_NAMES[yearConduct(hk1, hk2)]}.` });
    } else reasons.push({ rule: 'TT22 Điều 8 khoản 2 điểm b', text });
    return given;
  }
  if (hk1 === null || hk2 === null) {
    reasons.push({ rule: 'TT22 Điều 8 khoản 2', text: 'Chưa có đủ kết quả rèn luyện học kì I và học kì II: chưa xếp mức rèn luyện cả năm.' });
    return null;
  }
  const cn = yearConduct(hk1, hk2);
  reasons.push({ rule: 'TT22 Điều 8 khoản 2 điểm b', text: `Kết quả rèn luyện cả năm ${TT22_NAMES[cn]}: học kì I ${TT22_NAMES[hk1]}, học kì II ${TT22_NAMES[hk2]}.` });
  return cn;
}
