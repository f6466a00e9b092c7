// The summary's tables from evaluated classes (pure): statistics per class/grade, rankings with ties, the lists,
// phổ điểm with exact tenths and round-half-up means, and the TT58 average column only when a TT58 class exists.
import { describe, expect, it } from 'vitest';
import type { EvaluatedClass, EvaluatedStudent, StudentResult } from '../../server/consolidate/model.ts';
import { distributions, gradeStats } from '../../server/consolidate/statistics.ts';
import { TAB, buildTables } from '../../server/consolidate/tables.ts';

function student(id: string, name: string, r: Partial<StudentResult> & { marks?: Record<string, number | string | null> }): EvaluatedStudent {
  const marks = r.marks ?? {};
  const result: StudentResult = {
    id,
    subjects: Object.entries(marks).map(([code, v]) => ({ code, HK1: v, HK2: v, CN: v, final: v })),
    learning: { HK1: null, HK2: null, CN: r.learning?.CN ?? null, final: r.learning?.final ?? r.learning?.CN ?? null },
    conduct: { HK1: null, HK2: null, CN: 'TOT', final: 'TOT' },
    award: r.award ?? null,
    outcome: r.outcome === undefined ? 'LEN_LOP' : r.outcome,
    retestSubjects: r.retestSubjects ?? [],
    reasons: r.reasons ?? [{ rule: 'TT22 Điều 12 khoản 1', text: 'Được lên lớp.' }],
    ...(r.average ? { average: r.average } : {}),
  };
  const [familyName, givenName] = [name.split(' ').slice(0, -1).join(' '), name.split(' ').at(-1)!];
  return { id, name, familyName, givenName, result };
}

const subjects = [
  { code: 'TOAN', title: 'Toán', type: 'score' as const },
  { code: 'GDTC', title: 'Giáo dục thể chất', type: 'comment' as const },
];

const A: EvaluatedClass = {
  classId: '10A1', className: '10A1', grade: 10, spreadsheetId: 's1', regulation: 'TT22', subjects,
  students: [
    student('1', 'Nguyễn Văn Bình', { learning: { HK1: null, HK2: null, CN: 'TOT', final: 'TOT' }, award: 'GIOI', marks: { TOAN: 9.0, GDTC: 'D' }, reasons: [{ rule: 'TT22 Điều 12 khoản 1', text: 'Lên lớp.' }, { rule: 'TT22 Điều 15 khoản 1 điểm b', text: 'Học sinh Giỏi.' }] }),
    student('2', 'Trần Thị An', { learning: { HK1: null, HK2: null, CN: 'TOT', final: 'TOT' }, award: 'GIOI', marks: { TOAN: 9.0, GDTC: 'D' } }),
    student('3', 'Lê Văn Cường', { learning: { HK1: null, HK2: null, CN: 'KHA', final: 'KHA' }, marks: { TOAN: 8.9, GDTC: 'D' } }),
    student('4', 'Phạm Thị Dung', { learning: { HK1: null, HK2: null, CN: 'CHUA_DAT', final: 'CHUA_DAT' }, outcome: 'DANH_GIA_LAI', retestSubjects: ['TOAN'], marks: { TOAN: 3.4, GDTC: 'CD' } }),
    student('5', 'Hoàng Văn Em', { outcome: null, marks: { TOAN: null, GDTC: null } }),
  ],
};
const B: EvaluatedClass = {
  classId: '11A1', className: '11A1', grade: 11, spreadsheetId: 's2', regulation: 'TT22', subjects,
  students: [student('6', 'Vũ Thị Giang', { learning: { HK1: null, HK2: null, CN: 'DAT', final: 'DAT' }, outcome: 'O_LAI', marks: { TOAN: 10, GDTC: 'D' } })],
};

describe('statistics', () => {
  it('counts levels, awards, outcomes and pending per grade and for the school', () => {
    const [k10, k11, all] = gradeStats([A, B]);
    expect(k10).toMatchObject({ label: 'Khối 10', students: 5, learning: { TOT: 2, KHA: 1, CHUA_DAT: 1 }, learningPending: 1, award: { GIOI: 2 }, outcome: { LEN_LOP: 3, DANH_GIA_LAI: 1 }, outcomePending: 1 });
    expect(k11).toMatchObject({ students: 1, outcome: { O_LAI: 1 } });
    expect(all).toMatchObject({ label: 'Toàn trường', students: 6, learningPending: 1 });
  });

  it('bins year results in exact tenths (9.0 → 9–10, 8.9 → 8–<9, 10 → 9–10) and rounds the mean half up', () => {
    const [toan] = distributions([A, B]);
    expect(toan!.code).toBe('TOAN');
    expect(toan!.bins).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 3]);
    expect(toan!.count).toBe(5);
    // (90 + 90 + 89 + 34 + 100) / 5 = 80.6 tenths → 8.1
    expect(toan!.mean).toBe(8.1);
    expect(distributions([A]).map((d) => d.code)).toEqual(['TOAN']); // comment subjects have no phổ điểm
  });
});

describe('tables', () => {
  const tables = buildTables({ year: '2025-2026', classes: [B, A], errors: [], completion: [], generatedAt: 'x', books: 2 });
  const tab = (t: string) => tables.find((x) => x.title === t)!;

  it('ranks with ties (1, 1, 3 …), equal keys ordered by tên', () => {
    const rows = tab(TAB.rankClass).rows.slice(1).filter((r) => r[2] === '10A1');
    expect(rows.map((r) => [r[0], r[4]])).toEqual([
      [1, 'Trần Thị An'],
      [1, 'Nguyễn Văn Bình'],
      [3, 'Lê Văn Cường'],
      [4, 'Phạm Thị Dung'],
      [5, 'Hoàng Văn Em'],
    ]);
    expect(tab(TAB.rankClass).rows[0]).not.toContain('ĐTB cả năm (TT58)');
  });

  it('puts each student on the right lists, classes in grade order, with the article as Căn cứ', () => {
    expect(tab(TAB.byClass).rows.slice(2).map((r) => r[0])).toEqual(['10A1', '11A1']);
    expect(tab(TAB.promoted).rows.slice(1).map((r) => r[2])).toEqual(['2', '1', '3']);
    expect(tab(TAB.retained).rows.slice(1).map((r) => r[2])).toEqual(['6']);
    const retest = tab(TAB.retest).rows;
    expect(retest.slice(1).map((r) => [r[2], r[retest[0]!.indexOf('Môn phải đánh giá lại')]])).toEqual([['4', 'Toán']]);
    const awards = tab(TAB.awards).rows;
    const reason = awards.find((r) => r[2] === '1')![awards[0]!.indexOf('Căn cứ')];
    expect(reason).toBe('TT22 Điều 15 khoản 1 điểm b: Học sinh Giỏi.');
  });

  it('shows ĐTB cả năm when a TT58 class is consolidated', () => {
    const C: EvaluatedClass = { ...B, classId: '12A1', className: '12A1', grade: 12, regulation: 'TT58', students: [student('7', 'Đỗ Minh Hà', { average: { HK1: 7.5, HK2: 8.0, CN: 7.8 }, learning: { HK1: null, HK2: null, CN: 'KHA', final: 'KHA' } })] };
    const t = buildTables({ year: '2025-2026', classes: [A, C], errors: [], completion: [], generatedAt: 'x', books: 2 });
    const rank = t.find((x) => x.title === TAB.rankGrade)!.rows;
    const col = rank[0]!.indexOf('ĐTB cả năm (TT58)');
    expect(col).toBeGreaterThan(0);
    expect(rank.find((r) => r[3] === '7')![col]).toBe(7.8);
  });
});
