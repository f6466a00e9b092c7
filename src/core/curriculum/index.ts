// The curriculum (subjects, tiết/năm, ĐĐGtx count, comment-only subjects), validated with zod, with a school's
// per-year override. Pure: no I/O, runs inside Apps Script too.
import { z } from 'zod';
import { CURRICULUM_TEMPLATE } from '../../../sheet-templates/curriculum.ts';

export const SubjectCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'mã môn chỉ gồm chữ in hoa, chữ số, "_"');

export const SubjectDefSchema = z.object({
  code: SubjectCodeSchema,
  title: z.string().min(1),
  /** Short sheet-tab title (≤ 30 characters, no characters Sheets forbids in a title). */
  tab: z.string().min(1).max(30).regex(/^[^'[\]*?/\\:]+$/, 'tên tab không được chứa \' [ ] * ? / \\ :'),
  type: z.enum(['score', 'comment']),
  group: z.enum(['compulsory', 'elective', 'optional']),
  periodsPerYear: z.number().int().positive(),
  /** Explicit number of ĐĐGtx per semester (a school may add one per cụm chuyên đề, rules §1.4); default from tiết/năm. */
  txCount: z.number().int().min(1).max(8).optional(),
});
export type SubjectDef = z.infer<typeof SubjectDefSchema>;

export const CurriculumSchema = z
  .object({
    templateVersion: z.string().min(1),
    program: z.string().optional(),
    grades: z.array(z.number().int()).min(1),
    subjects: z.array(SubjectDefSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    const tabs = new Map<string, number>();
    c.subjects.forEach((s, i) => {
      if (seen.has(s.code)) ctx.addIssue({ code: 'custom', path: ['subjects', i, 'code'], message: `mã môn "${s.code}" bị trùng` });
      seen.set(s.code, i);
      const t = s.tab.toLocaleLowerCase('vi');
      if (tabs.has(t)) ctx.addIssue({ code: 'custom', path: ['subjects', i, 'tab'], message: `tên tab "${s.tab}" bị trùng` });
      tabs.set(t, i);
    });
  });
export type Curriculum = z.infer<typeof CurriculumSchema>;

/** A school's override for one year: change or add subjects (by code); nothing is removed silently. */
export const CurriculumOverrideSchema = z.object({
  year: z.string().optional(),
  templateVersion: z.string().optional(),
  subjects: z
    .array(SubjectDefSchema.partial().extend({ code: SubjectCodeSchema }))
    .default([]),
});
export type CurriculumOverride = z.input<typeof CurriculumOverrideSchema>;

/** A subject as used by a class gradebook: definition + the resolved number of ĐĐGtx per semester. */
export interface ResolvedSubject extends SubjectDef {
  txCount: number;
}

/**
 * Number of ĐĐGtx per semester from tiết/năm — TT22 Điều 6 khoản 2 (rules §1.4): ≤ 35 → 2, 36–70 → 3, > 70 → 4.
 * Comment subjects always have 2 ĐGtx (TT22 Điều 6 khoản 2 điểm a).
 */
export function txCountForPeriods(periodsPerYear: number, type: 'score' | 'comment' = 'score'): number {
  if (type === 'comment') return 2;
  if (periodsPerYear <= 35) return 2;
  if (periodsPerYear <= 70) return 3;
  return 4;
}

export function resolveSubject(def: SubjectDef): ResolvedSubject {
  return { ...def, txCount: def.txCount ?? txCountForPeriods(def.periodsPerYear, def.type) };
}

export type CurriculumResult = { ok: true; curriculum: Curriculum } | { ok: false; issues: { path: string; message: string }[] };

function zodIssues(e: z.ZodError): { path: string; message: string }[] {
  return e.issues.map((i) => ({ path: i.path.map(String).join('.') || '(gốc)', message: i.message }));
}

/** The built-in CT GDPT 2018 curriculum, merged with an optional school override (validated). */
export function loadCurriculum(override?: unknown): CurriculumResult {
  const base = CurriculumSchema.safeParse(CURRICULUM_TEMPLATE);
  if (!base.success) return { ok: false, issues: zodIssues(base.error) };
  if (override === undefined || override === null) return { ok: true, curriculum: base.data };
  const o = CurriculumOverrideSchema.safeParse(override);
  if (!o.success) return { ok: false, issues: zodIssues(o.error) };
  const subjects = base.data.subjects.map((s) => ({ ...s }));
  const issues: { path: string; message: string }[] = [];
  o.data.subjects.forEach((patch, i) => {
    const at = subjects.findIndex((s) => s.code === patch.code);
    if (at >= 0) subjects[at] = { ...subjects[at]!, ...stripUndefined(patch) };
    else {
      const full = SubjectDefSchema.safeParse(patch);
      if (full.success) subjects.push(full.data);
      else issues.push(...zodIssues(full.error).map((x) => ({ path: `subjects.${i}.${x.path}`, message: `môn mới "${patch.code}": ${x.message}` })));
    }
  });
  if (issues.length) return { ok: false, issues };
  const merged = CurriculumSchema.safeParse({
    ...base.data,
    templateVersion: o.data.templateVersion ?? `${base.data.templateVersion}+${o.data.year ?? 'school'}`,
    subjects,
  });
  if (!merged.success) return { ok: false, issues: zodIssues(merged.error) };
  return { ok: true, curriculum: merged.data };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The built-in curriculum (throws only if the shipped template itself is broken — a test guards that). */
export function defaultCurriculum(): Curriculum {
  const r = loadCurriculum();
  if (!r.ok) throw new Error('sheet-templates/curriculum.ts không hợp lệ: ' + r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.curriculum;
}

/** Finds a subject by code or by title/tab (case- and diacritics-insensitive), for reading phân công files. */
export function findSubject(curriculum: Curriculum, codeOrTitle: string): ResolvedSubject | undefined {
  const q = codeOrTitle.trim();
  const byCode = curriculum.subjects.find((s) => s.code === q.toUpperCase());
  if (byCode) return resolveSubject(byCode);
  const n = foldVietnamese(q);
  const hit = curriculum.subjects.find((s) => foldVietnamese(s.title) === n || foldVietnamese(s.tab) === n);
  return hit ? resolveSubject(hit) : undefined;
}

export { foldVietnamese } from './fold.ts';
import { foldVietnamese } from './fold.ts';

/** Order of subjects in a book: curriculum order (compulsory first as listed), unknown codes last. */
export function curriculumOrder(curriculum: Curriculum, codes: readonly string[]): string[] {
  const idx = new Map(curriculum.subjects.map((s, i) => [s.code, i] as const));
  return [...codes].sort((a, b) => (idx.get(a) ?? 999) - (idx.get(b) ?? 999) || a.localeCompare(b));
}
