// The one "book → engine" step shared by the add-on and the consolidation: a student the engine rejects is left out
// and reported at a cell of the book; the rest of the class is still evaluated.
import { expect, it } from 'vitest';
import { evaluateGradebook, initialValues, readGradebook } from '../../src/core/gradebook/index.ts';
import { classInfo, students } from './fixtures.ts';

it('leaves out only the students the engine rejects, naming their cell', () => {
  const info = classInfo();
  const book = readGradebook(initialValues(info, students(3)));
  const whole = evaluateGradebook(book);
  expect(whole.issues).toEqual([]);
  expect(whole.output!.students.map((s) => s.id)).toEqual(book.input.students.map((s) => s.id));

  // More ĐĐGtx than the subject's tiết/năm allows (e.g. a column added by hand and given a key).
  const victim = book.input.students[1]!;
  const subject = victim.subjects.find((s) => s.code === 'TOAN')! as { HK1: { tx: (number | null)[] } };
  subject.HK1.tx = [8, 8, 8, 8, 8, 8];
  const partial = evaluateGradebook(book);
  expect(partial.output!.students.map((s) => s.id)).toEqual(book.input.students.filter((s) => s.id !== victim.id).map((s) => s.id));
  expect(partial.issues).toHaveLength(1);
  expect(partial.issues[0]).toMatchObject({ studentId: victim.id, sheet: 'Toán' });
  expect(partial.issues[0]!.cell).toMatch(/^[A-Z]+\d+$/);
  expect(partial.issues[0]!.message).toMatch(/^students\[1\]\.subjects\[\d+\]\.HK1\.tx: /);
});
