import { describe, expect, it } from 'vitest';
import { formatMark, parseCommentMark, parseMark, selectRegulation, trySelectRegulation } from '../../src/core/index.ts';

describe('parseMark', () => {
  it('accepts numbers and both decimal notations', () => {
    expect(parseMark(7.5)).toEqual({ ok: true, value: 7.5 });
    expect(parseMark('7,5')).toEqual({ ok: true, value: 7.5 });
    expect(parseMark('7.5')).toEqual({ ok: true, value: 7.5 });
    expect(parseMark(' 10 ')).toEqual({ ok: true, value: 10 });
    expect(parseMark('10,0')).toEqual({ ok: true, value: 10 });
    expect(parseMark(0)).toEqual({ ok: true, value: 0 });
    expect(parseMark('0')).toEqual({ ok: true, value: 0 });
    expect(parseMark(0.3)).toEqual({ ok: true, value: 0.3 });
  });
  it('blank is null, never 0', () => {
    expect(parseMark(null)).toEqual({ ok: true, value: null });
    expect(parseMark(undefined)).toEqual({ ok: true, value: null });
    expect(parseMark('  ')).toEqual({ ok: true, value: null });
  });
  it('rejects out of range, two decimals, words, booleans', () => {
    for (const bad of [11, '11', -1, '-1', 10.1, '10,5', 7.25, '7,25', 'abc', true, NaN, Infinity, [], {}]) {
      const r = parseMark(bad);
      expect(r.ok, String(bad)).toBe(false);
    }
    expect(parseMark('11')).toEqual({ ok: false, message: '"11" không phải là điểm từ 0 đến 10' });
  });
  it('strict mode rejects text cells (RAW "7,5" is a string, not a number)', () => {
    expect(parseMark('7,5', { strict: true }).ok).toBe(false);
    expect(parseMark(7.5, { strict: true })).toEqual({ ok: true, value: 7.5 });
    expect(parseMark('', { strict: true })).toEqual({ ok: true, value: null });
  });
});

describe('parseCommentMark / formatMark', () => {
  it('accepts Đ/CĐ, D/CD, Đạt/Chưa đạt in any case', () => {
    for (const d of ['Đ', 'D', 'đ', 'Đạt', 'đạt', 'DAT']) expect(parseCommentMark(d)).toEqual({ ok: true, value: 'D' });
    for (const c of ['CĐ', 'CD', 'cđ', 'Chưa đạt', 'CHƯA ĐẠT']) expect(parseCommentMark(c)).toEqual({ ok: true, value: 'CD' });
    expect(parseCommentMark('Đạt'.normalize('NFD'))).toEqual({ ok: true, value: 'D' });
    expect(parseCommentMark(null)).toEqual({ ok: true, value: null });
    expect(parseCommentMark('X').ok).toBe(false);
    expect(parseCommentMark(1).ok).toBe(false);
  });
  it('formats vi_VN with one decimal', () => {
    expect(formatMark(7.5)).toBe('7,5');
    expect(formatMark(8)).toBe('8,0');
    expect(formatMark(10)).toBe('10,0');
    expect(formatMark(0)).toBe('0,0');
    expect(formatMark(null)).toBe('');
  });
});

describe('selectRegulation (TT22 Điều 21)', () => {
  const table: [string, number, string][] = [
    ['2019-2020', 10, 'TT58-2011'], ['2019-2020', 12, 'TT58-2011'],
    ['2020-2021', 10, 'TT58'], ['2020-2021', 12, 'TT58'],
    ['2021-2022', 10, 'TT58'], ['2021-2022', 11, 'TT58'], ['2021-2022', 12, 'TT58'], ['2021-2022', 6, 'TT22'],
    ['2022-2023', 10, 'TT22'], ['2022-2023', 11, 'TT58'], ['2022-2023', 12, 'TT58'], ['2022-2023', 7, 'TT22'],
    ['2023-2024', 10, 'TT22'], ['2023-2024', 11, 'TT22'], ['2023-2024', 12, 'TT58'], ['2023-2024', 9, 'TT58'],
    ['2024-2025', 12, 'TT22'], ['2024-2025', 9, 'TT22'], ['2025-2026', 11, 'TT22'],
  ];
  for (const [y, g, r] of table) it(`${y}, lớp ${g} → ${r}`, () => expect(selectRegulation(y, g)).toBe(r));
  it('rejects malformed input', () => {
    expect(trySelectRegulation('2023-2025', 10).ok).toBe(false);
    expect(trySelectRegulation('2023', 10).ok).toBe(false);
    expect(trySelectRegulation('2023-2024', 5).ok).toBe(false);
    expect(() => selectRegulation('x', 10)).toThrow(RangeError);
  });
});
