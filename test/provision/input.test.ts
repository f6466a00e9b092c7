// Bad provisioning input → a report naming file, row and column; CSV and XLSX both accepted.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { defaultCurriculum } from '../../src/core/curriculum/index.ts';
import { readProvisionInput, parseDate } from '../../server/provision/input.ts';
import { assignmentsCsv, rosterCsv, writeTmp } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'hoso-input-'));
const cur = defaultCurriculum();

describe('provisioning input', () => {
  it('reads a clean CSV pair', async () => {
    const r = await readProvisionInput(writeTmp(dir, 'r.csv', rosterCsv({ '10A1': 5, '11B2': 3 })), writeTmp(dir, 'a.csv', assignmentsCsv(['10A1', '11B2'])), cur);
    expect(r.errors).toEqual([]);
    expect(r.classes.map((c) => [c.classId, c.grade, c.students.length])).toEqual([['10A1', 10, 5], ['11B2', 11, 3]]);
    expect(r.assignments.filter((a) => a.role === 'GVCN')).toHaveLength(2);
    expect(r.classes[0]!.students[0]!.birthDate).toMatch(/^\d\d\/\d\d\/2010$/);
  });

  it('reports every problem with file, row and column', async () => {
    const roster = rosterCsv({ '10A1': 3 }, [
      '10A1-001,10A1,Trần Văn,Tú,01/01/2010,Nam,Kinh,Huế', // duplicate id (row 5)
      '10A1-010,10A1,,,01/01/2010,Nam,Kinh,Huế', // missing names (row 6)
      '10A1-011,10A1,Lê Thị,Hồng,31/02/2010,Nữ,Kinh,Huế', // impossible date (row 7)
      '10A1-012,10A1,Lê Thị,Hồng,2010/13/01,Nữ,Kinh,Huế', // malformed date (row 8)
    ]);
    const assign = assignmentsCsv(['10A1'], ['TOAN', 'VAN']) + '10A1,Thiên văn học,GVBM,x@thpt-hbt.edu.vn,X\n12C9,TOAN,GVBM,y@thpt-hbt.edu.vn,Y\n';
    const r = await readProvisionInput(writeTmp(dir, 'roster-bad.csv', roster), writeTmp(dir, 'assign-bad.csv', assign), cur);
    const lines = r.errors.map((e) => `${e.file}|${e.row}|${e.column}|${e.message}`);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^roster-bad\.csv\|5\|A \(Mã HS\)\|.*trùng với dòng 2/),
      expect.stringMatching(/^roster-bad\.csv\|6\|D \(Tên\)\|thiếu tên/),
      expect.stringMatching(/^roster-bad\.csv\|6\|C \(Họ đệm\)\|thiếu họ đệm/),
      expect.stringMatching(/^roster-bad\.csv\|7\|E \(Ngày sinh\)\|ngày sinh "31\/02\/2010"/),
      expect.stringMatching(/^roster-bad\.csv\|8\|E \(Ngày sinh\)\|/),
      expect.stringMatching(/^assign-bad\.csv\|5\|B \(Môn\)\|môn "Thiên văn học" không có/),
      expect.stringMatching(/^assign-bad\.csv\|6\|A \(Lớp\)\|.*lớp "12C9" không có trong danh sách/),
    ]));
    expect(r.errors).toHaveLength(7);
  });

  it('reads XLSX (dates as real date cells) and reports missing columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Mã HS', 'Lớp', 'Họ và tên', 'Ngày sinh', 'Giới tính']);
    ws.addRow(['HS1', '12A1', 'Nguyễn Thị Thanh Hương', new Date(Date.UTC(2008, 4, 17)), 'nữ']);
    const p = join(dir, 'r.xlsx');
    await wb.xlsx.writeFile(p);
    const wb2 = new ExcelJS.Workbook();
    const ws2 = wb2.addWorksheet('PC');
    ws2.addRow(['Lớp', 'Môn', 'Email']);
    ws2.addRow(['12A1', 'Toán', 'gv.toan@thpt-hbt.edu.vn']);
    const p2 = join(dir, 'a.xlsx');
    await wb2.xlsx.writeFile(p2);
    const r = await readProvisionInput(p, p2, cur);
    expect(r.errors).toEqual([]);
    expect(r.classes[0]!.students[0]).toMatchObject({ id: 'HS1', familyName: 'Nguyễn Thị Thanh', givenName: 'Hương', birthDate: '17/05/2008', gender: 'Nữ' });
    expect(r.assignments[0]).toMatchObject({ classId: '12A1', role: 'GVBM', teacher: 'gv.toan@thpt-hbt.edu.vn' });
    expect(r.assignments[0]!.subject!.code).toBe('TOAN');

    const r2 = await readProvisionInput(writeTmp(dir, 'nocol.csv', 'Lớp,Tên\n10A1,An\n'), p2, cur);
    expect(r2.errors[0]).toMatchObject({ file: 'nocol.csv', row: 1, column: 'Mã HS' });
  });

  it('parses Vietnamese and ISO dates, rejects impossible ones', () => {
    expect(parseDate('5/9/2010')).toBe('05/09/2010');
    expect(parseDate('2010-09-05')).toBe('05/09/2010');
    expect(parseDate('29/02/2011')).toBeNull();
    expect(parseDate('hôm qua')).toBeNull();
  });
});
