// The zod schemas and the hand-written validator agree; every output satisfies EvaluateOutputSchema.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EvaluateInputSchema, EvaluateOutputSchema, formatPath, tryEvaluate } from '../../src/core/index.ts';

const cell = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((t) => t / 10),
  fc.constantFrom(null, '', '7,5', '8.0', '10', '0', '11', '7,25', -1, 10.5, 'Đ', 'CĐ', 'Đạt', 'x', true),
);
const semester = fc.oneof(
  cell,
  fc.record({ tx: fc.array(cell, { maxLength: 5 }), gk: cell, ck: cell }),
  fc.record({ tx: fc.array(cell, { maxLength: 4 }), dk: fc.array(cell, { maxLength: 2 }), hk: cell }),
);
const subject = fc.record({
  code: fc.constantFrom('TOAN', 'VAN', 'NN', 'LY', 'GDTC', ''),
  type: fc.constantFrom('score', 'comment', 'other'),
  periodsPerYear: fc.constantFrom(undefined, 35, 70, 105, 0),
  exempt: fc.constantFrom(undefined, false, true, 'HK1', 'x'),
  HK1: semester,
  HK2: semester,
  retest: fc.constantFrom(undefined, null, 5, 'Đ', '12'),
}, { requiredKeys: ['code', 'type'] });
const student = fc.record({
  id: fc.constantFrom('A', 'B', 'C', 1, ''),
  absences: fc.constantFrom(undefined, 0, 45, 46, -1, 2.5),
  disability: fc.constantFrom(undefined, false, true),
  conduct: fc.record({ HK1: fc.constantFrom('TOT', 'KHA', 'DAT', 'TB', 'YEU', 'CHUA_DAT', 'x', null), HK2: fc.constantFrom('TOT', 'DAT', 'TB', null), CN: fc.constantFrom(undefined, 'TOT', 'YEU', 'DAT') }, { requiredKeys: [] }),
  subjects: fc.array(subject, { maxLength: 10 }),
}, { requiredKeys: ['id', 'subjects'] });
const input = fc.record({
  regulation: fc.constantFrom(undefined, 'TT22', 'TT58', 'TT58-2011', 'TT99'),
  schoolYear: fc.constantFrom(undefined, '2023-2024', '2019-2020', 'abc'),
  grade: fc.constantFrom(undefined, 10, 12, 5),
  students: fc.array(student, { maxLength: 4 }),
}, { requiredKeys: ['students'] });

describe('schemas', () => {
  it('EvaluateInputSchema accepts exactly what evaluate accepts, with the same paths', () => {
    fc.assert(fc.property(input, (doc) => {
      const z = EvaluateInputSchema.safeParse(doc);
      const e = tryEvaluate(doc);
      expect(z.success).toBe(e.ok);
      // Without a regulation the engine cannot judge students (conduct words, mark shapes): it reports that alone.
      if (!z.success && !e.ok && !e.issues.some((i) => i.path.length === 1 && i.path[0] !== 'students')) {
        // zod reports shape errors first (then stops); every zod path is one the engine reports too, or its parent
        const enginePaths = e.issues.map((i) => formatPath(i.path));
        for (const issue of z.error.issues) {
          const p = formatPath(issue.path);
          expect(enginePaths.some((q) => q === p || q.startsWith(p) || p.startsWith(q)), `${p} in ${enginePaths.join(' | ')}`).toBe(true);
        }
      }
      if (e.ok) expect(EvaluateOutputSchema.safeParse(e.output).success).toBe(true);
    }), { numRuns: 600 });
  });
});
