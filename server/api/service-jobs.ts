// Consolidation and the completion report, run through the consolidation work's programmatic functions
// (server/consolidate, server/reports — issue 6 items 2 and 3).
import { consolidate, NoBooksError, type ConsolidateResult } from '../consolidate/index.ts';
import { ApiError } from './context.ts';
import { completionReport as buildReport, type ClassCompletion, type CompletionReport } from '../reports/index.ts';
import type { ServiceContext } from './context.ts';

export type { CompletionReport, ClassCompletion };

// The completion report reads every class book (one read each: seconds for a 45-class school). The home page,
// /api/status and the completion page all need it, so it is cached per year: fresh for freshMs; after that a
// request gets the cached report at once while one refresh runs in the background (stale-while-revalidate),
// and after STALE_MS it waits for a new read. A consolidation drops the cache.
// On Google a full read costs one Sheets read per book against a 60-reads-per-minute-per-user quota shared with
// consolidation: keep it fresh longer there.
const freshMs = (ctx: ServiceContext) => (ctx.mode === 'google' ? 120_000 : 10_000);
const STALE_MS = 5 * 60_000;
interface CachedReport {
  at: number;
  value: Promise<CompletionReport>;
  refreshing?: Promise<unknown>;
}
const reports = new WeakMap<ServiceContext, Map<string, CachedReport>>();
// One consolidation of a year at a time in this process (two clicks must not write the summary concurrently).
const running = new WeakMap<ServiceContext, Map<string, Promise<unknown>>>();

function perCtx<T>(map: WeakMap<ServiceContext, Map<string, T>>, ctx: ServiceContext): Map<string, T> {
  let m = map.get(ctx);
  if (!m) map.set(ctx, (m = new Map()));
  return m;
}

/** Runs a consolidation of `year`: cli.md's consolidate JSON (summarySpreadsheetId, errors[] …), without the xlsx bytes. */
export async function consolidateYear(ctx: ServiceContext, year: string): Promise<Omit<ConsolidateResult, 'xlsx'>> {
  const queue = perCtx(running, ctx);
  const prev = queue.get(year) ?? Promise.resolve();
  const next = prev
    .catch(() => undefined)
    .then(async () => {
      const { xlsx: _bytes, ...result } = await consolidate(ctx.backend, { year }).catch((err: unknown) => {
        if (err instanceof NoBooksError) throw new ApiError(409, 'FAILED_PRECONDITION', `Năm học ${year} chưa có sổ theo dõi nào để tổng hợp: ${err.message}`);
        throw err;
      });
      perCtx(reports, ctx).delete(year);
      return result;
    });
  queue.set(year, next.catch(() => undefined));
  return next;
}

function readReport(ctx: ServiceContext, year: string): CachedReport {
  const cache = perCtx(reports, ctx);
  const entry: CachedReport = { at: Date.now(), value: buildReport(ctx.backend, { year }) };
  entry.value.then(
    () => {
      const cur = cache.get(year);
      // a refresh replaces the entry only once its read succeeded
      if (cur !== entry) cache.set(year, entry);
    },
    () => {
      if (cache.get(year) === entry) cache.delete(year);
    },
  );
  return entry;
}

export function completionReport(ctx: ServiceContext, year: string): Promise<CompletionReport> {
  const cache = perCtx(reports, ctx);
  const hit = cache.get(year);
  const age = hit ? Date.now() - hit.at : Infinity;
  if (hit && age < freshMs(ctx)) return hit.value;
  if (hit && age < STALE_MS) {
    if (!hit.refreshing) {
      const next = readReport(ctx, year);
      hit.refreshing = next.value.catch(() => undefined).finally(() => (hit.refreshing = undefined));
    }
    return hit.value;
  }
  const entry = readReport(ctx, year);
  cache.set(year, entry);
  return entry.value;
}

/** When the cached completion data of `year` was read (undefined: not cached). */
export function completionReadAt(ctx: ServiceContext, year: string): Date | undefined {
  const hit = perCtx(reports, ctx).get(year);
  return hit ? new Date(hit.at) : undefined;
}

/** Completion % per class (from the completion report: the same single read of each book). */
export async function classStatus(ctx: ServiceContext, year: string): Promise<ClassCompletion[]> {
  return (await completionReport(ctx, year)).classes;
}

/** The part of a completion report about `classIds` (a GVCN sees their classes only). */
export function reportForClasses(report: CompletionReport, classIds: ReadonlySet<string>): CompletionReport {
  const rows = report.rows.filter((r) => classIds.has(r.classId));
  const byTeacher = report.byTeacher
    .map((t) => {
      const items = t.items.filter((i) => classIds.has(i.classId));
      return { ...t, items, missing: items.reduce((a, i) => a + i.missing, 0) };
    })
    .filter((t) => t.items.length > 0);
  return { ...report, classes: report.classes.filter((c) => classIds.has(c.classId)), rows, byTeacher, errors: report.errors.filter((e) => !e.classId || classIds.has(e.classId)) };
}
