// The engine's entry point: validate, then evaluate each student under the chosen regulation.
import type { NInput } from './model.ts';
import { formatPath, type Issue } from './model.ts';
import { normalizeInput } from './normalize.ts';
import type { EvaluateInput, EvaluateOutput, StudentOutput } from './schema.ts';
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
  const n = normalizeInput(input);
  if (!n.ok) return { ok: false, issues: n.issues };
  return { ok: true, output: evaluateNormalized(n.value) };
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
    const st = input.students[i]!;
    students[i] = input.regulation === 'TT22'
      ? evaluateStudentTT22(st, input.decisions, input.selection)
      : evaluateStudentTT58(st, input.decisions, input.regulation, input.selection);
  }
  return { regulation: input.regulation, students };
}
