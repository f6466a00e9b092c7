// CT GDPT 2018 (Thông tư 32/2018/TT-BGDĐT), cấp THPT, lớp 10–12: môn học và hoạt động giáo dục với số tiết/năm.
// Declarative data only; validated by src/core/curriculum (zod). A school overrides it per year (see
// docs/gradebook.md). Codes are stable machine keys: TOAN, VAN and NN matter to the engine (TT58 Điều 13).
// "comment" = đánh giá bằng nhận xét (Đ/CĐ) per TT22 Điều 5 khoản 3 (rules §1.2); "score" = nhận xét + điểm số.
export const CURRICULUM_TEMPLATE = {
  templateVersion: '2018.1',
  program: 'CT GDPT 2018 — THPT',
  grades: [10, 11, 12],
  subjects: [
    { code: 'VAN', title: 'Ngữ văn', tab: 'Ngữ văn', type: 'score', group: 'compulsory', periodsPerYear: 105 },
    { code: 'TOAN', title: 'Toán', tab: 'Toán', type: 'score', group: 'compulsory', periodsPerYear: 105 },
    { code: 'NN', title: 'Ngoại ngữ 1', tab: 'Ngoại ngữ 1', type: 'score', group: 'compulsory', periodsPerYear: 105 },
    { code: 'SU', title: 'Lịch sử', tab: 'Lịch sử', type: 'score', group: 'compulsory', periodsPerYear: 52 },
    { code: 'GDTC', title: 'Giáo dục thể chất', tab: 'GD thể chất', type: 'comment', group: 'compulsory', periodsPerYear: 70 },
    { code: 'GDQP', title: 'Giáo dục quốc phòng và an ninh', tab: 'GDQP-AN', type: 'score', group: 'compulsory', periodsPerYear: 35 },
    { code: 'HDTN', title: 'Hoạt động trải nghiệm, hướng nghiệp', tab: 'HĐTN-HN', type: 'comment', group: 'compulsory', periodsPerYear: 105 },
    { code: 'GDDP', title: 'Nội dung giáo dục của địa phương', tab: 'GD địa phương', type: 'comment', group: 'compulsory', periodsPerYear: 35 },
    { code: 'DIA', title: 'Địa lí', tab: 'Địa lí', type: 'score', group: 'elective', periodsPerYear: 70 },
    { code: 'GDKTPL', title: 'Giáo dục kinh tế và pháp luật', tab: 'GDKT-PL', type: 'score', group: 'elective', periodsPerYear: 70 },
    { code: 'LY', title: 'Vật lí', tab: 'Vật lí', type: 'score', group: 'elective', periodsPerYear: 70 },
    { code: 'HOA', title: 'Hóa học', tab: 'Hóa học', type: 'score', group: 'elective', periodsPerYear: 70 },
    { code: 'SINH', title: 'Sinh học', tab: 'Sinh học', type: 'score', group: 'elective', periodsPerYear: 70 },
    { code: 'CONGNGHE', title: 'Công nghệ', tab: 'Công nghệ', type: 'score', group: 'elective', periodsPerYear: 70 },
    { code: 'TIN', title: 'Tin học', tab: 'Tin học', type: 'score', group: 'elective', periodsPerYear: 70 },
    { code: 'AMNHAC', title: 'Âm nhạc', tab: 'Âm nhạc', type: 'comment', group: 'elective', periodsPerYear: 70 },
    { code: 'MITHUAT', title: 'Mĩ thuật', tab: 'Mĩ thuật', type: 'comment', group: 'elective', periodsPerYear: 70 },
    { code: 'NN2', title: 'Ngoại ngữ 2', tab: 'Ngoại ngữ 2', type: 'score', group: 'optional', periodsPerYear: 105 },
  ],
} as const;
