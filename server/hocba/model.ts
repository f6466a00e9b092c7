// What one học bạ holds, built from a class book read with readGradebook and the engine's evaluate() output.
// Pure (no I/O): the same record feeds the Docs document, the per-student JSON/XLSX export and the input hash.
import { compareStudents, type Gradebook } from '../../src/core/gradebook/index.ts';
import { formatMark, type EvaluateOutput } from '../../src/core/index.ts';
import type { HocBaTemplate } from '../../sheet-templates/hoc-ba.ts';

export const HOCBA_EXPORT_FORMAT = 'hoso-hocba-student-1';

export interface HocBaSubject {
  code: string;
  title: string;
  type: 'score' | 'comment';
  /** Display values as printed: "8,5", "Đ", "CĐ", or "" when not entered. */
  HK1: string;
  HK2: string;
  CN: string;
  retest: string;
  final: string;
  comment: string;
}

export interface HocBaStudent {
  id: string;
  name: string;
  familyName: string;
  givenName: string;
  gender: string;
  birthDate: string;
  birthPlace: string;
  ethnicity: string;
  subjects: HocBaSubject[];
  conduct: { HK1: string; HK2: string; CN: string; final: string };
  learning: { HK1: string; HK2: string; CN: string; final: string };
  absences: number | null;
  outcome: string;
  outcomeCode: string | null;
  award: string;
  awardCode: string | null;
  retestSubjects: string[];
  homeroomComment: string;
  reasons: { rule: string; text: string }[];
}

export interface DraftState {
  draft: boolean;
  /** Terms not locked (those the học bạ needs: the CN lock covers HK I, HK II and the year). */
  unlockedTerms: string[];
  reason: string;
}

export interface HocBaClass {
  year: string;
  classId: string;
  className: string;
  grade: number;
  schoolName: string;
  regulation: string;
  homeroomTeacher: string;
  spreadsheetId: string;
  students: HocBaStudent[];
  state: DraftState;
}

export function formatScore(v: unknown, tpl: HocBaTemplate): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return formatMark(v);
  const s = String(v);
  return tpl.levels[s] ?? s;
}

function level(v: string | null | undefined, tpl: HocBaTemplate): string {
  return v ? (tpl.levels[v] ?? v) : '';
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function cellValue(book: Gradebook, tabs: Record<string, unknown[][]>, layoutKey: string, id: string, key: string): string {
  const lay = book.tabs[layoutKey];
  if (!lay) return '';
  const r = lay.rows[id];
  const c = lay.columns[key];
  if (r === undefined || c === undefined) return '';
  const v = tabs[lay.title]?.[r]?.[c];
  return v === undefined || v === null ? '' : String(v).trim();
}

/** Builds the class's học bạ records; students sorted by tên, then họ đệm (house rule). */
export function buildHocBaClass(
  book: Gradebook,
  tabs: Record<string, unknown[][]>,
  output: EvaluateOutput,
  tpl: HocBaTemplate,
  ctx: { spreadsheetId: string; state: DraftState; schoolName?: string },
): HocBaClass {
  const info = book.classInfo;
  const results = new Map(output.students.map((s) => [s.id, s]));
  const inputs = new Map(book.students.map((s) => [s.id, s]));
  const subjectTitle = new Map(info.subjects.map((s) => [s.code, s.title]));
  const roster = [...book.roster].sort(compareStudents);
  const students: HocBaStudent[] = roster.map((r) => {
    const res = results.get(r.id);
    const input = inputs.get(r.id);
    const subjects: HocBaSubject[] = info.subjects.map((s) => {
      const out = res?.subjects.find((x) => x.code === s.code);
      const inp = input?.subjects.find((x) => x.code === s.code);
      const comment =
        cellValue(book, tabs, `subject:${s.code}`, r.id, 'HK2.nx') || cellValue(book, tabs, `subject:${s.code}`, r.id, 'HK1.nx');
      const retest = inp?.retest === undefined || inp.retest === null ? '' : formatScore(inp.retest, tpl);
      return {
        code: s.code,
        title: s.title,
        type: s.type,
        HK1: formatScore(out?.HK1, tpl),
        HK2: formatScore(out?.HK2, tpl),
        CN: formatScore(out?.CN, tpl),
        retest,
        final: formatScore(out?.final, tpl),
        comment: clip(comment, tpl.year.commentMaxChars),
      };
    });
    const outcomeCode = res?.outcome ?? null;
    const awardCode = res?.award ?? null;
    return {
      id: r.id,
      name: r.name,
      familyName: r.familyName,
      givenName: r.givenName,
      gender: r.gender ?? '',
      birthDate: r.birthDate ?? '',
      birthPlace: r.birthPlace ?? '',
      ethnicity: r.ethnicity ?? '',
      subjects,
      conduct: {
        HK1: level(res?.conduct.HK1, tpl), HK2: level(res?.conduct.HK2, tpl), CN: level(res?.conduct.CN, tpl), final: level(res?.conduct.final, tpl),
      },
      learning: {
        HK1: level(res?.learning.HK1, tpl), HK2: level(res?.learning.HK2, tpl), CN: level(res?.learning.CN, tpl), final: level(res?.learning.final, tpl),
      },
      absences: book.attendanceTotals[r.id]?.sum ?? input?.absences ?? null,
      outcome: outcomeCode ? (tpl.outcomes[outcomeCode] ?? outcomeCode) : tpl.outcomes.PENDING ?? '',
      outcomeCode,
      award: awardCode ? (tpl.awards[awardCode] ?? awardCode) : tpl.year.noAward,
      awardCode,
      retestSubjects: (res?.retestSubjects ?? []).map((c) => subjectTitle.get(c) ?? c),
      homeroomComment: clip(cellValue(book, tabs, 'conduct', r.id, 'nx'), tpl.year.homeroomMaxChars),
      reasons: res?.reasons ?? [],
    };
  });
  return {
    year: info.year,
    classId: info.classId,
    className: info.className,
    grade: info.grade,
    schoolName: ctx.schoolName ?? info.schoolName ?? '',
    regulation: output.regulation,
    homeroomTeacher: info.homeroomTeacher ?? '',
    spreadsheetId: ctx.spreadsheetId,
    students,
    state: ctx.state,
  };
}

/** The structured record a học bạ số system can import (one per student). */
export function studentExport(k: HocBaClass, s: HocBaStudent, templateVersion: string): Record<string, unknown> {
  return {
    format: HOCBA_EXPORT_FORMAT,
    templateVersion,
    draft: k.state.draft,
    school: { name: k.schoolName },
    schoolYear: k.year,
    class: { id: k.classId, name: k.className, grade: k.grade, homeroomTeacher: k.homeroomTeacher },
    regulation: k.regulation,
    student: {
      id: s.id, fullName: s.name, familyName: s.familyName, givenName: s.givenName, gender: s.gender, birthDate: s.birthDate,
      birthPlace: s.birthPlace, ethnicity: s.ethnicity,
    },
    subjects: s.subjects,
    conduct: s.conduct,
    learning: s.learning,
    absences: s.absences,
    outcome: { code: s.outcomeCode, text: s.outcome },
    award: { code: s.awardCode, text: s.award },
    retestSubjects: s.retestSubjects,
    homeroomComment: s.homeroomComment,
    reasons: s.reasons,
  };
}
