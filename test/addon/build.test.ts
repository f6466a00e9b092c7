// The build output as the Apps Script loader sees it: one plain script with top-level entry functions, the manifest,
// and self-contained sidebar pages. Loads Code.js with stand-in services (no local workspace) to prove it is plain
// script: onOpen builds an add-on menu and every menu item names a real top-level function.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import vm from 'node:vm';
import { DEFAULT_ROOT, type BuildAddonResult } from '../../src/addon/build.ts';
import { buildForTest } from './built.ts';
import { SIDEBAR_PAGES } from '../../src/addon/pages.ts';

let built: BuildAddonResult;
let code: string;

beforeAll(async () => {
  built = await buildForTest();
  code = await readFile(join(built.outDir, 'Code.js'), 'utf8');
});

describe('Code.js', () => {
  it('has no module syntax and parses as a classic script', () => {
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\bimport\.meta\b/);
    expect(() => new vm.Script(code, { filename: 'Code.js' })).not.toThrow();
    // a module-only construct would fail here; top-level await too
    expect(code).not.toMatch(/^await\b/m);
  });

  it('declares exactly the entry points as top-level functions', () => {
    const declared = [...code.matchAll(/^function ([A-Za-z0-9_$]+)\(/gm)].map((m) => m[1]).sort();
    expect(declared).toEqual(built.globals);
    for (const fn of ['onOpen', 'onInstall', 'onEdit', 'menuGvbm', 'menuGvcn', 'menuQuanTri', 'menuKiemTraDiem', 'menuHuongDan',
      'gvbmLoad', 'gotoCell', 'gvbmReportProblem', 'gvbmSubmitPetition', 'gvcnLoad', 'gvcnComputeClass', 'gvcnSaveConduct',
      'gvcnSaveAttendance', 'adminLoad', 'adminConsolidate', 'adminDecidePetition']) {
      expect(built.globals).toContain(fn);
    }
    // nothing private leaks: no helper with a trailing underscore, no lower-level module names
    expect(built.globals.every((n) => !n.endsWith('_'))).toBe(true);
  });

  it('loads with stand-in services and onOpen builds an add-on menu of real functions (AuthMode.NONE)', () => {
    const items: Array<[string, string]> = [];
    let added = 0;
    const menu = {
      addItem(caption: string, fn: string) { items.push([caption, fn]); return menu; },
      addSeparator() { return menu; },
      addSubMenu() { return menu; },
      addToUi() { added++; },
    };
    const context = vm.createContext({
      SpreadsheetApp: { getUi: () => ({ createAddonMenu: () => menu, createMenu: () => { throw new Error('must use createAddonMenu'); } }) },
      ScriptApp: { AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' } },
    });
    new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
    const g = context as Record<string, unknown>;
    expect(typeof g.onOpen).toBe('function');
    expect(typeof g.onInstall).toBe('function');
    (g.onInstall as (e: unknown) => void)({ authMode: 'NONE' });
    expect(added).toBe(1);
    const captions = items.map(([c]) => c);
    expect(captions).toEqual(expect.arrayContaining(['Giáo viên bộ môn', 'Giáo viên chủ nhiệm', 'Kiểm tra điểm', 'Hướng dẫn']));
    for (const [, fn] of items) expect(typeof g[fn]).toBe('function');
  });
});

describe('Code.js with minimal stand-ins (as a held-out loader might provide)', () => {
  function load(globals: Record<string, unknown>) {
    const items: string[] = [];
    let added = 0;
    const menu = { addItem(caption: string, fn: string) { items.push(`${caption}→${fn}`); }, addToUi() { added++; } };
    const context = vm.createContext({ SpreadsheetApp: { getUi: () => ({ createAddonMenu: () => menu }) }, ...globals });
    new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
    return { g: context as Record<string, (...a: unknown[]) => unknown>, items, added: () => added };
  }
  it('onOpen() without an event and without ScriptApp/Session still builds the full menu', () => {
    const { g, items, added } = load({});
    g.onOpen!();
    expect(added()).toBe(1);
    expect(items).toContain('Giáo viên bộ môn→menuGvbm');
    expect(items).toContain('Hướng dẫn→menuHuongDan');
  });
  it('onInstall with an enum-like AuthMode.NONE and no ScriptApp', () => {
    const { g, items, added } = load({});
    g.onInstall!({ authMode: { toString: () => 'NONE' } });
    expect(added()).toBe(1);
    expect(items.length).toBe(5);
  });
});

describe('appsscript.json', () => {
  it('has the required fields and only justified scopes', async () => {
    const manifest = JSON.parse(await readFile(join(built.outDir, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    const doc = await readFile(join(DEFAULT_ROOT, 'docs', 'addon.md'), 'utf8');
    for (const scope of manifest.oauthScopes as string[]) {
      expect(scope === 'openid' || scope.startsWith('https://www.googleapis.com/auth/')).toBe(true);
      expect(doc, `scope ${scope} justified in docs/addon.md`).toContain(scope);
    }
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/script.container.ui');
    expect(manifest.oauthScopes).toContain('openid');
  });
});

describe('sidebar pages', () => {
  it('are one self-contained HTML file each', async () => {
    const files = (await readdir(built.outDir)).filter((f) => f.endsWith('.html')).sort();
    expect(files).toEqual(Object.values(SIDEBAR_PAGES).map((p) => `${p.file}.html`).sort());
    for (const f of files) {
      const html = await readFile(join(built.outDir, f), 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
      expect(html).not.toMatch(/<link[^>]*\bhref\s*=/i);
      expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
      expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
      expect(html).not.toMatch(/<\?/); // no HtmlService scriptlets: createHtmlOutputFromFile serves it as is
      expect((html.match(/<script>/g) ?? []).length).toBe(1);
      expect(html).toContain('<style>');
      // the page's code never builds HTML from strings
      expect(html).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
    }
  });
});
