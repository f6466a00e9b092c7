// Drive v3 and Docs v1 through googleapis: copy (deep, protections kept, copier owns), update (name, parents,
// appProperties, trashed), delete (folders cascade), uploads/downloads, export (xlsx, pdf), Docs routes.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GV_TOAN, GV_VAN, clients, failure, startServer } from './helpers.ts';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let admin: ReturnType<typeof clients>;
let toan: ReturnType<typeof clients>;

const FOLDER = 'application/vnd.google-apps.folder';

beforeAll(async () => {
  server = await startServer();
  admin = clients(server.url, ADMIN);
  toan = clients(server.url, GV_TOAN);
});
afterAll(async () => {
  await server.close();
});

describe('Drive files', () => {
  it('copies a spreadsheet deeply: values, protections; the copier owns the copy and sharing is not copied', async () => {
    const folder = await admin.drive.files.create({ requestBody: { name: 'Mẫu', mimeType: FOLDER } });
    const src = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'Mẫu sổ', locale: 'vi_VN' }, sheets: [{ properties: { title: 'Toán' } }] } });
    const id = src.data.spreadsheetId!;
    const sheetId = src.data.sheets![0]!.properties!.sheetId!;
    await admin.drive.files.update({ fileId: id, addParents: folder.data.id!, requestBody: { appProperties: { hosoKind: 'template' } } });
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Toán!A1', valueInputOption: 'USER_ENTERED', requestBody: { values: [['Mã', '7,5']] } });
    await admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId, startColumnIndex: 1, endColumnIndex: 2 }, editors: { users: [GV_VAN] } } } }] } });
    await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'reader', emailAddress: GV_TOAN } });

    const copy = await toan.drive.files.copy({ fileId: id, requestBody: { name: 'Sổ của tôi' }, fields: 'id,name,owners,parents,appProperties' });
    expect(copy.data.name).toBe('Sổ của tôi');
    expect(copy.data.owners![0]!.emailAddress).toBe(GV_TOAN);
    expect(copy.data.parents).toEqual(['root']); // GV Toán cannot write into the admin's folder: My Drive
    expect(copy.data.appProperties).toEqual({ hosoKind: 'template' });
    const cid = copy.data.id!;
    const got = await toan.sheets.spreadsheets.values.get({ spreadsheetId: cid, range: 'Toán!A1:B1', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(got.data.values).toEqual([['Mã', 7.5]]);
    const ss = await toan.sheets.spreadsheets.get({ spreadsheetId: cid });
    expect(ss.data.sheets![0]!.protectedRanges![0]!.editors!.users).toContain(GV_VAN);
    // as the copy's owner GV Toán is not bound by the protection
    await toan.sheets.spreadsheets.values.update({ spreadsheetId: cid, range: 'Toán!B1', valueInputOption: 'RAW', requestBody: { values: [[1]] } });
    // the admin had no access to GV Toán's copy
    expect((await failure(admin.sheets.spreadsheets.get({ spreadsheetId: cid }))).status).toBe(403);
    // the original is unchanged
    const orig = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Toán!B1', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(orig.data.values).toEqual([[7.5]]);
    // the admin's copy lands in the same folder
    const c2 = await admin.drive.files.copy({ fileId: id, fields: 'id,name,parents' });
    expect(c2.data).toMatchObject({ name: 'Copy of Mẫu sổ', parents: [folder.data.id] });
  });

  it('updates names, parents, appProperties, trash; only writers update and only owners delete', async () => {
    const a = await admin.drive.files.create({ requestBody: { name: 'A', mimeType: FOLDER } });
    const b = await admin.drive.files.create({ requestBody: { name: 'B', mimeType: FOLDER } });
    const f = await admin.drive.files.create({ requestBody: { name: 'sổ', mimeType: 'application/vnd.google-apps.spreadsheet', parents: [a.data.id!], appProperties: { k: '1', x: 'y' } } });
    const moved = await admin.drive.files.update({
      fileId: f.data.id!,
      addParents: b.data.id!,
      removeParents: a.data.id!,
      requestBody: { name: 'sổ mới', appProperties: { k: '2', x: null } as never },
      fields: 'name,parents,appProperties',
    });
    expect(moved.data).toEqual({ name: 'sổ mới', parents: [b.data.id], appProperties: { k: '2' } });
    expect((await admin.sheets.spreadsheets.get({ spreadsheetId: f.data.id! })).data.properties!.title).toBe('sổ mới');
    await admin.drive.permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: GV_TOAN } });
    expect((await failure(toan.drive.files.update({ fileId: f.data.id!, requestBody: { name: 'x' } }))).status).toBe(403);
    await admin.drive.permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
    await toan.drive.files.update({ fileId: f.data.id!, requestBody: { description: 'ok' } });
    expect((await failure(toan.drive.files.delete({ fileId: f.data.id! }))).status).toBe(403);
    await admin.drive.files.update({ fileId: f.data.id!, requestBody: { trashed: true } });
    const live = await admin.drive.files.list({ q: `'${b.data.id}' in parents and trashed = false` });
    expect(live.data.files).toEqual([]);
    const trashed = await admin.drive.files.list({ q: `'${b.data.id}' in parents and trashed = true` });
    expect(trashed.data.files!.map((x) => x.id)).toEqual([f.data.id]);
    // deleting a folder deletes what only lives in it
    await admin.drive.files.delete({ fileId: b.data.id! });
    expect((await failure(admin.drive.files.get({ fileId: f.data.id! }))).status).toBe(404);
    expect((await failure(admin.sheets.spreadsheets.get({ spreadsheetId: f.data.id! }))).status).toBe(404);
  });

  it('uploads binary files (multipart) and downloads them with alt=media', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% bytes \u00ff\u0000\n', 'latin1');
    const up = await admin.drive.files.create({
      requestBody: { name: 'hoc-ba.pdf', appProperties: { sha256: 'abc' } },
      media: { mimeType: 'application/pdf', body: Readable.from([pdf]) },
      fields: 'id,name,mimeType,size,md5Checksum',
    });
    expect(up.data).toMatchObject({ name: 'hoc-ba.pdf', mimeType: 'application/pdf', size: String(pdf.length) });
    const dl = await admin.drive.files.get({ fileId: up.data.id!, alt: 'media' }, { responseType: 'arraybuffer' });
    expect(Buffer.from(dl.data as ArrayBuffer).equals(pdf)).toBe(true);
    // replace the content
    await admin.drive.files.update({ fileId: up.data.id!, media: { mimeType: 'application/pdf', body: 'v2' } });
    const dl2 = await admin.drive.files.get({ fileId: up.data.id!, alt: 'media' }, { responseType: 'text' });
    expect(dl2.data).toBe('v2');
    // Google-native files are exported, not downloaded
    const ss = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'x' } } });
    expect((await failure(admin.drive.files.get({ fileId: ss.data.spreadsheetId!, alt: 'media' }))).status).toBe(403);
  });

  it('exports a spreadsheet to xlsx and pdf', async () => {
    const ss = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'Xuất', locale: 'vi_VN' }, sheets: [{ properties: { title: 'Toán 10A1' } }] } });
    const id = ss.data.spreadsheetId!;
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!A1", valueInputOption: 'USER_ENTERED', requestBody: { values: [['Tên', 'Điểm'], ['An', '7,5']] } });
    const x = await admin.drive.files.export({ fileId: id, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, { responseType: 'arraybuffer' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.data as ArrayBuffer);
    const ws = wb.getWorksheet('Toán 10A1')!;
    expect(ws.getCell('B2').value).toBe(7.5);
    expect(ws.getCell('A1').value).toBe('Tên');
    const p = await admin.drive.files.export({ fileId: id, mimeType: 'application/pdf' }, { responseType: 'arraybuffer' });
    expect(Buffer.from(p.data as ArrayBuffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await failure(admin.drive.files.export({ fileId: id, mimeType: 'image/png' }))).status).toBe(400);
  });
});

describe('Drive queries and sheet copies', () => {
  it("understands 'me' in owners, sharedWithMe, orderBy and paging", async () => {
    const mine = await toan.drive.files.create({ requestBody: { name: 'zz của Toán', mimeType: FOLDER } });
    const shared = await admin.drive.files.create({ requestBody: { name: 'aa chia sẻ', mimeType: FOLDER } });
    await admin.drive.permissions.create({ fileId: shared.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: GV_TOAN } });
    const own = await toan.drive.files.list({ q: `'me' in owners and mimeType = '${FOLDER}'` });
    expect(own.data.files!.map((f) => f.id)).toEqual([mine.data.id]);
    const sw = await toan.drive.files.list({ q: 'sharedWithMe = true' });
    expect(sw.data.files!.map((f) => f.id)).toContain(shared.data.id);
    expect(sw.data.files!.map((f) => f.id)).not.toContain(mine.data.id);
    const ordered = await toan.drive.files.list({ q: `mimeType = '${FOLDER}'`, orderBy: 'name', pageSize: 1 });
    expect(ordered.data.files!.map((f) => f.name)).toEqual(['aa chia sẻ']);
    const page2 = await toan.drive.files.list({ q: `mimeType = '${FOLDER}'`, orderBy: 'name', pageSize: 1, pageToken: ordered.data.nextPageToken! });
    expect(page2.data.files!.map((f) => f.name)).toEqual(['zz của Toán']);
  });

  it('copies one sheet into another spreadsheet (sheets.copyTo)', async () => {
    const a = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'A' }, sheets: [{ properties: { title: 'Mẫu' } }] } });
    const b = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'B' } } });
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: a.data.spreadsheetId!, range: 'Mẫu!A1', valueInputOption: 'RAW', requestBody: { values: [['x', 1]] } });
    const res = await admin.sheets.spreadsheets.sheets.copyTo({ spreadsheetId: a.data.spreadsheetId!, sheetId: a.data.sheets![0]!.properties!.sheetId!, requestBody: { destinationSpreadsheetId: b.data.spreadsheetId! } });
    expect(res.data.title).toBe('Copy of Mẫu');
    const got = await admin.sheets.spreadsheets.values.get({ spreadsheetId: b.data.spreadsheetId!, range: "'Copy of Mẫu'!A1:B1", valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(got.data.values).toEqual([['x', 1]]);
  });
});

describe('Docs', () => {
  it('creates, edits and reads documents with access checks; exports PDF', async () => {
    const doc = await admin.docs.documents.create({ requestBody: { title: 'Học bạ 10A1' } });
    const id = doc.data.documentId!;
    expect(doc.data.title).toBe('Học bạ 10A1');
    const r = await admin.docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'Xin chào' } }] } });
    expect(r.data.documentId).toBe(id);
    const got = await admin.docs.documents.get({ documentId: id });
    expect(JSON.stringify(got.data.body)).toContain('Xin chào');
    expect((await failure(toan.docs.documents.get({ documentId: id }))).status).toBe(403);
    expect((await failure(admin.docs.documents.get({ documentId: 'khong-co' }))).status).toBe(404);
    const bad = await failure(admin.docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 9999 }, text: 'x' } }] } }));
    expect(bad.status).toBe(400);
    const list = await admin.drive.files.list({ q: "mimeType = 'application/vnd.google-apps.document'" });
    expect(list.data.files!.map((f) => f.id)).toContain(id);
    const pdf = await admin.drive.files.export({ fileId: id, mimeType: 'application/pdf' }, { responseType: 'arraybuffer' });
    expect(Buffer.from(pdf.data as ArrayBuffer).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
