// zod schemas of the `hoso evaluate` input and output (../shared/docs/contracts/evaluate.md).
// The schemas describe the shape and give the JSON Schema (`hoso evaluate --schema`). The per-field checks that
// depend on the regulation or on other fields (mark ranges, number of ĐĐGtx, conduct vocabulary, …) live in
// normalize.ts, which the root refinement below calls, so `EvaluateInputSchema.safeParse` accepts exactly what
// `evaluate` accepts.
import { z } from 'zod';
import { REGULATIONS } from './regulation.ts';
import { normalizeInput } from './normalize.ts';

const Cell = z.union([z.number(), z.string(), z.null()]).describe(
  'A mark 0–10 with at most one decimal (number, or string "7,5" / "7.5"), a comment mark "Đ"/"CĐ"/"D"/"CD"/"Đạt"/"Chưa đạt", or null = not entered yet (not 0)',
);

const RawSemester = z
  .object({
    tx: z.array(Cell).optional().describe('ĐĐGtx (TT22/TT26) or KTtx (TT58-2011), each weight 1'),
    gk: Cell.optional().describe('ĐĐGgk, weight 2 (TT22, TT58+TT26)'),
    ck: Cell.optional().describe('ĐĐGck, weight 3 (TT22, TT58+TT26)'),
    dk: z.array(Cell).optional().describe('KTđk, weight 2 each (TT58-2011)'),
    hk: Cell.optional().describe('KThk, weight 3 (TT58-2011)'),
  })
  .describe('Raw marks of one semester');

const Semester = z.union([Cell, RawSemester]).describe('Raw marks of the semester, or the recorded semester result itself');

export const SubjectInputSchema = z.object({
  code: z.string().min(1).describe('Stable subject code; "TOAN", "VAN", "NN" mark Toán, Ngữ văn, Ngoại ngữ (TT58 Điều 13)'),
  name: z.string().optional(),
  type: z.enum(['score', 'comment']),
  periodsPerYear: z.number().int().positive().nullable().optional().describe('Tiết/năm; when given, the number of ĐĐGtx is checked'),
  exempt: z.union([z.boolean(), z.enum(['HK1', 'HK2'])]).nullable().optional()
    .describe('true = exempt for the whole year (left out of every list); "HK1"/"HK2" = exempt that semester only (the year takes the other semester)'),
  taughtIn: z.enum(['HK1', 'HK2']).nullable().optional().describe('Subject taught in one semester only: its result is the year result'),
  HK1: Semester.optional(),
  HK2: Semester.optional(),
  retest: Cell.optional().describe('Summer re-assessment / re-test result; replaces the year result'),
});

const ConductValue = z.union([z.string(), z.null()]).describe(
  'TT22: "TOT" | "KHA" | "DAT" | "CHUA_DAT"; TT58: "TOT" | "KHA" | "TB" | "YEU" (Vietnamese words "Tốt", "Chưa đạt", … accepted)',
);

export const StudentInputSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  name: z.string().optional(),
  absences: z.number().int().min(0).nullable().optional().describe('Buổi nghỉ in the whole year, excused or not'),
  disability: z.boolean().nullable().optional().describe('Follows an individual education plan → outcome MANUAL'),
  specialSubject: z.string().nullable().optional().describe('TT58: code of the môn chuyên (lớp chuyên)'),
  conduct: z
    .object({ HK1: ConductValue.optional(), HK2: ConductValue.optional(), CN: ConductValue.optional().describe('Year conduct. TT22: optional (Điều 8 table when absent). TT58/TT58-2011: required (null = not yet rated)'), summer: ConductValue.optional() })
    .optional(),
  subjects: z.array(SubjectInputSchema),
});

export const DecisionsSchema = z
  .object({
    I1: z.enum(['literal', 'scoredOnly']).optional(),
    I2: z.enum(['aboveBase', 'belowWouldBe']).optional(),
    I3: z.enum(['reapply', 'noReapply']).optional(),
    I4: z.enum(['literal', 'adjust']).optional(),
    wouldBe: z.enum(['replace', 'remove']).optional(),
    bothFailed: z.enum(['noReassessment', 'reassessAfterTraining']).optional(),
    fewScoredSubjects: z.enum(['pending', 'literal']).optional(),
  })
  .describe('Interpretive decisions (docs/engine.md); every field optional, defaults are the documented choices');

const EvaluateInputShape = z.object({
  regulation: z.enum(REGULATIONS).optional(),
  schoolYear: z.string().optional(),
  grade: z.number().int().optional(),
  decisions: DecisionsSchema.optional(),
  students: z.array(StudentInputSchema),
});

export const EvaluateInputSchema = EvaluateInputShape.superRefine((value, ctx) => {
  const r = normalizeInput(value);
  if (!r.ok) for (const issue of r.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type EvaluateInput = z.input<typeof EvaluateInputShape>;
export type StudentInput = z.input<typeof StudentInputSchema>;
export type SubjectInput = z.input<typeof SubjectInputSchema>;

// ---------------------------------------------------------------- output

const ReasonSchema = z.object({ rule: z.string(), text: z.string() });
const ScoreOrComment = z.union([z.number(), z.enum(['D', 'CD']), z.null()]);
const Tt22Level = z.enum(['TOT', 'KHA', 'DAT', 'CHUA_DAT']);
const Tt58Learning = z.enum(['GIOI', 'KHA', 'TB', 'YEU', 'KEM']);
const Tt58Conduct = z.enum(['TOT', 'KHA', 'TB', 'YEU']);
const LearningLevel = z.union([Tt22Level, Tt58Learning]).nullable();
const ConductLevel = z.union([Tt22Level, Tt58Conduct]).nullable();

export const SubjectOutputSchema = z.object({
  code: z.string(),
  HK1: ScoreOrComment,
  HK2: ScoreOrComment,
  CN: ScoreOrComment,
  final: ScoreOrComment,
  exempt: z.literal(true).optional(),
});

export const OutcomeSchema = z.enum(['LEN_LOP', 'O_LAI', 'DANH_GIA_LAI', 'KIEM_TRA_LAI', 'REN_LUYEN_HE', 'MANUAL']).nullable();
export const AwardSchema = z.enum(['XUAT_SAC', 'GIOI', 'TIEN_TIEN']).nullable();

export const StudentOutputSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  subjects: z.array(SubjectOutputSchema),
  learning: z.object({ HK1: LearningLevel, HK2: LearningLevel, CN: LearningLevel, final: LearningLevel }),
  average: z.object({ HK1: z.number().nullable(), HK2: z.number().nullable(), CN: z.number().nullable() }).optional(),
  conduct: z.object({ HK1: ConductLevel, HK2: ConductLevel, CN: ConductLevel, final: ConductLevel }),
  award: AwardSchema,
  awardHK1: AwardSchema.optional(),
  outcome: OutcomeSchema,
  retestSubjects: z.array(z.string()),
  reasons: z.array(ReasonSchema),
});

export const EvaluateOutputSchema = z.object({
  regulation: z.enum(REGULATIONS),
  students: z.array(StudentOutputSchema),
});

export type EvaluateOutput = z.infer<typeof EvaluateOutputSchema>;
export type StudentOutput = z.infer<typeof StudentOutputSchema>;
export type SubjectOutput = z.infer<typeof SubjectOutputSchema>;
export type Outcome = z.infer<typeof OutcomeSchema>;
export type Award = z.infer<typeof AwardSchema>;
export type LearningLevelValue = NonNullable<z.infer<typeof LearningLevel>>;
export type ConductLevelValue = NonNullable<z.infer<typeof ConductLevel>>;
