// Vietnamese labels of the engine's codes (evaluate.md output vocabulary).
export const LEVEL_LABELS: Record<string, string> = {
  TOT: 'Tốt', KHA: 'Khá', DAT: 'Đạt', CHUA_DAT: 'Chưa đạt',
  GIOI: 'Giỏi', TB: 'Trung bình', YEU: 'Yếu', KEM: 'Kém', CHUA_CO: 'Chưa xếp loại',
};
export const AWARD_LABELS: Record<string, string> = {
  XUAT_SAC: 'Học sinh Xuất sắc', GIOI: 'Học sinh Giỏi', TIEN_TIEN: 'Học sinh Tiên tiến',
};
export const OUTCOME_LABELS: Record<string, string> = {
  LEN_LOP: 'Lên lớp', O_LAI: 'Ở lại lớp', DANH_GIA_LAI: 'Đánh giá lại trong hè', KIEM_TRA_LAI: 'Kiểm tra lại',
  REN_LUYEN_HE: 'Rèn luyện trong hè', MANUAL: 'Xét riêng (kế hoạch giáo dục cá nhân)',
};
export const TERM_LABELS: Record<string, string> = { HK1: 'Học kì I', HK2: 'Học kì II', CN: 'Cả năm', final: 'Sau hè' };

export function level(code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return LEVEL_LABELS[code] ?? code;
}
export function outcome(code: string | null | undefined): string {
  if (code === null || code === undefined) return 'Chưa đủ dữ liệu';
  return OUTCOME_LABELS[code] ?? code;
}
export function award(code: string | null | undefined): string {
  if (!code) return '';
  return AWARD_LABELS[code] ?? code;
}
