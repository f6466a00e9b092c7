// Vietnamese names of the engine's output codes (contracts/evaluate.md), one vocabulary for every place that shows
// them: the book's Tổng hợp tab, the sidebars, the school summary spreadsheet.

export const LEVEL_LABELS: Record<string, string> = {
  TOT: 'Tốt', KHA: 'Khá', DAT: 'Đạt', CHUA_DAT: 'Chưa đạt', GIOI: 'Giỏi', TB: 'Trung bình', YEU: 'Yếu', KEM: 'Kém',
};
export const AWARD_LABELS: Record<string, string> = { XUAT_SAC: 'Học sinh Xuất sắc', GIOI: 'Học sinh Giỏi', TIEN_TIEN: 'Học sinh Tiên tiến' };
export const OUTCOME_LABELS: Record<string, string> = {
  LEN_LOP: 'Lên lớp', O_LAI: 'Ở lại lớp', DANH_GIA_LAI: 'Đánh giá lại trong hè', KIEM_TRA_LAI: 'Kiểm tra lại trong hè',
  REN_LUYEN_HE: 'Rèn luyện trong hè', MANUAL: 'Hiệu trưởng xét (KHGD cá nhân)',
};
/** A result the engine cannot give yet (a blank mark, null in the output). */
export const PENDING_LABEL = 'Chưa đủ dữ liệu';
