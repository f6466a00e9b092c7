// A small school year written through the real googleapis client into the local workspace: a control
// spreadsheet (tagged like provisioning tags it, tabs from the core template) and class books with a hostile
// student name, a hidden key row and frozen headers. Used where the demo school would be too slow or too big.
import type { Backend } from '../../server/google/backend.ts';
import { controlCreateBody, controlGeometry, controlHeader, controlRow, controlTab } from '../../src/core/gradebook/index.ts';

export const EVIL = '<img src=x onerror=alert(1)>';
export const ADMIN = 'admin@thpt-hbt.edu.vn';
export const GVCN = 'gvcn.10a1@thpt-hbt.edu.vn';
export const GVBM = 'gv.toan@thpt-hbt.edu.vn';
export const OUTSIDER = 'khach@thpt-hbt.edu.vn';

export interface Fixture {
  year: string;
  controlId: string;
  books: { id: string; classId: string; name: string }[];
}

async function tag(backend: Backend, fileId: string, props: Record<string, string>): Promise<void> {
  await backend.drive().files.update({ fileId, requestBody: { appProperties: props } });
}

export async function createSchoolYear(backend: Backend, year = '2025-2026'): Promise<Fixture> {
  const sheets = backend.sheets();
  const books: Fixture['books'] = [];
  for (const [classId, grade] of [['10A1', 10], ['11B2', 11]] as const) {
    const created = await sheets.spreadsheets.create({
      requestBody: {
        properties: { title: `Sổ theo dõi ${classId} — ${year}`, locale: 'vi_VN' },
        sheets: [
          { properties: { sheetId: 1, title: 'Danh sách', gridProperties: { rowCount: 20, columnCount: 6, frozenRowCount: 2 } } },
          { properties: { sheetId: 2, title: 'Toán', gridProperties: { rowCount: 20, columnCount: 6, frozenRowCount: 2 } } },
          { properties: { sheetId: 3, title: '_meta', hidden: true } },
        ],
      },
    });
    const id = created.data.spreadsheetId!;
    await sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [1, 2].map((sheetId) => ({
          updateDimensionProperties: { range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 1 }, properties: { hiddenByUser: true }, fields: 'hiddenByUser' },
        })),
      },
    });
    await sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        valueInputOption: 'RAW',
        data: [
          { range: "'Danh sách'!A1", values: [['KHOA_MAY_studentId', 'familyName', 'givenName'], ['Mã HS', 'Họ đệm', 'Tên'], ['HS001', 'Nguyễn Văn', EVIL], ['HS002', 'Trần Thị', 'Bình']] },
          { range: "'Toán'!A1", values: [['KHOA_MAY_tx1', 'tx2'], ['ĐĐGtx1', 'ĐĐGtx2'], [7.5, 8], [6, 9.25]] },
          { range: "'_meta'!A1", values: [['bí mật máy']] },
        ],
      },
    });
    await tag(backend, id, { hosoYear: year, hosoKind: 'gradebook', hosoClass: classId });
    books.push({ id, classId, name: classId });
    void grade;
  }
  const controlId = await writeControl(backend, year, [
    { classId: '10A1', grade: 10, spreadsheetId: books[0]!.id, homeroomTeacher: GVCN, students: 2 },
    { classId: '11B2', grade: 11, spreadsheetId: books[1]!.id, homeroomTeacher: 'gvcn.11b2@thpt-hbt.edu.vn', students: 2 },
  ], [
    { classId: '10A1', subject: 'TOAN', subjectTitle: 'Toán', teacher: GVBM },
    { classId: '11B2', subject: 'VAN', subjectTitle: 'Ngữ văn', teacher: 'gv.van@thpt-hbt.edu.vn' },
  ]);
  return { year, controlId, books };
}

export interface ControlClass {
  classId: string;
  grade: number;
  spreadsheetId: string;
  homeroomTeacher: string;
  students: number;
}

/** The year's control spreadsheet (template tabs, Lớp + Phân công filled, tagged as provisioning tags it). */
export async function writeControl(
  backend: Backend,
  year: string,
  classList: ControlClass[],
  teaching: { classId: string; subject: string; subjectTitle: string; teacher: string }[],
): Promise<string> {
  const sheets = backend.sheets();
  const control = await sheets.spreadsheets.create({ requestBody: controlCreateBody(`Sổ điều hành năm học ${year}`, controlGeometry(50 + teaching.length)) });
  const controlId = control.data.spreadsheetId!;
  const classes = controlTab('classes');
  const assignments = controlTab('assignments');
  await sheets.spreadsheets.values.batchUpdate({
    spreadsheetId: controlId,
    requestBody: {
      valueInputOption: 'RAW',
      data: [
        {
          range: `'${classes.title}'!A1`,
          values: [
            ...controlHeader(classes),
            ...classList.map((c) => controlRow(classes, { classId: c.classId, className: c.classId, grade: c.grade, regulation: 'TT22', homeroomTeacher: c.homeroomTeacher, spreadsheetId: c.spreadsheetId, students: c.students })),
          ] as string[][],
        },
        {
          range: `'${assignments.title}'!A1`,
          values: [
            ...controlHeader(assignments),
            ...classList.map((c) => controlRow(assignments, { classId: c.classId, role: 'GVCN', teacher: c.homeroomTeacher })),
            ...teaching.map((a) => controlRow(assignments, { ...a, role: 'GVBM' })),
          ] as string[][],
        },
      ],
    },
  });
  await tag(backend, controlId, { hosoYear: year, hosoKind: 'control' });
  return controlId;
}
