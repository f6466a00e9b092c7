// The engine's entry point: validate, then evaluate each student under the chosen regulation.
import type { NInput, NStudent } from './model.ts';
import { formatPath, type Issue } from './model.ts';
import { normalizeInput, type InputHeader } from './normalize.ts';
import type { EvaluateInput, EvaluateOutput, StudentOutput, SubjectInput, SubjectOutput } from './schema.ts';
import type { Regulation } from './regulation.ts';
import { subjectYear } from './subject.ts';
import { subjectOutputs } from './common.ts';
import { evaluateStudentTT22 } from './tt22/student.ts';
import { evaluateStudentTT58 } from './tt58/student.ts';

/** Thrown by {@link evaluate} on invalid input; `issues` name the JSON path of every bad field. */
export class EvaluateInputError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n'));
    this.name = 'EvaluateInputError';
  }
}

export type TryEvaluateResult = { ok: true; output: EvaluateOutput } | { ok: false; issues: Issue[] };

/** Evaluates every student; returns the issues instead of throwing when the input is invalid. */
export function tryEvaluate(input: unknown): TryEvaluateResult {
  // One pass: each student is evaluated right after it is validated (see normalizeInput); the outputs are
  // dropped if any issue turns up later.
  const students: StudentOutput[] = [];
  const n = normalizeInput(input, (st, h) => students.push(evaluateStudent(st, h)));
  if (!n.ok) return { ok: false, issues: n.issues };
  return { ok: true, output: { regulation: n.value.regulation, students } };
}

export type EvaluateJsonResult = { ok: true; json: string } | { ok: false; issues: Issue[] };

/**
 * Evaluates and serialises in one pass: the text equals `JSON.stringify(evaluate(input))`, but each student's
 * output is stringified as soon as it is computed, so the output objects die young instead of filling the old
 * generation of the heap (the CLI's path for whole schools; see bench/engine.bench.ts).
 */
export function evaluateToJson(input: unknown): EvaluateJsonResult {
  const parts: string[] = [];
  const n = normalizeInput(input, (st, h) => parts.push(JSON.stringify(evaluateStudent(st, h))));
  if (!n.ok) return { ok: false, issues: n.issues };
  return { ok: true, json: `{"regulation":${JSON.stringify(n.value.regulation)},"students":[${parts.join(',')}]}` };
}

function evaluateStudent(st: NStudent, h: InputHeader): StudentOutput {
  return h.regulation === 'TT22'
    ? evaluateStudentTT22(st, h.decisions, h.selection)
    : evaluateStudentTT58(st, h.decisions, h.regulation, h.selection);
}

/** Evaluates every student (contract evaluate.md). Throws {@link EvaluateInputError} on invalid input. */
export function evaluate(input: EvaluateInput): EvaluateOutput {
  const r = tryEvaluate(input);
  if (!r.ok) throw new EvaluateInputError(r.issues);
  return r.output;
}

export function evaluateNormalized(input: NInput): EvaluateOutput {
  const students: StudentOutput[] = new Array(input.students.length);
  for (let i = 0; i < input.students.length; i++) {
    students[i] = evaluateStudent(input.students[i]!, input);
  }
  return { regulation: input.regulation, students };
}

export type EvaluateSubjectResult = { ok: true; result: SubjectOutput } | { ok: false; issues: Issue[] };

/**
 * Results of one subject alone (ĐTBmhk I/II and ĐTBmcn, or Đ/CĐ), e.g. for a gradebook row. Same validation as
 * {@link evaluate}; issue paths are relative to the subject (`HK1.tx[2]`).
 */
export function evaluateSubject(subject: SubjectInput, regulation: Regulation): EvaluateSubjectResult {
  const n = normalizeInput({ regulation, students: [{ id: '_', conduct: { HK1: null, HK2: null, CN: null }, subjects: [subject] }] });
  if (!n.ok) return { ok: false, issues: n.issues.map((i) => ({ path: i.path.slice(4), message: i.message })) };
  const s = n.value.students[0]!.subjects[0]!;
  return { ok: true, result: subjectOutputs([subjectYear(s, regulation)], null, [])[0]! };
}
