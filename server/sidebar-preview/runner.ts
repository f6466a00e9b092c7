// Runs the BUILT add-on (dist/addon/Code.js) outside Google: the script is evaluated as a classic script in a fresh
// node:vm context whose globals are the local workspace's Apps Script facade (server/local/apps-script), acting as
// one user in one spreadsheet. Used by the browser preview of the sidebars and by the add-on tests, so both exercise
// exactly what `clasp push` would upload.
import { readFile } from 'node:fs/promises';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildAddon, DEFAULT_ROOT } from '../../src/addon/build.ts';
import { SIDEBAR_PAGES } from '../../src/addon/pages.ts';
import { runtimeFactory, type AppsScriptRuntime, type FetchRequest, type FetchResponse, type RuntimeOptions } from './facade.ts';

export interface LoadedAddon {
  dir: string;
  script: vm.Script;
  /** Top-level function names of Code.js (what Apps Script would let google.script.run call). */
  globals: string[];
  /** Built sidebar HTML by file name without ".html" (what HtmlService.createHtmlOutputFromFile reads). */
  pages: Map<string, string>;
}

export async function loadAddon(dir: string): Promise<LoadedAddon> {
  const code = await readFile(join(dir, 'Code.js'), 'utf8');
  const globals = [...code.matchAll(/^function ([A-Za-z0-9_$]+)\(/gm)].map((m) => m[1]!);
  const pages = new Map<string, string>();
  for (const { file } of Object.values(SIDEBAR_PAGES)) {
    const path = join(dir, `${file}.html`);
    if (existsSync(path)) pages.set(file, await readFile(path, 'utf8'));
  }
  return { dir, script: new vm.Script(code, { filename: 'Code.js' }), globals, pages };
}

/** The built add-on in `dir`; without `dir`, a fresh build of the sources into a private temporary folder (so the
 *  preview never serves a stale dist/addon and never races another process building it). */
export async function ensureBuiltAddon(dir?: string): Promise<LoadedAddon> {
  if (dir) {
    if (!existsSync(join(dir, 'Code.js'))) await buildAddon({ outDir: dir });
    return loadAddon(dir);
  }
  const outDir = join(mkdtempSync(join(tmpdir(), 'hoso-preview-')), 'addon');
  try {
    await buildAddon({ outDir });
  } catch (err) {
    // no esbuild (production install without dev dependencies): serve `npm run build`'s output if there is one
    const built = join(DEFAULT_ROOT, 'dist', 'addon');
    if (existsSync(join(built, 'Code.js'))) return loadAddon(built);
    throw err;
  }
  return loadAddon(outDir);
}

/** The facade options that make the built project's HTML files visible to HtmlService. */
export function projectFiles(addon: LoadedAddon): Record<string, string> {
  return Object.fromEntries(addon.pages);
}

export interface AddonCallResult {
  ok: boolean;
  value?: unknown;
  error?: string;
  calls: { total: number; byMethod: Record<string, number> };
  ui: unknown;
  /** The active cell after the call ("'Toán'!E7"), e.g. after gotoCell. */
  selection?: string | null;
}

function snapshot(rt: AppsScriptRuntime | undefined): Pick<AddonCallResult, 'calls' | 'ui' | 'selection'> {
  if (!rt) return { calls: { total: 0, byMethod: {} }, ui: null, selection: null };
  const calls = { total: rt.calls.total, byMethod: { ...rt.calls.byMethod } };
  const ui = cross(rt.ui ?? null);
  let selection: string | null = null;
  try {
    const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const range = app.getActiveSpreadsheet()?.getActiveRange();
    if (range) selection = `'${range.getSheet().getName().replace(/'/g, "''")}'!${range.getA1Notation()}`;
  } catch {
    selection = null;
  }
  return { calls, ui, selection };
}

/** google.script.run passes only JSON-like values both ways; a Date or a function would not cross either. */
function cross(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Loads Code.js into a fresh context over `runtime` and calls the top-level function `fn` (arguments as given:
 *  trigger events carry live Range objects; google.script.run arguments are JSON-crossed by runAddonFunction). */
export function callInContext(addon: LoadedAddon, runtime: AppsScriptRuntime, fn: string, args: unknown[]): unknown {
  if (!addon.globals.includes(fn)) throw new Error(`Script function not found: ${fn}`);
  const context = vm.createContext({ ...runtime.globals });
  runtime.bindScriptGlobals?.(context);
  addon.script.runInContext(context);
  const target = (context as Record<string, unknown>)[fn];
  if (typeof target !== 'function') throw new Error(`Script function not found: ${fn}`);
  return (target as (...a: unknown[]) => unknown)(...args);
}

/** Answers an HTTP request of UrlFetchApp asynchronously (e.g. fastify's inject into the service app). */
export type AsyncFetch = (req: FetchRequest) => Promise<FetchResponse>;

/**
 * UrlFetchApp is synchronous; the service it calls runs on this process's event loop. So a call is replayed: the
 * first run records the request it could not answer yet (the add-on may even catch the error), the request is made
 * asynchronously, and the function runs again from the start with that answer available — until it completes with
 * every request answered. The add-on performs its service calls before any sheet write, so a replay repeats reads
 * only. Each distinct request is sent once. The calls/ui returned are those of the final run.
 */
export async function runWithFetch<T>(
  fetchAsync: AsyncFetch | undefined,
  run: (syncFetch: (req: FetchRequest) => FetchResponse) => T,
  maxRounds = 8,
): Promise<T> {
  const answers = new Map<string, FetchResponse>();
  const keyOf = (r: FetchRequest) => JSON.stringify([r.method, r.url, r.payload ?? null, r.headers.Authorization ?? r.headers.authorization ?? null]);
  for (let round = 0; ; round++) {
    let pending: FetchRequest | undefined;
    const syncFetch = (req: FetchRequest): FetchResponse => {
      const hit = answers.get(keyOf(req));
      if (hit) return hit;
      if (!fetchAsync) throw new Error(`UrlFetchApp: không gọi được ${req.url} trong môi trường này.`);
      pending ??= req;
      throw new Error('UrlFetchApp: đang chờ máy chủ trả lời (xem thử cục bộ).');
    };
    let result: T | undefined;
    let failure: unknown;
    try {
      result = run(syncFetch);
    } catch (err) {
      failure = err;
    }
    if (!pending || round >= maxRounds) {
      if (failure !== undefined) throw failure;
      return result as T;
    }
    answers.set(keyOf(pending), await fetchAsync!(pending));
  }
}

/** One google.script.run call as `user` in spreadsheet `ss`: result or error message, plus the calls it made. */
export async function runAddonFunction(
  addon: LoadedAddon, opts: RuntimeOptions, fn: string, args: unknown[], fetchAsync?: AsyncFetch,
): Promise<AddonCallResult> {
  let last: AppsScriptRuntime | undefined;
  try {
    const create = await runtimeFactory();
    const value = await runWithFetch(fetchAsync, (fetch) => {
      // a fresh runtime per round: call counts and UI recordings are those of one real execution
      last = create({ files: projectFiles(addon), ...opts, fetch });
      return cross(callInContext(addon, last, fn, cross(args) as unknown[]));
    });
    return { ok: true, value, ...snapshot(last) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: message, ...snapshot(last) };
  }
}
