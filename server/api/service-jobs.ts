// Consolidation and the completion report, run through the consolidation work's programmatic functions
// (server/consolidate, server/reports — issue 6 items 2 and 3).
import { consolidate, type ConsolidateResult } from '../consolidate/index.ts';
import { completionReport as buildReport, classStatus as readClassStatus, type ClassCompletion, type CompletionReport } from '../reports/index.ts';
import type { ServiceContext } from './context.ts';

export type { CompletionReport, ClassCompletion };

/** Runs a consolidation of `year`: cli.md's consolidate JSON (summarySpreadsheetId, errors[] …), without the xlsx bytes. */
export async function consolidateYear(ctx: ServiceContext, year: string): Promise<Omit<ConsolidateResult, 'xlsx'>> {
  const { xlsx: _bytes, ...result } = await consolidate(ctx.backend, { year });
  return result;
}

export function completionReport(ctx: ServiceContext, year: string): Promise<CompletionReport> {
  return buildReport(ctx.backend, { year });
}

export function classStatus(ctx: ServiceContext, year: string): Promise<ClassCompletion[]> {
  return readClassStatus(ctx.backend, { year });
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
