// Level codes (output) and Vietnamese names (explanations), indexed by rank.
export const TT22_LEVELS = ['CHUA_DAT', 'DAT', 'KHA', 'TOT'] as const;
export const TT22_NAMES = ['Chưa đạt', 'Đạt', 'Khá', 'Tốt'] as const;
export const TT58_LEARNING = ['KEM', 'YEU', 'TB', 'KHA', 'GIOI'] as const;
export const TT58_LEARNING_NAMES = ['Kém', 'Yếu', 'Trung bình', 'Khá', 'Giỏi'] as const;
export const TT58_CONDUCT = ['YEU', 'TB', 'KHA', 'TOT'] as const;
export const TT58_CONDUCT_NAMES = ['Yếu', 'Trung bình', 'Khá', 'Tốt'] as const;

export type Period = 'HK1' | 'HK2' | 'CN' | 'final';
export const PERIOD_NAMES: Record<Period, string> = {
  HK1: 'Học kì I',
  HK2: 'Học kì II',
  CN: 'Cả năm',
  final: 'Cả năm (sau đánh giá lại)',
};

export function code<T extends readonly string[]>(table: T, rank: number | null): T[number] | null {
  return rank === null ? null : (table[rank] as T[number]);
}

/** TT58 names the summer procedure "kiểm tra lại" (Điều 16), TT22 "đánh giá lại" (Điều 14). */
export function periodName(p: Period, tt58 = true): string {
  return p === 'final' && tt58 ? 'Cả năm (sau kiểm tra lại)' : PERIOD_NAMES[p];
}
