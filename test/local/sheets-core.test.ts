// Sheets v4 core through the real googleapis client over HTTP: values, batchGet order, vi_VN input,
// identity/permission errors, protected ranges (incl. all-or-nothing batches), sharing and Drive visibility.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GV_TOAN, GV_VAN, OUTSIDER, clients, failure, startServer } from './helpers.ts';
import { PROTECTED_CELL_MESSAGE } from '../../server/local/errors.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let admin: ReturnType<typeof clients>;
let toan: ReturnType<typeof clients>;

beforeAll(async () => {
  server = await startServer();
  admin = clients(server.url, ADMIN);
  toan = clients(server.url, GV_TOAN);
});
afterAll(async () => {
  await server.close();
});

async function book(locale = 'vi_VN'): Promise<{ id: string; sheetId: number }> {
  const res = await admin.sheets.spreadsheets.create({
    requestBody: { properties: { title: 'Sổ điểm 10A1', locale }, sheets: [{ properties: { title: 'Toán 10A1' } }, { properties: { title: 'Văn' } }] },
  });
  return { id: res.data.spreadsheetId!, sheetId: res.data.sheets![0]!.properties!.sheetId! };
}

describe('values', () => {
  it('parses USER_ENTERED with the vi_VN locale and renders each option', async () => {
    const { id } = await book();
    await admin.sheets.spreadsheets.values.update({
      spreadsheetId: id,
      range: "'Toán 10A1'!B3:F3",
      valueInputOption: 'USER_ENTERED',
      requestBody: { values: [['7,5', '7.5', '=AVERAGE(B3:C3)', 'TRUE', "'8,0"]] },
    });
    const unf = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!B3:F3", valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(unf.data.values).toEqual([[7.5, '7.5', 7.5, true, '8,0']]); // AVERAGE skips the text "7.5"
    const fmt = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!B3:F3" });
    expect(fmt.data.values).toEqual([['7,5', '7.5', '7,5', 'TRUE', '8,0']]);
    const formula = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!B3:F3", valueRenderOption: 'FORMULA' });
    expect(formula.data.values).toEqual([[7.5, '7.5', '=AVERAGE(B3:C3)', true, '8,0']]);
    expect(fmt.data.range).toBe("'Toán 10A1'!B3:F3");
  });

  it('keeps RAW strings as text and en_US parses dots', async () => {
    const { id } = await book('en_US');
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A1', valueInputOption: 'RAW', requestBody: { values: [['=1+1', '7.5']] } });
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A2', valueInputOption: 'USER_ENTERED', requestBody: { values: [['7.5', '1,234']] } });
    const res = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Văn', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(res.data.values).toEqual([['=1+1', '7.5'], [7.5, 1234]]);
  });

  it('answers batchGet in request order, with COLUMNS and open ranges', async () => {
    const { id } = await book();
    await admin.sheets.spreadsheets.values.update({
      spreadsheetId: id,
      range: "'Toán 10A1'!A1",
      valueInputOption: 'RAW',
      requestBody: { values: [['a', 'b', 'c'], [1, 2, 3], [4, 5, 6]] },
    });
    const res = await admin.sheets.spreadsheets.values.batchGet({
      spreadsheetId: id,
      ranges: ["'Toán 10A1'!C:C", "'Toán 10A1'!2:2", "'Toán 10A1'!A1:B", "'Toán 10A1'!B2"],
      majorDimension: 'ROWS',
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    const vr = res.data.valueRanges!;
    expect(vr.map((v) => v.values)).toEqual([[['c'], [3], [6]], [[1, 2, 3]], [['a', 'b'], [1, 2], [4, 5]], [[2]]]);
    expect(vr[0]!.range).toBe("'Toán 10A1'!C1:C1000");
    const cols = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!A1:C3", majorDimension: 'COLUMNS', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(cols.data.values).toEqual([['a', 1, 4], ['b', 2, 5], ['c', 3, 6]]);
  });

  it('appends below the table, clears values, batchClears', async () => {
    const { id } = await book();
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A1', valueInputOption: 'RAW', requestBody: { values: [['h1', 'h2'], ['x', 'y']] } });
    const ap = await admin.sheets.spreadsheets.values.append({ spreadsheetId: id, range: 'Văn!A1:B1', valueInputOption: 'RAW', requestBody: { values: [['z', 'w']] } });
    expect(ap.data.updates!.updatedRange).toBe('Văn!A3:B3'.replace('Văn', "'Văn'"));
    await admin.sheets.spreadsheets.values.clear({ spreadsheetId: id, range: 'Văn!B1:B3' });
    await admin.sheets.spreadsheets.values.batchClear({ spreadsheetId: id, requestBody: { ranges: ['Văn!A3'] } });
    const res = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Văn' });
    expect(res.data.values).toEqual([['h1'], ['x']]);
  });

  it('refuses writes beyond the given range and bad ranges', async () => {
    const { id } = await book();
    const e1 = await failure(admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A1:B1', valueInputOption: 'RAW', requestBody: { values: [[1, 2, 3]] } }));
    expect(e1.status).toBe(400);
    expect(e1.message).toContain('but tried writing to column [C]');
    const e2 = await failure(admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Không có!A1' }));
    expect(e2).toEqual({ status: 400, message: 'Unable to parse range: Không có!A1', code: 'INVALID_ARGUMENT' });
    const e3 = await failure(admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Văn!A0' }));
    expect(e3.message).toBe('Unable to parse range: Văn!A0');
    // outside the grid (1000×26): Google refuses values writes (reads are clipped); only append grows the grid
    const e5 = await failure(admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!AA1', valueInputOption: 'RAW', requestBody: { values: [[1]] } }));
    expect(e5).toEqual({ status: 400, message: "Range ('Văn'!AA1) exceeds grid limits. Max rows: 1000, max columns: 26", code: 'INVALID_ARGUMENT' });
    expect((await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Văn!B2:ZZZ5000' })).data.range).toBe("'Văn'!B2:Z1000"); // reads are clipped
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A1000', valueInputOption: 'RAW', requestBody: { values: [['cuối']] } });
    await admin.sheets.spreadsheets.values.append({ spreadsheetId: id, range: 'Văn!A1:A1000', valueInputOption: 'RAW', requestBody: { values: [['thêm']] } });
    expect((await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Văn!A1001' })).data.values).toEqual([['thêm']]);
    const e4 = await failure(admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A1', requestBody: { values: [[1]] } }));
    expect(e4.status).toBe(400);
  });
});

describe('identity and permissions', () => {
  it('401 without a usable token, 403 without access, 404 for a missing file', async () => {
    const { id } = await book();
    const bad = await failure(clients(server.url, 'not-an-email').sheets.spreadsheets.get({ spreadsheetId: id }));
    expect(bad.status).toBe(401);
    expect(bad.code).toBe('UNAUTHENTICATED');
    const raw = await fetch(`${server.url}v4/spreadsheets/${id}`);
    expect(raw.status).toBe(401);
    expect(((await raw.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
    expect(await failure(clients(server.url, OUTSIDER).sheets.spreadsheets.get({ spreadsheetId: id }))).toEqual({
      status: 403,
      message: 'The caller does not have permission',
      code: 'PERMISSION_DENIED',
    });
    expect((await failure(admin.sheets.spreadsheets.get({ spreadsheetId: 'khong-ton-tai' }))).status).toBe(404);
    expect((await failure(admin.drive.files.get({ fileId: 'khong-ton-tai' }))).status).toBe(404);
  });

  it('readers and commenters read but cannot write; writers write', async () => {
    const { id } = await book();
    await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'reader', emailAddress: GV_VAN } });
    await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
    const van = clients(server.url, GV_VAN);
    await van.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Văn!A1' });
    const w = await failure(van.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A1', valueInputOption: 'RAW', requestBody: { values: [['x']] } }));
    expect(w).toEqual({ status: 403, message: 'The caller does not have permission', code: 'PERMISSION_DENIED' });
    await toan.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A1', valueInputOption: 'RAW', requestBody: { values: [['ok']] } });
    const perms = await admin.drive.permissions.list({ fileId: id });
    expect(perms.data.permissions!.map((p) => [p.emailAddress, p.role]).sort()).toEqual(
      [[ADMIN, 'owner'], [GV_TOAN, 'writer'], [GV_VAN, 'reader']].sort(),
    );
    const toanPerm = perms.data.permissions!.find((p) => p.emailAddress === GV_TOAN)!;
    await admin.drive.permissions.delete({ fileId: id, permissionId: toanPerm.id! });
    expect((await failure(toan.sheets.spreadsheets.get({ spreadsheetId: id }))).status).toBe(403);
  });
});

describe('protected ranges', () => {
  it('blocks a non-editor with Google message, applies nothing of the batch, lets the owner and editors write', async () => {
    const { id, sheetId } = await book();
    await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
    await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_VAN } });
    const add = await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { addProtectedRange: { protectedRange: { range: { sheetId, startRowIndex: 2, endRowIndex: 45, startColumnIndex: 1, endColumnIndex: 6 }, description: 'Điểm Toán', editors: { users: [GV_VAN] } } } },
          { addProtectedRange: { protectedRange: { range: { sheetId: (await admin.sheets.spreadsheets.get({ spreadsheetId: id })).data.sheets![1]!.properties!.sheetId }, warningOnly: true } } },
        ],
      },
    });
    const pr = add.data.replies![0]!.addProtectedRange!.protectedRange!;
    expect(pr.editors!.users).toEqual(expect.arrayContaining([ADMIN, GV_VAN]));
    expect(pr.editors!.users).not.toContain(GV_TOAN);

    // GV Toán writes one free cell and one protected cell in one batch: refused, nothing applied.
    const e = await failure(
      toan.sheets.spreadsheets.values.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          valueInputOption: 'USER_ENTERED',
          data: [
            { range: "'Toán 10A1'!A1", values: [['tự do']] },
            { range: "'Toán 10A1'!B3", values: [['9,5']] },
          ],
        },
      }),
    );
    expect(e).toEqual({ status: 400, message: PROTECTED_CELL_MESSAGE, code: 'INVALID_ARGUMENT' });
    const after = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!A1:B3" });
    expect(after.data.values).toBeUndefined();
    // batchUpdate requests are all-or-nothing too
    const e2 = await failure(
      toan.sheets.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            { updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'x' } }] }], fields: 'userEnteredValue' } },
            { repeatCell: { range: { sheetId, startRowIndex: 10, endRowIndex: 11, startColumnIndex: 2, endColumnIndex: 3 }, cell: { note: 'n' }, fields: 'note' } },
          ],
        },
      }),
    );
    expect(e2.message).toBe(PROTECTED_CELL_MESSAGE);
    expect((await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!A1" })).data.values).toBeUndefined();

    // outside the range GV Toán may write; the warning-only sheet does not block API writes
    await toan.sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!A1", valueInputOption: 'RAW', requestBody: { values: [['tự do']] } });
    await toan.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Văn!A1', valueInputOption: 'RAW', requestBody: { values: [['cảnh báo']] } });
    // editor and owner write inside
    await clients(server.url, GV_VAN).sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!B3", valueInputOption: 'USER_ENTERED', requestBody: { values: [['8,5']] } });
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!C3", valueInputOption: 'USER_ENTERED', requestBody: { values: [['9']] } });
    const got = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!A1:C3", valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(got.data.values).toEqual([['tự do'], [], ['', 8.5, 9]]);

    // clearing the protected area is refused too; editors are listed to the owner, hidden from non-editors
    expect((await failure(toan.sheets.spreadsheets.values.clear({ spreadsheetId: id, range: "'Toán 10A1'!B3" }))).message).toBe(PROTECTED_CELL_MESSAGE);
    const asOwner = await admin.sheets.spreadsheets.get({ spreadsheetId: id });
    expect(asOwner.data.sheets![0]!.protectedRanges![0]!.editors!.users).toContain(GV_VAN);
    const asToan = await toan.sheets.spreadsheets.get({ spreadsheetId: id });
    expect(asToan.data.sheets![0]!.protectedRanges![0]!.requestingUserCanEdit).toBe(false);
    expect(asToan.data.sheets![0]!.protectedRanges![0]!.editors).toBeUndefined();
  });

  it('whole-sheet protection with unprotected ranges; update and delete of protections', async () => {
    const { id, sheetId } = await book();
    await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
    const add = await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId }, unprotectedRanges: [{ sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 }] } } }] },
    });
    const prId = add.data.replies![0]!.addProtectedRange!.protectedRange!.protectedRangeId!;
    await toan.sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!A1", valueInputOption: 'RAW', requestBody: { values: [['ô mở']] } });
    expect((await failure(toan.sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!A1:B1", valueInputOption: 'RAW', requestBody: { values: [['a', 'b']] } }))).status).toBe(400);
    // a non-editor can neither rename the protected sheet nor drop the protection
    expect((await failure(toan.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ updateSheetProperties: { properties: { sheetId, title: 'X' }, fields: 'title' } }] } }))).message).toBe(PROTECTED_CELL_MESSAGE);
    expect((await failure(toan.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteProtectedRange: { protectedRangeId: prId } }] } }))).message).toBe(PROTECTED_CELL_MESSAGE);
    // the owner adds GV Toán as editor, then removes the protection
    await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ updateProtectedRange: { protectedRange: { protectedRangeId: prId, editors: { users: [ADMIN, GV_TOAN] } }, fields: 'editors' } }] },
    });
    await toan.sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!A1:B1", valueInputOption: 'RAW', requestBody: { values: [['a', 'b']] } });
    await admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteProtectedRange: { protectedRangeId: prId } }] } });
    const ss = await admin.sheets.spreadsheets.get({ spreadsheetId: id });
    expect(ss.data.sheets![0]!.protectedRanges).toBeUndefined();
  });
});

describe('sheets and drive', () => {
  it('adds, updates and deletes sheets', async () => {
    const { id } = await book();
    const r = await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ addSheet: { properties: { title: 'Tổng hợp', gridProperties: { rowCount: 50, columnCount: 10, frozenRowCount: 2 } } } }] },
    });
    const sid = r.data.replies![0]!.addSheet!.properties!.sheetId!;
    await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ updateSheetProperties: { properties: { sheetId: sid, hidden: true, gridProperties: { frozenColumnCount: 3 } }, fields: 'hidden,gridProperties.frozenColumnCount' } }] },
    });
    let ss = await admin.sheets.spreadsheets.get({ spreadsheetId: id });
    const props = ss.data.sheets!.find((s) => s.properties!.sheetId === sid)!.properties!;
    expect(props).toMatchObject({ title: 'Tổng hợp', hidden: true, gridProperties: { rowCount: 50, columnCount: 10, frozenRowCount: 2, frozenColumnCount: 3 } });
    const dup = await failure(admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'tổng hợp' } } }] } }));
    expect(dup.message).toContain('already exists');
    await admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteSheet: { sheetId: sid } }] } });
    ss = await admin.sheets.spreadsheets.get({ spreadsheetId: id });
    expect(ss.data.sheets!.map((s) => s.properties!.title)).toEqual(['Toán 10A1', 'Văn']);
  });

  it('lists only what the caller owns or is shared with, with q filters', async () => {
    const folder = await admin.drive.files.create({ requestBody: { name: 'Năm học 2025-2026', mimeType: 'application/vnd.google-apps.folder', appProperties: { hosoKind: 'year' } } });
    const fid = folder.data.id!;
    const a = await admin.drive.files.create({ requestBody: { name: 'Sổ 10A1', mimeType: 'application/vnd.google-apps.spreadsheet', parents: [fid], appProperties: { hosoKind: 'gradebook', lop: '10A1' } } });
    const b = await admin.drive.files.create({ requestBody: { name: 'Sổ 10A2', mimeType: 'application/vnd.google-apps.spreadsheet', parents: [fid], appProperties: { hosoKind: 'gradebook', lop: '10A2' } } });
    await admin.drive.permissions.create({ fileId: a.data.id!, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
    const q = `'${fid}' in parents and appProperties has { key='hosoKind' and value='gradebook' } and trashed = false`;
    const mine = await admin.drive.files.list({ q, fields: 'files(id,name,appProperties,parents)' });
    expect(mine.data.files!.map((f) => f.name).sort()).toEqual(['Sổ 10A1', 'Sổ 10A2']);
    const theirs = await toan.drive.files.list({ q, fields: 'files(id,name)' });
    expect(theirs.data.files!.map((f) => f.id)).toEqual([a.data.id]);
    const byName = await admin.drive.files.list({ q: "name = 'Sổ 10A2' and mimeType = 'application/vnd.google-apps.spreadsheet'" });
    expect(byName.data.files!.map((f) => f.id)).toEqual([b.data.id]);
    expect(Object.keys(byName.data.files![0]!).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const contains = await admin.drive.files.list({ q: "name contains '10A' and not name contains '10A1'", pageSize: 1000 });
    expect(contains.data.files!.map((f) => f.id)).toContain(b.data.id);
    expect(contains.data.files!.map((f) => f.id)).not.toContain(a.data.id);
    // a folder share reaches the files inside it
    await admin.drive.permissions.create({ fileId: fid, requestBody: { type: 'user', role: 'reader', emailAddress: GV_VAN } });
    const van = await clients(server.url, GV_VAN).drive.files.list({ q: `'${fid}' in parents` });
    expect(van.data.files!.length).toBe(2);
    expect((await failure(admin.drive.files.list({ q: "name = 'unterminated" }))).status).toBe(400);
  });

  it('counts calls by discovery id and user', async () => {
    await fetch(`${server.url}_local/stats/reset`, { method: 'POST' });
    const { id } = await book();
    await admin.sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Văn!A1'] });
    await failure(toan.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Văn!A1' }));
    const stats = (await (await fetch(`${server.url}_local/stats`)).json()) as { total: number; byMethod: Record<string, number>; byUser: Record<string, number> };
    expect(stats).toEqual({
      total: 3,
      byMethod: { 'sheets.spreadsheets.create': 1, 'sheets.spreadsheets.values.batchGet': 1, 'sheets.spreadsheets.values.get': 1 },
      byUser: { [ADMIN]: 2, [GV_TOAN]: 1 },
    });
  });
});
