// What every facade object shares: the workspace, the acting user, the active selection, call counting and the
// UI recordings.
import type { Workspace } from '../workspace.ts';

export interface RangeRef {
  sheetId: number;
  r0: number; // 0-based
  c0: number;
  nr: number;
  nc: number;
}

export interface MenuItemRecord {
  caption?: string;
  functionName?: string;
  separator?: boolean;
  subMenu?: MenuRecord;
}
export interface MenuRecord {
  name: string;
  addon: boolean;
  items: MenuItemRecord[];
}
export interface HtmlRecord {
  title: string;
  html: string;
  width?: number;
  height?: number;
}
export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: string;
  response: string;
  kind: 'alert' | 'prompt';
}
export interface ToastRecord {
  spreadsheetId: string;
  message: string;
  title: string;
  timeoutSeconds: number;
}
export interface UiRecordings {
  menus: MenuRecord[];
  sidebars: HtmlRecord[];
  dialogs: (HtmlRecord & { modal: boolean })[];
  alerts: AlertRecord[];
  toasts: ToastRecord[];
}

export interface CallCounts {
  total: number;
  byMethod: Record<string, number>;
}

export interface FacadeContext {
  ws: Workspace;
  user: string;
  effectiveUser: string;
  scriptId: string;
  active: { spreadsheetId?: string; sheetId?: number; range?: RangeRef };
  calls: CallCounts;
  ui: UiRecordings;
  logs: string[];
  /** Answers ui.alert/ui.prompt (a test decides which button the user "clicks"). */
  respond: (kind: 'alert' | 'prompt', title: string, prompt: string, buttons: string) => { button: string; text?: string };
  /** Wraps an object so that each method call counts once as `Class.method`. */
  wrap<T extends object>(obj: T, cls: string): T;
}

/**
 * A Proxy counting method calls as `Class.method`. Only calls made by the script count: calls the facade makes
 * internally while serving one (e.g. Range.getValue using getValues) are not counted again.
 */
export function countingWrap<T extends object>(
  calls: CallCounts,
  obj: T,
  cls: string,
  depth: { n: number },
  /** The script realm's Error (vm context): errors reaching the script are rebuilt with it so `instanceof Error` holds. */
  realm: { Error?: ErrorConstructor } = {},
): T {
  const proxy: T = new Proxy(obj, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || typeof prop !== 'string' || prop === 'constructor' || prop.startsWith('_') || prop === 'toString' || prop === 'toJSON') return v;
      return function (this: unknown, ...args: unknown[]) {
        if (depth.n === 0) {
          const name = `${cls}.${prop}`;
          calls.total += 1;
          calls.byMethod[name] = (calls.byMethod[name] ?? 0) + 1;
        }
        depth.n += 1;
        try {
          const res = (v as (...a: unknown[]) => unknown).apply(target, args);
          return res === target ? proxy : res;
        } catch (err) {
          if (depth.n === 1 && realm.Error && err instanceof Error && Object.getPrototypeOf(err) !== realm.Error.prototype) throw new realm.Error(err.message);
          throw err;
        } finally {
          depth.n -= 1;
        }
      };
    },
  });
  return proxy;
}

/** Apps Script errors are plain Errors with Google's message. */
export function scriptError(message: string): Error {
  return new Error(message);
}
