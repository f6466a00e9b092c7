// A small, deterministic school year built through the real googleapis client on a local workspace, from the
// core's own gradebook layout (buildBookSpec / initialValues / createBody) — the same books provisioning makes —
// with every mark typed in. Used where the test needs exact control of the data (malformed books, expected
// counts); the acceptance-style test runs on `hoso demo` data when that is available.
import type { sheets_v4 } from 'googleapis';
import { buildBookSpec, createBody, geometryFromSpec, initialValues, TEMPLATE_VERSION } from '../../src/core/gradebook/index.ts';
import type { ClassInfo, RosterStudent, SubjectMeta } from '../../src/core/gradebook/types.ts';
import type { Backend } from '../../server/google/backend.ts';
import { defaultCurriculum, findSubject } from '../../src/core/curriculum/index.ts';

export const YEAR = '2025-2026';
export const BOOK_KIND = 'gradebook';

// The compulsory subjects and four electives of CT GDPT 2018, from the curriculum template.
const CODES = ['VAN', 'TOAN', 'NN', 'SU', 'GDTC', 'GDQP', 'HDTN', 'GDDP', 'LY', 'HOA', 'SINH', 'TIN'];
const SUBJECTS: SubjectMeta[] = CODES.map((code) => {
  const s = findSubject(defaultCurriculum(), code)!;
  return { code: s.code, title: s.title, tab: s.tab, type: s.type, txCount: s.txCount, periodsPerYear: s.periodsPerYear };
});

const FAMILY = ['Nguyễn Văn', 'Trần Thị', 'Lê Hoàng', 'Phạm Minh', 'Hoàng Thị', 'Võ Đức', 'Đặng Ngọc', 'Bùi Quang'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Linh', 'Minh', 'Nam', 'Oanh', 'Phúc', 'Quân', 'Thảo'];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FixtureClass {
  classId: string;
  grade: number;
  students: number;
}

export interface FixtureBook {
  classId: string;
  spreadsheetId: string;
  students: number;
  /** tab title → grid as written */
  values: Record<string, unknown[][]>;
}

/** Fills every mark (one decimal) and conduct level of a class's initial grid; seeded. */
function fillMarks(info: ClassInfo, grid: Record<string, unknown[][]>, rand: () => number): void {
  for (const tab of buildBookSpec(info)) {
    const rows = grid[tab.title]!;
    for (let r = 4; r < rows.length; r++) {
      const row = rows[r]!;
      tab.columns.forEach((c, i) => {
        if (tab.kind === 'subject' && c.role === 'input' && c.validation) {
          if (c.key === 'retest') return;
          const subj = info.subjects.find((s) => s.code === tab.subject)!;
          row[i] = subj.type === 'comment' ? (rand() < 0.95 ? 'Đ' : 'CĐ') : Math.round((4 + rand() * 6) * 10) / 10;
        } else if (tab.kind === 'conduct' && (c.key === 'HK1' || c.key === 'HK2')) {
          row[i] = rand() < 0.7 ? 'Tốt' : 'Khá';
        } else if (tab.kind === 'attendance' && c.role === 'input') {
          row[i] = rand() < 0.1 ? 1 : 0;
        }
      });
    }
  }
}

export async function buildSchool(backend: Backend, classes: FixtureClass[], seed = 7): Promise<{ folderId: string; books: FixtureBook[] }> {
  const drive = backend.drive();
  const sheets = backend.sheets();
  const folder = await drive.files.create({
    requestBody: { name: `Năm học ${YEAR}`, mimeType: 'application/vnd.google-apps.folder', appProperties: { hosoYear: YEAR, hosoKind: 'yearFolder' } },
    fields: 'id',
  });
  const folderId = folder.data.id!;
  const rand = prng(seed);
  const books: FixtureBook[] = [];
  let sid = 0;
  for (const k of classes) {
    const info: ClassInfo = {
      templateVersion: TEMPLATE_VERSION,
      year: YEAR,
      classId: k.classId,
      className: k.classId,
      grade: k.grade,
      regulation: 'TT22',
      homeroomTeacher: `gvcn.${k.classId.toLowerCase()}@thpt-hbt.edu.vn`,
      subjects: SUBJECTS.map((s) => ({ ...s, teacher: `gv.${s.code.toLowerCase()}.${k.classId.toLowerCase()}@thpt-hbt.edu.vn` })),
    };
    const roster: RosterStudent[] = Array.from({ length: k.students }, () => ({
      id: `HS${String(++sid).padStart(4, '0')}`,
      familyName: FAMILY[Math.floor(rand() * FAMILY.length)]!,
      givenName: GIVEN[Math.floor(rand() * GIVEN.length)]!,
      birthDate: '01/09/2009',
      gender: rand() < 0.5 ? 'Nam' : 'Nữ',
    }));
    const spec = buildBookSpec(info);
    const values = initialValues(info, roster, spec);
    fillMarks(info, values, rand);
    // every tab's grid holds what is written into it, plus spare rows (as provisioning does)
    const geo = spec.map((t, i) => geometryFromSpec(t, 100 + i, Math.max((values[t.title]?.length ?? 0) + 10, 20)));
    const created = await sheets.spreadsheets.create({ requestBody: createBody(`Sổ theo dõi ${k.classId} ${YEAR}`, geo) as sheets_v4.Schema$Spreadsheet });
    const id = created.data.spreadsheetId!;
    await drive.files.update({ fileId: id, addParents: folderId, requestBody: { appProperties: { hosoYear: YEAR, hosoKind: BOOK_KIND, hosoClass: k.classId } } });
    await sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: id,
      requestBody: { valueInputOption: 'RAW', data: Object.entries(values).map(([title, rows]) => ({ range: `'${title}'!A1`, values: rows })) },
    });
    books.push({ classId: k.classId, spreadsheetId: id, students: k.students, values });
  }
  return { folderId, books };
}
