// The data behind the status/summary routes and the admin page, assembled from the jobs of other parts:
// the control spreadsheet (server/provision), class completion (server/reports), lock state (server/locks) and
// the last consolidation (server/consolidate). Missing parts degrade to "chưa có", never to a broken page.
import { optionalImport, notReady } from './jobs.ts';
import type { ServiceContext } from './context.ts';
import type { SchoolClass } from './school.ts';

export type LockState = 'locked' | 'open' | 'unknown';

export interface ClassStatus extends SchoolClass {
  /** Share of expected marks entered, 0..1; null when not known. */
  completion: number | null;
  missingMarks: number | null;
  locks: { HK1: LockState; HK2: LockState; CN: LockState };
  problem?: string;
}

export interface StatusView {
  year: string;
  years: string[];
  classes: ClassStatus[];
  /** Notes on missing parts (Vietnamese), shown on the page. */
  notes: string[];
}

async function firstExport(candidates: string[], names: string[]): Promise<((...a: unknown[]) => Promise<unknown>) | undefined> {
  for (const c of candidates) {
    const mod = await optionalImport(new URL(c, import.meta.url).href);
    for (const n of names) if (typeof mod?.[n] === 'function') return mod[n] as (...a: unknown[]) => Promise<unknown>;
  }
  return undefined;
}

export async function resolveYear(ctx: ServiceContext, year?: string): Promise<{ year: string; years: string[] }> {
  const years = (await ctx.school.years()).slice().sort();
  const y = year ?? years.at(-1);
  if (!y) throw new (await import('./context.ts')).ApiError(404, 'NOT_FOUND', 'Chưa có năm học nào. Hãy chạy "hoso demo" hoặc "hoso provision".');
  if (!years.includes(y)) throw new (await import('./context.ts')).ApiError(404, 'NOT_FOUND', `Không có năm học ${y}.`);
  return { year: y, years };
}

export async function statusView(ctx: ServiceContext, year?: string): Promise<StatusView> {
  const r = await resolveYear(ctx, year);
  const school = await ctx.school.year(r.year);
  if (!school) throw notReady('đọc năm học');
  const notes: string[] = [];
  const classStatus = await firstExport(['../reports/index.ts', '../reports/class-status.ts', '../consolidate/index.ts'], ['classStatus']);
  const completion = new Map<string, { completion: number | null; missing: number | null; problem?: string }>();
  if (classStatus) {
    const rows = (await classStatus(ctx.backend, { year: r.year })) as { classId?: string; id?: string; completion?: number; missing?: number; error?: string }[];
    for (const row of rows ?? []) {
      completion.set(String(row.classId ?? row.id), { completion: row.completion ?? null, missing: row.missing ?? null, problem: row.error });
    }
  } else notes.push('Chưa có chức năng tính tỉ lệ hoàn thành nhập điểm.');
  const lockState = await firstExport(['../locks/index.ts', '../locks/state.ts'], ['lockState', 'lockStatus']);
  const locks = new Map<string, ClassStatus['locks']>();
  if (lockState) {
    const rows = (await lockState(ctx.backend, { year: r.year })) as { classId: string; HK1?: boolean; HK2?: boolean; CN?: boolean }[];
    for (const row of rows ?? []) {
      const s = (b?: boolean): LockState => (b === undefined ? 'unknown' : b ? 'locked' : 'open');
      locks.set(row.classId, { HK1: s(row.HK1), HK2: s(row.HK2), CN: s(row.CN) });
    }
  } else notes.push('Chưa có chức năng khóa sổ: trạng thái khóa chưa xác định.');
  const classes = school.classes.map((c): ClassStatus => {
    const comp = completion.get(c.id);
    return {
      ...c,
      completion: comp?.completion ?? null,
      missingMarks: comp?.missing ?? null,
      locks: locks.get(c.id) ?? { HK1: 'unknown', HK2: 'unknown', CN: 'unknown' },
      ...(comp?.problem ? { problem: comp.problem } : {}),
    };
  });
  return { year: r.year, years: r.years, classes, notes };
}
