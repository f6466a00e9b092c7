// Reads every class book of a year — one Drive list, then one Sheets read per book, a few in parallel (the rate
// limiter paces them under the per-user quota) — and parses each with the core's readGradebook. A book that cannot
// be read (403, deleted, 5xx after retries) becomes an error of that book; the others go on.
import { readGradebook } from '../../src/core/gradebook/read.ts';
import type { Gradebook } from '../../src/core/gradebook/types.ts';
import type { Backend } from '../google/backend.ts';
import { findYearFiles, type ClassBookRef, type YearFiles } from './discover.ts';
import type { ConsolidateError } from './model.ts';
import { readBookValues } from './read-book.ts';

export interface BookRead {
  ref: ClassBookRef;
  book?: Gradebook;
  /** per-cell errors of the book, or one error for an unreadable book */
  errors: ConsolidateError[];
}

/** Progress of the book reads; a returned promise is awaited before the next book is started by that worker. */
export type ProgressFn = (done: number, total: number, label: string) => void | Promise<void>;

export interface ReadOptions {
  onProgress?: ProgressFn;
  /** books read at the same time (default 4) */
  concurrency?: number;
}

/** Google's error message of a failed call, with its HTTP status. */
export function describeGoogleError(err: unknown): string {
  const e = err as { status?: number; response?: { status?: number; data?: { error?: { message?: string; status?: string } } }; message?: string };
  const status = e.response?.status ?? e.status;
  const msg = e.response?.data?.error?.message ?? e.message ?? String(err);
  const what =
    status === 403 ? 'không có quyền đọc sổ' : status === 404 ? 'sổ không còn tồn tại (đã bị xóa?)' : status === 429 ? 'vượt hạn mức Google sau nhiều lần thử lại' : status && status >= 500 ? 'máy chủ Google lỗi sau nhiều lần thử lại' : 'không đọc được sổ';
  return `${what}${status ? ` (HTTP ${status})` : ''}: ${msg}`;
}

/** Runs `fn` over `items` with at most `n` in flight, keeping result order. */
export async function pool<T, R>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
  return out;
}

export async function readOneBook(backend: Backend, ref: ClassBookRef): Promise<BookRead> {
  try {
    const values = await readBookValues(backend, ref.spreadsheetId);
    const book = readGradebook(values.tabs);
    if (!book.classInfo.classId) book.classInfo.classId = ref.classId ?? ref.name;
    if (!book.classInfo.className) book.classInfo.className = book.classInfo.classId;
    const classId = book.classInfo.classId;
    return { ref, book, errors: book.errors.map((e) => ({ spreadsheet: ref.spreadsheetId, classId, sheet: e.sheet, cell: e.cell, message: e.message })) };
  } catch (err) {
    return { ref, errors: [{ spreadsheet: ref.spreadsheetId, classId: ref.classId ?? ref.name, sheet: '', cell: '', message: `Sổ "${ref.name}": ${describeGoogleError(err)}` }] };
  }
}

export async function readYearBooks(backend: Backend, year: string, opts: ReadOptions = {}): Promise<{ files: YearFiles; reads: BookRead[] }> {
  const files = await findYearFiles(backend, year);
  let done = 0;
  await opts.onProgress?.(0, files.books.length, '');
  const reads = await pool(files.books, opts.concurrency ?? 4, async (ref) => {
    const r = await readOneBook(backend, ref);
    await opts.onProgress?.(++done, files.books.length, ref.classId ?? ref.name);
    return r;
  });
  return { files, reads };
}
