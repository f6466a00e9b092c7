// Shared plumbing of `hoso lock`, `hoso verify`, `hoso petition` and `hoso audit`: option checks, opening the
// backend and the year's lock service, mapping service errors to the CLI's exit codes.
import { CliError, log } from '../cli/io.ts';
import { startProgress, type Progress } from '../cli/progress.ts';
import type { Backend } from '../google/backend.ts';
// The service (googleapis, pdfkit…) is loaded only when a lock command runs, so that every other `hoso` command
// (this module is imported when the CLI starts) stays quick to start.
import type { LockService } from './service.ts';

export interface CommonOptions {
  year?: string;
  json?: boolean;
  data?: string;
  workspace?: string;
}

const YEAR = /^(\d{4})-(\d{4})$/;

export function checkYear(year: string | undefined): string {
  if (!year) throw new CliError('thiếu --year (năm học, ví dụ 2025-2026)', 2);
  const m = YEAR.exec(year);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw new CliError(`--year "${year}" không phải năm học dạng 2025-2026`, 2);
  return year;
}

export function checkTerm(term: string | undefined): 'HK1' | 'HK2' | 'CN' {
  if (!term) throw new CliError('thiếu --term (HK1, HK2 hoặc CN)', 2);
  if (term !== 'HK1' && term !== 'HK2' && term !== 'CN') throw new CliError(`--term "${term}" phải là HK1, HK2 hoặc CN`, 2);
  return term;
}

/** Opens the backend and the lock service of the year; closes the backend after `body`. */
export async function withLockService<T>(opts: CommonOptions, body: (svc: LockService, backend: Backend) => Promise<T>): Promise<T> {
  if (opts.year !== undefined) checkYear(opts.year);
  const { openBackend, DEFAULT_DATA_DIR } = await import('../google/backend.ts');
  const { LockError, LockService } = await import('./service.ts');
  const mapError = (err: unknown): never => {
    if (err instanceof LockError) throw new CliError(err.message, err.kind === 'input' || err.kind === 'not-found' ? 2 : 1);
    throw err;
  };
  const backend = await openBackend({ dataDir: opts.data, workspaceUrl: opts.workspace });
  try {
    let year = opts.year;
    if (!year) {
      // Without --year: the latest school year of the workspace (said on stderr), as a convenience.
      const { schoolDirectory } = await import('../api/school.ts');
      year = await schoolDirectory(backend).latestYear();
      if (!year) throw new CliError('thiếu --year (năm học, ví dụ 2025-2026) và chưa có năm học nào trong workspace', 2);
      log(`Không có --year: dùng năm học mới nhất ${year}.`);
    }
    const dataDir = backend.kind === 'google' ? undefined : (opts.data ?? process.env.HOSO_DATA ?? DEFAULT_DATA_DIR);
    let bar: Progress | undefined;
    const onProgress = (done: number, total: number, label: string) => {
      bar ??= startProgress('Khóa sổ', total);
      bar.update(done, label);
    };
    const svc = await LockService.open({ backend, year, dataDir, log, onProgress }).catch(mapError);
    try {
      return await body(svc, backend).catch(mapError);
    } finally {
      bar?.stop();
    }
  } finally {
    await backend.close();
  }
}

/** `--as EMAIL` acts as another user: only against the local workspace, where identities are plain emails. */
export function actingUser(backend: Backend, as: string | undefined): string {
  if (!as) return backend.admin;
  if (backend.kind === 'google') throw new CliError('--as chỉ dùng với local workspace; trên Google, giáo viên nộp đơn qua thanh bên (đăng nhập Google).', 2);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(as)) throw new CliError(`--as "${as}" không phải địa chỉ email`, 2);
  return as.toLowerCase();
}
