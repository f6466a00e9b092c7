// Independent audit cases written from the quoted regulation text (../shared/docs/assessment-rules.md) and the
// contract (../shared/docs/contracts/evaluate.md), boundary by boundary. Disagreements found by the audit are
// kept here as regressions (see the "regression" describe block).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { evaluate, evaluateSubject, type EvaluateInput, type StudentInput } from '../../src/core/index.ts';
import { rep, student, subjects, tt22, tt58Subjects, yearComment, yearScore } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..');
function hoso(input: unknown) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'hoso.js'), 'evaluate'], { input: JSON.stringify(input), encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const one = (input: EvaluateInput) => evaluate(input).students[0]!;
const raw = (tx: (number | string | null)[], gk: number | string | null, ck: number | string | null) => ({ tx, gk, ck });
const filler = rep(8, 8).map((v, i) => yearScore(`F${i}`, v));
const t58 = (scores: number[], td: 'Đ' | 'CĐ' = 'Đ', extra: Partial<StudentInput> = {}, regulation: 'TT58' | 'TT58-2011' = 'TT58') =>
  one({ regulation, students: [student(tt58Subjects(scores, td), { conduct: { HK1: 'TOT', HK2: 'TOT', CN: 'TOT' }, ...extra })] });

describe('TT22 Điều 9 khoản 1: ĐTBmhk / ĐTBmcn in exact tenths, half-up, from recorded values', () => {
  it.each([
    ['M1, 2 ĐĐGtx (35 tiết)', { periodsPerYear: 35, HK1: raw([8, 7], 6, 7) }, 6.9],
    ['M3 tie 7,25 → 7,3', { periodsPerYear: 70, HK1: raw([7, 8, 8], 7, 7) }, 7.3],
    ['M12 a real 0 counts', { periodsPerYear: 70, HK1: raw([0, 8, 8], 7, 7) }, 6.4],
    ['tie 8,95 → 9,0', { HK1: raw([9, 9, 8.6], 9, 9) }, 9],
    ['tie 5,35 → 5,4', { HK1: raw([5, 5, 5.3], 5.5, 5.5) }, 5.4],
    ['strings "7,5" / "8.0" / "7,0"', { HK1: raw(['7,5', '8.0', 9], '8', '7,0') }, 7.7],
    ['4 ĐĐGtx (105 tiết)', { periodsPerYear: 105, HK1: raw([8, 7.5, 9, 8], 8, 7) }, 7.7],
    ['3 ĐĐGtx at 36 tiết', { periodsPerYear: 36, HK1: raw([8, 7, 9], 8, 7) }, 7.6],
  ])('%s', (_n, sub, hk1) => {
    const s = one(tt22([student([{ code: 'X', type: 'score', HK2: 8, ...sub }, ...filler])]));
    expect(s.subjects[0]!.HK1).toBe(hk1);
  });
  it('Y7: ĐTBmcn from the recorded 5,4 (not 5,35) → 5,3', () => {
    const s = one(tt22([student([{ code: 'X', type: 'score', HK1: 5, HK2: raw([5, 5, 5.3], 5.5, 5.5) }, ...filler])]));
    expect(s.subjects[0]).toMatchObject({ HK1: 5, HK2: 5.4, CN: 5.3, final: 5.3 });
  });
  it('fewer ĐĐGtx than tiết/năm asks for, or a blank → pending (null), never a guess', () => {
    const s = one(tt22([student([{ code: 'X', type: 'score', periodsPerYear: 71, HK1: raw([8, 7, 9], 8, 7), HK2: 8 }, { code: 'Y', type: 'score', HK1: raw([8, null], 8, 7), HK2: 8 }, ...filler])]));
    expect(s.subjects.slice(0, 2).map((x) => [x.HK1, x.CN])).toEqual([[null, null], [null, null]]);
    expect(s.learning).toMatchObject({ HK1: null, HK2: 'TOT', CN: null, final: null });
    expect(s.outcome).toBeNull();
  });
});

describe('TT22 Điều 9 khoản 1 điểm a: comment subjects', () => {
  it.each([
    ['C2: Đ, Đ; GK CĐ; CK Đ → CĐ', raw(['Đ', 'Đ'], 'CĐ', 'Đ'), 'Đ', ['CD', 'D', 'D']],
    ['C4: year = HK II', 'Chưa đạt', 'Đạt', ['CD', 'D', 'D']],
    ['HK II CĐ → year CĐ', 'D', 'CD', ['D', 'CD', 'CD']],
    ['blank ĐGtx → pending semester', raw(['Đ', null], 'Đ', 'Đ'), 'Đ', [null, 'D', 'D']],
  ] as const)('%s', (_n, HK1, HK2, exp) => {
    const s = one(tt22([student([{ code: 'C', type: 'comment', periodsPerYear: 105, HK1, HK2 }, ...filler])]));
    expect([s.subjects[0]!.HK1, s.subjects[0]!.HK2, s.subjects[0]!.CN]).toEqual(exp);
  });
});

describe('TT22 Điều 9 khoản 2 and 3: KQHT levels, every boundary, and the adjustment', () => {
  it.each([
    ['K1 exactly 6 ≥ 8,0', [8, 8, 8, 8, 8, 8, 6.5, 6.5, 7], undefined, 'TOT'],
    ['only 5 ≥ 8,0', [8, 8, 8, 8, 8, 7.9, 6.5, 6.5, 7], undefined, 'KHA'],
    ['Tốt missed by one 6,4 (1 level, no adjustment)', [...rep(8, 8), 6.4], undefined, 'KHA'],
    ['Khá boundary 6 × 6,5 + 5,0', [...rep(6.5, 6), 5, 5, 5], undefined, 'KHA'],
    ['only 5 ≥ 6,5', [...rep(6.5, 5), 6.4, 5, 5, 5], undefined, 'DAT'],
    ['Khá missed by one 4,9', [...rep(7, 8), 4.9], undefined, 'DAT'],
    ['Đạt boundary 6 × 5,0 + 3,5', [...rep(5, 6), 3.5, 3.5, 3.5], undefined, 'DAT'],
    ['only 5 ≥ 5,0', [...rep(5, 5), ...rep(4.9, 4)], undefined, 'CHUA_DAT'],
    ['K10: 3,4 and would-be only Đạt', [...rep(6, 8), 3.4], undefined, 'CHUA_DAT'],
    ['one comment CĐ allowed for Đạt', rep(5, 9), ['CĐ', 'Đ', 'Đ'], 'DAT'],
    ['two comment CĐ', rep(5, 9), ['CĐ', 'CĐ', 'Đ'], 'CHUA_DAT'],
    ['K4 Tốt → Đạt by one subject ⇒ Khá', [...rep(8.5, 8), 4], undefined, 'KHA'],
    ['K5 two subjects: no adjustment', [...rep(8.5, 7), 4, 4], undefined, 'DAT'],
    ['Khá → Chưa đạt by one subject ⇒ Đạt', [...rep(7, 8), 3], undefined, 'DAT'],
    ['I1 one comment CĐ under Tốt ⇒ Khá', rep(9, 9), ['Đ', 'Đ', 'CĐ'], 'KHA'],
    ['I2 Tốt → Chưa đạt ⇒ Đạt', [...rep(8.5, 8), 3], undefined, 'DAT'],
    ['one of the six 8,0 at 2,0 (3 levels) ⇒ Đạt', [...rep(8, 5), 2, 6.5, 6.5, 6.5], undefined, 'DAT'],
    ['two comment CĐ under 9,0s: two culprits', rep(9, 9), ['CĐ', 'CĐ', 'Đ'], 'CHUA_DAT'],
  ] as const)('%s → %s', (_n, scores, comments, exp) => {
    const s = one(tt22([student(subjects(scores, comments))]));
    expect(s.learning).toEqual({ HK1: exp, HK2: exp, CN: exp, final: exp });
  });
});

describe('TT22 Điều 8 khoản 2 điểm b: KQRL year table, every row', () => {
  const L = ['TOT', 'KHA', 'DAT', 'CHUA_DAT'] as const;
  const table: Record<string, string[]> = { TOT: ['TOT', 'TOT', 'KHA', 'KHA'], KHA: ['KHA', 'KHA', 'KHA', 'DAT'], DAT: ['KHA', 'DAT', 'DAT', 'DAT'], CHUA_DAT: rep(0, 4).map(() => 'CHUA_DAT') };
  for (const hk2 of L) for (const [i, hk1] of L.entries()) {
    it(`HK I ${hk1}, HK II ${hk2} → ${table[hk2]![i]}`, () => {
      const s = one(tt22([student(subjects([...rep(8, 6), 6.5, 6.5, 7]), { conduct: { HK1: hk1, HK2: hk2 } })]));
      expect(s.conduct.CN).toBe(table[hk2]![i]);
    });
  }
});

describe('TT22 Điều 12–15: awards and promotion', () => {
  const good = subjects([...rep(8, 6), 6.5, 6.5, 7]);
  it('X1 Xuất sắc (exactly 6 ≥ 9,0); 5 → Giỏi; KQRL Khá → none', () => {
    expect(one(tt22([student(subjects([...rep(9, 6), 8, 7.5, 8.5]))])).award).toBe('XUAT_SAC');
    expect(one(tt22([student(subjects([...rep(9, 5), 8.9, 8, 7.5, 8.5]))])).award).toBe('GIOI');
    expect(one(tt22([student(subjects(rep(9, 9)), { conduct: { HK1: 'TOT', HK2: 'KHA' } })])).award).toBeNull();
    expect(one(tt22([student(subjects([...rep(9, 8), 4]))])).award).toBeNull();
  });
  it('45 buổi → lên lớp; 46 → ở lại with KQHT/KQRL unchanged (P2)', () => {
    expect(one(tt22([student(good, { absences: 45 })])).outcome).toBe('LEN_LOP');
    expect(one(tt22([student(good, { absences: 46 })]))).toMatchObject({ outcome: 'O_LAI', learning: { CN: 'TOT' }, conduct: { CN: 'TOT' } });
  });
  it('rèn luyện hè, then the re-rated KQRL decides', () => {
    const k = (extra: object) => one(tt22([student(good, { conduct: { HK1: 'TOT', HK2: 'CHUA_DAT', ...extra } })]));
    expect(k({}).outcome).toBe('REN_LUYEN_HE');
    expect(k({ summer: 'DAT' })).toMatchObject({ outcome: 'LEN_LOP', conduct: { CN: 'CHUA_DAT', final: 'DAT' } });
    expect(k({ summer: 'CHUA_DAT' }).outcome).toBe('O_LAI');
  });
  const p4 = (r8?: number, r9?: number) =>
    subjects([...rep(7, 7), 4.5, 3]).map((s) => (s.code === 'S8' && r8 !== undefined ? { ...s, retest: r8 } : s.code === 'S9' && r9 !== undefined ? { ...s, retest: r9 } : s));
  const dat = { conduct: { HK1: 'DAT', HK2: 'DAT' } } as const;
  it('P4 / P4a / I3: đánh giá lại every subject < 5,0, then recompute', () => {
    expect(one(tt22([student(p4(), dat)]))).toMatchObject({ outcome: 'DANH_GIA_LAI', retestSubjects: ['S8', 'S9'], learning: { CN: 'CHUA_DAT', final: 'CHUA_DAT' } });
    const a = one(tt22([student(p4(5.5, 4), dat)]));
    expect(a).toMatchObject({ outcome: 'LEN_LOP', learning: { CN: 'CHUA_DAT', final: 'DAT' } });
    expect(a.subjects[7]).toMatchObject({ CN: 4.5, final: 5.5 });
    expect(one(tt22([student(p4(5.5, 3.2), dat)]))).toMatchObject({ outcome: 'LEN_LOP', learning: { final: 'DAT' } });
    expect(one(tt22([student(p4(5.5), dat)]))).toMatchObject({ outcome: 'DANH_GIA_LAI', learning: { final: null } });
    expect(one(tt22([student(p4(4, 3), dat)])).outcome).toBe('O_LAI');
  });
  it('retestSubjects in subject order, comment subjects included', () => {
    const subs = [yearScore('A', 3), ...rep(7, 7).map((v, i) => yearScore(`M${i}`, v)), yearScore('B', 4), yearComment('C', 'CĐ'), yearScore('Z', 2)];
    expect(one(tt22([student(subs, dat)])).retestSubjects).toEqual(['A', 'B', 'C', 'Z']);
  });
  it('disability → MANUAL; a year-exempt subject leaves every list', () => {
    expect(one(tt22([student(good, { disability: true })])).outcome).toBe('MANUAL');
    expect(one(tt22([student([...good, yearScore('QP', 2, { exempt: true })])]))).toMatchObject({ learning: { CN: 'TOT' }, outcome: 'LEN_LOP', retestSubjects: [] });
  });
});

describe('TT58 (+TT26) and TT58-2011: học lực with khoản 6, danh hiệu, lên lớp', () => {
  it.each([
    ['B5 G → Tb ⇒ K (6a)', [8.5, 8.5, 8.5, 8.5, 8.5, 8.0, 8.5, 8.5, 8.0, 9.0, 8.5, 4.9], 'Đ', 'KHA'],
    ['6b G → Y ⇒ Tb', [...rep(9, 11), 3], 'Đ', 'TB'],
    ['B7 K → Y ⇒ Tb (6c)', [7.5, 7, 7.5, 7, 7.5, 7, 7.5, 7.5, 3.4, 7.5, 7.5, 7.5], 'Đ', 'TB'],
    ['6d K → Kém ⇒ Y', [...rep(7.5, 11), 1.5], 'Đ', 'YEU'],
    ['G → Kém read as K → Kém ⇒ Y', [...rep(9, 11), 1], 'Đ', 'YEU'],
    ['I4 Thể dục CĐ (literal) → Yếu', [8.4, ...rep(7.5, 6), ...rep(8, 5)], 'CĐ', 'YEU'],
    ['Giỏi boundary 8,0 / 6,5', [9, ...rep(8.5, 10), 6.5], 'Đ', 'GIOI'],
    ['Giỏi without Toán/Văn/NN ≥ 8,0 → Khá', [7.9, 9, 9, 9, 9, 7.9, 9, 9, 7.9, 9, 9, 9], 'Đ', 'KHA'],
    ['NN alone ≥ 8,0 satisfies "1 trong 3"', [7.9, 9, 9, 9, 9, 7.9, 9, 9, 8, 9, 9, 9], 'Đ', 'GIOI'],
    ['Tb boundary', rep(5, 12), 'Đ', 'TB'],
    ['Tb without Toán/Văn/NN ≥ 5,0 → Yếu', [4.9, 6, 6, 6, 6, 4.9, 6, 6, 4.9, 6, 6, 6], 'Đ', 'YEU'],
    ['Yếu boundary 3,5', rep(3.5, 12), 'Đ', 'YEU'],
    ['ĐTB 3,4 → Kém', rep(3.4, 12), 'Đ', 'KEM'],
    ['a 1,9 → Kém', [...rep(5, 11), 1.9], 'Đ', 'KEM'],
    ['two low subjects: no adjustment', [...rep(9, 10), 4.9, 4.9], 'Đ', 'TB'],
  ] as const)('%s → %s', (_n, scores, td, exp) => {
    expect(t58([...scores], td).learning.CN).toBe(exp);
  });
  it('TT58-2011: "1 trong 2 môn Toán, Ngữ văn" (NN alone is not enough); KTtx/KTđk/KThk weights 1/2/3', () => {
    expect(t58([7.9, 9, 9, 9, 9, 7.9, 9, 9, 8, 9, 9, 9], 'Đ', {}, 'TT58-2011').learning.CN).toBe('KHA');
    expect(t58([7.9, 9, 9, 9, 9, 8, 9, 9, 7, 9, 9, 9], 'Đ', {}, 'TT58-2011').learning.CN).toBe('GIOI');
    const s = one({ regulation: 'TT58-2011', students: [student([{ code: 'TOAN', type: 'score', HK1: { tx: [8, 7, 9], dk: [6, 7], hk: 8 }, HK2: { tx: [8, 7], dk: [6, 7], hk: 8 } }], { conduct: { CN: 'TOT' } })] });
    expect([s.subjects[0]!.HK1, s.subjects[0]!.HK2]).toEqual([7.4, 7.2]);
  });
  it('T7 kiểm tra lại, recompute ĐTBcn and học lực; rèn luyện hè; danh hiệu incl. awardHK1', () => {
    const hk = { conduct: { HK1: 'TB', HK2: 'TB', CN: 'TB' } };
    expect(t58([...rep(6, 10), 3, 4], 'Đ', hk)).toMatchObject({ learning: { CN: 'YEU' }, average: { CN: 5.6 }, outcome: 'KIEM_TRA_LAI', retestSubjects: ['CN', 'QP'] });
    const re = one({ regulation: 'TT58', students: [student(tt58Subjects([...rep(6, 10), 3, 4]).map((s) => (s.code === 'CN' ? { ...s, retest: 5 } : s)), hk)] });
    expect(re).toMatchObject({ learning: { CN: 'YEU', final: 'TB' }, outcome: 'LEN_LOP' });
    expect(t58(rep(6, 12), 'Đ', { conduct: { HK1: 'TB', HK2: 'YEU', CN: 'YEU' } }).outcome).toBe('REN_LUYEN_HE');
    expect(t58(rep(6, 12), 'Đ', { conduct: { HK1: 'TB', HK2: 'YEU', CN: 'YEU', summer: 'TB' } })).toMatchObject({ outcome: 'LEN_LOP', conduct: { final: 'TB' } });
    expect(t58([...rep(6, 10), 3, 4], 'Đ', { conduct: { HK1: 'YEU', HK2: 'YEU', CN: 'YEU' } }).outcome).toBe('O_LAI');
    expect(t58(rep(6, 12), 'Đ', { absences: 46 }).outcome).toBe('O_LAI');
    expect(t58(rep(8.5, 12))).toMatchObject({ award: 'GIOI', awardHK1: 'GIOI' });
    expect(t58(rep(8.5, 12), 'Đ', { conduct: { HK1: 'KHA', HK2: 'TOT', CN: 'KHA' } })).toMatchObject({ award: 'TIEN_TIEN', awardHK1: 'TIEN_TIEN' });
  });
});

describe('CLI contract details', () => {
  it('regulation from schoolYear × grade (TT22 Điều 21), echoed in the output', () => {
    const cases: [string, number, string][] = [['2019-2020', 12, 'TT58-2011'], ['2021-2022', 10, 'TT58'], ['2022-2023', 10, 'TT22'], ['2022-2023', 11, 'TT58'], ['2023-2024', 11, 'TT22'], ['2023-2024', 12, 'TT58'], ['2024-2025', 12, 'TT22']];
    for (const [schoolYear, grade, reg] of cases) {
      const r = hoso({ schoolYear, grade, students: [] });
      expect([schoolYear, grade, r.code, r.code === 0 ? JSON.parse(r.stdout).regulation : r.stderr]).toEqual([schoolYear, grade, 0, reg]);
    }
  });
  it('bad marks: exit 2, empty stdout, each path first on its line (contract example format)', () => {
    const ok = student(subjects(rep(8, 9)));
    const bad = { regulation: 'TT22', students: [ok, { ...ok, id: 'B' }, { ...ok, id: 'C' }, student([yearScore('A', 8), { code: 'X', type: 'score', HK1: raw([8, 7, '11'], 8, 7.55), HK2: -1 }], { id: 'D' })] };
    const r = hoso(bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    for (const p of ['students[3].subjects[1].HK1.tx[2]: "11" ', 'students[3].subjects[1].HK1.ck: 7.55 ', 'students[3].subjects[1].HK2: -1 ']) {
      expect(lines.some((l) => l.startsWith(p)), p).toBe(true);
    }
  });
});

describe('regression: disagreements found by the audit', () => {
  it('contract: conduct.CN is required under TT58 — a missing one is exit 2 naming students[i].conduct.CN; null = blank (pending)', () => {
    const subs = tt58Subjects(rep(7, 12));
    const missing = hoso({ regulation: 'TT58', students: [student(subs, { id: 'A', conduct: { HK1: 'TOT', HK2: 'TOT', CN: 'TOT' } }), student(subs, { id: 'B', conduct: { HK1: 'TOT', HK2: 'TOT' } }), { id: 'C', subjects: subs }] });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('students[1].conduct.CN: ');
    expect(missing.stderr).toContain('students[2].conduct.CN: ');
    expect(missing.stderr).not.toContain('students[0].conduct');
    const blank = hoso({ regulation: 'TT58-2011', students: [student(subs, { conduct: { HK1: 'TOT', HK2: 'TOT', CN: null } })] });
    expect(blank.code).toBe(0);
    expect(JSON.parse(blank.stdout).students[0]).toMatchObject({ learning: { CN: 'KHA' }, conduct: { CN: null }, outcome: null });
    // TT22 keeps CN optional (computed from the Điều 8 table).
    expect(hoso(tt22([student(subjects(rep(8, 9)), { conduct: { HK1: 'TOT', HK2: 'TOT' } })])).code).toBe(0);
  });
  it('evaluateSubject (one gradebook row) still works under TT58 / TT58-2011 with no conduct at all', () => {
    expect(evaluateSubject({ code: 'T', type: 'score', HK1: raw([8, 7, 9], 8, 7), HK2: 8 }, 'TT58')).toMatchObject({ ok: true, result: { HK1: 7.6, CN: 7.9 } });
    expect(evaluateSubject({ code: 'T', type: 'score', HK1: { tx: [8, 7], dk: [6, 7], hk: 8 }, HK2: 8 }, 'TT58-2011')).toMatchObject({ ok: true, result: { HK1: 7.2 } });
  });
});

// An independent oracle written from the quoted text (rules §1.9 and §2.8 with the documented default readings:
// would-be = the single subject treated as 10,0 / Đạt; I1 literal; I2 aboveBase; I4 either way), compared with the
// engine on seeded random inputs concentrated on the thresholds.
describe('oracle: KQHT (TT22 Điều 9.2–9.3) and học lực (TT58 Điều 13 incl. khoản 6) on random inputs', () => {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T,>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const edges = [0, 1.9, 2, 3, 3.4, 3.5, 4.9, 5, 5.5, 6.4, 6.5, 7, 7.9, 8, 8.5, 9, 10];
  const mark = () => (rnd() < 0.7 ? pick(edges) : Math.round(rnd() * 100) / 10);

  function lvl22(sc: number[], cm: number[]): number {
    const cf = cm.filter((c) => c === 0).length;
    const cnt = (p: (v: number) => boolean) => sc.filter(p).length;
    if (cf === 0 && sc.every((v) => v >= 65) && cnt((v) => v >= 80) >= 6) return 3;
    if (cf === 0 && sc.every((v) => v >= 50) && cnt((v) => v >= 65) >= 6) return 2;
    if (cf <= 1 && cnt((v) => v >= 50) >= 6 && sc.every((v) => v >= 35)) return 1;
    return 0;
  }
  function oracle22(sc: number[], cm: number[]): number {
    const base = lvl22(sc, cm);
    let best = -1;
    sc.forEach((_, i) => { const s2 = sc.slice(); s2[i] = 100; best = Math.max(best, lvl22(s2, cm)); });
    cm.forEach((_, i) => { const c2 = cm.slice(); c2[i] = 1; best = Math.max(best, lvl22(sc, c2)); });
    return best >= 2 && best - base >= 2 ? base + 1 : base;
  }
  it('TT22: 1500 random students', () => {
    const names = ['CHUA_DAT', 'DAT', 'KHA', 'TOT'];
    const bad: unknown[] = [];
    for (let k = 0; k < 1500; k++) {
      const sc = Array.from({ length: 9 }, mark);
      const cm = Array.from({ length: 3 }, () => (rnd() < 0.12 ? 0 : 1));
      const got = one(tt22([student([...sc.map((v, i) => yearScore(`S${i}`, v)), ...cm.map((v, i) => yearComment(`C${i}`, v ? 'Đ' : 'CĐ'))])])).learning.CN;
      const exp = names[oracle22(sc.map((v) => Math.round(v * 10)), cm)];
      if (got !== exp) bad.push({ sc, cm, got, exp });
    }
    expect(bad.slice(0, 3)).toEqual([]);
  });

  const codes = ['TOAN', 'LY', 'HOA', 'SINH', 'TIN', 'VAN', 'SU', 'DIA', 'NN', 'GDCD', 'CN', 'QP'];
  const core = (c: string, reg: string) => c === 'TOAN' || c === 'VAN' || (c === 'NN' && reg === 'TT58');
  const L58 = [null, { avg: 35, core: null, floor: 20, cm: false }, { avg: 50, core: 50, floor: 35, cm: true }, { avg: 65, core: 65, floor: 50, cm: true }, { avg: 80, core: 80, floor: 65, cm: true }] as const;
  function ok58(l: 1 | 2 | 3 | 4, avg: number, sc: number[], td: number, reg: string, sat = -2) {
    const L = L58[l]!;
    const fails: number[] = [];
    sc.forEach((v, i) => { if (i !== sat && v < L.floor) fails.push(i); });
    if (L.cm && td === 0 && sat !== -1) fails.push(-1);
    const coreOk = L.core === null || sc.some((v, i) => core(codes[i]!, reg) && (i === sat || v >= L.core!));
    return { ok: avg >= L.avg && fails.length === 0 && coreOk, fails };
  }
  function oracle58(sc: number[], td: number, reg: string, adjustComment: boolean): number {
    const avg = Math.floor((2 * sc.reduce((a, b) => a + b, 0) + 12) / 24); // Điều 11, half-up
    let base = 0;
    for (const l of [4, 3, 2, 1] as const) if (ok58(l, avg, sc, td, reg).ok) { base = l; break; }
    const reach = avg >= 80 ? 4 : avg >= 65 ? 3 : 0;
    for (const w of [4, 3] as const) {
      if (w > reach || base > w - 2) continue;
      const c = ok58(w, avg, sc, td, reg);
      if (c.fails.length !== 1 || (c.fails[0] === -1 && !adjustComment)) continue;
      if (!ok58(w, avg, sc, td, reg, c.fails[0]).ok) continue;
      if (w === 4) return base === 2 ? 3 : base === 1 ? 2 : 1; // 6a, 6b, (G→Kém read as K→Kém ⇒ Y)
      return base === 1 ? 2 : 1; // 6c, 6d
    }
    return base;
  }
  it('TT58 / TT58-2011: 1500 random students', () => {
    const names = ['KEM', 'YEU', 'TB', 'KHA', 'GIOI'];
    const bad: unknown[] = [];
    for (let k = 0; k < 1500; k++) {
      const reg = rnd() < 0.5 ? 'TT58' : 'TT58-2011';
      const hi = rnd() < 0.6;
      const sc = Array.from({ length: 12 }, () => (hi ? pick([6.5, 7, 8, 8.5, 9, 9.5, 10, 4.9, 3.4, 1.9, 6.4, 7.9]) : mark()));
      const td = rnd() < 0.1 ? 0 : 1;
      const adjust = rnd() < 0.5;
      const got = one({
        regulation: reg as 'TT58',
        decisions: { I4: adjust ? 'adjust' : 'literal' },
        students: [student([...sc.map((v, i) => yearScore(codes[i]!, v)), yearComment('TD', td ? 'Đ' : 'CĐ')], { conduct: { HK1: 'TOT', HK2: 'TOT', CN: 'TOT' } })],
      }).learning.CN;
      const exp = names[oracle58(sc.map((v) => Math.round(v * 10)), td, reg, adjust)];
      if (got !== exp) bad.push({ reg, sc, td, adjust, got, exp });
    }
    expect(bad.slice(0, 3)).toEqual([]);
  });
});
