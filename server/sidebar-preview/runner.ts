// Runs the BUILT add-on (dist/addon/Code.js) outside Google: the script is evaluated as a classic script in a fresh
// node:vm context whose globals are the local workspace's Apps Script facade (server/local/apps-script), acting as
// one user in one spreadsheet. Used by the browser preview of the sidebars and by the add-on tests, so both exercise
// exactly what `clasp push` would upload.
import { readFile } from 'node:fs/promises';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { buildAddon } from '../../src/addon/build.ts';
import { createAppsScriptRuntime, type AppsScriptRuntime, type RuntimeOptions } from './facade.ts';

export interface LoadedAddon {
  dir: string;
  script: vm.Script;
  /** Top-level function names of Code.js (what Apps Script would let google.script.run call). */
  globals: string[];
  /** Built sidebar HTML by file name without ".html". */
  pages: Map<string, string>;
}

export async function loadAddon(dir: string): Promise<LoadedAddon> {
  const code = await readFile(join(dir, 'Code.js'), 'utf8');
  const globals = [...code.matchAll(/^function ([A-Za-z0-9_$]+)\(/gm)].map((m) => m[1]!);
  const pages = new Map<string, string>();
  for (const name of ['SidebarGvbm', 'SidebarGvcn', 'SidebarQuanTri', 'SidebarHuongDan']) {
    const file = join(dir, `${name}.html`);
    if (existsSync(file)) pages.set(name, await readFile(file, 'utf8'));
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
  await buildAddon({ outDir });
  return loadAddon(outDir);
}

export interface AddonCallResult {
  ok: boolean;
  value?: unknown;
  error?: string;
  calls: { total: number; byMethod: Record<string, number> };
  ui: unknown;
}

/** google.script.run passes only JSON-like values both ways; a Date or a function would not cross either. */
function cross(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Loads Code.js into a fresh context over `runtime` and calls the top-level function `fn`. */
export function callInContext(addon: LoadedAddon, runtime: AppsScriptRuntime, fn: string, args: unknown[]): unknown {
  if (!addon.globals.includes(fn)) throw new Error(`Script function not found: ${fn}`);
  const context = vm.createContext({ ...runtime.globals });
  addon.script.runInContext(context);
  const target = (context as Record<string, unknown>)[fn];
  if (typeof target !== 'function') throw new Error(`Script function not found: ${fn}`);
  return (target as (...a: unknown[]) => unknown)(...(cross(args) as unknown[]));
}

/** One google.script.run call as `user` in spreadsheet `ss`: result or error message, plus the calls it made. */
export async function runAddonFunction(addon: LoadedAddon, opts: RuntimeOptions, fn: string, args: unknown[]): Promise<AddonCallResult> {
  let runtime: AppsScriptRuntime;
  try {
    runtime = await createAppsScriptRuntime(opts);
  } catch (err) {
    return { ok: false, error: `Không tạo được môi trường Apps Script giả lập: ${err instanceof Error ? err.message : String(err)}`, calls: { total: 0, byMethod: {} }, ui: null };
  }
  try {
    const value = callInContext(addon, runtime, fn, args);
    return { ok: true, value: cross(value), calls: runtime.calls, ui: cross(runtime.ui ?? null) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: message, calls: runtime.calls, ui: cross(runtime.ui ?? null) };
  }
}
