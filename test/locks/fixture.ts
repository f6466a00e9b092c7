// A small school year for the lock tests, built through the real path: provisioning (books protected per teacher,
// shared as writers, control spreadsheet), marks/conduct/attendance typed in AS THE TEACHERS through googleapis,
// class results computed and written as the GVCN — then the lock service on top.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { sheets_v4 } from 'googleapis';
import { startWorkspaceServer, type WorkspaceServer } from '../../server/local/server.ts';
import { openBackend, type Backend } from '../../server/google/backend.ts';
import { provisionYear, type ProvisionResult } from '../../server/provision/provision.ts';
import type { ProvisionInput } from '../../server/provision/input.ts';
import { defaultCurriculum, findSubject } from '../../src/core/curriculum/index.ts';
import { readGradebook, buildClassResultWrites, quoteSheet } from '../../src/core/gradebook/index.ts';
import { evaluate } from '../../src/core/index.ts';

export const YEAR = '2025-2026';
export const ADMIN = 'admin@thpt-hbt.edu.vn';
export const T = {
  toan: 'gv.toan@thpt-hbt.edu.vn',
  van: 'gv.van@thpt-hbt.edu.vn',
  /** Homeroom teacher who also teaches Tin học (two roles on one book). */
  cn: 'gv.chunhiem@thpt-hbt.edu.vn',
  gdtc: 'gv.gdtc@thpt-hbt.edu.vn',
};

export interface Env {
  server: WorkspaceServer;
  backend: Backend;
  dataDir: string;
  school: ProvisionResult;
  as(user: string): sheets_v4.Sheets;
  close(): Promise<void>;
}

function subject(code: string) {
  const s = findSubject(defaultCurriculum(), code);
  if (!s) throw new Error(`no subject ${code}`);
  return s;
}

const STUDENTS = [
  ['HS001', 'Nguyễn Văn', 'An'],
  ['HS002', 'Trần Thị', 'Bình'],
  ['HS003', 'Lê Hoàng', 'Chi'],
  ['HS004', 'Phạm Minh', 'Dũng'],
  ['HS005', 'Võ Ngọc', 'Hà'],
];

export function provisionInput(): ProvisionInput {
  const subj = { TOAN: T.toan, VAN: T.van, TIN: T.cn, GDTC: T.gdtc } as const;
  return {
    classes: [
      {
        classId: '10A1',
        grade: 10,
        students: STUDENTS.map(([id, familyName, givenName], i) => ({ id: id!, familyName: familyName!, givenName: givenName!, birthDate: `0${(i % 9) + 1}/03/2010`, gender: i % 2 ? 'Nữ' : 'Nam' })),
      },
    ],
    teachers: [
      { email: T.toan, name: 'Đỗ Văn Toán' },
      { email: T.van, name: 'Lý Thị Văn' },
      { email: T.cn, name: 'Hồ Chủ Nhiệm' },
      { email: T.gdtc, name: 'Mai Thể Chất' },
    ],
    assignments: [
      ...Object.entries(subj).map(([code, teacher]) => ({ classId: '10A1', role: 'GVBM' as const, subject: subject(code), teacher })),
      { classId: '10A1', role: 'GVCN' as const, teacher: T.cn },
    ],
    errors: [],
    warnings: [],
  };
}

async function readTabs(sheets: sheets_v4.Sheets, spreadsheetId: string): Promise<Record<string, unknown[][]>> {
  const meta = await sheets.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties.title' });
  const titles = (meta.data.sheets ?? []).map((s) => s.properties!.title!);
  const res = await sheets.spreadsheets.values.batchGet({ spreadsheetId, ranges: titles.map(quoteSheet), valueRenderOption: 'UNFORMATTED_VALUE' });
  return Object.fromEntries(titles.map((t, i) => [t, (res.data.valueRanges?.[i]?.values ?? []) as unknown[][]]));
}

/** Types every HK1 and HK2 mark, conduct and attendance as the teacher who owns the cells; then class results. */
export async function fillAsTeachers(env: Pick<Env, 'as'>, spreadsheetId: string, opts: { leaveBlank?: string[] } = {}): Promise<void> {
  const admin = env.as(ADMIN);
  const book = readGradebook(await readTabs(admin, spreadsheetId));
  const byTeacher = new Map<string, sheets_v4.Schema$ValueRange[]>();
  const put = (teacher: string, range: string, value: unknown) => {
    if (opts.leaveBlank?.includes(range)) return;
    byTeacher.set(teacher, [...(byTeacher.get(teacher) ?? []), { range, values: [[value]] }]);
  };
  let k = 0;
  for (const s of book.classInfo.subjects) {
    for (const st of book.students) {
      for (const sem of ['HK1', 'HK2']) {
        const keys = [...Array.from({ length: s.txCount }, (_, i) => `${sem}.tx.${i + 1}`), `${sem}.gk`, `${sem}.ck`];
        for (const key of keys) {
          const cell = book.cells[st.id]?.[`${s.code}.${key}`];
          if (!cell) continue;
          k++;
          put(s.teacher!, cell, s.type === 'comment' ? 'Đ' : (5 + (k % 50) / 10).toString().replace('.', ','));
        }
      }
    }
  }
  for (const st of book.students) {
    for (const sem of ['HK1', 'HK2']) put(T.cn, book.cells[st.id]![`conduct.${sem}`]!, 'Tốt');
    put(T.cn, book.cells[st.id]!['attendance.M09.P']!, 1);
  }
  for (const [teacher, data] of byTeacher) {
    await env.as(teacher).spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'USER_ENTERED', data } });
  }
  await computeResults(env, spreadsheetId);
}

/** "Tính kết quả cả lớp" as the GVCN: one read, the engine, one write. */
export async function computeResults(env: Pick<Env, 'as'>, spreadsheetId: string, skipTerms: Array<'HK1' | 'HK2' | 'CN'> = []): Promise<void> {
  const gvcn = env.as(T.cn);
  const book = readGradebook(await readTabs(gvcn, spreadsheetId));
  const output = evaluate(book.input as never);
  // Locked terms are skipped, as the GVCN sidebar does: a write touching a locked cell is rejected whole.
  const writes = buildClassResultWrites(book, output as never, { skipTerms });
  await gvcn.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'RAW', data: writes.data as sheets_v4.Schema$ValueRange[] } });
}

export async function startSchool(opts: { fill?: boolean } = {}): Promise<Env> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoso-locks-'));
  const server = await startWorkspaceServer({ port: 0, dataDir: join(dataDir, 'ws') });
  process.env.HOSO_ADMIN = ADMIN;
  // Google's per-user quotas are kept by the client; the tests write as four users in bursts, so raise them.
  const backend = await openBackend({ workspaceUrl: server.url, limits: { sheetsRead: 100_000, sheetsWrite: 100_000, drive: 100_000 } }, () => {});
  const school = await provisionYear(backend, provisionInput(), { year: YEAR });
  const env: Env = {
    server,
    backend,
    dataDir,
    school,
    as: (user) => backend.sheets(user),
    close: async () => {
      await backend.close();
      await server.close();
    },
  };
  if (opts.fill !== false) for (const c of school.classes) await fillAsTeachers(env, c.spreadsheetId);
  return env;
}
