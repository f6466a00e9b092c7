// The worked examples of the rules file §8 (../shared/docs/assessment-rules.md), each with its case id.
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluateInput } from '../../src/core/index.ts';
import { rep, student, subjects, tt22, tt58Subjects, yearComment, yearScore } from './helpers.ts';

function one(input: EvaluateInput) {
  const out = evaluate(input);
  return out.students[0]!;
}

describe('§8.1 ĐTBmhk (TT22 Điều 9.1.b)', () => {
  const sem = (tx: number[], gk: number, ck: number, periods: number) =>
    one(tt22([student([{ code: 'X', type: 'score', periodsPerYear: periods, HK1: { tx, gk, ck }, HK2: 5 }])])).subjects[0]!.HK1;
  it('M1: 8, 7; 6; 7 → 6.9', () => expect(sem([8, 7], 6, 7, 35)).toBe(6.9));
  it('M3: 7, 8, 8; 7; 7 → 58/8 = 7.25 → 7.3 (half-up, not 7.2)', () => expect(sem([7, 8, 8], 7, 7, 70)).toBe(7.3));
  it('M12: a real 0 counts: 0, 8, 8; 7; 7 → 6.4', () => expect(sem([0, 8, 8], 7, 7, 70)).toBe(6.4));
});

describe('§8.2 ĐTBmcn', () => {
  it('Y1: 6.0; 7.0 → 6.7', () => {
    expect(one(tt22([student([{ code: 'X', type: 'score', HK1: 6, HK2: 7 }])])).subjects[0]!.CN).toBe(6.7);
  });
  it('Y7: uses the recorded HK II 5.4, not 5.35 → 5.3', () => {
    const s = one(tt22([student([{ code: 'X', type: 'score', periodsPerYear: 70, HK1: 5, HK2: { tx: [5, 5, 5.3], gk: 5.5, ck: 5.5 } }])])).subjects[0]!;
    expect(s.HK2).toBe(5.4);
    expect(s.CN).toBe(5.3);
  });
});

describe('§8.4 comment-only subjects (TT22 Điều 9.1.a)', () => {
  it('C2: Đ, Đ; GK CĐ; CK Đ → Chưa đạt', () => {
    const s = one(tt22([student([{ code: 'GDTC', type: 'comment', HK1: { tx: ['Đ', 'Đ'], gk: 'CĐ', ck: 'Đ' }, HK2: 'Đ' }])])).subjects[0]!;
    expect(s.HK1).toBe('CD');
  });
  it('C4: HK I Chưa đạt, HK II Đạt → year Đạt', () => {
    expect(one(tt22([student([yearComment('GDTC', null, { HK1: 'CĐ', HK2: 'Đ' })])])).subjects[0]!.CN).toBe('D');
  });
});

describe('§8.5 KQHT (TT22 Điều 9.2, 9.3)', () => {
  const kqht = (scores: number[], comments: ('Đ' | 'CĐ')[] = ['Đ', 'Đ', 'Đ'], decisions?: EvaluateInput['decisions']) =>
    one(tt22([student(subjects(scores, comments))], decisions ? { decisions } : {})).learning;
  it('K1: exactly 6 subjects ≥ 8.0 → Tốt', () => expect(kqht([8, 8, 8, 8, 8, 8, 6.5, 6.5, 7]).CN).toBe('TOT'));
  it('K4: 8.5 ×8, 4.0 → Khá after Điều 9.3', () => {
    const l = kqht([...rep(8.5, 8), 4]);
    expect(l.HK1).toBe('KHA');
    expect(l.HK2).toBe('KHA');
    expect(l.CN).toBe('KHA');
  });
  it('K5: 8.5 ×7, 4.0, 4.0 → Đạt (two subjects, no adjustment)', () => expect(kqht([...rep(8.5, 7), 4, 4]).CN).toBe('DAT'));
  it('K10: 6.0 ×8, 3.4 → Chưa đạt (would-be only Đạt)', () => expect(kqht([...rep(6, 8), 3.4]).CN).toBe('CHUA_DAT'));
  it('I1: 9.0 ×9, C3 CĐ → Khá (literal, default); Đạt with I1 = scoredOnly', () => {
    expect(kqht(rep(9, 9), ['Đ', 'Đ', 'CĐ']).CN).toBe('KHA');
    expect(kqht(rep(9, 9), ['Đ', 'Đ', 'CĐ'], { I1: 'scoredOnly' }).CN).toBe('DAT');
  });
  it('I2: 8.5 ×8, 3.0 → Đạt (default aboveBase); Khá with belowWouldBe', () => {
    expect(kqht([...rep(8.5, 8), 3]).CN).toBe('DAT');
    expect(kqht([...rep(8.5, 8), 3], undefined, { I2: 'belowWouldBe' }).CN).toBe('KHA');
  });
});

describe('§8.6 KQRL year (TT22 Điều 8.2.b)', () => {
  it('RL2: HK I Đạt, HK II Tốt → Khá', () => {
    expect(one(tt22([student(subjects(rep(8, 9)), { conduct: { HK1: 'DAT', HK2: 'TOT' } })])).conduct.CN).toBe('KHA');
  });
});

describe('§8.7 awards (TT22 Điều 15)', () => {
  it('X1: 9.0 ×6, 8.0, 7.5, 8.5, KQRL Tốt → Học sinh Xuất sắc', () => {
    const s = one(tt22([student(subjects([9, 9, 9, 9, 9, 9, 8, 7.5, 8.5]))]));
    expect(s.learning.CN).toBe('TOT');
    expect(s.award).toBe('XUAT_SAC');
  });
});

describe('§8.8 promotion, re-assessment (TT22 Điều 12–14)', () => {
  it('P2: 46 buổi → không được lên lớp, KQHT/KQRL unchanged', () => {
    const s = one(tt22([student(subjects(rep(9, 9)), { absences: 46 })]));
    expect(s.outcome).toBe('O_LAI');
    expect(s.learning.CN).toBe('TOT');
    expect(s.conduct.CN).toBe('TOT');
    expect(s.reasons.some((r) => r.rule.includes('Điều 12 khoản 1 điểm c'))).toBe(true);
  });
  const p4 = (retest?: [number, number]) =>
    one(tt22([student([
      ...rep(7, 7).map((v, i) => yearScore(`S${i + 1}`, v)),
      yearScore('S8', 4.5, retest ? { retest: retest[0] } : {}),
      yearScore('S9', 3, retest ? { retest: retest[1] } : {}),
      yearComment('C1', 'Đ'),
    ], { absences: 5, conduct: { HK1: 'DAT', HK2: 'DAT' } })]));
  it('P4: KQHT Chưa đạt, KQRL Đạt → đánh giá lại S8 and S9', () => {
    const s = p4();
    expect(s.learning.CN).toBe('CHUA_DAT');
    expect(s.outcome).toBe('DANH_GIA_LAI');
    expect(s.retestSubjects).toEqual(['S8', 'S9']);
  });
  it('P4a: re-assessed 5.5 and 4.0 → KQHT Đạt → lên lớp', () => {
    const s = p4([5.5, 4]);
    expect(s.learning.CN).toBe('CHUA_DAT');
    expect(s.learning.final).toBe('DAT');
    expect(s.outcome).toBe('LEN_LOP');
    expect(s.subjects[7]).toMatchObject({ code: 'S8', CN: 4.5, final: 5.5 });
  });
  it('I3: re-assessed 5.5 and 3.2 → Đạt (clause 3 re-applied, default); Chưa đạt with noReapply', () => {
    const s = p4([5.5, 3.2]);
    expect(s.learning.final).toBe('DAT');
    expect(s.outcome).toBe('LEN_LOP');
    const input = tt22([student([
      ...rep(7, 7).map((v, i) => yearScore(`S${i + 1}`, v)),
      yearScore('S8', 4.5, { retest: 5.5 }), yearScore('S9', 3, { retest: 3.2 }), yearComment('C1', 'Đ'),
    ], { conduct: { HK1: 'DAT', HK2: 'DAT' } })], { decisions: { I3: 'noReapply' } });
    const t = one(input);
    expect(t.learning.final).toBe('CHUA_DAT');
    expect(t.outcome).toBe('O_LAI');
  });
});

describe('§8.9 TT58 + TT26 học lực, lên lớp', () => {
  const tt58 = (scores: number[], theDuc: 'Đ' | 'CĐ' = 'Đ', conduct = 'TOT', decisions?: EvaluateInput['decisions']) =>
    one({ regulation: 'TT58', ...(decisions ? { decisions } : {}), students: [student(tt58Subjects(scores, theDuc), { conduct: { HK1: conduct, HK2: conduct, CN: conduct } })] });
  it('B5: ĐTB 8.2, QP 4.9 → Tb adjusted to Khá (khoản 6a)', () => {
    const s = tt58([8.5, 8.5, 8.5, 8.5, 8.5, 8, 8.5, 8.5, 8, 9, 8.5, 4.9]);
    expect(s.average!.CN).toBe(8.2);
    expect(s.learning.CN).toBe('KHA');
    expect(s.reasons.some((r) => r.rule === 'TT58 Điều 13 khoản 6 điểm a')).toBe(true);
  });
  it('B7: ĐTB 7.0, NN 3.4 → Yếu adjusted to Trung bình (khoản 6c)', () => {
    const s = tt58([7.5, 7, 7.5, 7, 7.5, 7, 7.5, 7.5, 3.4, 7.5, 7.5, 7.5]);
    expect(s.average!.CN).toBe(7);
    expect(s.learning.CN).toBe('TB');
    expect(s.reasons.some((r) => r.rule === 'TT58 Điều 13 khoản 6 điểm c')).toBe(true);
  });
  it('I4: ĐTB 7.8 with Thể dục CĐ → Yếu (literal, default); Trung bình with I4 = adjust', () => {
    const scores = [8.4, ...rep(7.5, 6), ...rep(8, 5)];
    const s = tt58(scores, 'CĐ');
    expect(s.average!.CN).toBe(7.8);
    expect(s.learning.CN).toBe('YEU');
    expect(tt58(scores, 'CĐ', 'TOT', { I4: 'adjust' }).learning.CN).toBe('TB');
  });
  it('T7: 6.0 ×10, CN 3.0, QP 4.0, hạnh kiểm Tb → Yếu → kiểm tra lại CN and QP', () => {
    const s = tt58([...rep(6, 10), 3, 4], 'Đ', 'TB');
    expect(s.average!.CN).toBe(5.6);
    expect(s.learning.CN).toBe('YEU');
    expect(s.outcome).toBe('KIEM_TRA_LAI');
    expect(s.retestSubjects).toEqual(['CN', 'QP']);
  });
});
