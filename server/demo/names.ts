// Vietnamese names for the demo: họ by their approximate national frequency, tên đệm and tên by gender.
import type { Rng } from './random.ts';

/** Họ with approximate shares (%), the long tail folded into the smaller ones. */
const FAMILY: [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3], ['Huỳnh', 2], ['Phan', 4.5], ['Vũ', 2.5], ['Võ', 1.5],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.8], ['Trương', 0.8],
  ['Mai', 0.6], ['Đoàn', 0.6], ['Lương', 0.5], ['Trịnh', 0.5], ['Hà', 0.5], ['Cao', 0.4], ['Lâm', 0.4], ['Tạ', 0.3], ['Châu', 0.3],
];
const MIDDLE_M = ['Văn', 'Minh', 'Đức', 'Quốc', 'Hoàng', 'Gia', 'Anh', 'Thành', 'Hữu', 'Công', 'Tuấn', 'Trọng', 'Xuân', 'Nhật', 'Quang', 'Bảo', 'Đình', 'Thanh', 'Trung', 'Khánh'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Phương', 'Minh', 'Khánh', 'Bảo', 'Hoài', 'Mai', 'Thùy', 'Kim', 'Hồng', 'Diệu', 'Quỳnh', 'Gia', 'Tường', 'Yến', 'Hà', 'Cẩm'];
const GIVEN_M = ['An', 'Bảo', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Huy', 'Hùng', 'Khang', 'Khoa', 'Khôi', 'Kiên', 'Long', 'Lâm', 'Minh', 'Nam', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Tiến', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Vinh', 'Việt', 'Vũ', 'Hưng', 'Khải', 'Lộc', 'Nghĩa'];
const GIVEN_F = ['Anh', 'Ánh', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Thư', 'Trang', 'Trâm', 'Uyên', 'Vân', 'Vy', 'Yến', 'Tâm', 'Thủy', 'Diệp', 'Khuê'];

export interface PersonName {
  familyName: string;
  givenName: string;
  gender: 'Nam' | 'Nữ';
}

export function randomName(rng: Rng, gender?: 'Nam' | 'Nữ'): PersonName {
  const g = gender ?? (rng.chance(0.5) ? 'Nam' : 'Nữ');
  const ho = rng.weighted(FAMILY);
  const mids = g === 'Nam' ? MIDDLE_M : MIDDLE_F;
  let dem = rng.pick(mids);
  // about a quarter of names have two middle words ("Thị Thu", "Ngọc Bảo")
  if (rng.chance(0.25)) {
    const second = rng.pick(mids);
    if (second !== dem) dem = g === 'Nữ' && dem !== 'Thị' && rng.chance(0.4) ? `Thị ${dem}` : `${dem} ${second}`;
  }
  return { familyName: `${ho} ${dem}`, givenName: rng.pick(g === 'Nam' ? GIVEN_M : GIVEN_F), gender: g };
}

export const ETHNICITIES: [string, number][] = [['Kinh', 85], ['Ê Đê', 6], ['Tày', 3], ['Nùng', 2], ["M'Nông", 2], ['Thái', 1], ['Gia Rai', 1]];
export const BIRTHPLACES = [
  'Buôn Hồ, Đắk Lắk', 'Buôn Ma Thuột, Đắk Lắk', 'Krông Búk, Đắk Lắk', 'Krông Năng, Đắk Lắk', 'Ea H\'leo, Đắk Lắk', 'Cư M\'gar, Đắk Lắk',
  'Krông Pắc, Đắk Lắk', 'Gia Nghĩa, Đắk Nông', 'Pleiku, Gia Lai', 'Quy Nhơn, Bình Định', 'Tuy Hòa, Phú Yên', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh',
];
