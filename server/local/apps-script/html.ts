// HtmlService and SpreadsheetApp.getUi(): sidebars, dialogs, menus, alerts and toasts are recorded for tests.
import type { FacadeContext, MenuRecord } from './context.ts';
import { scriptError } from './context.ts';

export const SandboxMode = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' });
export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

export class HtmlOutput {
  private title = '';
  private width?: number;
  private height?: number;
  constructor(private content: string) {}
  getContent(): string {
    return this.content;
  }
  setContent(c: string): this {
    this.content = String(c);
    return this;
  }
  append(c: string): this {
    this.content += String(c);
    return this;
  }
  appendUntrusted(c: string): this {
    this.content += escapeHtml(String(c));
    return this;
  }
  setTitle(t: string): this {
    this.title = String(t);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(w: number): this {
    this.width = w;
    return this;
  }
  getWidth(): number | undefined {
    return this.width;
  }
  setHeight(h: number): this {
    this.height = h;
    return this;
  }
  getHeight(): number | undefined {
    return this.height;
  }
  setSandboxMode(): this {
    return this;
  }
  setXFrameOptionsMode(): this {
    return this;
  }
  addMetaTag(): this {
    return this;
  }
  setFaviconUrl(): this {
    return this;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Compiles Apps Script scriptlets (<? ?>, <?= ?>, <?!= ?>) to a function of a scope object. */
function compileTemplate(src: string): (scope: object, esc: (v: unknown) => string) => string {
  let code = 'let __out = "";\nwith (__scope) {\n';
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    code += `__out += ${JSON.stringify(src.slice(last, m.index))};\n`;
    const body = m[2]!.trim();
    if (m[1] === '=') code += `__out += __esc(${body});\n`;
    else if (m[1] === '!=') code += `__out += String(${body});\n`;
    else code += `${body}\n`;
    last = re.lastIndex;
  }
  code += `__out += ${JSON.stringify(src.slice(last))};\n}\nreturn __out;`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- templates are the script's own files
  return new Function('__scope', '__esc', code) as (scope: object, esc: (v: unknown) => string) => string;
}

export class HtmlTemplate {
  [key: string]: unknown;
  constructor(
    private readonly _src: string,
    private readonly _lookup: () => object[],
  ) {}
  getRawContent(): string {
    return this._src;
  }
  evaluate(): HtmlOutput {
    const self = this as Record<string, unknown>;
    const sources = [self, ...this._lookup()];
    const scope = new Proxy(
      {},
      {
        has: (_t, k) => typeof k === 'string' && sources.some((s) => k in s),
        get: (_t, k) => {
          if (k === Symbol.unscopables) return undefined;
          for (const s of sources) if (typeof k === 'string' && k in s) return (s as Record<string, unknown>)[k];
          return undefined;
        },
      },
    );
    const fn = compileTemplate(this._src);
    return new HtmlOutput(fn(scope, (v) => escapeHtml(String(v ?? ''))));
  }
}

export class HtmlServiceFacade {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(
    private readonly ctx: FacadeContext,
    private readonly files: Record<string, string>,
    private readonly lookup: () => object[],
  ) {}
  private file(name: string): string {
    const f = this.files[name] ?? this.files[`${name}.html`];
    if (f === undefined) throw scriptError(`No HTML file named ${name} was found.`);
    return f;
  }
  createHtmlOutput(html = ''): HtmlOutput {
    return this.ctx.wrap(new HtmlOutput(String(html)), 'HtmlOutput');
  }
  createHtmlOutputFromFile(name: string): HtmlOutput {
    return this.ctx.wrap(new HtmlOutput(this.file(name)), 'HtmlOutput');
  }
  createTemplate(html: string): HtmlTemplate {
    return new HtmlTemplate(String(html), this.lookup);
  }
  createTemplateFromFile(name: string): HtmlTemplate {
    return new HtmlTemplate(this.file(name), this.lookup);
  }
}

export const Button = Object.freeze({ OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' });
export const ButtonSet = Object.freeze({ OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' });

class Menu {
  readonly record: MenuRecord;
  constructor(
    private readonly ctx: FacadeContext,
    name: string,
    addon: boolean,
  ) {
    this.record = { name, addon, items: [] };
  }
  addItem(caption: string, functionName: string): this {
    this.record.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): this {
    this.record.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: Menu): this {
    this.record.items.push({ subMenu: menu.record });
    return this;
  }
  addToUi(): void {
    const menus = this.ctx.ui.menus;
    const i = menus.findIndex((m) => m.name === this.record.name && m.addon === this.record.addon);
    if (i >= 0) menus[i] = this.record;
    else menus.push(this.record);
  }
}

class PromptResponse {
  constructor(
    private readonly button: string,
    private readonly text: string,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): string {
    return this.button;
  }
}

export class UiFacade {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly ctx: FacadeContext) {}
  createMenu(caption: string): Menu {
    return this.ctx.wrap(new Menu(this.ctx, caption, false), 'Menu');
  }
  createAddonMenu(): Menu {
    return this.ctx.wrap(new Menu(this.ctx, 'Add-on', true), 'Menu');
  }
  showSidebar(html: HtmlOutput): void {
    this.ctx.ui.sidebars.push({ title: html.getTitle(), html: html.getContent(), width: html.getWidth() });
  }
  showModalDialog(html: HtmlOutput, title: string): void {
    this.ctx.ui.dialogs.push({ title, html: html.getContent(), width: html.getWidth(), height: html.getHeight(), modal: true });
  }
  showModelessDialog(html: HtmlOutput, title: string): void {
    this.ctx.ui.dialogs.push({ title, html: html.getContent(), width: html.getWidth(), height: html.getHeight(), modal: false });
  }
  private args(a: string, b?: string, c?: string): { title: string; prompt: string; buttons: string } {
    if (c !== undefined) return { title: a, prompt: b ?? '', buttons: c };
    if (b !== undefined && b in ButtonSet) return { title: '', prompt: a, buttons: b };
    if (b !== undefined) return { title: a, prompt: b, buttons: ButtonSet.OK };
    return { title: '', prompt: a, buttons: ButtonSet.OK };
  }
  alert(a: string, b?: string, c?: string): string {
    const { title, prompt, buttons } = this.args(a, b, c);
    const { button } = this.ctx.respond('alert', title, prompt, buttons);
    this.ctx.ui.alerts.push({ kind: 'alert', title, prompt, buttons, response: button });
    return button;
  }
  prompt(a: string, b?: string, c?: string): PromptResponse {
    const { title, prompt, buttons } = this.args(a, b, c);
    const { button, text = '' } = this.ctx.respond('prompt', title, prompt, buttons);
    this.ctx.ui.alerts.push({ kind: 'prompt', title, prompt, buttons, response: button });
    return this.ctx.wrap(new PromptResponse(button, text), 'PromptResponse');
  }
}
