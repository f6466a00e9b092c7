// Consolidation and the completion report, run through the consolidation work's programmatic functions
// (server/consolidate, server/reports — issue 6 items 2 and 3).
import type { ServiceContext } from './context.ts';
import { notReady, optionalImport } from './jobs.ts';

async function fn(path: string, name: string): Promise<((...a: unknown[]) => Promise<unknown>) | undefined> {
  const mod = await optionalImport(new URL(path, import.meta.url).href);
  const f = mod?.[name];
  return typeof f === 'function' ? (f as (...a: unknown[]) => Promise<unknown>) : undefined;
}

/** Runs a consolidation of `year`; the result is cli.md's consolidate JSON (summarySpreadsheetId, errors[] …). */
export async function consolidateYear(ctx: ServiceContext, year: string): Promise<Record<string, unknown>> {
  const consolidate = await fn('../consolidate/index.ts', 'consolidate');
  if (!consolidate) throw notReady('tổng hợp toàn trường');
  return (await consolidate(ctx.backend, { year })) as Record<string, unknown>;
}

export interface CompletionItem {
  classId: string;
  subject?: string;
  teacher?: string;
  missing: number;
  [k: string]: unknown;
}

export async function completionReport(ctx: ServiceContext, year: string): Promise<{ year: string; items: CompletionItem[]; [k: string]: unknown }> {
  const report = await fn('../reports/index.ts', 'completionReport');
  if (!report) throw notReady('báo cáo hoàn thành nhập điểm');
  return (await report(ctx.backend, { year })) as { year: string; items: CompletionItem[] };
}
