// `consolidate(backend, { year })`: every class book of the year read (1 Drive list + 1 Sheets read per book),
// checked (per-cell errors), evaluated by the engine, and written to the school summary spreadsheet (replaced on
// every run) — statistics, rankings, lists, phổ điểm with charts, teacher completion, errors — plus an xlsx for
// the Sở. A book that fails is reported in `errors[]`; the others are consolidated. Call budget: see docs/service.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Term } from '../../src/core/gradebook/types.ts';
import { countCalls, type Backend } from '../google/backend.ts';
import { buildCompletionReport, type CompletionReport } from '../reports/completion.ts';
import { readYearBooks, type ProgressFn } from './books.ts';
import { evaluateBook } from './evaluate-book.ts';
import type { ConsolidateError, EvaluatedClass } from './model.ts';
import { classStats, gradeStats, type GroupStats } from './statistics.ts';
import { writeSummary } from './summary-sheet.ts';
import { buildTables } from './tables.ts';
import { tablesToXlsx } from './xlsx.ts';

export type { ConsolidateError, EvaluatedClass } from './model.ts';

/** The year has no class books (wrong year, or not provisioned): bad input, nothing is written. */
export class NoBooksError extends Error {}

export interface ConsolidateOptions {
  year: string;
  /** called as books are read: (done, total, class) */
  onProgress?: ProgressFn;
  /** also write the xlsx here (created if missing) */
  outDir?: string;
  /** completion report term (default both semesters) */
  term?: Term;
  /** books read at the same time (default 4) */
  concurrency?: number;
  /** clock for the "generated at" stamp (tests) */
  now?: () => Date;
}

export interface ConsolidateResult {
  year: string;
  summarySpreadsheetId: string | null;
  summaryUrl: string | null;
  /** class books consolidated (read and evaluated) */
  classes: number;
  /** students evaluated */
  students: number;
  /** class books found for the year */
  books: number;
  errors: ConsolidateError[];
  /** calls this run made (its own async context, even when other jobs share the backend), by Google method id */
  apiCalls: Record<string, number>;
  /** retried attempts by method (429/5xx) */
  retries: Record<string, number>;
  /** time spent waiting for the per-user rate limiter, ms */
  rateLimitWaitMs: number;
  perClass: { classId: string; className: string; grade: number; spreadsheetId: string; students: number; errors: number }[];
  statistics: { byGrade: GroupStats[]; byClass: GroupStats[] };
  completion: CompletionReport;
  lists: { promoted: number; retained: number; retest: number; summer: number; awards: number };
  xlsxFile: string | null;
  /** the xlsx bytes (not in the CLI's JSON) */
  xlsx?: Buffer;
  durationMs: number;
  /** where the time went, ms: Drive list + book reads + parsing; evaluation and tables; summary writes; xlsx */
  timings: { readMs: number; evaluateMs: number; writeMs: number; xlsxMs: number };
}

/** The summary in Google Sheets; null on the local workspace (it has no Sheets UI: `npm start` shows /so/<id>). */
export function summaryUrl(backend: Backend, id: string): string | null {
  return backend.kind === 'google' ? `https://docs.google.com/spreadsheets/d/${id}/edit` : null;
}

export async function consolidate(backend: Backend, opts: ConsolidateOptions): Promise<ConsolidateResult> {
  const { result, stats } = await countCalls(() => run(backend, opts));
  return { ...result, apiCalls: stats.calls, retries: stats.retries, rateLimitWaitMs: Math.round(stats.waitedMs) };
}

async function run(backend: Backend, opts: ConsolidateOptions): Promise<Omit<ConsolidateResult, 'apiCalls' | 'retries' | 'rateLimitWaitMs'>> {
  const started = Date.now();

  const { files, reads } = await readYearBooks(backend, opts.year, { onProgress: opts.onProgress, concurrency: opts.concurrency });
  if (files.books.length === 0) {
    throw new NoBooksError(`Không tìm thấy sổ theo dõi nào của năm học ${opts.year} (sai năm học, hoặc chưa chạy "hoso provision"/"hoso demo")`);
  }
  const tRead = Date.now();
  const errors: ConsolidateError[] = files.ignored.map((f) => ({ spreadsheet: f.id, sheet: '', cell: '', message: `Tệp "${f.name}": ${f.reason}` }));
  const classes: EvaluatedClass[] = [];
  for (const r of reads) {
    errors.push(...r.errors);
    if (!r.book) continue;
    const ev = evaluateBook(r.book, r.ref.spreadsheetId);
    errors.push(...ev.errors);
    classes.push(ev.cls);
  }
  const completion = buildCompletionReport(opts.year, reads, opts.term);
  const generatedAt = (opts.now?.() ?? new Date()).toISOString();
  const tables = buildTables({ year: opts.year, classes, errors, completion: completion.rows, generatedAt, books: files.books.length });

  const tEval = Date.now();
  const summaryId = await writeSummary(backend, { year: opts.year, existingId: files.summary?.id, existingTabs: files.summary?.appProperties.hosoTabs, folderId: files.folderId }, tables);

  const tWrite = Date.now();
  const title = `Tổng hợp kết quả năm học ${opts.year}`;
  const xlsx = await tablesToXlsx(tables, title);
  let xlsxFile: string | null = null;
  if (opts.outDir) {
    await mkdir(opts.outDir, { recursive: true });
    xlsxFile = join(opts.outDir, `tong-hop-${opts.year}.xlsx`);
    await writeFile(xlsxFile, xlsx);
  }

  const students = classes.flatMap((k) => k.students);
  const count = (f: (o: string | null) => boolean) => students.filter((s) => f(s.result.outcome)).length;
  return {
    year: opts.year,
    summarySpreadsheetId: summaryId,
    summaryUrl: summaryUrl(backend, summaryId),
    classes: classes.length,
    students: students.length,
    books: files.books.length,
    errors,
    perClass: classes.map((k) => ({
      classId: k.classId,
      className: k.className,
      grade: k.grade,
      spreadsheetId: k.spreadsheetId,
      students: k.students.length,
      errors: errors.filter((e) => e.spreadsheet === k.spreadsheetId).length,
    })),
    statistics: { byGrade: gradeStats(classes), byClass: classStats(classes) },
    completion,
    lists: {
      promoted: count((o) => o === 'LEN_LOP'),
      retained: count((o) => o === 'O_LAI'),
      retest: count((o) => o === 'DANH_GIA_LAI' || o === 'KIEM_TRA_LAI'),
      summer: count((o) => o === 'REN_LUYEN_HE'),
      awards: students.filter((s) => s.result.award !== null).length,
    },
    xlsxFile,
    xlsx,
    durationMs: Date.now() - started,
    timings: { readMs: tRead - started, evaluateMs: tEval - tRead, writeMs: tWrite - tEval, xlsxMs: Date.now() - tWrite },
  };
}
