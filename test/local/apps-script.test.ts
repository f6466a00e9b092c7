// The Apps Script facade: a script loaded into node:vm acting as a teacher or the owner on the same engine the
// REST front serves (protections, locale, notes/backgrounds/validation visible over REST), with call counting.
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GV_TOAN, GV_VAN, clients, startServer } from './helpers.ts';
import { createAppsScriptRuntime } from '../../server/local/apps-script/index.ts';
import { PROTECTED_CELL_MESSAGE } from '../../server/local/errors.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let admin: ReturnType<typeof clients>;
let id: string;
let sheetId: number;

const SCRIPT = `
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu()
    .addItem('Mở bảng điểm', 'showSidebar')
    .addSeparator()
    .addItem('Kiểm tra', 'check')
    .addToUi();
}
function showSidebar() {
  var t = HtmlService.createTemplateFromFile('Sidebar');
  t.teacher = Session.getActiveUser().getEmail();
  SpreadsheetApp.getUi().showSidebar(t.evaluate().setTitle('Giáo viên bộ môn'));
}
function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
function readMarks() {
  var sheet = SpreadsheetApp.getActive().getSheetByName('Toán');
  return sheet.getRange(2, 1, 3, 3).getValues();
}
function writeMark(a1, v) {
  SpreadsheetApp.getActive().getSheetByName('Toán').getRange(a1).setValue(v);
}
function onEdit(e) {
  var rule = e.range.getDataValidation();
  if (rule && e.value !== undefined) e.range.setNote('Đã sửa bởi ' + e.user.getEmail());
}
`;

beforeAll(async () => {
  server = await startServer();
  admin = clients(server.url, ADMIN);
  const res = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'Sổ 10A1', locale: 'vi_VN' }, sheets: [{ properties: { title: 'Toán' } }] } });
  id = res.data.spreadsheetId!;
  sheetId = res.data.sheets![0]!.properties!.sheetId!;
  await admin.sheets.spreadsheets.values.update({
    spreadsheetId: id,
    range: 'Toán!A1',
    valueInputOption: 'USER_ENTERED',
    requestBody: { values: [['Mã HS', 'Họ tên', 'ĐĐGtx1'], ['HS01', 'An', '7,5'], ['HS02', 'Bình', '8'], ['HS03', 'Chi', '']] },
  });
  await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
  await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_VAN } });
  await admin.sheets.spreadsheets.batchUpdate({
    spreadsheetId: id,
    requestBody: { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId, startRowIndex: 1, endRowIndex: 40, startColumnIndex: 2, endColumnIndex: 3 }, editors: { users: [GV_TOAN] } } } }] },
  });
});
afterAll(async () => {
  await server.close();
});

function load(user: string) {
  const rt = createAppsScriptRuntime({
    workspace: server.workspace,
    user,
    activeSpreadsheetId: id,
    activeSheetName: 'Toán',
    files: { Sidebar: '<h1><?= teacher ?></h1><?!= include("Style") ?>', 'Style.html': '<style>b{}</style>' },
  });
  const context = vm.createContext({ ...rt.globals });
  vm.runInContext(SCRIPT, context);
  rt.bindScriptGlobals(context);
  return { rt, context, call: (fn: string, ...args: unknown[]) => (context[fn] as (...a: unknown[]) => unknown)(...args) };
}

describe('Apps Script facade', () => {
  it('records menus and sidebars from onOpen and google.script.run targets', () => {
    const { rt, call } = load(GV_TOAN);
    call('onOpen', rt.openEvent());
    expect(rt.ui.menus).toEqual([
      { name: 'Add-on', addon: true, items: [{ caption: 'Mở bảng điểm', functionName: 'showSidebar' }, { separator: true }, { caption: 'Kiểm tra', functionName: 'check' }] },
    ]);
    call('showSidebar');
    expect(rt.ui.sidebars).toEqual([{ title: 'Giáo viên bộ môn', html: `<h1>${GV_TOAN}</h1><style>b{}</style>`, width: undefined }]);
  });

  it('reads values like getValues (numbers, blanks as "") and counts every call', () => {
    const { rt, call } = load(GV_VAN);
    rt.reset();
    expect(call('readMarks')).toEqual([
      ['HS01', 'An', 7.5],
      ['HS02', 'Bình', 8],
      ['HS03', 'Chi', ''],
    ]);
    expect(rt.calls.byMethod).toEqual({ 'SpreadsheetApp.getActive': 1, 'Spreadsheet.getSheetByName': 1, 'Sheet.getRange': 1, 'Range.getValues': 1 });
    expect(rt.calls.total).toBe(4);
    const display = rt.globals.SpreadsheetApp.getActive().getRange('Toán!C2:C3').getDisplayValues();
    expect(display).toEqual([['7,5'], ['8']]);
  });

  it('enforces protected ranges with Google message; editors and the owner write; REST sees it', async () => {
    const van = load(GV_VAN);
    expect(() => van.call('writeMark', 'C4', '9,5')).toThrow(PROTECTED_CELL_MESSAGE);
    // the script sees a plain Error of its own realm
    expect(vm.runInContext(`(function () { try { writeMark('C4', 1); } catch (e) { return e instanceof Error && e.message; } })()`, van.context)).toBe(PROTECTED_CELL_MESSAGE);
    load(GV_TOAN).call('writeMark', 'C4', '9,5');
    load(ADMIN).call('writeMark', 'C3', 6);
    van.call('writeMark', 'D2', 'ghi chú tự do');
    const got = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Toán!C2:D4', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(got.data.values).toEqual([[7.5, 'ghi chú tự do'], [6], [9.5]]);
  });

  it('stores notes, backgrounds and validation on cells, returned by spreadsheets.get', async () => {
    const { rt } = load(ADMIN);
    const SA = rt.globals.SpreadsheetApp;
    const range = SA.getActive()!.getSheetByName('Toán')!.getRange('E2:E3');
    range.setNotes([['n1'], ['n2']]);
    range.setBackground('#ffcc00');
    const rule = SA.newDataValidation().requireNumberBetween(0, 10).setAllowInvalid(false).setHelpText('Điểm từ 0 đến 10').build();
    range.setDataValidation(rule);
    expect(range.getNotes()).toEqual([['n1'], ['n2']]);
    expect(range.getBackground()).toBe('#ffcc00');
    expect(range.getDataValidation()!.getCriteriaValues()).toEqual([0, 10]);
    expect(range.getDataValidation()!.getCriteriaType()).toBe('NUMBER_BETWEEN');
    const ss = await admin.sheets.spreadsheets.get({ spreadsheetId: id, ranges: ['Toán!E2'], includeGridData: true });
    const cell = ss.data.sheets![0]!.data![0]!.rowData![0]!.values![0]!;
    expect(cell.note).toBe('n1');
    expect(cell.userEnteredFormat!.backgroundColor).toEqual({ red: 1, green: 0.8, blue: 0 });
    expect(cell.dataValidation).toEqual({
      condition: { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '0' }, { userEnteredValue: '10' }] },
      strict: true,
      inputMessage: 'Điểm từ 0 đến 10',
    });
    // a list rule
    const list = SA.newDataValidation().requireValueInList(['Đ', 'CĐ'], true).build();
    SA.getActive()!.getRange('Toán!F2').setDataValidation(list);
    expect(SA.getActive()!.getRange('Toán!F2').getDataValidation()!.getCriteriaValues()).toEqual([['Đ', 'CĐ'], true]);
  });

  it('drives onEdit with an event object', () => {
    const toan = load(GV_TOAN);
    const e = toan.rt.editEvent('E2', { value: '11', oldValue: '' });
    toan.call('onEdit', e);
    expect(toan.rt.globals.SpreadsheetApp.getActive()!.getRange('Toán!E2').getNote()).toBe(`Đã sửa bởi ${GV_TOAN}`);
  });

  it('simulates a person typing: strict validation rejects, lenient keeps the input, protections apply', () => {
    const admin = load(ADMIN);
    const SA = admin.rt.globals.SpreadsheetApp;
    SA.getActive()!.getRange('Toán!H2').setDataValidation(SA.newDataValidation().requireNumberBetween(0, 10).setAllowInvalid(false).setHelpText('Điểm từ 0 đến 10').build());
    SA.getActive()!.getRange('Toán!H3').setDataValidation(SA.newDataValidation().requireNumberBetween(0, 10).setAllowInvalid(true).build());
    const toan = load(GV_TOAN);
    toan.rt.reset();
    expect(() => toan.rt.userEdit('H2', '11')).toThrow('Điểm từ 0 đến 10');
    const e = toan.rt.userEdit('H3', '11');
    expect(e.value).toBe('11');
    expect(toan.rt.globals.SpreadsheetApp.getActive()!.getRange('Toán!H2:H3').getValues()).toEqual([[''], [11]]);
    toan.rt.userEdit('H2', '9,5');
    expect(toan.rt.globals.SpreadsheetApp.getActive()!.getRange('Toán!H2').getValue()).toBe(9.5);
    expect(() => load(GV_VAN).rt.userEdit('C3', '5')).toThrow(PROTECTED_CELL_MESSAGE);
    expect(toan.rt.calls.byMethod).toEqual({ 'SpreadsheetApp.getActive': 2, 'Spreadsheet.getRange': 2, 'Range.getValues': 1, 'Range.getValue': 1 });
  });

  it('manages protections through Protection objects', () => {
    const { rt } = load(ADMIN);
    const sheet = rt.globals.SpreadsheetApp.getActive()!.getSheetByName('Toán')!;
    const p = sheet.getRange('G1:G10').protect().setDescription('Khóa HK1');
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([ADMIN]);
    p.addEditor(GV_VAN);
    expect(sheet.getProtections(rt.globals.SpreadsheetApp.ProtectionType.RANGE).map((x) => x.getDescription())).toContain('Khóa HK1');
    const toan = load(GV_TOAN);
    expect(() => toan.call('writeMark', 'G1', 'x')).toThrow(PROTECTED_CELL_MESSAGE);
    const toanView = toan.rt.globals.SpreadsheetApp.getActive()!.getSheetByName('Toán')!.getProtections(rt.globals.SpreadsheetApp.ProtectionType.RANGE);
    expect(toanView.find((x) => x.getDescription() === 'Khóa HK1')!.canEdit()).toBe(false);
    load(GV_VAN).call('writeMark', 'G1', 'x');
    p.remove();
    toan.call('writeMark', 'G1', 'y');
  });

  it('persists properties per script/user/document, shares locks and caches across runtimes', () => {
    const a = load(GV_TOAN).rt.globals;
    const b = load(GV_VAN).rt.globals;
    a.PropertiesService.getScriptProperties().setProperty('k', 'v');
    a.PropertiesService.getUserProperties().setProperty('mine', '1');
    a.PropertiesService.getDocumentProperties()!.setProperties({ lop: '10A1' });
    expect(b.PropertiesService.getScriptProperties().getProperty('k')).toBe('v');
    expect(b.PropertiesService.getUserProperties().getProperty('mine')).toBeNull();
    expect(b.PropertiesService.getDocumentProperties()!.getProperty('lop')).toBe('10A1');
    const la = a.LockService.getDocumentLock()!;
    const lb = b.LockService.getDocumentLock()!;
    expect(la.tryLock(1000)).toBe(true);
    expect(lb.tryLock(1000)).toBe(false);
    expect(() => lb.waitLock(1000)).toThrow('Lock timeout');
    la.releaseLock();
    expect(lb.tryLock(1000)).toBe(true);
    lb.releaseLock();
    a.CacheService.getScriptCache().put('x', 'y', 60);
    expect(b.CacheService.getScriptCache().get('x')).toBe('y');
    expect(b.CacheService.getUserCache().get('x')).toBeNull();
  });

  it('answers alerts, delegates UrlFetchApp, hands out identity tokens', () => {
    const seen: string[] = [];
    const rt = createAppsScriptRuntime({
      workspace: server.workspace,
      user: GV_TOAN,
      activeSpreadsheetId: id,
      respond: () => ({ button: 'NO' }),
      fetch: (req) => {
        seen.push(`${req.method} ${req.url} ${req.headers.Authorization}`);
        return { status: req.url.endsWith('/bad') ? 500 : 200, body: '{"ok":true}' };
      },
    });
    const g = rt.globals;
    const ui = g.SpreadsheetApp.getUi();
    expect(ui.alert('Xác nhận', 'Khóa sổ?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    const token = g.ScriptApp.getIdentityToken();
    expect(token).toBe(GV_TOAN);
    const res = g.UrlFetchApp.fetch('http://127.0.0.1:1/api/x', { method: 'post', headers: { Authorization: `Bearer ${token}` }, payload: '{}' });
    expect(JSON.parse(res.getContentText())).toEqual({ ok: true });
    expect(() => g.UrlFetchApp.fetch('http://127.0.0.1:1/bad')).toThrow('returned code 500');
    expect(g.UrlFetchApp.fetch('http://127.0.0.1:1/bad', { muteHttpExceptions: true }).getResponseCode()).toBe(500);
    expect(seen[0]).toBe(`POST http://127.0.0.1:1/api/x Bearer ${GV_TOAN}`);
    expect(g.Session.getActiveUser().getEmail()).toBe(GV_TOAN);
    expect(rt.ui.alerts[0]).toMatchObject({ title: 'Xác nhận', prompt: 'Khóa sổ?', response: 'NO' });
  });

  it('refuses setValues with the wrong shape and readers writing', async () => {
    await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'reader', emailAddress: 'hs@thpt-hbt.edu.vn' } });
    const reader = load('hs@thpt-hbt.edu.vn');
    expect(() => reader.call('writeMark', 'Z1', 'x')).toThrow('You do not have permission');
    const { rt } = load(ADMIN);
    expect(() => rt.globals.SpreadsheetApp.getActive()!.getRange('Toán!A1:B1').setValues([['a']])).toThrow('The number of columns in the data does not match');
  });
});
