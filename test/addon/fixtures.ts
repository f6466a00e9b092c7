// A school in an in-memory local workspace for the add-on tests: the year's control spreadsheet and one class book,
// both built with the core's own provisioning builders (src/core/gradebook: buildBookSpec, createBody,
// newBookRequests, initialValues, controlCreateBody, controlRequests) and shared with the teachers as Drive writers,
// then marks/conduct/attendance typed in AS THE TEACHERS (USER_ENTERED, vi_VN), as a teacher's edits would be.
import { defaultCurriculum, resolveSubject } from '../../src/core/curriculum/index.ts';
import {
  buildBookSpec, controlCreateBody, controlGeometry, controlHeader, controlRequests, createBody, geometryFromSpec,
  initialValues, newBookRequests, readGradebook, TEMPLATE_VERSION, type ClassInfo, type RosterStudent,
} from '../../src/core/gradebook/index.ts';
import { openWorkspace, type Workspace } from '../../server/local/workspace.ts';

export const ADMIN = 'admin@thpt-hbt.edu.vn';
export const GVCN = 'gvcn.10a1@thpt-hbt.edu.vn';
export const GV_TOAN = 'gv.toan@thpt-hbt.edu.vn';
export const GV_GDTC = 'gv.gdtc@thpt-hbt.edu.vn';
/** A full grade-10 programme: compulsory subjects, comment-only subjects and four electives. */
export const SUBJECTS = ['VAN', 'TOAN', 'NN', 'SU', 'GDTC', 'GDQP', 'HDTN', 'GDDP', 'LY', 'HOA', 'SINH', 'TIN'];

export function teacherOf(code: string): string {
  return code === 'TOAN' ? GV_TOAN : code === 'GDTC' ? GV_GDTC : `gv.${code.toLowerCase()}@thpt-hbt.edu.vn`;
}

export interface School {
  ws: Workspace;
  bookId: string;
  controlId: string;
  info: ClassInfo;
  students: RosterStudent[];
}

export interface SchoolOptions {
  students: number;
  /** Names of the first students (given names), e.g. an XSS payload. */
  givenNames?: string[];
  /** Leave some marks blank (missing) — default true. */
  gaps?: boolean;
  ws?: Workspace;
}

function roster(n: number, givenNames: string[] = []): RosterStudent[] {
  const fam = ['Nguyễn Văn', 'Trần Thị', 'Lê Minh', 'Phạm Thu', 'Hoàng Đức', 'Vũ Ngọc'];
  const given = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Khoa', 'Lan', 'Minh', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Trang', 'Vy'];
  return Array.from({ length: n }, (_, i) => ({
    id: `HS${String(i + 1).padStart(3, '0')}`,
    familyName: fam[i % fam.length]!,
    givenName: givenNames[i] ?? given[(i * 5) % given.length]!,
    birthDate: `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2010`,
    gender: i % 2 ? 'Nữ' : 'Nam',
  }));
}

/** Deterministic marks with one decimal: mostly 5.0–9.9; every 5th student is weak in Toán (→ re-assessment),
 *  every 7th in Toán and Ngữ văn too. */
function mark(i: number, j: number, code: string): number {
  if ((i % 5 === 4 && code === 'TOAN') || (i % 7 === 6 && (code === 'TOAN' || code === 'VAN'))) return (20 + ((i * 13 + j * 7) % 25)) / 10;
  return (50 + ((i * 37 + j * 11 + code.length * 3) % 50)) / 10;
}

export function createSchool(opts: SchoolOptions): School {
  const ws = opts.ws ?? openWorkspace(undefined);
  // Control spreadsheet (sổ điều hành): header rows, protections, teachers may append to Báo lỗi / Đơn mở khóa.
  const geo = controlGeometry(100);
  const controlId = ws.createSpreadsheet(ADMIN, controlCreateBody('Sổ điều hành năm học 2025-2026', geo)).spreadsheetId as string;
  ws.batchUpdateValues(ADMIN, controlId, { valueInputOption: 'RAW', data: geo.map((g) => ({ range: `'${g.spec.title}'!A1`, values: controlHeader(g.spec) })) });
  ws.batchUpdate(ADMIN, controlId, { requests: controlRequests(geo, ADMIN) });

  const cur = defaultCurriculum();
  const info: ClassInfo = {
    templateVersion: TEMPLATE_VERSION, year: '2025-2026', classId: '10A1', className: '10A1', grade: 10, regulation: 'TT22',
    homeroomTeacher: GVCN, controlSpreadsheetId: controlId, schoolName: 'THPT Hai Bà Trưng',
    subjects: SUBJECTS.map((c) => {
      const s = resolveSubject(cur.subjects.find((x) => x.code === c)!);
      return { code: s.code, title: s.title, tab: s.tab, type: s.type, txCount: s.txCount, periodsPerYear: s.periodsPerYear, teacher: teacherOf(c) };
    }),
  };
  const students = roster(opts.students, opts.givenNames);
  const specs = buildBookSpec(info);
  const geos = specs.map((s, i) => geometryFromSpec(s, 100 + i, Math.max(60, opts.students + 15)));
  const bookId = ws.createSpreadsheet(ADMIN, createBody('Sổ theo dõi và đánh giá — 10A1 — 2025-2026', geos)).spreadsheetId as string;
  const values = initialValues(info, students, specs);
  ws.batchUpdateValues(ADMIN, bookId, { valueInputOption: 'RAW', data: Object.entries(values).map(([title, v]) => ({ range: `'${title}'!A1`, values: v })) });
  const editors = { admin: ADMIN, homeroomTeacher: GVCN, subjectTeachers: Object.fromEntries(info.subjects.map((s) => [s.code, s.teacher])) };
  ws.batchUpdate(ADMIN, bookId, { requests: newBookRequests(geos, info, editors) });
  for (const email of [GVCN, ...info.subjects.map((s) => s.teacher!)]) {
    ws.createPermission(ADMIN, bookId, { type: 'user', role: 'writer', emailAddress: email }, {});
    ws.createPermission(ADMIN, controlId, { type: 'user', role: 'writer', emailAddress: email }, {});
  }

  // Marks typed by each teacher, conduct and attendance by the GVCN (USER_ENTERED in the vi_VN book).
  const book = readBook(ws, bookId);
  const gaps = opts.gaps ?? true;
  students.forEach((st, i) => {
    const cells = book.cells[st.id]!;
    for (const s of info.subjects) {
      const data: Array<{ range: string; values: unknown[][] }> = [];
      for (const term of ['HK1', 'HK2']) {
        const keys = [...Array.from({ length: s.txCount }, (_, k) => `${term}.tx.${k + 1}`), `${term}.gk`, `${term}.ck`];
        keys.forEach((key, j) => {
          if (gaps && i === 1 && term === 'HK2' && key.endsWith('.ck')) return; // one missing mark per subject
          const v = s.type === 'comment' ? 'Đ' : String(mark(i, j + (term === 'HK2' ? 7 : 0), s.code)).replace('.', ',');
          data.push({ range: cells[`${s.code}.${key}`]!, values: [[v]] });
        });
      }
      ws.batchUpdateValues(s.teacher!, bookId, { valueInputOption: 'USER_ENTERED', data });
    }
    ws.batchUpdateValues(GVCN, bookId, {
      valueInputOption: 'USER_ENTERED',
      data: [
        { range: cells['conduct.HK1']!, values: [[i % 4 === 3 ? 'Khá' : 'Tốt']] },
        { range: cells['conduct.HK2']!, values: [['Tốt']] },
        { range: cells['attendance.M09.P']!, values: [[i % 3]] },
      ],
    });
  });
  return { ws, bookId, controlId, info, students };
}

/** The book as the service would read it (all tabs, UNFORMATTED_VALUE), for assertions. */
export function readBook(ws: Workspace, id: string, user = ADMIN) {
  const meta = ws.getSpreadsheet(user, id) as { sheets: Array<{ properties: { title: string } }> };
  const tabs: Record<string, unknown[][]> = {};
  for (const s of meta.sheets) {
    tabs[s.properties.title] = (ws.getValues(user, id, `'${s.properties.title}'`, { valueRenderOption: 'UNFORMATTED_VALUE' }).values ?? []) as unknown[][];
  }
  return readGradebook(tabs);
}
