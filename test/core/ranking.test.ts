import { describe, expect, it } from 'vitest';
import { compareVietnameseNames, defaultRankKey, evaluate, rankStudents, splitVietnameseName } from '../../src/core/index.ts';
import { rep, student, subjects, tt22 } from './helpers.ts';

describe('Vietnamese names', () => {
  it('splits họ, đệm, tên', () => {
    expect(splitVietnameseName('  Nguyễn   Thị Minh  Anh ')).toEqual({ ho: 'Nguyễn', dem: 'Thị Minh', ten: 'Anh', hoDem: 'Nguyễn Thị Minh' });
    expect(splitVietnameseName('Lê An')).toEqual({ ho: 'Lê', dem: '', ten: 'An', hoDem: 'Lê' });
    expect(splitVietnameseName('An')).toEqual({ ho: '', dem: '', ten: 'An', hoDem: '' });
  });
  it('orders by tên, then họ đệm, with Vietnamese letters (A < Ă < Â, D < Đ)', () => {
    const names = ['Trần Văn Đức', 'Nguyễn Văn Dũng', 'Lê Thị Ân', 'Phạm Ánh', 'Nguyễn Thị An', 'Bùi An', 'Trần Ăn', 'Vũ Bình'];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Bùi An', 'Nguyễn Thị An', 'Phạm Ánh', 'Trần Ăn', 'Lê Thị Ân', 'Vũ Bình', 'Nguyễn Văn Dũng', 'Trần Văn Đức',
    ]);
  });
});

describe('rankStudents', () => {
  it('ties share a rank: 1, 2, 2, 4; ties ordered by name', () => {
    const items = [{ n: 'Lê Bình', k: 5 }, { n: 'Trần An', k: 7 }, { n: 'Vũ An', k: 5 }, { n: 'Hà Cúc', k: 9 }];
    const r = rankStudents(items, (x) => [x.k], (x) => x.n);
    expect(r.map((x) => [x.item.n, x.rank])).toEqual([['Hà Cúc', 1], ['Trần An', 2], ['Vũ An', 3], ['Lê Bình', 3]]);
    const t = rankStudents([{ k: 9 }, { k: 7 }, { k: 7 }, { k: 5 }], (x) => [x.k]);
    expect(t.map((x) => x.rank)).toEqual([1, 2, 2, 4]);
  });
  it('default key: award, then KQHT, KQRL, then subjects ≥ 9.0 / 8.0 / 6.5, then the sum', () => {
    const out = evaluate(tt22([
      student(subjects(rep(9, 9)), { id: 'xs', name: 'Ba' }),
      student(subjects(rep(8, 9)), { id: 'g1', name: 'Cẩm' }),
      student(subjects(rep(8, 9)), { id: 'g2', name: 'An' }),
      student(subjects(rep(7, 9)), { id: 'k', name: 'Dung' }),
      student(subjects(rep(8, 9)), { id: 'gk', name: 'Em', conduct: { HK1: 'KHA', HK2: 'KHA' } }),
    ]));
    const r = rankStudents(out.students, defaultRankKey, (s) => s.name ?? '');
    expect(r.map((x) => [x.item.id, x.rank])).toEqual([['xs', 1], ['g2', 2], ['g1', 2], ['gk', 4], ['k', 5]]);
  });
});
