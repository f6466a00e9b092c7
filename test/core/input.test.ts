// Input validation: every bad field is named by its JSON path; the zod schema accepts exactly what evaluate accepts.
import { describe, expect, it } from 'vitest';
import { EvaluateInputError, EvaluateInputSchema, EvaluateOutputSchema, evaluate, formatPath, tryEvaluate } from '../../src/core/index.ts';
import { rep, student, subjects, tt22 } from './helpers.ts';

function issues(input: unknown): string[] {
  const r = tryEvaluate(input);
  if (r.ok) return [];
  return r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

describe('validation', () => {
  it('names the path of every bad field', () => {
    const input = {
      regulation: 'TT22',
      students: [
        { id: 'A', subjects: [{ code: 'T', type: 'score', HK1: { tx: ['11', 7, '7,25'], gk: 8, ck: null } }] },
        { id: 'B', absences: -1, conduct: { HK1: 'GIOI' }, subjects: [{ code: 'T', type: 'other' }, { code: 'C', type: 'comment', HK1: 'X' }] },
      ],
    };
    expect(issues(input)).toEqual([
      'students[0].subjects[0].HK1.tx[0]: "11" không phải là điểm từ 0 đến 10',
      'students[0].subjects[0].HK1.tx[2]: "7,25" có nhiều hơn một chữ số thập phân',
      'students[1].absences: -1 không phải là số buổi nghỉ (số nguyên ≥ 0)',
      'students[1].conduct.HK1: "GIOI" không phải là mức rèn luyện theo TT22 ("TOT", "KHA", "DAT", "CHUA_DAT")',
      'students[1].subjects[0].type: phải là "score" (đánh giá bằng điểm số) hoặc "comment" (đánh giá bằng nhận xét), nhận được "other"',
      'students[1].subjects[1].HK1: "X" không phải là mức đánh giá Đ (Đạt) hoặc CĐ (Chưa đạt)',
    ]);
  });
  it('more ĐĐGtx than periodsPerYear allows is an error; comment subjects have 2 ĐGtx', () => {
    expect(issues(tt22([student([{ code: 'T', type: 'score', periodsPerYear: 35, HK1: { tx: [8, 7, 9], gk: 8, ck: 7 } }])]))).toEqual([
      'students[0].subjects[0].HK1.tx: có 3 ĐĐGtx, nhiều hơn số được ghi nhận theo quy định (2)',
    ]);
    expect(issues(tt22([student([{ code: 'T', type: 'score', HK2: { tx: [8, 7, 9, 9, 9], gk: 8, ck: 7 } }])]))[0]).toMatch(/^students\[0\]\.subjects\[0\]\.HK2\.tx: /);
    expect(issues(tt22([student([{ code: 'C', type: 'comment', periodsPerYear: 140, HK1: { tx: ['Đ', 'Đ', 'Đ'], gk: 'Đ', ck: 'Đ' } }])]))).toHaveLength(1);
  });
  it('regulation: missing, unknown, or picked from schoolYear × grade', () => {
    expect(issues({ students: [] })[0]).toMatch(/^regulation: /);
    expect(issues({ regulation: 'TT99', students: [] })[0]).toMatch(/^regulation: /);
    expect(issues({ schoolYear: '2023-2024', students: [] })[0]).toMatch(/^grade: /);
    expect(issues({ schoolYear: '2023/2025', grade: 11, students: [] })[0]).toMatch(/^schoolYear: /);
    expect(evaluate({ schoolYear: '2023-2024', grade: 12, students: [] }).regulation).toBe('TT58');
    const out = evaluate({ schoolYear: '2023-2024', grade: 11, students: [student(subjects(rep(8, 9)))] });
    expect(out.regulation).toBe('TT22');
    expect(out.students[0]!.reasons[0]!.rule).toBe('TT22 Điều 21');
  });
  it('TT58 vocabulary and raw-mark shape per regulation', () => {
    expect(issues({ regulation: 'TT58', students: [student([], { conduct: { CN: 'DAT' } })] })[0]).toMatch(/^students\[0\]\.conduct\.CN: "DAT" không phải là loại hạnh kiểm theo TT58/);
    expect(issues(tt22([student([{ code: 'T', type: 'score', HK1: { tx: [8, 8], dk: [7], hk: 7 } }])])).map((s) => s.split(':')[0])).toEqual([
      'students[0].subjects[0].HK1.dk',
    ]);
  });
  it('a raw-mark key left out reads as a blank: pending, never an error or a 0', () => {
    const out = evaluate(tt22([student([{ code: 'T', type: 'score', HK1: { tx: [8, 8], gk: 8 }, HK2: { ck: 9 } }])]));
    expect(out.students[0]!.subjects[0]).toMatchObject({ HK1: null, HK2: null, CN: null });
    const out58 = evaluate({ regulation: 'TT58-2011', students: [student([{ code: 'T', type: 'score', HK1: { tx: [8, 8, 7], hk: 7 } }], { conduct: { HK1: 'TOT', HK2: 'TOT', CN: 'TOT' } })] });
    expect(out58.students[0]!.subjects[0]!.HK1).toBeNull();
  });
  it('duplicate student ids and subject codes; bad decisions', () => {
    expect(issues(tt22([student([]), student([])]))).toEqual(['students[1].id: mã học sinh "HS" trùng với students[0]']);
    expect(issues(tt22([student([{ code: 'T', type: 'score' }, { code: 'T', type: 'score' }])]))).toEqual(['students[0].subjects[1].code: mã môn "T" trùng với subjects[0]']);
    expect(issues(tt22([], { decisions: { I2: 'x' as never } }))[0]).toMatch(/^decisions\.I2: /);
  });
  it('non-object input and wrong containers', () => {
    expect(issues(null)).toHaveLength(1);
    expect(issues({ regulation: 'TT22', students: {} })[0]).toMatch(/^students: /);
    expect(issues({ regulation: 'TT22', students: [{ id: 'x', subjects: 3 }] })[0]).toMatch(/^students\[0\]\.subjects: /);
  });
  it('evaluate throws EvaluateInputError carrying the issues', () => {
    try {
      evaluate({ regulation: 'TT22', students: [{ id: '', subjects: [] }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EvaluateInputError);
      expect((e as EvaluateInputError).issues[0]!.path).toEqual(['students', 0, 'id']);
    }
  });
  it('unknown fields are ignored (forward compatible)', () => {
    expect(issues({ regulation: 'TT22', note: 'x', students: [{ id: 'a', extra: 1, subjects: [] }] })).toEqual([]);
  });
  it('output order = input order; output satisfies EvaluateOutputSchema', () => {
    const input = tt22(['c', 'a', 'b'].map((id) => student(subjects([9, 3, 8, 7, 6, 5, 4, 8, 9]), { id })));
    const out = evaluate(input);
    expect(out.students.map((s) => s.id)).toEqual(['c', 'a', 'b']);
    expect(out.students[0]!.subjects.map((s) => s.code)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'C1', 'C2', 'C3']);
    expect(EvaluateOutputSchema.safeParse(out).success).toBe(true);
  });
  it('the zod schema accepts and rejects the same documents as evaluate', () => {
    const good = tt22([student(subjects(rep(8, 9)))]);
    expect(EvaluateInputSchema.safeParse(good).success).toBe(true);
    const bad = tt22([student([{ code: 'T', type: 'score', HK1: { tx: ['11'], gk: 1, ck: 1 } }])]);
    const r = EvaluateInputSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => formatPath(i.path))).toEqual(['students[0].subjects[0].HK1.tx[0]']);
  });
});

describe('evaluateToJson', () => {
  it('produces exactly JSON.stringify(evaluate(input)), and the same issues as tryEvaluate', async () => {
    const { evaluateToJson } = await import('../../src/core/index.ts');
    const input = tt22(['c', 'a'].map((id) => student(subjects([9, 3, 8, 7, 6, 5, 4, 8, 9]), { id })));
    const r = evaluateToJson(input);
    expect(r.ok && r.json).toBe(JSON.stringify(evaluate(input)));
    const bad = { regulation: 'TT22', students: [student([]), { id: 1, subjects: [{ code: 'X', type: 'score', HK1: 12 }] }] };
    const e = evaluateToJson(bad);
    expect(e.ok).toBe(false);
    expect(!e.ok && e.issues).toEqual((tryEvaluate(bad) as { issues: unknown }).issues);
  });
});

describe('evaluateSubject', () => {
  it('computes one subject and reports issues relative to it', async () => {
    const { evaluateSubject } = await import('../../src/core/index.ts');
    expect(evaluateSubject({ code: 'T', type: 'score', periodsPerYear: 70, HK1: { tx: [7, 8, 8], gk: 7, ck: 7 }, HK2: '7,0' }, 'TT22'))
      .toEqual({ ok: true, result: { code: 'T', HK1: 7.3, HK2: 7, CN: 7.1, final: 7.1 } });
    const bad = evaluateSubject({ code: 'T', type: 'score', HK1: { tx: [7, '8,25'], gk: 7, ck: 7 } }, 'TT22');
    expect(bad.ok === false && bad.issues.map((i) => formatPath(i.path))).toEqual(['HK1.tx[1]']);
  });
});
