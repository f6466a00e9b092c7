import { expect, it } from 'vitest';
import { formatVietnamTime } from '../../src/core/vn-time.ts';

it('shows times in Vietnamese order and the Asia/Ho_Chi_Minh zone (UTC+7), across midnight', () => {
  expect(formatVietnamTime('2026-11-29T04:43:51.839Z')).toBe('11:43 ngày 29/11/2026');
  expect(formatVietnamTime('2026-12-31T17:05:00Z')).toBe('00:05 ngày 01/01/2027');
  expect(formatVietnamTime('không phải thời điểm')).toBe('không phải thời điểm');
});
