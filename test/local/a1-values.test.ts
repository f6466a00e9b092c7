// Pure pieces of the engine: A1 parsing, locale-aware USER_ENTERED parsing and number formatting, Drive q.
import { describe, expect, it } from 'vitest';
import { columnToIndex, formatA1, indexToColumn, parseA1, quoteSheetName } from '../../server/local/a1.ts';
import { formatNumber, parseTyped, toFixedHalfUp } from '../../server/local/values.ts';
import { compileQuery } from '../../server/local/drive-query.ts';
import type { DriveFile } from '../../server/local/model.ts';

describe('A1', () => {
  it('parses the forms Google accepts', () => {
    expect(parseA1("'Toán 10A1'!B3:F45")).toEqual({ sheetName: 'Toán 10A1', startRow: 2, endRow: 45, startCol: 1, endCol: 6 });
    expect(parseA1('A:C')).toEqual({ startCol: 0, endCol: 3 });
    expect(parseA1('2:5')).toEqual({ startRow: 1, endRow: 5 });
    expect(parseA1('B3')).toEqual({ startRow: 2, endRow: 3, startCol: 1, endCol: 2 });
    expect(parseA1('B3:B')).toEqual({ startRow: 2, startCol: 1, endCol: 2 });
    expect(parseA1('$b$3:$a$1')).toEqual({ startRow: 0, endRow: 3, startCol: 0, endCol: 2 });
    expect(parseA1("'It''s'!A1")).toMatchObject({ sheetName: "It's" });
    expect(parseA1('Văn')).toEqual({ bareName: 'Văn' });
    expect(parseA1("'Toán 10A1'")).toEqual({ bareName: 'Toán 10A1' });
    expect(parseA1('Toán 10A1!A1')).toMatchObject({ sheetName: 'Toán 10A1', startRow: 0 });
    expect(parseA1('Sheet1!')).toEqual({ sheetName: 'Sheet1' });
  });

  it('rejects what is not A1', () => {
    expect(parseA1('A0')).toEqual({ bareName: 'A0' }); // only a sheet or named range could be called that
    for (const bad of ['', 'Sheet!A0', "'unterminated!A1", 'Sheet!A1:B2:C3', 'Sheet!5:A', 'Sheet!A:5', 'Sheet!ZZZZ1', "''!A1"]) {
      expect(parseA1(bad), bad).toBeUndefined();
    }
  });

  it('converts columns and formats ranges with quoting', () => {
    expect(columnToIndex('A')).toBe(0);
    expect(columnToIndex('AA')).toBe(26);
    expect(indexToColumn(701)).toBe('ZZ');
    expect(indexToColumn(columnToIndex('XFD'))).toBe('XFD');
    expect(quoteSheetName('Sheet1')).toBe('Sheet1');
    expect(quoteSheetName('Toán')).toBe("'Toán'");
    expect(quoteSheetName('A1')).toBe("'A1'");
    expect(formatA1("O'Neil", { startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 })).toBe("'O''Neil'!A1:A2");
  });
});

describe('USER_ENTERED parsing', () => {
  it('follows vi_VN: comma decimals, dot thousands, "7.5" stays text', () => {
    expect(parseTyped('7,5', 'vi_VN')).toEqual({ v: 7.5 });
    expect(parseTyped('7.5', 'vi_VN')).toEqual({ v: '7.5' });
    expect(parseTyped('1.234', 'vi_VN')).toEqual({ v: 1234 });
    expect(parseTyped('1.234,5', 'vi_VN')).toEqual({ v: 1234.5 });
    expect(parseTyped('-0,5', 'vi_VN')).toEqual({ v: -0.5 });
    expect(parseTyped(',5', 'vi_VN')).toEqual({ v: 0.5 });
    expect(parseTyped('50%', 'vi_VN')).toEqual({ v: 0.5 });
    expect(parseTyped(' 8 ', 'vi_VN')).toEqual({ v: 8 });
    expect(parseTyped('Đ', 'vi_VN')).toEqual({ v: 'Đ' });
    expect(parseTyped('CĐ', 'vi_VN')).toEqual({ v: 'CĐ' });
    expect(parseTyped('15/03/2008', 'vi_VN')).toEqual({ v: '15/03/2008' });
  });

  it('follows en_US and the common rules', () => {
    expect(parseTyped('7.5', 'en_US')).toEqual({ v: 7.5 });
    expect(parseTyped('7,5', 'en_US')).toEqual({ v: '7,5' });
    expect(parseTyped('1,234.5', 'en_US')).toEqual({ v: 1234.5 });
    expect(parseTyped('1e3', 'en_US')).toEqual({ v: 1000 });
    expect(parseTyped('true', 'en_US')).toEqual({ v: true });
    expect(parseTyped("'007", 'en_US')).toEqual({ v: '007' });
    expect(parseTyped('=SUM(A1:A3)', 'en_US')).toEqual({ f: '=SUM(A1:A3)' });
    expect(parseTyped('', 'en_US')).toEqual({});
  });
});

describe('number formatting', () => {
  it('renders automatic and patterned numbers in the locale, rounding half up', () => {
    expect(formatNumber(7.5, 'vi_VN')).toBe('7,5');
    expect(formatNumber(8, 'vi_VN')).toBe('8');
    expect(formatNumber(1 / 3, 'vi_VN')).toBe('0,3333333333');
    expect(formatNumber(7.5, 'en_US')).toBe('7.5');
    expect(formatNumber(8.05, 'vi_VN', '0.0')).toBe('8,1');
    expect(formatNumber(8.25, 'vi_VN', '0.0')).toBe('8,3');
    expect(formatNumber(9, 'vi_VN', '0.0')).toBe('9,0');
    expect(formatNumber(1234567.891, 'vi_VN', '#,##0.00')).toBe('1.234.567,89');
    expect(formatNumber(0.256, 'en_US', '0%')).toBe('26%');
    expect(formatNumber(-2.45, 'en_US', '0.0')).toBe('-2.5');
    expect(toFixedHalfUp(0.05, 1)).toBe('0.1');
    expect(toFixedHalfUp(9.95, 1)).toBe('10.0');
  });
});

describe('Drive q', () => {
  const file = (over: Partial<DriveFile>): DriveFile => ({
    id: 'f',
    name: 'Sổ 10A1',
    mimeType: 'application/vnd.google-apps.spreadsheet',
    parents: ['p1'],
    owner: 'a@x.vn',
    permissions: [],
    appProperties: { kind: 'gradebook', year: '2025-2026' },
    properties: {},
    trashed: false,
    starred: false,
    createdTime: '2026-01-01T00:00:00Z',
    modifiedTime: '2026-01-02T00:00:00Z',
    version: 1,
    ...over,
  });
  const ctx = { me: 'a@x.vn', hasRole: () => true, isRoot: (f: DriveFile) => f.parents.length === 0, sharedWithMe: () => false };
  it('evaluates fields, membership, appProperties and boolean logic', () => {
    const f = file({});
    const q = (s: string): boolean => compileQuery(s, ctx)(f);
    expect(q("name = 'Sổ 10A1'")).toBe(true);
    expect(q("name contains '10a'")).toBe(true);
    expect(q("'p1' in parents and trashed = false")).toBe(true);
    expect(q("'p2' in parents or mimeType = 'application/vnd.google-apps.spreadsheet'")).toBe(true);
    expect(q("not (name = 'x' or name = 'y')")).toBe(true);
    expect(q("appProperties has { key='kind' and value='gradebook' }")).toBe(true);
    expect(q("appProperties has { key='kind' and value='other' }")).toBe(false);
    expect(q("'me' in owners")).toBe(true);
    expect(q("modifiedTime > '2026-01-01T12:00:00Z'")).toBe(true);
    expect(q("name = 'It\\'s'")).toBe(false);
    expect(() => compileQuery("name = 'x' and", ctx)).toThrow('Invalid Value');
    expect(() => compileQuery('bogus = 1', ctx)).toThrow();
  });
});

describe('A1 round trip (property)', async () => {
  const fc = await import('fast-check');
  it('formatA1 then parseA1 gives back the sheet and the rectangle', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && !/[\u0000-\u001f]/.test(s)),
        fc.nat(5000),
        fc.integer({ min: 1, max: 50 }),
        fc.nat(700),
        fc.integer({ min: 1, max: 30 }),
        (title, r0, nr, c0, nc) => {
          const a1 = formatA1(title, { startRowIndex: r0, endRowIndex: r0 + nr, startColumnIndex: c0, endColumnIndex: c0 + nc });
          const back = parseA1(a1);
          expect(back).toEqual({ sheetName: title, startRow: r0, endRow: r0 + nr, startCol: c0, endCol: c0 + nc });
        },
      ),
      { numRuns: 300 },
    );
  });
});
