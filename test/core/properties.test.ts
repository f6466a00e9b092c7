// Property tests (fast-check): exact rounding against a BigInt reference, monotonicity, order independence.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate, type EvaluateInput, type StudentOutput, type SubjectInput } from '../../src/core/index.ts';

const tenths = fc.integer({ min: 0, max: 100 });
/** A mark in one of the accepted spellings: number, "7,5" or "7.5". */
const spelled = (t: number, style: number): number | string =>
  style === 0 ? t / 10 : style === 1 ? `${Math.trunc(t / 10)},${t % 10}` : `${Math.trunc(t / 10)}.${t % 10}`;

/** Half-up rounding of N/D to an integer, with BigInt and quotient/remainder (a different method from the engine). */
function refRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  return 2n * (n % d) >= d ? q + 1n : q;
}

describe('exact rounding agrees with a BigInt reference', () => {
  it('ĐTBmhk and ĐTBmcn on random marks (TT22)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 4 }), fc.array(tenths, { minLength: 4, maxLength: 4 }), tenths, tenths,
      fc.array(tenths, { minLength: 4, maxLength: 4 }), tenths, tenths, fc.integer({ min: 0, max: 2 }),
      (n, tx1, gk1, ck1, tx2, gk2, ck2, style) => {
        const periods = n === 2 ? 35 : n === 3 ? 70 : 105;
        const sem = (tx: number[], gk: number, ck: number) => ({ tx: tx.slice(0, n).map((t) => spelled(t, style)), gk: spelled(gk, style), ck: spelled(ck, style) });
        const out = evaluate({ regulation: 'TT22', students: [{ id: 'a', subjects: [{ code: 'X', type: 'score', periodsPerYear: periods, HK1: sem(tx1, gk1, ck1), HK2: sem(tx2, gk2, ck2) }] }] });
        const s = out.students[0]!.subjects[0]!;
        const hk = (tx: number[], gk: number, ck: number) =>
          refRound(BigInt(tx.slice(0, n).reduce((a, b) => a + b, 0) + 2 * gk + 3 * ck), BigInt(n + 5));
        const h1 = hk(tx1, gk1, ck1);
        const h2 = hk(tx2, gk2, ck2);
        expect(Math.round((s.HK1 as number) * 10)).toBe(Number(h1));
        expect(Math.round((s.HK2 as number) * 10)).toBe(Number(h2));
        expect(Math.round((s.CN as number) * 10)).toBe(Number(refRound(h1 + 2n * h2, 3n)));
        // the printed value is the exact decimal, e.g. 7.3 not 7.300000000000001
        expect(String(s.HK1)).toMatch(/^\d+(\.\d)?$/);
      },
    ), { numRuns: 500 });
  });
  it('TT58-2011 ĐTBmhk with several KTđk: (ΣKTtx + 2ΣKTđk + 3KThk) / (n + 2m + 3)', () => {
    fc.assert(fc.property(fc.array(tenths, { minLength: 2, maxLength: 6 }), fc.array(tenths, { minLength: 1, maxLength: 3 }), tenths, (tx, dk, hk) => {
      const s = evaluate({ regulation: 'TT58-2011', students: [{ id: 'a', conduct: { CN: 'TOT' }, subjects: [{ code: 'X', type: 'score', HK1: { tx: tx.map((t) => t / 10), dk: dk.map((t) => t / 10), hk: hk / 10 }, HK2: 5 }] }] }).students[0]!;
      const num = tx.reduce((a, b) => a + b, 0) + 2 * dk.reduce((a, b) => a + b, 0) + 3 * hk;
      expect(Math.round((s.subjects[0]!.HK1 as number) * 10)).toBe(Number(refRound(BigInt(num), BigInt(tx.length + 2 * dk.length + 3))));
    }), { numRuns: 300 });
  });
  it('TT58 ĐTBcn over 12 subjects', () => {
    fc.assert(fc.property(fc.array(tenths, { minLength: 12, maxLength: 12 }), (cn) => {
      const subjects: SubjectInput[] = cn.map((t, i) => ({ code: `S${i}`, type: 'score', HK1: t / 10, HK2: t / 10 }));
      const s = evaluate({ regulation: 'TT58', students: [{ id: 'a', conduct: { CN: 'TOT' }, subjects }] }).students[0]!;
      expect(Math.round(s.average!.CN! * 10)).toBe(Number(refRound(BigInt(cn.reduce((a, b) => a + b, 0)), 12n)));
    }), { numRuns: 300 });
  });
});

// ---------------------------------------------------------------- random students

const LEVELS22 = ['TOT', 'KHA', 'DAT', 'CHUA_DAT'];
const LEVELS58 = ['TOT', 'KHA', 'TB', 'YEU'];
const skewed = fc.oneof(fc.integer({ min: 30, max: 100 }), fc.integer({ min: 60, max: 100 }), fc.integer({ min: 0, max: 100 }));
const semesterArb = fc.record({ tx: fc.array(skewed, { minLength: 3, maxLength: 3 }), gk: skewed, ck: skewed });
const commentSem = fc.record({ tx: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), gk: fc.boolean(), ck: fc.boolean() });
const studentArb = fc.record({
  scored: fc.array(fc.record({ HK1: semesterArb, HK2: semesterArb }), { minLength: 6, maxLength: 12 }),
  comments: fc.array(fc.record({ HK1: commentSem, HK2: commentSem }), { minLength: 0, maxLength: 3 }),
  conduct: fc.record({ HK1: fc.integer({ min: 0, max: 3 }), HK2: fc.integer({ min: 0, max: 3 }), CN: fc.integer({ min: 0, max: 3 }) }),
  absences: fc.integer({ min: 0, max: 50 }),
});
type St = typeof studentArb extends fc.Arbitrary<infer T> ? T : never;

const decisionsArb = fc.record({
  I1: fc.constantFrom('literal', 'scoredOnly'), I2: fc.constantFrom('aboveBase', 'belowWouldBe'),
  I3: fc.constantFrom('reapply', 'noReapply'), I4: fc.constantFrom('literal', 'adjust'),
}) as fc.Arbitrary<NonNullable<EvaluateInput['decisions']>>;

const codes = ['TOAN', 'VAN', 'NN', 'LY', 'HOA', 'SINH', 'SU', 'DIA', 'TIN', 'CN', 'QP', 'GDCD'];
function toInput(students: St[], regulation: 'TT22' | 'TT58', decisions: EvaluateInput['decisions']): EvaluateInput {
  const L = regulation === 'TT22' ? LEVELS22 : LEVELS58;
  return {
    regulation, decisions,
    students: students.map((s, i) => ({
      id: `HS${i}`, name: `Học Sinh ${i}`, absences: s.absences,
      conduct: { HK1: L[s.conduct.HK1], HK2: L[s.conduct.HK2], CN: L[s.conduct.CN] },
      subjects: [
        ...s.scored.map((x, j): SubjectInput => ({
          code: codes[j]!, type: 'score', periodsPerYear: 70,
          HK1: { tx: x.HK1.tx.map((t) => t / 10), gk: x.HK1.gk / 10, ck: x.HK1.ck / 10 },
          HK2: { tx: x.HK2.tx.map((t) => t / 10), gk: x.HK2.gk / 10, ck: x.HK2.ck / 10 },
        })),
        ...s.comments.map((x, j): SubjectInput => ({
          code: `C${j}`, type: 'comment',
          HK1: { tx: x.HK1.tx.map((b) => (b ? 'Đ' : 'CĐ')), gk: x.HK1.gk ? 'Đ' : 'CĐ', ck: x.HK1.ck ? 'Đ' : 'CĐ' },
          HK2: { tx: x.HK2.tx.map((b) => (b ? 'Đ' : 'CĐ')), gk: x.HK2.gk ? 'Đ' : 'CĐ', ck: x.HK2.ck ? 'Đ' : 'CĐ' },
        })),
      ],
    })),
  };
}

const RANK: Record<string, number> = { CHUA_DAT: 0, DAT: 1, KHA: 2, TOT: 3, KEM: 0, YEU: 1, TB: 2, GIOI: 4 };
const AWARD: Record<string, number> = { XUAT_SAC: 3, GIOI: 2, TIEN_TIEN: 1 };
const levelsOf = (s: StudentOutput) => [
  ...(['HK1', 'HK2', 'CN'] as const).map((p) => RANK[s.learning[p] ?? ''] ?? -1),
  s.award === null ? 0 : AWARD[s.award]!,
  s.awardHK1 === undefined || s.awardHK1 === null ? 0 : AWARD[s.awardHK1]!,
];

describe('monotonicity: raising one mark never lowers any level', () => {
  for (const regulation of ['TT22', 'TT58'] as const) {
    it(regulation, () => {
      fc.assert(fc.property(studentArb, decisionsArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 100 }), (st, decisions, pickSubject, pickMark, delta) => {
        const raised: St = structuredClone(st);
        const total = raised.scored.length + raised.comments.length;
        const j = pickSubject % total;
        const sem = pickMark % 2 === 0 ? 'HK1' : 'HK2';
        const k = Math.floor(pickMark / 2) % 5; // tx0..2, gk, ck
        if (j < raised.scored.length) {
          const x = raised.scored[j]![sem];
          const up = (t: number) => Math.min(100, t + delta);
          if (k < 3) x.tx[k] = up(x.tx[k]!); else if (k === 3) x.gk = up(x.gk); else x.ck = up(x.ck);
        } else {
          const x = raised.comments[j - raised.scored.length]![sem];
          if (k < 2) x.tx[k] = true; else if (k === 3) x.gk = true; else x.ck = true;
        }
        const a = evaluate(toInput([st], regulation, decisions)).students[0]!;
        const b = evaluate(toInput([raised], regulation, decisions)).students[0]!;
        const la = levelsOf(a);
        const lb = levelsOf(b);
        for (let i = 0; i < la.length; i++) expect(lb[i], `level ${i}`).toBeGreaterThanOrEqual(la[i]!);
      }), { numRuns: 400 });
    });
  }
});

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const essence = (s: StudentOutput) => ({
  id: s.id, learning: s.learning, conduct: s.conduct, award: s.award, awardHK1: s.awardHK1, outcome: s.outcome, average: s.average,
  retest: [...s.retestSubjects].sort(), subjects: [...s.subjects].sort((x, y) => (x.code < y.code ? -1 : 1)),
  rules: s.reasons.map((r) => r.rule).sort(),
});

describe('results do not depend on subject or student order', () => {
  for (const regulation of ['TT22', 'TT58'] as const) {
    it(regulation, () => {
      fc.assert(fc.property(fc.array(studentArb, { minLength: 1, maxLength: 5 }), decisionsArb, fc.nat(), (sts, decisions, seed) => {
        const input = toInput(sts, regulation, decisions);
        const shuffled: EvaluateInput = { ...input, students: shuffle(input.students, seed).map((s, i) => ({ ...s, subjects: shuffle(s.subjects, seed + i) })) };
        const a = evaluate(input).students;
        const b = evaluate(shuffled).students;
        expect(b.map((s) => s.id)).toEqual(shuffled.students.map((s) => s.id)); // output order = input order
        const byId = new Map(b.map((s) => [s.id, essence(s)]));
        for (const s of a) expect(byId.get(s.id)).toEqual(essence(s));
      }), { numRuns: 150 });
    });
  }
});
