// TT22 boundary by boundary: Điều 9 khoản 1–3, Điều 8, Điều 15, Điều 12–14, Điều 11.
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluateInput, type StudentInput, type SubjectInput } from '../../src/core/index.ts';
import { rep, student, subjects, tt22, yearComment, yearScore } from './helpers.ts';

const one = (input: EvaluateInput) => evaluate(input).students[0]!;
const level = (scores: (number | null)[], comments: ('Đ' | 'CĐ')[] = ['Đ', 'Đ', 'Đ'], decisions?: EvaluateInput['decisions']) =>
  one(tt22([student(subjects(scores, comments))], decisions ? { decisions } : {})).learning.CN;
const hk1 = (subject: Omit<SubjectInput, 'code' | 'type' | 'HK2'>) =>
  one(tt22([student([{ code: 'X', type: 'score', HK2: 5, ...subject }])])).subjects[0]!.HK1;

describe('ĐTBmhk in exact tenths (Điều 9 khoản 1 điểm b)', () => {
  it('x.x5 ties with divisor 8 round half up', () => {
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [7, 8, 8], gk: 7, ck: 7 } })).toBe(7.3); // 7.25
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [9, 9, 8.6], gk: 9, ck: 9 } })).toBe(9); // 8.95
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [5, 5, 5.3], gk: 5.5, ck: 5.5 } })).toBe(5.4); // 5.35
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [0.1, 0.2, 0.3], gk: 0.2, ck: 0.2 } })).toBe(0.2); // 1.6/8 = 0.2
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [0, 0, 0.2], gk: 0, ck: 0.1 } })).toBe(0.1); // 0.5/8 = 0.0625
  });
  it('just below a tie rounds down; divisor 9 (4 ĐĐGtx) and 7 (2 ĐĐGtx)', () => {
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [7, 8, 7.9], gk: 7, ck: 7 } })).toBe(7.2); // 57.9/8 = 7.2375
    expect(hk1({ periodsPerYear: 105, HK1: { tx: [8, 7.5, 9, 8], gk: 8, ck: 7 } })).toBe(7.7); // 69.5/9 = 7.72
    expect(hk1({ periodsPerYear: 35, HK1: { tx: [10, 10], gk: 10, ck: 10 } })).toBe(10);
  });
  it('a real 0 counts (string or number); a blank does not', () => {
    expect(hk1({ periodsPerYear: 70, HK1: { tx: ['0', 8, 8], gk: 7, ck: 7 } })).toBe(6.4);
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [0, 8, 8], gk: 0, ck: 0 } })).toBe(2);
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [null, 8, 8], gk: 7, ck: 7 } })).toBeNull();
    expect(hk1({ periodsPerYear: 70, HK1: { tx: ['', 8, 8], gk: 7, ck: 7 } })).toBeNull();
  });
  it('number of ĐĐGtx by tiết/năm: 35 → 2, 36 → 3, 70 → 3, 71 → 4; fewer is pending', () => {
    expect(hk1({ periodsPerYear: 35, HK1: { tx: [8, 7], gk: 6, ck: 7 } })).toBe(6.9);
    expect(hk1({ periodsPerYear: 36, HK1: { tx: [8, 7], gk: 6, ck: 7 } })).toBeNull();
    expect(hk1({ periodsPerYear: 70, HK1: { tx: [8, 7, 9], gk: 6, ck: 7 } })).toBe(7.1); // 57/8 = 7.125
    expect(hk1({ periodsPerYear: 71, HK1: { tx: [8, 7, 9], gk: 6, ck: 7 } })).toBeNull();
    expect(hk1({ periodsPerYear: 71, HK1: { tx: [8, 7, 9, null], gk: 6, ck: 7 } })).toBeNull();
  });
  it('without periodsPerYear: 2–4 entered ĐĐGtx are used, a blank among them is pending', () => {
    expect(hk1({ HK1: { tx: [8, 7], gk: 6, ck: 7 } })).toBe(6.9);
    expect(hk1({ HK1: { tx: [8, 7, null], gk: 6, ck: 7 } })).toBeNull();
    expect(hk1({ HK1: { tx: [8], gk: 6, ck: 7 } })).toBeNull();
  });
  it('missing gk or ck is pending', () => {
    expect(hk1({ periodsPerYear: 35, HK1: { tx: [8, 7], gk: null, ck: 7 } })).toBeNull();
    expect(hk1({ periodsPerYear: 35, HK1: { tx: [8, 7], gk: 8, ck: null } })).toBeNull();
  });
  it('pending subject → every dependent result null', () => {
    const s = one(tt22([student([...subjects(rep(8, 8)), yearScore('Z', null)])]));
    expect(s.learning).toEqual({ HK1: null, HK2: null, CN: null, final: null });
    expect(s.outcome).toBeNull();
    expect(s.award).toBeNull();
    expect(s.subjects.at(-1)).toEqual({ code: 'Z', HK1: null, HK2: null, CN: null, final: null });
  });
  it('ĐTBmcn only from two semesters: a missing semester is pending', () => {
    const s = one(tt22([student([{ code: 'X', type: 'score', HK1: 8 }])]));
    expect(s.subjects[0]).toMatchObject({ HK1: 8, HK2: null, CN: null });
  });
});

describe('comment subjects (Điều 9 khoản 1 điểm a)', () => {
  const c = (HK1: SubjectInput['HK1']) => one(tt22([student([{ code: 'GDTC', type: 'comment', HK1, HK2: 'Đạt' }])])).subjects[0]!.HK1;
  it('all four Đ → Đ; any CĐ → CĐ; blanks → pending unless a CĐ already decides', () => {
    expect(c({ tx: ['Đ', 'D'], gk: 'Đạt', ck: 'đ' })).toBe('D');
    expect(c({ tx: ['Đ', 'CĐ'], gk: 'Đ', ck: 'Đ' })).toBe('CD');
    expect(c({ tx: ['Đ', 'Đ'], gk: 'Đ', ck: 'Chưa đạt' })).toBe('CD');
    expect(c({ tx: ['Đ', null], gk: 'Đ', ck: 'Đ' })).toBeNull();
    expect(c({ tx: ['Đ'], gk: 'Đ', ck: 'Đ' })).toBeNull();
    expect(c({ tx: ['CD', null], gk: null, ck: null })).toBe('CD');
  });
});

describe('KQHT levels (Điều 9 khoản 2), boundary by boundary', () => {
  it('Tốt needs ≥ 6 subjects ≥ 8.0 and all ≥ 6.5', () => {
    expect(level([8, 8, 8, 8, 8, 8, 6.5, 6.5, 6.5])).toBe('TOT');
    expect(level([8, 8, 8, 8, 8, 7.9, 6.5, 6.5, 6.5])).toBe('KHA');
    expect(level([8, 8, 8, 8, 8, 8, 6.4, 6.5, 6.5])).toBe('KHA');
  });
  it('Khá needs ≥ 6 subjects ≥ 6.5 and all ≥ 5.0', () => {
    expect(level([6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 5, 5, 5])).toBe('KHA');
    expect(level([6.5, 6.5, 6.5, 6.5, 6.5, 6.4, 5, 5, 5])).toBe('DAT');
    expect(level([6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 4.9, 5, 5])).toBe('DAT');
  });
  it('Đạt needs ≥ 6 subjects ≥ 5.0, none < 3.5, at most one comment subject CĐ', () => {
    expect(level([5, 5, 5, 5, 5, 5, 3.5, 3.5, 3.5])).toBe('DAT');
    expect(level([5, 5, 5, 5, 5, 4.9, 3.5, 3.5, 3.5])).toBe('CHUA_DAT');
    expect(level([5, 5, 5, 5, 5, 5, 3.4, 3.5, 3.5])).toBe('CHUA_DAT');
    expect(level([5, 5, 5, 5, 5, 5, 5, 5, 5], ['Đ', 'Đ', 'CĐ'])).toBe('DAT');
    expect(level([5, 5, 5, 5, 5, 5, 5, 5, 5], ['Đ', 'CĐ', 'CĐ'])).toBe('CHUA_DAT');
  });
  it('a comment subject CĐ bars Tốt and Khá', () => {
    expect(level([6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 6.5], ['CĐ', 'Đ', 'Đ'])).toBe('DAT');
  });
  it('fewer than 6 scored subjects: pending by default ("chưa đủ dữ liệu"), Chưa đạt when literal', () => {
    expect(level([9, 9, 9, 9, 9])).toBeNull();
    expect(level([9, 9, 9, 9, 9], undefined, { fewScoredSubjects: 'literal' })).toBe('CHUA_DAT');
  });
  it('semester levels use ĐTBmhk of that semester', () => {
    const subs = rep(9, 8).map((v, i) => ({ code: `S${i}`, type: 'score' as const, HK1: v, HK2: 6 }));
    const s = one(tt22([student(subs)]));
    expect(s.learning.HK1).toBe('TOT');
    expect(s.learning.HK2).toBe('DAT');
    expect(s.learning.CN).toBe('KHA'); // (9 + 12)/3 = 7.0 ×8 → Khá
  });
});

describe('adjustment (Điều 9 khoản 3), each row', () => {
  it('Tốt → Đạt by one scored subject ⇒ Khá', () => expect(level([...rep(8.5, 8), 4.9])).toBe('KHA'));
  it('Tốt → Khá (one level) is not adjusted', () => expect(level([...rep(8.5, 8), 6])).toBe('KHA'));
  it('Khá → Chưa đạt by one subject ⇒ Đạt', () => expect(level([...rep(7, 8), 3])).toBe('DAT'));
  it('Khá → Đạt (one level) is not adjusted', () => expect(level([...rep(7, 8), 4])).toBe('DAT'));
  it('Tốt → Chưa đạt (3 levels) ⇒ Đạt (I2 aboveBase) or Khá (belowWouldBe)', () => {
    expect(level([...rep(9, 8), 0])).toBe('DAT');
    expect(level([...rep(9, 8), 0], undefined, { I2: 'belowWouldBe' })).toBe('KHA');
  });
  it('two culprits: no adjustment', () => {
    expect(level([...rep(9, 7), 4, 4])).toBe('DAT');
    expect(level([...rep(9, 8), 4], ['CĐ', 'Đ', 'Đ'])).toBe('DAT');
  });
  it('comment culprit (I1): Tốt → Đạt ⇒ Khá by default, Đạt with scoredOnly', () => {
    expect(level(rep(9, 9), ['CĐ', 'Đ', 'Đ'])).toBe('KHA');
    expect(level(rep(9, 9), ['CĐ', 'Đ', 'Đ'], { I1: 'scoredOnly' })).toBe('DAT');
  });
  it('the explanation cites khoản 3 and names the subject', () => {
    const s = one(tt22([student(subjects([...rep(8.5, 8), 4]))]));
    const r = s.reasons.find((x) => x.rule === 'TT22 Điều 9 khoản 3' && x.text.startsWith('Cả năm'));
    expect(r?.text).toContain('S9');
  });
});

describe('KQRL year table (Điều 8 khoản 2 điểm b): all 16 cells', () => {
  const L = ['TOT', 'KHA', 'DAT', 'CHUA_DAT'] as const;
  const table: Record<string, string[]> = {
    // HK II row: HK I = Tốt, Khá, Đạt, Chưa đạt
    TOT: ['TOT', 'TOT', 'KHA', 'KHA'],
    KHA: ['KHA', 'KHA', 'KHA', 'DAT'],
    DAT: ['KHA', 'DAT', 'DAT', 'DAT'],
    CHUA_DAT: ['CHUA_DAT', 'CHUA_DAT', 'CHUA_DAT', 'CHUA_DAT'],
  };
  for (const h2 of L) for (let i = 0; i < 4; i++) {
    it(`HK I ${L[i]}, HK II ${h2} → ${table[h2]![i]}`, () => {
      const s = one(tt22([student(subjects(rep(8, 9)), { conduct: { HK1: L[i], HK2: h2 } })]));
      expect(s.conduct.CN).toBe(table[h2]![i]);
    });
  }
  it('a recorded CN is used as given; Vietnamese words are accepted', () => {
    const s = one(tt22([student(subjects(rep(8, 9)), { conduct: { HK1: 'Tốt', HK2: 'Khá', CN: 'Tốt' } })]));
    expect(s.conduct).toEqual({ HK1: 'TOT', HK2: 'KHA', CN: 'TOT', final: 'TOT' });
  });
  it('missing semester conduct → pending', () => {
    expect(one(tt22([student(subjects(rep(8, 9)), { conduct: { HK1: 'TOT' } })])).conduct.CN).toBeNull();
  });
});

describe('awards (Điều 15)', () => {
  const award = (scores: number[], conduct = 'TOT') => one(tt22([student(subjects(scores), { conduct: { HK1: conduct, HK2: conduct } })])).award;
  it('exactly 6 subjects ≥ 9.0 → Xuất sắc; 5 → Giỏi', () => {
    expect(award([9, 9, 9, 9, 9, 9, 8, 8, 8])).toBe('XUAT_SAC');
    expect(award([9, 9, 9, 9, 9, 8.9, 8, 8, 8])).toBe('GIOI');
  });
  it('KQRL Khá or KQHT Khá → no award', () => {
    expect(award(rep(9.5, 9), 'KHA')).toBeNull();
    expect(award([...rep(9.5, 8), 6])).toBeNull();
  });
});

describe('promotion (Điều 12–14)', () => {
  const base = (extra: Partial<StudentInput>, scores = rep(7, 9), comments?: ('Đ' | 'CĐ')[]) =>
    one(tt22([student(subjects(scores, comments), extra)]));
  it('45 buổi → lên lớp; 46 → không được lên lớp', () => {
    expect(base({ absences: 45 }).outcome).toBe('LEN_LOP');
    expect(base({ absences: 46 }).outcome).toBe('O_LAI');
  });
  it('absences never lower KQHT or KQRL (pitfall §6.4)', () => {
    const s = base({ absences: 100 });
    expect(s.learning.CN).toBe('KHA');
    expect(s.conduct.CN).toBe('TOT');
  });
  it('KQRL Chưa đạt → rèn luyện hè; re-rated Đạt → lên lớp; still Chưa đạt → ở lại', () => {
    const k = { HK1: 'CHUA_DAT', HK2: 'CHUA_DAT' };
    expect(base({ conduct: k }).outcome).toBe('REN_LUYEN_HE');
    const ok = base({ conduct: { ...k, summer: 'DAT' } });
    expect(ok.outcome).toBe('LEN_LOP');
    expect(ok.conduct).toMatchObject({ CN: 'CHUA_DAT', final: 'DAT' });
    expect(base({ conduct: { ...k, summer: 'CHUA_DAT' } }).outcome).toBe('O_LAI');
  });
  it('KQRL and KQHT both Chưa đạt: ở lại by default; reassessAfterTraining goes through summer training first', () => {
    const k = { HK1: 'CHUA_DAT', HK2: 'CHUA_DAT' };
    const scores = [...rep(7, 7), 4, 3];
    expect(base({ conduct: k }, scores).outcome).toBe('O_LAI');
    const d = (st: StudentInput) => one(tt22([st], { decisions: { bothFailed: 'reassessAfterTraining' } }));
    expect(d(student(subjects(scores), { conduct: k })).outcome).toBe('REN_LUYEN_HE');
    const after = d(student(subjects(scores), { conduct: { ...k, summer: 'DAT' } }));
    expect(after.outcome).toBe('DANH_GIA_LAI');
    expect(after.retestSubjects).toEqual(['S8', 'S9']);
  });
  it('re-assessment covers comment subjects rated CĐ; a partial set of results is still pending', () => {
    const subs: SubjectInput[] = [...rep(7, 6).map((v, i) => yearScore(`S${i + 1}`, v)), yearScore('S7', 3), yearComment('C1', 'CĐ'), yearComment('C2', 'CĐ')];
    const s = one(tt22([student(subs)]));
    expect(s.learning.CN).toBe('CHUA_DAT');
    expect(s.retestSubjects).toEqual(['S7', 'C1', 'C2']);
    const partial = one(tt22([student(subs.map((x) => (x.code === 'S7' ? { ...x, retest: 6 } : x)))]));
    expect(partial.outcome).toBe('DANH_GIA_LAI');
    expect(partial.learning.final).toBeNull();
    const done = one(tt22([student(subs.map((x) => (x.code === 'S7' ? { ...x, retest: 6 } : x.type === 'comment' ? { ...x, retest: 'Đ' } : x)))]));
    expect(done.outcome).toBe('LEN_LOP');
    expect(done.learning.final).toBe('KHA');
    expect(done.subjects.map((x) => x.final)).toEqual([7, 7, 7, 7, 7, 7, 6, 'D', 'D']);
  });
  it('a retest on a subject that is not re-assessed is ignored (and said so)', () => {
    const s = one(tt22([student([...subjects(rep(7, 9)).map((x) => (x.code === 'S1' ? { ...x, retest: 9 } : x))])]));
    expect(s.subjects[0]!.final).toBe(7);
    expect(s.reasons.some((r) => r.text.includes('S1') && r.rule === 'TT22 Điều 14')).toBe(true);
  });
  it('disability → MANUAL, no automatic KQHT or award', () => {
    const s = base({ disability: true });
    expect(s.outcome).toBe('MANUAL');
    expect(s.learning.CN).toBeNull();
    expect(s.award).toBeNull();
    expect(s.reasons.some((r) => r.rule.includes('Điều 11'))).toBe(true);
  });
  it('an exempt subject is left out of every list', () => {
    const subs = [...subjects(rep(8, 6)), yearScore('GDQP', 2, { exempt: true })];
    const s = one(tt22([student(subs)]));
    expect(s.learning.CN).toBe('TOT');
    expect(s.subjects.at(-1)).toEqual({ code: 'GDQP', HK1: null, HK2: null, CN: null, final: null, exempt: true });
  });
  it('every decision carries a rule and a Vietnamese text', () => {
    const s = base({ absences: 3 });
    expect(s.reasons.length).toBeGreaterThan(3);
    for (const r of s.reasons) {
      expect(r.rule).toMatch(/^TT22 Điều \d+/);
      expect(r.text.length).toBeGreaterThan(10);
    }
  });
  it('no overall average under TT22 (pitfall §6.6)', () => {
    expect(base({}).average).toBeUndefined();
  });
});

describe('would-be level reading (decision wouldBe)', () => {
  // 8.0 ×5, 7.0, 4.0: with S7 treated as satisfying every requirement the student is Tốt (6 subjects ≥ 8.0);
  // with S7 left out only 5 subjects are ≥ 8.0, so the would-be level is Khá (one step above Đạt: no adjustment).
  const scores = [8, 8, 8, 8, 8, 7, 4];
  it('replace (default) → Khá; remove → Đạt', () => {
    expect(level(scores)).toBe('KHA');
    expect(level(scores, undefined, { wouldBe: 'remove' })).toBe('DAT');
  });
  it('K4 is the same under both readings', () => {
    expect(level([...rep(8.5, 8), 4], undefined, { wouldBe: 'remove' })).toBe('KHA');
  });
});

describe('decisions are named in the explanation', () => {
  it('I1 and I2 appear in the khoản 3 reason when they decide the result', () => {
    const i1 = one(tt22([student(subjects(rep(9, 9), ['Đ', 'Đ', 'CĐ']))])).reasons.find((r) => r.rule === 'TT22 Điều 9 khoản 3');
    expect(i1?.text).toContain('I1');
    const i2 = one(tt22([student(subjects([...rep(8.5, 8), 3]))])).reasons.find((r) => r.rule === 'TT22 Điều 9 khoản 3');
    expect(i2?.text).toContain('I2');
    expect(i2?.text).toContain('Đạt');
  });
});

describe('more promotion rows', () => {
  const p4 = (retest: [number, number], conduct: StudentInput['conduct'] = { HK1: 'DAT', HK2: 'DAT' }) => one(tt22([student([
    ...rep(7, 7).map((v, i) => yearScore(`S${i + 1}`, v)),
    yearScore('S8', 4.5, { retest: retest[0] }), yearScore('S9', 3, { retest: retest[1] }), yearComment('C1', 'Đ'),
  ], { conduct })]));
  it('re-assessment still Chưa đạt → không được lên lớp (Điều 12 khoản 3)', () => {
    const s = p4([4, 3]); // 7 ×7, 4.0, 3.0: two subjects, base Chưa đạt, no adjustment
    expect(s.learning.final).toBe('CHUA_DAT');
    expect(s.outcome).toBe('O_LAI');
  });
  it('KQHT Chưa đạt with > 45 buổi: no re-assessment, ở lại', () => {
    const s = one(tt22([student(subjects([...rep(7, 7), 4.5, 3]), { absences: 50 })]));
    expect(s.outcome).toBe('O_LAI');
    expect(s.retestSubjects).toEqual([]);
  });
  it('a summer conduct result for a student whose KQRL is not Chưa đạt is ignored', () => {
    const s = one(tt22([student(subjects(rep(7, 9)), { conduct: { HK1: 'KHA', HK2: 'KHA', summer: 'TOT' } })]));
    expect(s.conduct).toMatchObject({ CN: 'KHA', final: 'KHA' });
    expect(s.outcome).toBe('LEN_LOP');
  });
  it('pending KQRL → outcome pending, unless absences already decide', () => {
    expect(one(tt22([student(subjects(rep(7, 9)), { conduct: { HK1: 'KHA' } })])).outcome).toBeNull();
    expect(one(tt22([student(subjects(rep(7, 9)), { conduct: { HK1: 'KHA' }, absences: 46 })])).outcome).toBe('O_LAI');
  });
});
