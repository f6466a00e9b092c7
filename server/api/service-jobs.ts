// Consolidation and the completion report, run through the consolidation work's programmatic functions
// (server/consolidate, server/reports — issue 6 items 2 and 3).
import { consolidate, type ConsolidateResult } from '../consolidate/index.ts';
import { completionReport as buildReport, type ClassCompletion, type CompletionReport } from '../reports/index.ts';
import type { ServiceContext } from './context.ts';

export type { CompletionReport, ClassCompletion };

// The completion report reads every class book (one read each). The home page, /api/status and the completion
// page all need it; a short-lived cache per year lets a page view (or a crawler following the page's links)
// read the books once instead of once per request. A consolidation drops it.
const REPORT_TTL_MS = 10_000;
const reports = new WeakMap<ServiceContext, Map<string, { at: number; value: Promise<CompletionReport> }>>();
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
      const { xlsx: _bytes, ...result } = await consolidate(ctx.backend, { year });
      perCtx(reports, ctx).delete(year);
      return result;
    });
  queue.set(year, next.catch(() => undefined));
  return next;
}

export function completionReport(ctx: ServiceContext, year: string): Promise<CompletionReport> {
  const cache = perCtx(reports, ctx);
  const hit = cache.get(year);
  if (hit && Date.now() - hit.at < REPORT_TTL_MS) return hit.value;
  const value = buildReport(ctx.backend, { year });
  cache.set(year, { at: Date.now(), value });
  value.catch(() => cache.delete(year));
  return value;
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
