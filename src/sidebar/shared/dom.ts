// Tiny DOM builder for the sidebars. Every value from a spreadsheet is inserted as a text node: nothing here ever
// assigns innerHTML, so a student named "<img src=x onerror=alert(1)>" shows up as those characters.
// Hand-written instead of a UI library: the page must be one small self-contained file inside Google's iframe.

import { formatMark } from '../../core/marks.ts';

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === 'function') {
        el.addEventListener(key.replace(/^on/, ''), value);
      } else if (key === 'class') {
        el.className = String(value);
      } else if (key === 'value' && 'value' in el) {
        (el as HTMLInputElement).value = String(value);
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number') parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

/** Replaces the content of `parent` (by id or element) with `children`. */
export function render(parent: HTMLElement | string, ...children: Child[]): HTMLElement {
  const el = typeof parent === 'string' ? byId(parent) : parent;
  el.replaceChildren();
  append(el, children);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el as T;
}

/** A mark for display: one decimal with a comma (Vietnamese), "—" for a blank. */
export function fmtMark(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return formatMark(value);
  if (value === 'D') return 'Đ';
  if (value === 'CD') return 'CĐ';
  return String(value);
}

export function banner(kind: 'ok' | 'bad' | 'warn' | 'info', ...children: Child[]): HTMLDivElement {
  return h('div', { class: `banner ${kind}`, role: kind === 'bad' ? 'alert' : 'status' }, ...children);
}

export function pill(kind: '' | 'ok' | 'bad' | 'warn' | 'info', text: string): HTMLSpanElement {
  return h('span', { class: `pill ${kind}` }, text);
}

/** Simple tab bar: returns the bar; calls `show(key)` on click and marks the active tab. */
export function tabs(items: Array<{ key: string; label: string }>, active: string, show: (key: string) => void): HTMLDivElement {
  const bar = h('div', { class: 'tabs', role: 'tablist' });
  for (const item of items) {
    const btn = h('button', {
      type: 'button', role: 'tab', 'data-tab': item.key, class: item.key === active ? 'active' : '',
      onclick: () => {
        for (const b of Array.from(bar.querySelectorAll('button'))) b.classList.toggle('active', b === btn);
        show(item.key);
      },
    }, item.label);
    bar.appendChild(btn);
  }
  return bar;
}

/** Runs an async action with the button disabled and a busy label; errors land in `out` as a red banner. */
export async function busy<T>(button: HTMLButtonElement, label: string, out: HTMLElement | null, action: () => Promise<T>): Promise<T | undefined> {
  const old = button.textContent;
  button.disabled = true;
  button.textContent = label;
  try {
    return await action();
  } catch (err) {
    if (out) render(out, banner('bad', errorText(err)));
    return undefined;
  } finally {
    button.disabled = false;
    button.textContent = old;
  }
}

export function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/^(Exception|Error):\s*/, '');
}
