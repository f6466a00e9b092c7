// The add-on menu (Extensions → Hồ sơ điện tử) and the handlers of its items.
// onOpen may run in AuthMode.NONE (add-on installed but not yet used in this file): then it must not read the
// spreadsheet or the user, so it shows every item and each handler checks the role when clicked.
import { SIDEBAR_PAGES, type SidebarPage } from './pages.ts';
import { whoAmI } from './roles.ts';
import type { WhoAmI } from './api-types.ts';
import { checkWholeBook } from './edit-check.ts';

type OpenEvent = { authMode?: GoogleAppsScript.Script.AuthMode } | undefined;

const ITEMS = {
  gvbm: ['Giáo viên bộ môn', 'menuGvbm'],
  gvcn: ['Giáo viên chủ nhiệm', 'menuGvcn'],
  admin: ['Quản trị', 'menuQuanTri'],
  check: ['Kiểm tra điểm', 'menuKiemTraDiem'],
  help: ['Hướng dẫn', 'menuHuongDan'],
} as const;

/** AuthMode.NONE (add-on not yet used in this file): compared by name too, so a stand-in enum works. */
function isAuthModeNone(e?: OpenEvent): boolean {
  const mode = e?.authMode;
  if (mode === undefined || mode === null) return false;
  try {
    if (typeof ScriptApp !== 'undefined' && mode === ScriptApp.AuthMode.NONE) return true;
  } catch {
    // no ScriptApp in this context: fall through to the name
  }
  return String(mode) === 'NONE';
}

export function onOpen(e?: OpenEvent): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  let who: WhoAmI | null = null;
  if (!isAuthModeNone(e)) {
    try {
      who = whoAmI();
    } catch {
      who = null; // e.g. LIMITED mode without access to the user: fall back to the full menu
    }
  }
  const add = (key: keyof typeof ITEMS) => menu.addItem(ITEMS[key][0], ITEMS[key][1]);
  if (who === null || (who.bookKind === 'class' && who.roles.length === 0) || who.bookKind === 'other') {
    add('gvbm');
    add('gvcn');
    if (who === null || who.bookKind !== 'class') add('admin');
  } else if (who.bookKind === 'control') {
    add('admin');
  } else {
    if (who.roles.includes('gvbm')) add('gvbm');
    if (who.roles.includes('gvcn')) add('gvcn');
  }
  if (typeof menu.addSeparator === 'function') menu.addSeparator();
  if (who === null || who.bookKind !== 'control') add('check');
  add('help');
  menu.addToUi();
}

export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

export function showSidebar(page: SidebarPage): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_PAGES[page].file).setTitle(`Hồ sơ điện tử — ${SIDEBAR_PAGES[page].title}`);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function menuGvbm(): void {
  showSidebar('gvbm');
}

export function menuGvcn(): void {
  showSidebar('gvcn');
}

export function menuQuanTri(): void {
  showSidebar('admin');
}

export function menuHuongDan(): void {
  showSidebar('help');
}

export function menuKiemTraDiem(): void {
  const r = checkWholeBook();
  SpreadsheetApp.getActiveSpreadsheet().toast(r.message, 'Kiểm tra điểm', 8);
}
