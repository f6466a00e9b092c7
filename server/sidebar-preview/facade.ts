// The one Apps Script emulator of the project is the local workspace's facade (server/local/apps-script, owned by
// the local workspace work). This file only loads its factory and names the parts the preview and the tests use.

// Type-only (erased at run time): the facade itself is still loaded on use, below.
import type { FetchRequest, FetchResponse } from '../local/apps-script/index.ts';
export type { FetchRequest, FetchResponse };

export interface RuntimeOptions {
  /** The in-process local workspace (server/local Workspace). */
  workspace: unknown;
  /** The user the script runs as (Session.getActiveUser()). */
  user: string;
  /** SpreadsheetApp.getActiveSpreadsheet(). */
  activeSpreadsheetId?: string;
  /** Properties/locks are keyed by script id. */
  scriptId?: string;
  /** HtmlService's project files (name → HTML). */
  files?: Record<string, string>;
  /** UrlFetchApp.fetch delegates to this synchronous function. */
  fetch?: (req: FetchRequest) => FetchResponse;
  [option: string]: unknown;
}

export interface AppsScriptRuntime {
  globals: Record<string, unknown>;
  calls: { total: number; byMethod: Record<string, number> };
  ui: unknown;
  reset(): void;
  bindScriptGlobals?(scope: object): void;
  editEvent?(a1: string, extra?: { value?: unknown; oldValue?: unknown }): Record<string, unknown>;
}

export type RuntimeFactory = (opts: RuntimeOptions) => AppsScriptRuntime;

let factory: RuntimeFactory | undefined;

export async function runtimeFactory(): Promise<RuntimeFactory> {
  if (factory) return factory;
  const url = new URL('../local/apps-script/index.ts', import.meta.url).href;
  const mod = (await import(url)) as { createAppsScriptRuntime?: RuntimeFactory };
  if (typeof mod.createAppsScriptRuntime !== 'function') throw new Error('server/local/apps-script: createAppsScriptRuntime is missing');
  factory = mod.createAppsScriptRuntime;
  return factory;
}

export async function createAppsScriptRuntime(opts: RuntimeOptions): Promise<AppsScriptRuntime> {
  return (await runtimeFactory())(opts);
}
