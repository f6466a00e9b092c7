// Builders for engine test inputs.
import type { EvaluateInput, StudentInput, SubjectInput } from '../../src/core/index.ts';

/** A scored subject whose HK1 = HK2 = v, so that ĐTBmcn = v exactly. */
export function yearScore(code: string, v: number | null, extra: Partial<SubjectInput> = {}): SubjectInput {
  return { code, type: 'score', HK1: v, HK2: v, ...extra };
}
export function yearComment(code: string, v: 'Đ' | 'CĐ' | null, extra: Partial<SubjectInput> = {}): SubjectInput {
  return { code, type: 'comment', HK1: v, HK2: v, ...extra };
}

/** Scored subjects S1…Sn with the given year averages, plus comment subjects C1…Cm (all Đ unless given). */
export function subjects(scores: readonly (number | null)[], comments: readonly ('Đ' | 'CĐ')[] = ['Đ', 'Đ', 'Đ']): SubjectInput[] {
  return [
    ...scores.map((v, i) => yearScore(`S${i + 1}`, v)),
    ...comments.map((v, i) => yearComment(`C${i + 1}`, v)),
  ];
}

export function student(subs: SubjectInput[], extra: Partial<StudentInput> = {}): StudentInput {
  return { id: 'HS', name: 'Nguyễn Văn An', conduct: { HK1: 'TOT', HK2: 'TOT' }, subjects: subs, ...extra };
}

export function tt22(students: StudentInput[], extra: Partial<EvaluateInput> = {}): EvaluateInput {
  return { regulation: 'TT22', students, ...extra };
}

/** TT58 subject order of the rules §8.9: Toán, Lý, Hóa, Sinh, Tin, Văn, Sử, Địa, NN, GDCD, CN, QP. */
export const TT58_CODES = ['TOAN', 'LY', 'HOA', 'SINH', 'TIN', 'VAN', 'SU', 'DIA', 'NN', 'GDCD', 'CN', 'QP'] as const;

export function tt58Subjects(scores: readonly number[], theDuc: 'Đ' | 'CĐ' = 'Đ'): SubjectInput[] {
  return [...scores.map((v, i) => yearScore(TT58_CODES[i]!, v)), yearComment('TD', theDuc)];
}

export function rep(v: number, n: number): number[] {
  return Array.from({ length: n }, () => v);
}
