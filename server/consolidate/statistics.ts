// School statistics from evaluated classes: counts of KQHT / KQRL / awards / outcomes per class, per grade and
// for the school, and the phổ điểm (mark distribution) of every scored subject. Pure: no I/O.
import { AWARD_ORDER, CONDUCT_ORDER, LEARNING_ORDER, OUTCOME_ORDER } from './labels.ts';
import type { EvaluatedClass, EvaluatedStudent } from './model.ts';

export interface Counts {
  students: number;
  learning: Record<string, number>;
  conduct: Record<string, number>;
  award: Record<string, number>;
  outcome: Record<string, number>;
  /** students whose year result is not known yet (a mark or a conduct level missing) */
  learningPending: number;
  conductPending: number;
  outcomePending: number;
}

export interface GroupStats extends Counts {
  key: string;
  label: string;
  grade?: number;
}

function emptyCounts(): Counts {
  return { students: 0, learning: {}, conduct: {}, award: {}, outcome: {}, learningPending: 0, conductPending: 0, outcomePending: 0 };
}

function add(bag: Record<string, number>, code: string): void {
  bag[code] = (bag[code] ?? 0) + 1;
}

export function countStudents(students: readonly EvaluatedStudent[]): Counts {
  const c = emptyCounts();
  for (const s of students) {
    const r = s.result;
    c.students++;
    if (r.learning.final) add(c.learning, r.learning.final);
    else c.learningPending++;
    if (r.conduct.final) add(c.conduct, r.conduct.final);
    else c.conductPending++;
    if (r.award) add(c.award, r.award);
    if (r.outcome) add(c.outcome, r.outcome);
    else c.outcomePending++;
  }
  return c;
}

export function classStats(classes: readonly EvaluatedClass[]): GroupStats[] {
  return classes.map((k) => ({ key: k.classId, label: k.className, grade: k.grade, ...countStudents(k.students) }));
}

export function gradeStats(classes: readonly EvaluatedClass[]): GroupStats[] {
  const grades = [...new Set(classes.map((k) => k.grade))].sort((a, b) => a - b);
  const rows: GroupStats[] = grades.map((g) => ({
    key: `K${g}`,
    label: `Khối ${g}`,
    grade: g,
    ...countStudents(classes.filter((k) => k.grade === g).flatMap((k) => k.students)),
  }));
  rows.push({ key: 'ALL', label: 'Toàn trường', ...countStudents(classes.flatMap((k) => k.students)) });
  return rows;
}

/** The codes that occur in `bags`, in display order (unknown codes last, alphabetically). */
export function codesIn(order: readonly string[], bags: readonly Record<string, number>[]): string[] {
  const seen = new Set(bags.flatMap((b) => Object.keys(b)));
  const known = order.filter((c) => seen.has(c));
  const unknown = [...seen].filter((c) => !order.includes(c)).sort();
  return [...known, ...unknown];
}

export const ORDERS = { learning: LEARNING_ORDER, conduct: CONDUCT_ORDER, award: AWARD_ORDER, outcome: OUTCOME_ORDER };

/** Phổ điểm: the 10 bins [0;1), [1;2), … [9;10] of a subject's year result, counted in exact tenths. */
export const DISTRIBUTION_BINS = Array.from({ length: 10 }, (_, i) => (i === 9 ? '9 – 10' : `${i} – <${i + 1}`));

export interface SubjectDistribution {
  code: string;
  title: string;
  bins: number[];
  /** students with a year result in this subject */
  count: number;
  /** mean of the year results, one decimal (round half up in tenths), null when none */
  mean: number | null;
}

function toTenths(v: number | string | null): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 10);
  if (typeof v === 'string' && /^\d+([.,]\d)?$/.test(v.trim())) return Math.round(Number(v.trim().replace(',', '.')) * 10);
  return null;
}

export function distributions(classes: readonly EvaluatedClass[]): SubjectDistribution[] {
  const byCode = new Map<string, SubjectDistribution & { sum: number }>();
  for (const k of classes) {
    for (const subj of k.subjects) {
      if (subj.type !== 'score' || byCode.has(subj.code)) continue;
      byCode.set(subj.code, { code: subj.code, title: subj.title, bins: new Array(10).fill(0), count: 0, mean: null, sum: 0 });
    }
    const scored = new Set(k.subjects.filter((s) => s.type === 'score').map((s) => s.code));
    for (const st of k.students) {
      for (const r of st.result.subjects) {
        if (!scored.has(r.code)) continue;
        const t = toTenths(r.CN);
        if (t === null) continue;
        const d = byCode.get(r.code)!;
        d.bins[Math.min(9, Math.floor(t / 10))]!++;
        d.count++;
        d.sum += t;
      }
    }
  }
  return [...byCode.values()].map(({ sum, ...d }) => ({
    ...d,
    // mean in tenths, round half up (house rule), back to one decimal
    mean: d.count === 0 ? null : Math.floor((sum * 2 + d.count) / (2 * d.count)) / 10,
  }));
}
