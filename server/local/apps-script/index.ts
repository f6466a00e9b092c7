// The Apps Script facade: the globals a bundled add-on script sees (SpreadsheetApp, Session, PropertiesService,
// LockService, CacheService, HtmlService, UrlFetchApp, ScriptApp, Utilities, Logger, console), acting as one user
// on the local workspace, counting every service call, recording UI. Load a bundle with
// `vm.createContext({ ...runtime.globals })` and call its functions; see docs/local-workspace.md.
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import type { Workspace } from '../workspace.ts';
import { countingWrap, type CallCounts, type FacadeContext, type UiRecordings } from './context.ts';
import { HtmlServiceFacade, UiFacade } from './html.ts';
import { RangeFacade, SpreadsheetAppFacade, SpreadsheetFacade } from './spreadsheet.ts';
import {
  CacheServiceFacade,
  LockServiceFacade,
  LoggerFacade,
  PropertiesServiceFacade,
  ScriptAppFacade,
  SessionFacade,
  UrlFetchAppFacade,
  UtilitiesFacade,
  type SyncFetch,
} from './services.ts';
import { passesRule } from './validation.ts';
import { parseTyped } from '../values.ts';

export type { SyncFetch, FetchRequest, FetchResponse } from './services.ts';
export type { UiRecordings, MenuRecord, HtmlRecord, AlertRecord, ToastRecord, CallCounts } from './context.ts';
export { passesRule };

export interface AppsScriptRuntimeOptions {
  workspace: Workspace;
  /** The active user (Session.getActiveUser, and whose rights every call uses). */
  user: string;
  /** Session.getEffectiveUser (default: the user). */
  effectiveUser?: string;
  activeSpreadsheetId?: string;
  activeSheetName?: string;
  /** A1 within the active sheet (or with a sheet name). */
  activeRange?: string;
  /** ScriptApp.getIdentityToken() (default: the user's email, the local service's convention). */
  identityToken?: string;
  /** ScriptApp.getOAuthToken() (default: the user's email, the local workspace's bearer convention). */
  oauthToken?: string;
  /** UrlFetchApp.fetch delegates to this synchronous function; without it fetch throws. */
  fetch?: SyncFetch;
  /** HTML files of the project for HtmlService.createHtmlOutputFromFile/createTemplateFromFile (name → content). */
  files?: Record<string, string>;
  /** Properties/locks/caches are keyed by script id (default 'local-script'). */
  scriptId?: string;
  scriptTimeZone?: string;
  userLocale?: string;
  /** Decides the button (and prompt text) a simulated user picks; default OK/YES with empty text. */
  respond?: FacadeContext['respond'];
  now?: () => number;
}

export interface AppsScriptGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  Session: GoogleAppsScript.Base.Session;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Logger: GoogleAppsScript.Base.Logger;
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error'>;
}

export interface AppsScriptRuntime {
  globals: AppsScriptGlobals;
  calls: CallCounts;
  ui: UiRecordings;
  logs: string[];
  /** Clears call counts, UI recordings and logs, and releases this runtime's locks. */
  reset(): void;
  /** Lets HtmlService templates see the script's own globals (pass the vm context). */
  bindScriptGlobals(scope: object): void;
  /** Changes the active spreadsheet/sheet/range (as the user clicking around). */
  setActive(sel: { spreadsheetId?: string; sheetName?: string; range?: string }): void;
  /** An onEdit event object for a range of the active spreadsheet, as Google builds it. */
  editEvent(a1: string, extra?: { value?: unknown; oldValue?: unknown }): Record<string, unknown>;
  /** An onOpen event object. */
  openEvent(): Record<string, unknown>;
  /**
   * The user typing `text` into one cell of the active spreadsheet, as in the Sheets UI: protections apply, a
   * strict data-validation rule rejects invalid input (throws), otherwise the text is parsed like USER_ENTERED.
   * Returns the onEdit event to hand to the script. Not counted as service calls.
   */
  userEdit(a1: string, text: string): Record<string, unknown>;
}

export function createAppsScriptRuntime(opts: AppsScriptRuntimeOptions): AppsScriptRuntime {
  const calls: CallCounts = { total: 0, byMethod: {} };
  const ui: UiRecordings = { menus: [], sidebars: [], dialogs: [], alerts: [], toasts: [] };
  const logs: string[] = [];
  const depth = { n: 0 };
  const realm: { Error?: ErrorConstructor } = {};
  const now = opts.now ?? Date.now;
  const ctx: FacadeContext = {
    ws: opts.workspace,
    user: opts.user,
    effectiveUser: opts.effectiveUser ?? opts.user,
    scriptId: opts.scriptId ?? 'local-script',
    active: {},
    calls,
    ui,
    logs,
    respond:
      opts.respond ??
      ((kind, _t, _p, buttons) => ({ button: buttons === 'YES_NO' || buttons === 'YES_NO_CANCEL' ? 'YES' : 'OK', text: kind === 'prompt' ? '' : undefined })),
    wrap: (obj, cls) => countingWrap(calls, obj, cls, depth, realm),
  };
  let scriptScope: object = {};
  const uiFacade = ctx.wrap(new UiFacade(ctx), 'Ui');
  const spreadsheetApp = ctx.wrap(new SpreadsheetAppFacade(ctx, () => uiFacade), 'SpreadsheetApp');
  const lockService = new LockServiceFacade(ctx, randomUUID());
  const utilities = new UtilitiesFacade();
  const logger = new LoggerFacade(logs);
  const say = (level: string) => (...args: unknown[]) => {
    logs.push(`${level === 'log' ? '' : `[${level}] `}${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
  };
  const globals = {
    SpreadsheetApp: spreadsheetApp,
    Session: ctx.wrap(new SessionFacade(ctx, opts.scriptTimeZone ?? 'Asia/Ho_Chi_Minh', opts.userLocale ?? 'vi'), 'Session'),
    PropertiesService: ctx.wrap(new PropertiesServiceFacade(ctx), 'PropertiesService'),
    LockService: ctx.wrap(lockService, 'LockService'),
    CacheService: ctx.wrap(new CacheServiceFacade(ctx, now), 'CacheService'),
    HtmlService: ctx.wrap(new HtmlServiceFacade(ctx, opts.files ?? {}, () => [scriptScope, globals]), 'HtmlService'),
    UrlFetchApp: ctx.wrap(new UrlFetchAppFacade(ctx, opts.fetch), 'UrlFetchApp'),
    ScriptApp: ctx.wrap(new ScriptAppFacade(ctx, opts.identityToken ?? opts.user, opts.oauthToken ?? opts.user), 'ScriptApp'),
    Utilities: ctx.wrap(utilities, 'Utilities'),
    Logger: ctx.wrap(logger, 'Logger'),
    console: { log: say('log'), info: say('info'), warn: say('warn'), error: say('error') },
  } as unknown as AppsScriptGlobals;

  const setActive = (sel: { spreadsheetId?: string; sheetName?: string; range?: string }): void => {
    if (sel.spreadsheetId !== undefined) {
      ctx.active = { spreadsheetId: sel.spreadsheetId };
    }
    const id = ctx.active.spreadsheetId;
    if (!id) return;
    const ss = new SpreadsheetFacade(ctx, id);
    if (sel.sheetName !== undefined) {
      const sheet = ss._model().sheets.find((s) => s.properties.title === sel.sheetName);
      if (!sheet) throw new Error(`Không có trang tính "${sel.sheetName}" trong bảng tính ${id}`);
      ctx.active.sheetId = sheet.properties.sheetId;
      ctx.active.range = undefined;
    }
    if (sel.range !== undefined) {
      const range = ss.getRange(sel.range);
      ctx.active.sheetId = range._ref.sheetId;
      ctx.active.range = { ...range._ref };
    }
  };
  if (opts.activeSpreadsheetId) setActive({ spreadsheetId: opts.activeSpreadsheetId, sheetName: opts.activeSheetName, range: opts.activeRange });

  const rangeOf = (a1: string): RangeFacade => {
    const id = ctx.active.spreadsheetId;
    if (!id) throw new Error('editEvent needs an active spreadsheet');
    return ctx.wrap(new SpreadsheetFacade(ctx, id), 'Spreadsheet')._rangeFromA1(a1, a1.includes('!') ? undefined : new SpreadsheetFacade(ctx, id)._model().sheets.find((s) => s.properties.sheetId === (ctx.active.sheetId ?? s.properties.sheetId)));
  };

  const editEvent = (a1: string, extra: { value?: unknown; oldValue?: unknown } = {}): Record<string, unknown> => {
      const range = rangeOf(a1);
      const e: Record<string, unknown> = {
        authMode: 'LIMITED',
        range,
        source: ctx.wrap(new SpreadsheetFacade(ctx, ctx.active.spreadsheetId!), 'Spreadsheet'),
        user: { getEmail: () => ctx.user, toString: () => ctx.user },
        triggerUid: 'local',
      };
      if (range._ref.nr === 1 && range._ref.nc === 1) {
        if ('value' in extra) e.value = extra.value;
        if ('oldValue' in extra) e.oldValue = extra.oldValue;
      }
      return e;
    };

  return {
    globals,
    calls,
    ui,
    logs,
    reset() {
      calls.total = 0;
      for (const k of Object.keys(calls.byMethod)) delete calls.byMethod[k];
      ui.menus.length = 0;
      ui.sidebars.length = 0;
      ui.dialogs.length = 0;
      ui.alerts.length = 0;
      ui.toasts.length = 0;
      logs.length = 0;
      lockService.releaseAll();
    },
    bindScriptGlobals(scope) {
      scriptScope = scope;
      if (vm.isContext(scope)) realm.Error = vm.runInContext('Error', scope) as ErrorConstructor;
    },
    setActive,
    editEvent,
    userEdit(a1, text) {
      const range = rangeOf(a1);
      const before = depth.n;
      depth.n += 1; // the person's edit is not a script call
      try {
        const cell = range.getCell(1, 1);
        const oldValue = cell.getValue();
        const rule = cell.getDataValidation();
        const ss = new SpreadsheetFacade(ctx, ctx.active.spreadsheetId!);
        const parsed = parseTyped(text, ss.getSpreadsheetLocale());
        if (rule && !rule.getAllowInvalid() && !passesRule(rule._rule, parsed.f !== undefined ? parsed.f : parsed.v ?? '')) {
          throw new Error(rule.getHelpText() ?? "There was a problem: the data you entered in this cell violates the data validation rules set on this cell.");
        }
        cell.setValue(text);
        const e = editEvent(a1, { value: text, ...(oldValue === '' ? {} : { oldValue: String(oldValue) }) });
        return e;
      } finally {
        depth.n = before;
      }
    },
    openEvent() {
      return {
        authMode: 'LIMITED',
        source: ctx.active.spreadsheetId ? ctx.wrap(new SpreadsheetFacade(ctx, ctx.active.spreadsheetId), 'Spreadsheet') : undefined,
        user: { getEmail: () => ctx.user, toString: () => ctx.user },
        triggerUid: 'local',
      };
    },
  };
}
