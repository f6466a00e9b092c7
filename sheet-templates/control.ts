// Declarative template of the year's control spreadsheet ("Sổ điều hành năm học"): one tab per table, a hidden
// key row (row 1) and a label row (row 2); data from row 3. Code reads columns by key, never by position.
// `teachersAppend` tabs are open to every teacher (they append petitions and problem reports); all others are
// admin-only. The lock helper owns the meaning of Khóa sổ / Đơn mở khóa / Nhật ký; provisioning only creates them.
export const CONTROL_TEMPLATE = {
  templateVersion: 'control-1',
  headerRows: 2,
  tabs: [
    {
      id: 'classes', title: 'Lớp', teachersAppend: false,
      columns: [
        ['classId', 'Mã lớp'], ['className', 'Tên lớp'], ['grade', 'Khối'], ['regulation', 'Quy chế đánh giá'],
        ['homeroomTeacher', 'GVCN (email)'], ['spreadsheetId', 'Mã sổ (spreadsheetId)'], ['students', 'Sĩ số'], ['url', 'Liên kết sổ'],
      ],
    },
    {
      id: 'teachers', title: 'Giáo viên', teachersAppend: false,
      columns: [['email', 'Email'], ['name', 'Họ và tên'], ['department', 'Tổ chuyên môn'], ['phone', 'Điện thoại'], ['note', 'Ghi chú']],
    },
    {
      id: 'assignments', title: 'Phân công', teachersAppend: false,
      columns: [['classId', 'Lớp'], ['role', 'Vai trò (GVBM/GVCN)'], ['subject', 'Mã môn'], ['subjectTitle', 'Môn học'], ['teacher', 'Giáo viên (email)'], ['teacherName', 'Họ và tên giáo viên']],
    },
    {
      id: 'terms', title: 'Thời hạn', teachersAppend: false,
      columns: [['term', 'Học kì'], ['start', 'Bắt đầu'], ['end', 'Hạn nhập điểm'], ['lockAfter', 'Khóa sổ sau ngày'], ['note', 'Ghi chú']],
    },
    {
      id: 'locks', title: 'Khóa sổ', teachersAppend: false,
      columns: [['classId', 'Lớp'], ['spreadsheetId', 'Mã sổ'], ['term', 'Học kì'], ['state', 'Trạng thái'], ['lockedAt', 'Khóa lúc'], ['lockedBy', 'Người khóa'], ['ranges', 'Vùng khóa'], ['snapshot', 'Ảnh chụp (snapshot)'], ['sha256', 'SHA-256'], ['note', 'Ghi chú']],
    },
    {
      id: 'petitions', title: 'Đơn mở khóa', teachersAppend: true,
      columns: [['petitionId', 'Số đơn'], ['createdAt', 'Ngày lập'], ['teacher', 'Người đề nghị'], ['classId', 'Lớp'], ['spreadsheetId', 'Mã sổ'], ['subject', 'Môn'], ['students', 'Học sinh'], ['cells', 'Ô điểm'], ['oldValues', 'Giá trị cũ'], ['newValues', 'Giá trị đề nghị'], ['reason', 'Lí do'], ['status', 'Trạng thái'], ['decidedBy', 'Người quyết định'], ['decidedAt', 'Ngày quyết định'], ['decision', 'Nội dung quyết định'], ['windowEnd', 'Hạn sửa'], ['signature', 'Mã xác thực']],
    },
    {
      id: 'reports', title: 'Báo lỗi', teachersAppend: true,
      columns: [['createdAt', 'Thời điểm'], ['teacher', 'Giáo viên'], ['classId', 'Lớp'], ['spreadsheetId', 'Mã sổ'], ['subject', 'Môn'], ['sheet', 'Tab'], ['cell', 'Ô'], ['message', 'Nội dung'], ['status', 'Trạng thái xử lí'], ['response', 'Phản hồi của Ban quản trị']],
    },
    {
      id: 'audit', title: 'Nhật ký', teachersAppend: false,
      columns: [['seq', 'STT'], ['at', 'Thời điểm'], ['actor', 'Người thực hiện'], ['action', 'Thao tác'], ['spreadsheetId', 'Mã sổ'], ['range', 'Vùng'], ['oldValue', 'Giá trị cũ'], ['newValue', 'Giá trị mới'], ['reason', 'Lí do'], ['prevHash', 'Mã khối trước'], ['hash', 'Mã khối']],
    },
  ],
} as const;
