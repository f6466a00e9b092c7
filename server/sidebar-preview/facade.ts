// The one Apps Script emulator of the project is the local workspace's facade (server/local/apps-script, owned by
// the local workspace work). This file only adapts its factory to what the preview and the tests need.

export interface RuntimeOptions {
  /** The in-process local workspace (server/local Workspace). */
  workspace: unknown;
  /** The user the script runs as (Session.getActiveUser()). */
  user: string;
  /** SpreadsheetApp.getActiveSpreadsheet(). */
  activeSpreadsheetId: string;
  /** PropertiesService.getScriptProperties() content, e.g. HOSO_SERVICE_URL. */
  scriptProperties?: Record<string, string>;
  /** Anything else the facade accepts (fetch, identity token, active range …). */
  [option: string]: unknown;
}

export interface AppsScriptRuntime {
  globals: Record<string, unknown>;
  calls: { total: number; byMethod: Record<string, number> };
  ui?: unknown;
  reset?(): void;
}

type Factory = (opts: Record<string, unknown>) => AppsScriptRuntime | Promise<AppsScriptRuntime>;

let factory: Factory | undefined;

async function loadFactory(): Promise<Factory> {
  if (factory) return factory;
  const url = new URL('../local/apps-script/index.ts', import.meta.url).href;
  const mod = (await import(url)) as { createAppsScriptRuntime?: Factory };
  if (typeof mod.createAppsScriptRuntime !== 'function') throw new Error('server/local/apps-script: createAppsScriptRuntime is missing');
  factory = mod.createAppsScriptRuntime;
  return factory;
}

export async function createAppsScriptRuntime(opts: RuntimeOptions): Promise<AppsScriptRuntime> {
  return (await loadFactory())(opts);
}
