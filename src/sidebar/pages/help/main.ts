// Sidebar "Hướng dẫn": a short guide for teachers (static text; no server call needed).
import { h, render } from '../../shared/dom.ts';

const sections: Array<[string, string[]]> = [
  ['Nhập điểm', [
    'Nhập điểm số từ 0 đến 10, tối đa một chữ số thập phân (ví dụ 7,5).',
    'Môn đánh giá bằng nhận xét: nhập Đ (Đạt) hoặc CĐ (Chưa đạt).',
    'Ô để trống nghĩa là chưa có điểm — không phải điểm 0.',
    'Ô nhập sai được tô màu và có ghi chú; máy không tự sửa hay xóa. Nhập lại đúng thì dấu báo tự mất.',
  ]],
  ['Giáo viên bộ môn', [
    'Menu Tiện ích mở rộng → Hồ sơ điện tử → Giáo viên bộ môn.',
    'Xem điểm còn thiếu và bấm địa chỉ ô để nhảy tới ô đó.',
    'Xem điểm trung bình môn do máy tính theo quy chế.',
    'Báo lỗi cho Ban quản trị (quy chế Điều 9.6) hoặc gửi đơn đề nghị mở khóa khi sổ đã khóa (Điều 10.2).',
  ]],
  ['Giáo viên chủ nhiệm', [
    'Nhập rèn luyện và số buổi nghỉ ngay trong thanh bên.',
    'Bấm “Tính kết quả cả lớp”: máy tính kết quả học tập, rèn luyện, khen thưởng, lên lớp và ghi tab Tổng hợp.',
    'Bấm “Vì sao?” ở từng học sinh để xem căn cứ (điều, khoản của thông tư).',
  ]],
  ['Kiểm tra điểm', [
    'Menu “Kiểm tra điểm” rà cả sổ và đánh dấu mọi ô nhập sai.',
  ]],
];

render('app', h('h1', null, 'Hướng dẫn sử dụng'), h('p', { class: 'sub' }, 'Hồ sơ điện tử — sổ theo dõi và đánh giá học sinh THPT'),
  sections.map(([title, items]) => [h('h2', null, title), h('ul', null, items.map((t) => h('li', null, t)))]));
