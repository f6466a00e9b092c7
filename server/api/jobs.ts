// The service's jobs as the API sees them. The work itself lives with its owners (server/consolidate,
// server/reports, server/provision, server/locks); this adapter only loads them, so the API and the admin page
// keep working (with a clear "chưa sẵn sàng" answer) while a piece is missing.
import type { Backend } from '../google/backend.ts';
import { ApiError } from './context.ts';

export const notReady = (what: string) =>
  new ApiError(501, 'NOT_IMPLEMENTED', `Chức năng "${what}" chưa sẵn sàng trong bản cài đặt này.`);

/** Imports an optional module by path (a variable, so the typecheck does not require it to exist yet). */
export async function optionalImport<T = Record<string, unknown>>(specifier: string): Promise<T | undefined> {
  try {
    return (await import(specifier)) as T;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const msg = String((err as Error)?.message ?? '');
    if (code === 'ERR_MODULE_NOT_FOUND' && msg.includes(specifier.replace(/^.*\//, ''))) return undefined;
    throw err;
  }
}

export type AnyFn = (...args: never[]) => unknown;

/** A named export of an optional module, or undefined when the module or export is missing. */
export async function optionalExport<F extends AnyFn>(specifier: string, name: string): Promise<F | undefined> {
  const mod = await optionalImport(new URL(specifier, import.meta.url).href);
  const fn = mod?.[name];
  return typeof fn === 'function' ? (fn as F) : undefined;
}

export type { Backend };
