// Provisioning against the local workspace through googleapis: who may edit what, idempotence (marks survive a
// re-run with a changed roster), constant call budget, bad input writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultCurriculum } from '../../src/core/curriculum/index.ts';
import { readProvisionInput } from '../../server/provision/input.ts';
import { provisionYear } from '../../server/provision/provision.ts';
import { fetchGradebook } from '../../server/provision/read-book.ts';
import { readKeyedTable } from '../../src/core/gradebook/index.ts';
import { assignmentsCsv, homeroomOf, rosterCsv, startEnv, teacherOf, writeTmp, type Env } from './helpers.ts';

const cur = defaultCurriculum();
let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => {
  await env.close();
});

async function provision(year: string, classes: Record<string, number>, extraRoster: string[] = []) {
  const input = await readProvisionInput(
    writeTmp(env.dir, `r-${year}.csv`, rosterCsv(classes, extraRoster)),
    writeTmp(env.dir, `a-${year}.csv`, assignmentsCsv(Object.keys(classes))),
    cur,
  );
  expect(input.errors).toEqual([]);
  return provisionYear(env.backend, input, { year, curriculum: cur });
}

async function write(user: string, spreadsheetId: string, range: string, value: unknown): Promise<number> {
  try {
    const r = await env.backend.sheets(user).spreadsheets.values.update({ spreadsheetId, range, valueInputOption: 'USER_ENTERED', requestBody: { values: [[value]] } });
    return r.status;
  } catch (e) {
    return (e as { code?: number }).code ?? 0;
  }
}

describe('provision', () => {
  it('protects each book: GVBM only their marks, GVCN roster/conduct/attendance/results, strangers nothing', async () => {
    const res = await provision('2025-2026', { '10A1': 6 });
    const c = res.classes[0]!;
    expect(c).toMatchObject({ id: '10A1', grade: 10, homeroomTeacher: homeroomOf('10A1'), students: 6, regulation: 'TT22' });
    const { book } = await fetchGradebook(env.backend.sheets(), c.spreadsheetId);
    expect(book.errors).toEqual([]);
    const sid = book.roster[0]!.id;
    const cell = (f: string) => book.cells[sid]![f]!;
    const toan = teacherOf('10A1', 'TOAN');
    const gvcn = homeroomOf('10A1');
    expect(await write(toan, c.spreadsheetId, cell('TOAN.HK1.tx.1'), '7,5')).toBe(200);
    expect(await write(toan, c.spreadsheetId, cell('TOAN.HK2.nx'), 'Tiến bộ')).toBe(200);
    expect(await write(toan, c.spreadsheetId, cell('VAN.HK1.tx.1'), '8')).toBe(400);
    expect(await write(toan, c.spreadsheetId, cell('TOAN.HK1.tb'), '9')).toBe(400);
    expect(await write(toan, c.spreadsheetId, cell('summary.KQHT.CN'), 'Tốt')).toBe(400);
    expect(await write(toan, c.spreadsheetId, cell('conduct.HK1'), 'Tốt')).toBe(400);
    expect(await write(toan, c.spreadsheetId, `'Toán'!A${Number(cell('TOAN.HK1.tx.1').replace(/^.*![A-Z]+/, ''))}`, 'HS-X')).toBe(400); // hidden id
    expect(await write(toan, c.spreadsheetId, "'Toán'!D1", 'HK1.tx.9')).toBe(400); // key row
    expect(await write(gvcn, c.spreadsheetId, cell('conduct.HK1'), 'Tốt')).toBe(200);
    expect(await write(gvcn, c.spreadsheetId, cell('attendance.M10.P'), 2)).toBe(200);
    expect(await write(gvcn, c.spreadsheetId, cell('summary.KQHT.CN'), 'Tốt')).toBe(200);
    expect(await write(gvcn, c.spreadsheetId, cell('TOAN.HK1.tb'), 7.5)).toBe(200);
    expect(await write(gvcn, c.spreadsheetId, cell('roster.birthDate'), '01/02/2010')).toBe(200);
    expect(await write(gvcn, c.spreadsheetId, cell('TOAN.HK1.tx.2'), '8')).toBe(400);
    expect(await write(gvcn, c.spreadsheetId, "'_meta'!B2", 'x')).toBe(400);
    expect(await write('ke.la@gmail.com', c.spreadsheetId, cell('TOAN.HK1.tx.2'), '8')).toBe(403);
    // control spreadsheet: teachers may file petitions/reports, nothing else
    const ctl = res.controlSpreadsheetId;
    expect(await write(toan, ctl, "'Báo lỗi'!A3", '2025-10-01')).toBe(200);
    expect(await write(toan, ctl, "'Đơn mở khóa'!A3", 'Đ-1')).toBe(200);
    expect(await write(toan, ctl, "'Khóa sổ'!A3", 'x')).toBe(400);
    expect(await write(toan, ctl, "'Báo lỗi'!A1", 'x')).toBe(400);
    // the control spreadsheet lists the class with its book, GVCN and assignments (read by key)
    const got = await env.backend.sheets().spreadsheets.values.batchGet({ spreadsheetId: ctl, ranges: ["'Lớp'", "'Phân công'", "'Giáo viên'"], valueRenderOption: 'UNFORMATTED_VALUE' });
    const [lop, pc, gv] = ['Lớp', 'Phân công', 'Giáo viên'].map((t, i) => readKeyedTable(t, (got.data.valueRanges![i]!.values ?? []) as unknown[][]).rows.map((r) => r.values));
    expect(lop).toEqual([expect.objectContaining({ classId: '10A1', spreadsheetId: c.spreadsheetId, homeroomTeacher: gvcn, students: 6, regulation: 'TT22' })]);
    expect(pc).toHaveLength(13);
    expect(pc).toEqual(expect.arrayContaining([expect.objectContaining({ classId: '10A1', role: 'GVBM', subject: 'TOAN', teacher: toan })]));
    expect(gv!.map((t) => t.email)).toEqual(expect.arrayContaining([toan, gvcn]));
    // the admin owns every file
    const files = await env.backend.drive().files.list({ q: "appProperties has { key='hosoYear' and value='2025-2026' }", fields: 'files(id,owners(emailAddress))' });
    expect(files.data.files!.length).toBe(3);
    for (const f of files.data.files!) expect(f.owners?.[0]?.emailAddress).toBe(env.backend.admin);
  });

  it('is idempotent: re-running with a changed roster adds students and never touches a mark', async () => {
    const year = '2026-2027';
    const first = await provision(year, { '11A2': 5 });
    const id = first.classes[0]!.spreadsheetId;
    const { book } = await fetchGradebook(env.backend.sheets(), id);
    // The Toán teacher enters every HK1 mark, and a Văn mark of 0 (a real 0).
    const data = book.roster.flatMap((s, i) => ['HK1.tx.1', 'HK1.tx.2', 'HK1.tx.3', 'HK1.tx.4', 'HK1.gk', 'HK1.ck'].map((f, j) => ({ range: book.cells[s.id]![`TOAN.${f}`]!, values: [[`${5 + ((i + j) % 5)},5`]] })));
    await env.backend.sheets(teacherOf('11A2', 'TOAN')).spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'USER_ENTERED', data } });
    await env.backend.sheets(teacherOf('11A2', 'VAN')).spreadsheets.values.update({ spreadsheetId: id, range: book.cells[book.roster[1]!.id]!['VAN.HK1.gk']!, valueInputOption: 'RAW', requestBody: { values: [[0]] } });
    const before = (await fetchGradebook(env.backend.sheets(), id)).book;

    // A teacher's copy of the book (files.copy keeps the tags), shared back with the admin, is not the class book.
    const gvToan = teacherOf('11A2', 'TOAN');
    const copy = await env.backend.drive(gvToan).files.copy({ fileId: id, requestBody: { name: 'Bản sao sổ 11A2' }, fields: 'id,appProperties' });
    expect(copy.data.appProperties?.hosoKind).toBe('gradebook');
    await env.backend.drive(gvToan).permissions.create({ fileId: copy.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: env.backend.admin } });

    // Same file again: nothing changes.
    const again = await provision(year, { '11A2': 5 });
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.classes[0]!.spreadsheetId).toBe(id);

    // A new student, and a corrected name for an existing one.
    const rename = '11A2-002,11A2,Trần Thị Thanh,Hương,03/03/2010,Nữ,Kinh,Đắk Lắk';
    const csv = rosterCsv({ '11A2': 5 }).split('\n').filter((l) => !l.startsWith('11A2-002,')).join('\n');
    writeTmp(env.dir, 'r2.csv', csv + rename + '\n11A2-006,11A2,Lý Gia,Bảo,04/04/2010,Nam,Hoa,Đắk Lắk\n');
    const input = await readProvisionInput(join(env.dir, 'r2.csv'), writeTmp(env.dir, 'a2.csv', assignmentsCsv(['11A2'])), cur);
    const third = await provisionYear(env.backend, input, { year, curriculum: cur });
    expect(third.updated.map((u) => u.classId)).toContain('11A2');
    expect(third.classes[0]!.students).toBe(6);
    const after = (await fetchGradebook(env.backend.sheets(), id)).book;
    expect(after.errors).toEqual([]);
    for (const s of before.students) {
      const a = after.students.find((x) => x.id === s.id)!;
      expect(a.subjects).toEqual(s.subjects); // every mark, blank and 0 identical
    }
    expect(after.roster.find((s) => s.id === '11A2-002')!.name).toBe('Trần Thị Thanh Hương');
    const added = after.students.find((s) => s.id === '11A2-006')!;
    expect(added.subjects.find((x) => x.code === 'TOAN')!.HK1.tx).toEqual([null, null, null, null]);
    for (const lay of Object.values(after.tabs)) if (['subject', 'conduct', 'attendance', 'summary', 'roster'].includes(lay.kind)) expect(lay.rows['11A2-006']).toBeTypeOf('number');
    // The new student's mark cells are protected like the others.
    expect(await write(teacherOf('11A2', 'VAN'), id, after.cells['11A2-006']!['TOAN.HK1.tx.1']!, '5')).toBe(400);
    expect(await write(teacherOf('11A2', 'TOAN'), id, after.cells['11A2-006']!['TOAN.HK1.tx.1']!, '5')).toBe(200);
  });

  it('follows a changed phân công: new teacher gets the cells, the old one loses them, a new subject gets a tab', async () => {
    const year = '2027-2028';
    const first = await provision(year, { '10B3': 4 });
    const id = first.classes[0]!.spreadsheetId;
    const { book } = await fetchGradebook(env.backend.sheets(), id);
    const cell = book.cells[book.roster[0]!.id]!['TOAN.HK1.gk']!;
    const oldT = teacherOf('10B3', 'TOAN');
    expect(await write(oldT, id, cell, '6')).toBe(200);
    const newT = 'gv.moi@thpt-hbt.edu.vn';
    const assign = assignmentsCsv(['10B3']).replace(oldT, newT) + `10B3,Địa lí,GVBM,${teacherOf('10B3', 'DIA')},GV Địa\n`;
    const input = await readProvisionInput(writeTmp(env.dir, 'r3.csv', rosterCsv({ '10B3': 4 })), writeTmp(env.dir, 'a3.csv', assign), cur);
    const res = await provisionYear(env.backend, input, { year, curriculum: cur });
    expect(res.updated.find((u) => u.classId === '10B3')!.changes).toEqual(expect.arrayContaining(['thêm môn DIA', 'cập nhật quyền sửa (phân công)', `chia sẻ cho ${newT}`]));
    expect(await write(newT, id, cell, '7')).toBe(200);
    expect(await write(oldT, id, cell, '8')).toBe(400);
    const after = (await fetchGradebook(env.backend.sheets(), id)).book;
    expect(after.errors).toEqual([]);
    expect(after.students[0]!.subjects.find((s) => s.code === 'TOAN')!.HK1.gk).toBe(7);
    expect(after.tabs['subject:DIA']).toBeDefined();
    expect(after.tabs.summary!.columns['DIA.CN']).toBeTypeOf('number');
    expect(await write(teacherOf('10B3', 'DIA'), id, after.cells[after.roster[0]!.id]!['DIA.HK1.tx.1']!, '9')).toBe(200);
  });

  it('creates a book in a constant number of calls (10 vs 40 students)', async () => {
    const count = async (year: string, n: number) => {
      await env.resetStats();
      const res = await provision(year, { '12A1': n });
      expect(res.classes[0]!.students).toBe(n);
      return (await env.stats()).byMethod;
    };
    const small = await count('2030-2031', 10);
    const large = await count('2031-2032', 40);
    expect(large).toEqual(small);
    // one class: folder + control + book; Sheets: 2 batchUpdate (control, book), 2 values.batchUpdate + 1 control merge
    expect(small['sheets.spreadsheets.batchUpdate']).toBe(2);
    expect(small['sheets.spreadsheets.values.batchUpdate']).toBeLessThanOrEqual(3);
    expect(small['drive.files.create']).toBe(3);
  });

  it('bad input: exit 2, every problem listed, nothing written', async () => {
    const data = join(env.dir, 'cli-data');
    const roster = writeTmp(env.dir, 'bad-r.csv', rosterCsv({ '10A1': 2 }, ['10A1-001,10A1,Trần,Tú,1/1/2010,Nam,Kinh,Huế']));
    const assign = writeTmp(env.dir, 'bad-a.csv', assignmentsCsv(['10A1'], ['TOAN']) + '10A1,XYZ,GVBM,a@b.vn,A\n');
    const r = await promisify(execFile)('node', ['bin/hoso.js', 'provision', '--year', '2025-2026', '--roster', roster, '--assignments', assign, '--data', data, '--json'], { cwd: process.cwd() }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad-r\.csv, dòng 4, cột A \(Mã HS\)/);
    expect(r.stderr).toMatch(/bad-a\.csv, dòng 4, cột B \(Môn\)/);
    expect(existsSync(data) ? readdirSync(data) : []).toEqual([]);
  });
});
