// spreadsheets.batchUpdate beyond the core: cells/notes/formats/validation, named ranges in A1, structural edits
// that shift cells, notes, protections and named ranges together (a mark never moves to another student), sort,
// dimension properties, charts, merges, metadata, spreadsheet properties.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GV_TOAN, clients, failure, startServer } from './helpers.ts';
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

/** A class book: header row, 4 students (id, name, mark), a note on each mark, a protected mark column. */
async function classBook() {
  const res = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'Sổ', locale: 'vi_VN' }, sheets: [{ properties: { title: 'Toán' } }] } });
  const id = res.data.spreadsheetId!;
  const sheetId = res.data.sheets![0]!.properties!.sheetId!;
  await admin.sheets.spreadsheets.values.update({
    spreadsheetId: id,
    range: 'Toán!A1',
    valueInputOption: 'USER_ENTERED',
    requestBody: { values: [['Mã', 'Tên', 'Điểm'], ['HS04', 'Dũng', '6,5'], ['HS01', 'An', '9'], ['HS03', 'Chi', '7'], ['HS02', 'Bình', '8,5']] },
  });
  await admin.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
  const b = await admin.sheets.spreadsheets.batchUpdate({
    spreadsheetId: id,
    requestBody: {
      requests: [
        {
          updateCells: {
            range: { sheetId, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 2, endColumnIndex: 3 },
            rows: ['HS04', 'HS01', 'HS03', 'HS02'].map((s) => ({ values: [{ note: `điểm của ${s}` }] })),
            fields: 'note',
          },
        },
        { addProtectedRange: { protectedRange: { range: { sheetId, startRowIndex: 2, endRowIndex: 3, startColumnIndex: 2, endColumnIndex: 3 }, description: 'HS01 khóa' } } },
        { addNamedRange: { namedRange: { name: 'DiemToan', range: { sheetId, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 2, endColumnIndex: 3 } } } },
      ],
    },
  });
  const prId = b.data.replies![1]!.addProtectedRange!.protectedRange!.protectedRangeId!;
  return { id, sheetId, prId };
}

async function rows(id: string): Promise<unknown[][]> {
  const res = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Toán', valueRenderOption: 'UNFORMATTED_VALUE' });
  return res.data.values ?? [];
}

async function notesByStudent(id: string): Promise<Record<string, string>> {
  const ss = await admin.sheets.spreadsheets.get({ spreadsheetId: id, includeGridData: true, ranges: ['Toán!A1:E20'] });
  const out: Record<string, string> = {};
  for (const rd of ss.data.sheets![0]!.data![0]!.rowData ?? []) {
    const v = rd.values ?? [];
    const sid = v[0]?.userEnteredValue?.stringValue;
    const note = v.find((c) => c.note)?.note;
    if (sid && note) out[sid] = note;
  }
  return out;
}

async function protectedRange(id: string) {
  const ss = await admin.sheets.spreadsheets.get({ spreadsheetId: id });
  return { pr: ss.data.sheets![0]!.protectedRanges?.[0], named: ss.data.namedRanges?.[0] };
}

describe('structural edits keep each mark with its student', () => {
  it('insertDimension (rows and columns) shifts cells, notes, protections and named ranges', async () => {
    const { id, sheetId } = await classBook();
    await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 2, endIndex: 4 } } },
          { insertDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 }, inheritFromBefore: true } },
        ],
      },
    });
    expect(await rows(id)).toEqual([['Mã', '', 'Tên', 'Điểm'], ['HS04', '', 'Dũng', 6.5], [], [], ['HS01', '', 'An', 9], ['HS03', '', 'Chi', 7], ['HS02', '', 'Bình', 8.5]]);
    expect(await notesByStudent(id)).toEqual({ HS04: 'điểm của HS04', HS01: 'điểm của HS01', HS03: 'điểm của HS03', HS02: 'điểm của HS02' });
    const { pr, named } = await protectedRange(id);
    expect(pr!.range).toEqual({ sheetId, startRowIndex: 4, endRowIndex: 5, startColumnIndex: 3, endColumnIndex: 4 });
    expect(named!.range).toEqual({ sheetId, startRowIndex: 1, endRowIndex: 7, startColumnIndex: 3, endColumnIndex: 4 });
    // the named range is usable in A1 and covers the moved marks
    const byName = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'DiemToan', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(byName.data.values).toEqual([[6.5], [], [], [9], [7], [8.5]]);
    // the protection still guards HS01's mark (now D5) against GV Toán
    expect((await failure(toan.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Toán!D5', valueInputOption: 'RAW', requestBody: { values: [[1]] } }))).message).toBe(PROTECTED_CELL_MESSAGE);
    await toan.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Toán!D3', valueInputOption: 'RAW', requestBody: { values: [[1]] } });
  });

  it('deleteDimension and moveDimension carry everything along; deleting a protected row is refused to non-editors', async () => {
    const { id, sheetId } = await classBook();
    expect((await failure(toan.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 2, endIndex: 3 } } }] } }))).message).toBe(PROTECTED_CELL_MESSAGE);
    await toan.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } }] } });
    expect(await rows(id)).toEqual([['Mã', 'Tên', 'Điểm'], ['HS01', 'An', 9], ['HS03', 'Chi', 7], ['HS02', 'Bình', 8.5]]);
    let { pr, named } = await protectedRange(id);
    expect(pr!.range).toEqual({ sheetId, startRowIndex: 1, endRowIndex: 2, startColumnIndex: 2, endColumnIndex: 3 });
    expect(named!.range).toMatchObject({ startRowIndex: 1, endRowIndex: 4 });
    // move HS02's row (index 3) to the top of the list (before index 1)
    await admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ moveDimension: { source: { sheetId, dimension: 'ROWS', startIndex: 3, endIndex: 4 }, destinationIndex: 1 } }] } });
    expect(await rows(id)).toEqual([['Mã', 'Tên', 'Điểm'], ['HS02', 'Bình', 8.5], ['HS01', 'An', 9], ['HS03', 'Chi', 7]]);
    ({ pr } = await protectedRange(id));
    expect(pr!.range).toMatchObject({ startRowIndex: 2, endRowIndex: 3 });
    expect(await notesByStudent(id)).toEqual({ HS01: 'điểm của HS01', HS03: 'điểm của HS03', HS02: 'điểm của HS02' });
    // move a column: the mark column goes first
    await admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ moveDimension: { source: { sheetId, dimension: 'COLUMNS', startIndex: 2, endIndex: 3 }, destinationIndex: 0 } }] } });
    expect(await rows(id)).toEqual([['Điểm', 'Mã', 'Tên'], [8.5, 'HS02', 'Bình'], [9, 'HS01', 'An'], [7, 'HS03', 'Chi']]);
    ({ pr } = await protectedRange(id));
    expect(pr!.range).toMatchObject({ startRowIndex: 2, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 1 });
  });

  it('developer metadata on a column moves with it and goes when it is deleted', async () => {
    const { id, sheetId } = await classBook();
    await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { createDeveloperMetadata: { developerMetadata: { metadataKey: 'col', metadataValue: 'diem', location: { dimensionRange: { sheetId, dimension: 'COLUMNS', startIndex: 2, endIndex: 3 } }, visibility: 'DOCUMENT' } } },
          { insertDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 } } },
        ],
      },
    });
    const search = () => admin.sheets.spreadsheets.developerMetadata.search({ spreadsheetId: id, requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'col' } }] } });
    expect((await search()).data.matchedDeveloperMetadata![0]!.developerMetadata!.location!.dimensionRange).toEqual({ sheetId, dimension: 'COLUMNS', startIndex: 4, endIndex: 5 });
    await admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: 4, endIndex: 5 } } }] } });
    expect((await search()).data.matchedDeveloperMetadata).toBeUndefined();
  });

  it('sortRange moves whole rows of the range (values and notes) by Vietnamese order; protected rows block non-editors', async () => {
    const { id, sheetId, prId } = await classBook();
    const sort = { sortRange: { range: { sheetId, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 3 }, sortSpecs: [{ dimensionIndex: 1, sortOrder: 'ASCENDING' }] } };
    expect((await failure(toan.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [sort] } }))).message).toBe(PROTECTED_CELL_MESSAGE);
    await admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [sort] } });
    expect(await rows(id)).toEqual([['Mã', 'Tên', 'Điểm'], ['HS01', 'An', 9], ['HS02', 'Bình', 8.5], ['HS03', 'Chi', 7], ['HS04', 'Dũng', 6.5]]);
    expect(await notesByStudent(id)).toEqual({ HS04: 'điểm của HS04', HS01: 'điểm của HS01', HS03: 'điểm của HS03', HS02: 'điểm của HS02' });
    // protected ranges do not move with a sort (as on Google)
    const { pr } = await protectedRange(id);
    expect(pr!.protectedRangeId).toBe(prId);
    expect(pr!.range).toMatchObject({ startRowIndex: 2, endRowIndex: 3 });
    await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ sortRange: { range: { sheetId, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 3 }, sortSpecs: [{ dimensionIndex: 2, sortOrder: 'DESCENDING' }] } }] },
    });
    expect((await rows(id)).slice(1).map((r) => r[0])).toEqual(['HS01', 'HS02', 'HS03', 'HS04']);
  });
});

describe('cells, validation, names and the rest', () => {
  it('spreadsheets.create takes initial data, protections, named ranges and merges', async () => {
    const res = await admin.sheets.spreadsheets.create({
      requestBody: {
        properties: { title: 'Tạo sẵn', locale: 'vi_VN' },
        sheets: [
          {
            properties: { sheetId: 7, title: 'Điểm', gridProperties: { rowCount: 10, columnCount: 5, frozenRowCount: 1 } },
            data: [{ startRow: 0, startColumn: 0, rowData: [{ values: [{ userEnteredValue: { stringValue: 'Mã' } }, { userEnteredValue: { numberValue: 7.5 }, note: 'n' }] }], columnMetadata: [{ pixelSize: 80 }] }],
            protectedRanges: [{ range: { startRowIndex: 0, endRowIndex: 1 }, description: 'tiêu đề', editors: { users: [GV_TOAN] } }],
            merges: [{ startRowIndex: 2, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 2 }],
          },
        ],
        namedRanges: [{ name: 'TieuDe', range: { sheetId: 7, startRowIndex: 0, endRowIndex: 1 } }],
      },
    });
    const id = res.data.spreadsheetId!;
    const sheet = res.data.sheets![0]!;
    expect(sheet.properties).toMatchObject({ sheetId: 7, title: 'Điểm', gridProperties: { rowCount: 10, columnCount: 5, frozenRowCount: 1 } });
    expect(sheet.protectedRanges![0]).toMatchObject({ range: { sheetId: 7, startRowIndex: 0, endRowIndex: 1 }, description: 'tiêu đề' });
    expect(sheet.protectedRanges![0]!.editors!.users).toEqual(expect.arrayContaining([ADMIN, GV_TOAN]));
    expect(sheet.merges).toHaveLength(1);
    const v = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'TieuDe' });
    expect(v.data.values).toEqual([['Mã', '7,5']]);
  });

  it('repeatCell and updateCells write values, formats, notes; setDataValidation stores the rule but API writes pass', async () => {
    const { id, sheetId } = await classBook();
    await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { repeatCell: { range: { sheetId, startRowIndex: 0, endRowIndex: 1 }, cell: { userEnteredFormat: { textFormat: { bold: true }, backgroundColor: { red: 0.9, green: 0.9, blue: 0.9 } } }, fields: 'userEnteredFormat(textFormat,backgroundColor)' } },
          { repeatCell: { range: { sheetId, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 2, endColumnIndex: 3 }, cell: { userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern: '0.0' } } }, fields: 'userEnteredFormat.numberFormat' } },
          { setDataValidation: { range: { sheetId, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 2, endColumnIndex: 3 }, rule: { condition: { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '0' }, { userEnteredValue: '10' }] }, strict: true, inputMessage: 'Từ 0 đến 10' } } },
          { setDataValidation: { range: { sheetId, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 3, endColumnIndex: 4 }, rule: { condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'Đ' }, { userEnteredValue: 'CĐ' }] }, strict: true, showCustomUi: true } } },
          { updateCells: { start: { sheetId, rowIndex: 1, columnIndex: 4 }, rows: [{ values: [{ userEnteredValue: { formulaValue: '=C2*2' }, note: 'công thức' }] }], fields: 'userEnteredValue,note' } },
        ],
      },
    });
    const fmt = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Toán!C2:E2' });
    expect(fmt.data.values).toEqual([['6,5', '', '13']]); // the formula is evaluated
    const f = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Toán!C3:E3' });
    expect(f.data.values).toEqual([['9,0']]);
    const formula = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Toán!E2', valueRenderOption: 'FORMULA' });
    expect(formula.data.values).toEqual([['=C2*2']]);
    // an out-of-rule API write is stored (Google rejects only UI edits)
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Toán!C2:D2', valueInputOption: 'USER_ENTERED', requestBody: { values: [['11', 'x']] } });
    const grid = await admin.sheets.spreadsheets.get({ spreadsheetId: id, ranges: ['Toán!A1:E2'], includeGridData: true });
    const [header, row] = grid.data.sheets![0]!.data![0]!.rowData!;
    expect(header!.values![0]!.userEnteredFormat).toEqual({ textFormat: { bold: true }, backgroundColor: { red: 0.9, green: 0.9, blue: 0.9 } });
    expect(row!.values![2]!).toMatchObject({ userEnteredValue: { numberValue: 11 }, formattedValue: '11,0', dataValidation: { strict: true, inputMessage: 'Từ 0 đến 10' } });
    expect(row!.values![3]!.dataValidation!.condition!.type).toBe('ONE_OF_LIST');
    expect(row!.values![4]!).toMatchObject({ userEnteredValue: { formulaValue: '=C2*2' }, note: 'công thức' });
  });

  it('named ranges: add, use in values calls, reject bad names, delete', async () => {
    const { id, sheetId } = await classBook();
    const add = await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ addNamedRange: { namedRange: { name: 'Ten_HS', range: { sheetId, startRowIndex: 1, endRowIndex: 5, startColumnIndex: 1, endColumnIndex: 2 } } } }] },
    });
    const nrId = add.data.replies![0]!.addNamedRange!.namedRange!.namedRangeId!;
    const got = await admin.sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Ten_HS', 'DiemToan'] });
    expect(got.data.valueRanges!.map((v) => v.values)).toEqual([[['Dũng'], ['An'], ['Chi'], ['Bình']], [['6,5'], ['9'], ['7'], ['8,5']]]);
    expect((await failure(admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addNamedRange: { namedRange: { name: 'A1', range: { sheetId } } } }] } }))).status).toBe(400);
    await admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteNamedRange: { namedRangeId: nrId } }] } });
    expect((await failure(admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Ten_HS' }))).message).toBe('Unable to parse range: Ten_HS');
  });

  it('dimension properties, merges, charts, developer metadata, spreadsheet properties, unsupported requests', async () => {
    const { id, sheetId } = await classBook();
    const r = await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          { updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }, properties: { hiddenByUser: true, pixelSize: 40 }, fields: 'hiddenByUser,pixelSize' } },
          { mergeCells: { range: { sheetId, startRowIndex: 6, endRowIndex: 7, startColumnIndex: 0, endColumnIndex: 3 }, mergeType: 'MERGE_ALL' } },
          { addChart: { chart: { spec: { title: 'Phổ điểm', basicChart: { chartType: 'COLUMN' } }, position: { overlayPosition: { anchorCell: { sheetId, rowIndex: 8, columnIndex: 0 } } } } } },
          { createDeveloperMetadata: { developerMetadata: { metadataKey: 'hoso.key', metadataValue: 'diem', location: { dimensionRange: { sheetId, dimension: 'COLUMNS', startIndex: 2, endIndex: 3 } }, visibility: 'DOCUMENT' } } },
          { updateSpreadsheetProperties: { properties: { title: 'Sổ mới', timeZone: 'Asia/Ho_Chi_Minh' }, fields: 'title,timeZone' } },
          { autoResizeDimensions: { dimensions: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 3 } } },
          { updateBorders: { range: { sheetId, startRowIndex: 0, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 3 }, top: { style: 'SOLID' } } },
        ],
      },
    });
    expect(r.data.replies![2]!.addChart!.chart!.chartId).toEqual(expect.any(Number));
    const ss = await admin.sheets.spreadsheets.get({ spreadsheetId: id, includeGridData: true, ranges: ['Toán!A1:C2'] });
    expect(ss.data.properties!.title).toBe('Sổ mới');
    expect((await admin.drive.files.get({ fileId: id })).data.name).toBe('Sổ mới');
    const sheet = ss.data.sheets![0]!;
    expect(sheet.data![0]!.columnMetadata![0]).toEqual({ pixelSize: 40, hiddenByUser: true });
    expect(sheet.merges).toEqual([{ sheetId, startRowIndex: 6, endRowIndex: 7, startColumnIndex: 0, endColumnIndex: 3 }]);
    expect(sheet.charts![0]!.spec!.title).toBe('Phổ điểm');
    const found = await admin.sheets.spreadsheets.developerMetadata.search({ spreadsheetId: id, requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'hoso.key' } }] } });
    expect(found.data.matchedDeveloperMetadata![0]!.developerMetadata!.metadataValue).toBe('diem');
    const bad = await failure(admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ findReplace: { find: 'a' } }] } }));
    expect(bad.status).toBe(400);
    expect(bad.message).toContain('findReplace');
    const grid = await failure(admin.sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ repeatCell: { range: { sheetId, startRowIndex: 0, endRowIndex: 5000 }, cell: {}, fields: 'note' } }] } }));
    expect(grid.message).toContain('exceeds grid limits');
  });

  it('values.append with INSERT_ROWS shifts what is below', async () => {
    const { id, sheetId } = await classBook();
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Toán!A8', valueInputOption: 'RAW', requestBody: { values: [['chân trang']] } });
    const ap = await admin.sheets.spreadsheets.values.append({ spreadsheetId: id, range: 'Toán!A1:C5', valueInputOption: 'USER_ENTERED', insertDataOption: 'INSERT_ROWS', requestBody: { values: [['HS05', 'Em', '5,5']] } });
    expect(ap.data.updates!.updatedRange).toBe("'Toán'!A6:C6");
    const all = await rows(id);
    expect(all[5]).toEqual(['HS05', 'Em', 5.5]);
    expect(all[8]).toEqual(['chân trang']);
    void sheetId;
  });
});
