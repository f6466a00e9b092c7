// Declarative template of the học bạ THPT document (TT22 annex, assessment-rules §3): the texts, labels and
// measures of page 1 (school, student identity, quá trình học tập) and of the page of one school year (subject
// table, rèn luyện/học tập results, absences, lên lớp, khen thưởng, GVCN comment, the Hiệu trưởng's confirmation).
// Only data; server/hocba turns it into Docs requests. The exact THPT form is [UNVERIFIED] in the rules (§3):
// this follows the THCS wording and the year-page layout the rules describe. Validated with zod on load.
import { z } from 'zod';

const Text = z.string().min(1);

export const HocBaTemplateSchema = z.object({
  templateVersion: Text,
  page: z.object({
    /** A4 in points; margins after Vietnamese administrative practice (binding margin on the left). */
    widthPt: z.number().positive(),
    heightPt: z.number().positive(),
    marginTopPt: z.number().nonnegative(),
    marginBottomPt: z.number().nonnegative(),
    marginLeftPt: z.number().nonnegative(),
    marginRightPt: z.number().nonnegative(),
  }),
  font: z.object({ family: Text, body: z.number().positive(), small: z.number().positive(), table: z.number().positive(), title: z.number().positive(), heading: z.number().positive() }),
  draft: z.object({ banner: Text, titlePrefix: Text }),
  cover: z.object({
    ministry: Text,
    departmentLine: Text,
    schoolLine: Text,
    nationLine1: Text,
    nationLine2: Text,
    title: Text,
    subtitle: Text,
    formNote: Text,
    fields: z.object({
      name: Text, gender: Text, birthDate: Text, birthPlace: Text, ethnicity: Text, residence: Text,
      father: Text, mother: Text, guardian: Text, registerNo: Text, studentId: Text,
    }),
    blank: Text,
    historyTitle: Text,
    historyHeader: z.array(Text).length(5),
    historyWidths: z.array(z.number().positive()).length(5),
    signPlaceDate: Text,
    signRole: Text,
    signNote: Text,
  }),
  year: z.object({
    header: Text,
    subjectHeader: z.array(Text).length(6),
    subjectWidths: z.array(z.number().positive()).length(6),
    commentMaxChars: z.number().int().positive(),
    resultTitle: Text,
    resultHeader: z.array(z.string()).length(5),
    resultWidths: z.array(z.number().positive()).length(5),
    conductRow: Text,
    learningRow: Text,
    absences: Text,
    outcome: Text,
    retest: Text,
    award: Text,
    noAward: Text,
    homeroomTitle: Text,
    homeroomMaxChars: z.number().int().positive(),
    homeroomSign: Text,
    principalTitle: Text,
    principalText: Text,
    signPlaceDate: Text,
    signRole: Text,
    signNote: Text,
  }),
  levels: z.record(z.string(), Text),
  outcomes: z.record(z.string(), Text),
  awards: z.record(z.string(), Text),
});

export type HocBaTemplate = z.infer<typeof HocBaTemplateSchema>;

const mm = (v: number): number => Math.round((v * 72 * 100) / 25.4) / 100;

const RAW = {
  templateVersion: 'hoc-ba-thpt-1',
  page: { widthPt: 595.28, heightPt: 841.89, marginTopPt: mm(15), marginBottomPt: mm(15), marginLeftPt: mm(25), marginRightPt: mm(15) },
  font: { family: 'Times New Roman', body: 11, small: 9, table: 8.5, title: 20, heading: 12 },
  draft: {
    banner: 'BẢN NHÁP — không dùng để ký, đóng dấu',
    titlePrefix: '[BẢN NHÁP] ',
  },
  cover: {
    ministry: 'BỘ GIÁO DỤC VÀ ĐÀO TẠO',
    departmentLine: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    schoolLine: 'TRƯỜNG',
    nationLine1: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    nationLine2: 'Độc lập – Tự do – Hạnh phúc',
    title: 'HỌC BẠ',
    subtitle: 'TRUNG HỌC PHỔ THÔNG',
    formNote: '(Mẫu ban hành kèm theo Thông tư số 22/2021/TT-BGDĐT ngày 20 tháng 7 năm 2021 của Bộ trưởng Bộ Giáo dục và Đào tạo)',
    fields: {
      name: 'Họ và tên học sinh',
      gender: 'Giới tính',
      birthDate: 'Ngày sinh',
      birthPlace: 'Nơi sinh',
      ethnicity: 'Dân tộc',
      residence: 'Chỗ ở hiện tại',
      father: 'Họ và tên cha',
      mother: 'Họ và tên mẹ',
      guardian: 'Người giám hộ (nếu có)',
      registerNo: 'Số đăng bộ',
      studentId: 'Mã học sinh',
    },
    blank: '……………………………………',
    historyTitle: 'QUÁ TRÌNH HỌC TẬP',
    historyHeader: ['Năm học', 'Lớp', 'Tên trường, tỉnh/thành phố', 'Số đăng bộ', 'Ngày nhập học / chuyển đến'],
    historyWidths: [70, 45, 190, 70, 92],
    signPlaceDate: '……………, ngày …… tháng …… năm 20……',
    signRole: 'HIỆU TRƯỞNG',
    signNote: '(Ký, ghi rõ họ tên và đóng dấu)',
  },
  year: {
    header: 'KẾT QUẢ HỌC TẬP VÀ RÈN LUYỆN',
    subjectHeader: [
      'Môn học / hoạt động giáo dục',
      'Học kì I',
      'Học kì II',
      'Cả năm',
      'Đánh giá lại (nếu có)',
      'Nhận xét sự tiến bộ, ưu điểm nổi bật, hạn chế chủ yếu (nếu có) và chữ kí của giáo viên môn học',
    ],
    subjectWidths: [104, 36, 36, 36, 50, 205],
    commentMaxChars: 72,
    resultTitle: 'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ',
    resultHeader: ['', 'Học kì I', 'Học kì II', 'Cả năm', 'Sau rèn luyện hè / đánh giá lại'],
    resultWidths: [137, 70, 70, 70, 120],
    conductRow: 'Kết quả rèn luyện',
    learningRow: 'Kết quả học tập',
    absences: 'Tổng số buổi nghỉ học cả năm học',
    outcome: 'Được lên lớp / không được lên lớp',
    retest: 'Môn học phải đánh giá lại trong kì nghỉ hè',
    award: 'Khen thưởng',
    noAward: 'Không',
    homeroomTitle: 'NHẬN XÉT CỦA GIÁO VIÊN CHỦ NHIỆM',
    homeroomMaxChars: 220,
    homeroomSign: 'Giáo viên chủ nhiệm (ký và ghi rõ họ tên)',
    principalTitle: 'PHÊ DUYỆT CỦA HIỆU TRƯỞNG',
    principalText: 'Xác nhận kết quả học tập và rèn luyện năm học của học sinh như trên.',
    signPlaceDate: '……………, ngày …… tháng …… năm 20……',
    signRole: 'HIỆU TRƯỞNG',
    signNote: '(Ký, ghi rõ họ tên và đóng dấu)',
  },
  levels: {
    TOT: 'Tốt', KHA: 'Khá', DAT: 'Đạt', CHUA_DAT: 'Chưa đạt',
    GIOI: 'Giỏi', TB: 'Trung bình', YEU: 'Yếu', KEM: 'Kém',
    D: 'Đ', CD: 'CĐ',
  },
  outcomes: {
    LEN_LOP: 'Được lên lớp',
    O_LAI: 'Không được lên lớp (ở lại lớp)',
    DANH_GIA_LAI: 'Đánh giá lại các môn học trong kì nghỉ hè',
    KIEM_TRA_LAI: 'Kiểm tra lại trong kì nghỉ hè',
    REN_LUYEN_HE: 'Rèn luyện trong kì nghỉ hè',
    MANUAL: 'Do Hội đồng xét theo kế hoạch giáo dục cá nhân',
    PENDING: 'Chưa đủ dữ liệu để xét',
  },
  awards: {
    XUAT_SAC: 'Học sinh Xuất sắc',
    GIOI: 'Học sinh Giỏi',
    TIEN_TIEN: 'Học sinh Tiên tiến',
  },
};

/** The validated template (throws at import when the data above breaks the schema). */
export const HOC_BA_TEMPLATE: HocBaTemplate = HocBaTemplateSchema.parse(RAW);
