// The data behind GET /api/status and the admin page's class table: the classes of the control spreadsheet,
// each class book's completion (server/reports: one read per book) and the lock state from the control
// spreadsheet's "Khóa sổ" tab (the lock service's human-readable mirror of its admin-only state).
import { controlTab, readKeyedTable } from '../../src/core/gradebook/control.ts';
import { str } from '../../src/core/gradebook/layout.ts';
import { quoteSheet } from '../../src/core/gradebook/a1.ts';
import { ApiError, type ServiceContext } from './context.ts';
import type { SchoolClass } from './school.ts';
import { classStatus, completionReadAt } from './service-jobs.ts';

export type LockState = 'locked' | 'open' | 'unknown';
export type LockTerm = 'HK1' | 'HK2' | 'CN';

export interface ClassStatus extends SchoolClass {
  /** Share of expected marks entered, 0..1; null when the book could not be read. */
  completion: number | null;
  missingMarks: number | null;
  expectedMarks: number | null;
  locks: Record<LockTerm, LockState>;
  /** The homeroom teacher's name (control spreadsheet, Giáo viên tab). */
  homeroomName?: string;
  problem?: string;
}

export interface StatusView {
  year: string;
  years: string[];
  classes: ClassStatus[];
  /** When the class books were read for the completion figures (they are cached a few seconds). */
  readAt?: string;
  /** Notes on what could not be read (Vietnamese), shown on the page. */
  notes: string[];
}

export async function resolveYear(ctx: ServiceContext, year?: string): Promise<{ year: string; years: string[] }> {
  const years = (await ctx.school.years()).slice().sort();
  const y = year ?? years.at(-1);
  if (!y) throw new ApiError(404, 'NOT_FOUND', 'Chưa có năm học nào. Hãy chạy "hoso demo" hoặc "hoso provision".');
  if (!years.includes(y)) throw new ApiError(404, 'NOT_FOUND', `Không có năm học ${y}.`);
  return { year: y, years };
}

const TERMS: LockTerm[] = ['HK1', 'HK2', 'CN'];

/** Locked (class, term) pairs from the control spreadsheet's "Khóa sổ" tab; undefined when it cannot be read. */
async function lockedTerms(ctx: ServiceContext, controlId: string): Promise<Map<string, Set<LockTerm>> | undefined> {
  const tab = controlTab('locks');
  try {
    const res = await ctx.backend.sheets().spreadsheets.values.get({ spreadsheetId: controlId, range: quoteSheet(tab.title), valueRenderOption: 'UNFORMATTED_VALUE' });
    const { rows } = readKeyedTable(tab.title, (res.data.values ?? []) as unknown[][], ['classId', 'term']);
    const out = new Map<string, Set<LockTerm>>();
    for (const { values: v } of rows) {
      const term = str(v.term).toUpperCase() as LockTerm;
      const state = str(v.state).toLowerCase();
      if (!TERMS.includes(term) || (state && !state.includes('khóa')) || state.includes('mở')) continue;
      const set = out.get(str(v.classId)) ?? new Set<LockTerm>();
      set.add(term);
      out.set(str(v.classId), set);
    }
    return out;
  } catch {
    return undefined;
  }
}

export async function statusView(ctx: ServiceContext, year?: string): Promise<StatusView> {
  const r = await resolveYear(ctx, year);
  const school = await ctx.school.year(r.year);
  if (!school) throw new ApiError(404, 'NOT_FOUND', `Không có năm học ${r.year}.`);
  const notes: string[] = [];
  const [completion, locks] = await Promise.all([classStatus(ctx, r.year), lockedTerms(ctx, school.controlSpreadsheetId)]);
  if (!locks) notes.push('Không đọc được trang "Khóa sổ" của sổ điều hành: trạng thái khóa chưa rõ.');
  const byId = new Map(completion.map((c) => [c.classId, c]));
  const bySheet = new Map(completion.map((c) => [c.spreadsheetId, c]));
  const classes = school.classes.map((c): ClassStatus => {
    const comp = bySheet.get(c.spreadsheetId) ?? byId.get(c.id);
    const locked = locks?.get(c.id);
    const state = (t: LockTerm): LockState => (!locks ? 'unknown' : locked?.has(t) ? 'locked' : 'open');
    const homeroomName = c.homeroomTeacher ? school.teacherNames?.[c.homeroomTeacher] : undefined;
    return {
      ...c,
      ...(homeroomName ? { homeroomName } : {}),
      completion: comp && !comp.error ? comp.completion : null,
      missingMarks: comp && !comp.error ? comp.missing : null,
      expectedMarks: comp && !comp.error ? comp.expected : null,
      locks: { HK1: state('HK1'), HK2: state('HK2'), CN: state('CN') },
      ...(comp?.error ? { problem: comp.error } : !comp ? { problem: 'Không tìm thấy sổ của lớp trong Drive (thiếu nhãn hosoClass/hosoYear?).' } : {}),
    };
  });
  return { year: r.year, years: r.years, classes, readAt: completionReadAt(ctx, r.year)?.toISOString(), notes };
}
