// TT58 as amended by TT26 ("TT58") and the original 2011 text ("TT58-2011"): Điều 10, 11, 13, 15–18.
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluateInput, type StudentInput, type SubjectInput } from '../../src/core/index.ts';
import { rep, student, tt58Subjects, yearComment, yearScore } from './helpers.ts';

const one = (input: EvaluateInput) => evaluate(input).students[0]!;
const run = (scores: number[], opts: { td?: 'Đ' | 'CĐ'; hk?: string; reg?: 'TT58' | 'TT58-2011'; extra?: Partial<StudentInput>; decisions?: EvaluateInput['decisions'] } = {}) =>
  one({
    regulation: opts.reg ?? 'TT58',
    ...(opts.decisions ? { decisions: opts.decisions } : {}),
    students: [student(tt58Subjects(scores, opts.td ?? 'Đ'), { conduct: { HK1: opts.hk ?? 'TOT', HK2: opts.hk ?? 'TOT', CN: opts.hk ?? 'TOT' }, ...opts.extra })],
  });

describe('ĐTBhk / ĐTBcn (Điều 11)', () => {
  it('mean of scored subjects, half-up', () => {
    expect(run([...rep(8, 11), 8.6]).average!.CN).toBe(8.1); // 96.6/12 = 8.05
    expect(run([...rep(8, 11), 8.5]).average!.CN).toBe(8); // 96.5/12 = 8.0416…
  });
  it('semester averages come out per semester', () => {
    const s = one({ regulation: 'TT58', students: [student(rep(8, 12).map((v, i) => ({ code: `S${i}`, type: 'score' as const, HK1: 7, HK2: 9 })), { conduct: { HK1: 'TOT', HK2: 'TOT', CN: 'TOT' } })] });
    expect(s.average).toEqual({ HK1: 7, HK2: 9, CN: 8.3 }); // (7 + 18)/3 = 8.33
  });
});

describe('học lực (Điều 13 khoản 1–5)', () => {
  it('Giỏi at ĐTB 8.0 with Toán ≥ 8.0, all ≥ 6.5', () => {
    expect(run([8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8]).learning.CN).toBe('GIOI');
    expect(run([8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 6.5]).learning.CN).toBe('KHA'); // ĐTB 7.875 → 7.9
  });
  it('1 trong 3 môn Toán, Ngữ văn, Ngoại ngữ (TT26) vs 1 trong 2 môn Toán, Ngữ văn (2011)', () => {
    const scores = [7.9, 9, 9, 9, 9, 7.9, 9, 9, 8, 9, 9, 9]; // Toán 7.9, Văn 7.9, NN 8.0; ĐTB 8.7
    expect(run(scores).learning.CN).toBe('GIOI');
    expect(run(scores, { reg: 'TT58-2011' }).learning.CN).toBe('KHA');
  });
  it('Khá / Trung bình / Yếu / Kém thresholds', () => {
    expect(run(rep(6.5, 12)).learning.CN).toBe('KHA');
    expect(run(rep(6.4, 12)).learning.CN).toBe('TB');
    expect(run(rep(5, 12)).learning.CN).toBe('TB');
    expect(run(rep(4.9, 12)).learning.CN).toBe('YEU');
    expect(run(rep(3.5, 12)).learning.CN).toBe('YEU');
    expect(run(rep(3.4, 12)).learning.CN).toBe('KEM');
    expect(run([...rep(4, 11), 1.9]).learning.CN).toBe('KEM');
  });
  it('a comment subject CĐ bars Giỏi, Khá and Trung bình but not Yếu', () => {
    expect(run(rep(5.5, 12), { td: 'CĐ' }).learning.CN).toBe('YEU');
  });
  it('chuyên: môn chuyên must reach the level threshold', () => {
    expect(run(rep(8.5, 12), { extra: { specialSubject: 'LY' } }).learning.CN).toBe('GIOI');
    expect(run([8.5, 7.9, ...rep(8.5, 10)], { extra: { specialSubject: 'LY' } }).learning.CN).toBe('KHA');
  });
});

describe('khoản 6 adjustments, each row', () => {
  it('a) G → Tb by one subject ⇒ Khá (B5)', () => expect(run([...rep(8.5, 11), 4.9]).learning.CN).toBe('KHA'));
  it('b) G → Y by one subject ⇒ Tb', () => {
    const s = run([...rep(9, 11), 3]); // ĐTB 8.5; 3.0 < 3.5 → Y
    expect(s.learning.CN).toBe('TB');
    expect(s.reasons.some((r) => r.rule === 'TT58 Điều 13 khoản 6 điểm b')).toBe(true);
  });
  it('c) K → Y by one subject ⇒ Tb (B7)', () => expect(run([7.5, 7, 7.5, 7, 7.5, 7, 7.5, 7.5, 3.4, 7.5, 7.5, 7.5]).learning.CN).toBe('TB'));
  it('d) K → Kém by one subject ⇒ Yếu', () => {
    const s = run([...rep(7.5, 11), 1.5]); // ĐTB 7.0
    expect(s.learning.CN).toBe('YEU');
    expect(s.reasons.some((r) => r.rule === 'TT58 Điều 13 khoản 6 điểm d')).toBe(true);
  });
  it('G → Kém (not listed) is read as K → Kém ⇒ Yếu', () => expect(run([...rep(9, 11), 1]).learning.CN).toBe('YEU'));
  it('G → K and K → Tb (one level) are not adjusted', () => {
    expect(run([...rep(8.5, 11), 6]).learning.CN).toBe('KHA');
    expect(run([...rep(7, 11), 4.5]).learning.CN).toBe('TB');
  });
  it('two subjects: no adjustment', () => expect(run([...rep(8.5, 10), 4.9, 4.9]).learning.CN).toBe('TB'));
  it('ĐTB below Khá level: no adjustment', () => expect(run([...rep(6.6, 11), 3]).learning.CN).toBe('YEU')); // ĐTB 6.3
  it('I4: Thể dục CĐ as the single subject: Yếu by default, Tb with I4 = adjust', () => {
    const scores = [8.4, ...rep(7.5, 6), ...rep(8, 5)];
    expect(run(scores, { td: 'CĐ' }).learning.CN).toBe('YEU');
    expect(run(scores, { td: 'CĐ', decisions: { I4: 'adjust' } }).learning.CN).toBe('TB');
  });
});

describe('comment subjects under TT58 (Điều 10 khoản 2)', () => {
  const c = (reg: 'TT58' | 'TT58-2011', HK1: SubjectInput['HK1']) =>
    one({ regulation: reg, students: [student([{ code: 'TD', type: 'comment', HK1, HK2: 'Đ' }], { conduct: { CN: 'TOT' } })] }).subjects[0]!.HK1;
  it('2/3 of the tests Đ including the end-of-term test', () => {
    expect(c('TT58', { tx: ['Đ', 'CĐ'], gk: 'Đ', ck: 'Đ' })).toBe('D'); // 3/4
    expect(c('TT58', { tx: ['CĐ', 'CĐ'], gk: 'Đ', ck: 'Đ' })).toBe('CD'); // 2/4
    expect(c('TT58', { tx: ['Đ', 'Đ'], gk: 'Đ', ck: 'CĐ' })).toBe('CD');
    expect(c('TT58-2011', { tx: ['Đ', 'CĐ', 'Đ'], dk: ['CĐ'], hk: 'Đ' })).toBe('CD'); // 3/5 < 2/3
    expect(c('TT58-2011', { tx: ['Đ', 'CĐ', 'Đ'], dk: ['Đ'], hk: 'Đ' })).toBe('D'); // 4/5
  });
});

describe('TT58-2011 raw marks: KTtx ×1, KTđk ×2, KThk ×3', () => {
  it('(ΣKTtx + 2ΣKTđk + 3KThk) / (n + 2m + 3)', () => {
    const s = one({ regulation: 'TT58-2011', students: [student([{ code: 'TOAN', type: 'score', HK1: { tx: [8, 7], dk: [6, 7], hk: 8 }, HK2: { tx: [8, 7, 9], gk: 6, ck: 7 } }], { conduct: { CN: 'TOT' } })] });
    expect(s.subjects[0]!.HK1).toBe(7.2); // 65/9
    expect(s.subjects[0]!.HK2).toBe(7.1); // gk/ck accepted as one KTđk and KThk: 57/8 = 7.125
  });
  it('khoản 6 without "duy nhất" gives the same adjustments', () => {
    expect(run([...rep(8.5, 11), 4.9], { reg: 'TT58-2011' }).learning.CN).toBe('KHA');
  });
});

describe('danh hiệu (Điều 18), per semester and year', () => {
  it('Giỏi + Tốt → học sinh giỏi; Khá + Khá → tiên tiến; semester title as awardHK1', () => {
    expect(run(rep(8.5, 12)).award).toBe('GIOI');
    expect(run(rep(8.5, 12), { hk: 'KHA' }).award).toBe('TIEN_TIEN');
    expect(run(rep(7, 12)).award).toBe('TIEN_TIEN');
    expect(run(rep(7, 12), { hk: 'TB' }).award).toBeNull();
    const s = one({ regulation: 'TT58', students: [student(rep(0, 12).map((_, i) => ({ code: `S${i}`, type: 'score' as const, HK1: 9, HK2: 7 })), { conduct: { HK1: 'TOT', HK2: 'KHA', CN: 'KHA' } })] });
    expect(s.awardHK1).toBe('GIOI');
    expect(s.award).toBe('TIEN_TIEN');
  });
});

describe('lên lớp (Điều 15–17), the decision table', () => {
  it('≥ Tb / ≥ Tb → lên lớp; 45 vs 46 buổi', () => {
    expect(run(rep(6, 12), { hk: 'TB', extra: { absences: 45 } }).outcome).toBe('LEN_LOP');
    expect(run(rep(6, 12), { hk: 'TB', extra: { absences: 46 } }).outcome).toBe('O_LAI');
  });
  it('Kém → ở lại; Yếu + Yếu → ở lại', () => {
    expect(run(rep(3, 12)).outcome).toBe('O_LAI');
    expect(run(rep(4.5, 12), { hk: 'YEU' }).outcome).toBe('O_LAI');
  });
  it('Yếu + hạnh kiểm ≥ Tb → kiểm tra lại; re-test results recompute ĐTBcn and học lực', () => {
    const subs = tt58Subjects([...rep(6, 10), 3, 4]);
    const k = { HK1: 'TB', HK2: 'TB', CN: 'TB' };
    const t7 = (retests: Record<string, number>) =>
      one({ regulation: 'TT58', students: [student(subs.map((s) => (retests[s.code] !== undefined ? { ...s, retest: retests[s.code] } : s)), { conduct: k })] });
    expect(t7({}).outcome).toBe('KIEM_TRA_LAI');
    // only CN re-tested (the student chooses some subjects): 6.0 ×10, 5.0, 4.0 → ĐTB 5.75 → 5.8, min 4.0 ≥ 3.5 → Tb
    const ok = t7({ CN: 5 });
    expect(ok.learning).toMatchObject({ CN: 'YEU', final: 'TB' });
    expect(ok.outcome).toBe('LEN_LOP');
    expect(ok.subjects.find((s) => s.code === 'CN')).toMatchObject({ CN: 3, final: 5 });
    expect(t7({ CN: 3.4 }).outcome).toBe('O_LAI');
  });
  it('≥ Tb + hạnh kiểm Yếu → rèn luyện hè; re-rated Tb → lên lớp; still Yếu → ở lại', () => {
    expect(run(rep(6, 12), { hk: 'YEU' }).outcome).toBe('REN_LUYEN_HE');
    const ok = run(rep(6, 12), { hk: 'YEU', extra: { conduct: { HK1: 'YEU', HK2: 'YEU', CN: 'YEU', summer: 'TB' } } });
    expect(ok.outcome).toBe('LEN_LOP');
    expect(ok.conduct).toMatchObject({ CN: 'YEU', final: 'TB' });
    expect(run(rep(6, 12), { extra: { conduct: { CN: 'YEU', summer: 'Yếu' } } }).outcome).toBe('O_LAI');
  });
  it('blank hạnh kiểm cả năm (CN: null) → pending outcome, học lực still computed', () => {
    const s = one({ regulation: 'TT58', students: [student(tt58Subjects(rep(7, 12)), { conduct: { CN: null } })] });
    expect(s.learning.CN).toBe('KHA');
    expect(s.outcome).toBeNull();
  });
  it('missing hạnh kiểm cả năm (no CN field) → input error at conduct.CN (contract: required under TT58)', () => {
    expect(() => one({ regulation: 'TT58', students: [student(tt58Subjects(rep(7, 12)), { conduct: {} })] })).toThrow(/students\[0\]\.conduct\.CN: /);
  });
  it('exempt for the year: left out of ĐTB and học lực (Điều 12)', () => {
    const s = one({ regulation: 'TT58', students: [student([...tt58Subjects(rep(8, 12)), yearScore('X', 1, { exempt: true }), yearComment('TD2', 'CĐ', { exempt: true })], { conduct: { CN: 'TOT' } })] });
    expect(s.average!.CN).toBe(8);
    expect(s.learning.CN).toBe('GIOI');
  });
  it('disability → MANUAL', () => {
    expect(run(rep(6, 12), { extra: { disability: true } }).outcome).toBe('MANUAL');
  });
});

describe('khoản 6 when the single subject is also the Toán/Văn/NN condition', () => {
  it('G-level ĐTB, Toán 4.0 the only subject below 6.5, Văn and NN below 8.0 → G→Tb ⇒ Khá', () => {
    const s = run([4, 9.5, 9.5, 9.5, 9.5, 7.9, 9.5, 9.5, 7.9, 9.5, 9.5, 9.5]); // ĐTB 8.7
    expect(s.learning.CN).toBe('KHA');
  });
});

describe('one-semester subjects (Điều 10 khoản 3) and one-semester exemption (Điều 12)', () => {
  const subs = (extra: Partial<SubjectInput>): SubjectInput[] => [...tt58Subjects(rep(7, 12)), { code: 'X', type: 'score', HK2: 9, ...extra }];
  it('taughtIn HK2: the HK II result is the year result; HK I leaves it out', () => {
    const s = one({ regulation: 'TT58', students: [student(subs({ taughtIn: 'HK2' }), { conduct: { CN: 'TOT' } })] });
    expect(s.subjects.at(-1)).toMatchObject({ code: 'X', HK1: null, HK2: 9, CN: 9 });
    expect(s.learning.HK1).toBe('KHA');
    expect(s.average!.HK1).toBe(7);
  });
  it('exempt HK1 works the same; a comment subject exempt one semester takes the other', () => {
    const s = one({ regulation: 'TT58', students: [student([...tt58Subjects(rep(7, 12)), { code: 'TD2', type: 'comment', exempt: 'HK2', HK1: 'Đ' }], { conduct: { CN: 'TOT' } })] });
    expect(s.subjects.at(-1)).toMatchObject({ HK1: 'D', HK2: null, CN: 'D' });
    expect(s.learning.CN).toBe('KHA');
  });
});

describe('TT58-2011 number of KTtx (Điều 8 khoản 2: at least 2 / 3 / 4 by tiết/tuần)', () => {
  const hk = (periodsPerYear: number, tx: number[]) =>
    one({ regulation: 'TT58-2011', students: [student([{ code: 'T', type: 'score', periodsPerYear, HK1: { tx, dk: [7], hk: 7 }, HK2: 7 }], { conduct: { CN: 'TOT' } })] }).subjects[0]!.HK1;
  it('minimums, and more is allowed ("ít nhất")', () => {
    expect(hk(35, [8, 8])).toBe(7.3); // (16 + 14 + 21)/7 = 7.29
    expect(hk(70, [8, 8])).toBeNull();
    expect(hk(70, [8, 8, 8, 8, 8, 8])).toBe(7.5); // (48 + 35)/11 = 7.545 → 7.5
    expect(hk(105, [8, 8, 8])).toBeNull();
  });
});
