// The học bạ record of a student, from a real gradebook grid (core layout + readGradebook + engine): printed
// values, clipping, Vietnamese order, comments, the draft rule.
import { describe, expect, it } from 'vitest';
import { initialValues, readGradebook } from '../../src/core/gradebook/index.ts';
import { evaluateBook } from '../../server/consolidate/evaluate-book.ts';
import { buildHocBaClass, formatScore, studentExport } from '../../server/hocba/model.ts';
import { draftState } from '../../server/hocba/locks.ts';
import { HOC_BA_TEMPLATE as tpl } from '../../sheet-templates/hoc-ba.ts';
import { classInfo, students } from '../gradebook/fixtures.ts';

function book() {
  const info = classInfo();
  const roster = students(4);
  const tabs = initialValues(info, roster);
  const set = (tabPrefix: string, id: string, key: string, value: unknown): void => {
    const title = Object.keys(tabs).find((t) => t.startsWith(tabPrefix))!;
    const grid = tabs[title]!;
    const keys = grid[0]!.map(String);
    const col = keys.indexOf(key);
    const row = grid.findIndex((r) => r[0] === id);
    if (col < 0 || row < 0) throw new Error(`${tabPrefix} ${id} ${key}`);
    grid[row]![col] = value;
  };
  const toan = info.subjects.find((s) => s.code === 'TOAN')!;
  for (const sem of ['HK1', 'HK2']) {
    for (let i = 1; i <= toan.txCount; i++) set('Toán', 'HS001', `${sem}.tx.${i}`, 8);
    set('Toán', 'HS001', `${sem}.gk`, 7);
    set('Toán', 'HS001', `${sem}.ck`, 9);
  }
  set('Toán', 'HS001', 'HK2.nx', 'Em có nhiều tiến bộ trong học kì II, tích cực phát biểu xây dựng bài, cần rèn thêm kĩ năng trình bày lời giải.');
  set('Toán', 'HS001', 'HK1.nx', 'Nhận xét học kì I');
  set('Toán', 'HS002', 'HK1.nx', 'Chỉ có nhận xét học kì I');
  set('GD thể chất', 'HS001', 'HK1.tx.1', 'Đ');
  set('Rèn luyện', 'HS001', 'nx', 'Ngoan, lễ phép.');
  return { info, tabs };
}

describe('buildHocBaClass', () => {
  const { tabs } = book();
  const gb = readGradebook(tabs);
  const { cls } = evaluateBook(gb, 'sheet-1');
  const k = buildHocBaClass(gb, tabs, { regulation: cls.regulation, students: cls.students.map((s) => s.result) } as never, tpl, {
    spreadsheetId: 'sheet-1',
    state: draftState(new Set(['HK1', 'HK2', 'CN'])),
  });

  it('orders students by tên, then họ đệm', () => {
    const collator = new Intl.Collator('vi');
    const keys = k.students.map((s) => [s.givenName, s.familyName] as const);
    const sorted = [...keys].sort((a, b) => collator.compare(a[0], b[0]) || collator.compare(a[1], b[1]));
    expect(keys).toEqual(sorted);
  });

  it('prints marks with a decimal comma and the year average from the engine', () => {
    const s = k.students.find((x) => x.id === 'HS001')!;
    const toan = s.subjects.find((x) => x.code === 'TOAN')!;
    // every ĐĐGtx 8, gk 7, ck 9: (8n + 14 + 27) / (n + 5)
    const n = classInfo().subjects.find((x) => x.code === 'TOAN')!.txCount;
    const avg = Math.round(((8 * n + 14 + 27) / (n + 5)) * 10) / 10;
    expect(toan.HK1).toBe(avg.toFixed(1).replace('.', ','));
    expect(toan.CN).toBe(avg.toFixed(1).replace('.', ','));
    expect(toan.title).toBe('Toán');
  });

  it('takes the HK II comment (else HK I), clipped to the template limit', () => {
    const s1 = k.students.find((x) => x.id === 'HS001')!.subjects.find((x) => x.code === 'TOAN')!;
    expect(s1.comment.length).toBeLessThanOrEqual(tpl.year.commentMaxChars);
    expect(s1.comment.endsWith('…')).toBe(true);
    expect(s1.comment.startsWith('Em có nhiều tiến bộ')).toBe(true);
    const s2 = k.students.find((x) => x.id === 'HS002')!.subjects.find((x) => x.code === 'TOAN')!;
    expect(s2.comment).toBe('Chỉ có nhận xét học kì I');
    expect(k.students.find((x) => x.id === 'HS001')!.homeroomComment).toBe('Ngoan, lễ phép.');
  });

  it('keeps blanks blank (no mark entered is not a 0)', () => {
    const s3 = k.students.find((x) => x.id === 'HS003')!;
    expect(s3.subjects.find((x) => x.code === 'TOAN')!.HK1).toBe('');
    expect(formatScore(0, tpl)).toBe('0,0');
    expect(formatScore(null, tpl)).toBe('');
    expect(formatScore('D', tpl)).toBe('Đ');
    expect(formatScore('CD', tpl)).toBe('CĐ');
  });

  it('exports the structured record', () => {
    const s = k.students[0]!;
    const json = studentExport(k, s, tpl.templateVersion) as Record<string, any>;
    expect(json).toMatchObject({ format: 'hoso-hocba-student-1', draft: false, schoolYear: '2025-2026', class: { id: '10A1', grade: 10 }, regulation: 'TT22' });
    expect(json.student.fullName).toBe(s.name);
    expect(json.subjects).toHaveLength(12);
  });
});

describe('draftState', () => {
  it('is final only when the CN term is locked', () => {
    expect(draftState(new Set(['CN']))).toEqual({ draft: false, unlockedTerms: [], reason: '' });
    expect(draftState(new Set(['HK1']))).toEqual({ draft: true, unlockedTerms: ['HK2', 'CN'], reason: 'chưa khóa sổ: Học kì II, Cả năm' });
    expect(draftState(undefined).unlockedTerms).toEqual(['HK1', 'HK2', 'CN']);
  });
});
