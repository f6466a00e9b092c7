// Vietnamese names of the engine's level/award/outcome codes, in display order (best first), for both
// regulation families (TT22 and TT58). Codes the engine may return: evaluate.md.

export const LEARNING_LABELS: Record<string, string> = {
  TOT: 'Tốt', GIOI: 'Giỏi', KHA: 'Khá', DAT: 'Đạt', TB: 'Trung bình', CHUA_DAT: 'Chưa đạt', YEU: 'Yếu', KEM: 'Kém',
};
export const LEARNING_ORDER = ['TOT', 'GIOI', 'KHA', 'DAT', 'TB', 'CHUA_DAT', 'YEU', 'KEM'];

export const CONDUCT_LABELS: Record<string, string> = { TOT: 'Tốt', KHA: 'Khá', DAT: 'Đạt', TB: 'Trung bình', CHUA_DAT: 'Chưa đạt', YEU: 'Yếu' };
export const CONDUCT_ORDER = ['TOT', 'KHA', 'DAT', 'TB', 'CHUA_DAT', 'YEU'];

export const AWARD_LABELS: Record<string, string> = {
  XUAT_SAC: 'Học sinh Xuất sắc', GIOI: 'Học sinh Giỏi', TIEN_TIEN: 'Học sinh Tiên tiến',
};
export const AWARD_ORDER = ['XUAT_SAC', 'GIOI', 'TIEN_TIEN'];

export const OUTCOME_LABELS: Record<string, string> = {
  LEN_LOP: 'Lên lớp', DANH_GIA_LAI: 'Đánh giá lại (hè)', KIEM_TRA_LAI: 'Kiểm tra lại (hè)', REN_LUYEN_HE: 'Rèn luyện hè',
  O_LAI: 'Ở lại lớp', MANUAL: 'Xét riêng (HS khuyết tật)',
};
export const OUTCOME_ORDER = ['LEN_LOP', 'DANH_GIA_LAI', 'KIEM_TRA_LAI', 'REN_LUYEN_HE', 'O_LAI', 'MANUAL'];

export const PENDING_LABEL = 'Chưa đủ dữ liệu';

export function label(table: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return PENDING_LABEL;
  return table[code] ?? code;
}
