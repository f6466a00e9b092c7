// Through googleapis against the local workspace: sorted rows, inserted and deleted rows/columns never move a mark
// to another student or subject, because readGradebook finds students by the hidden id and columns by the hidden key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type DemoResult } from '../../server/demo/index.ts';
import { fetchGradebook } from '../../server/provision/read-book.ts';
import { termRanges, type EngineStudent } from '../../src/core/gradebook/index.ts';
import { startEnv, type Env } from '../provision/helpers.ts';

let env: Env;
let demo: DemoResult;
beforeAll(async () => {
  env = await startEnv();
  demo = await createDemo(env.backend, { classes: 1, students: 9, seed: 7 });
});
afterAll(async () => {
  await env.close();
});

function byId(students: EngineStudent[]): Map<string, EngineStudent> {
  return new Map(students.map((s) => [s.id, s] as const));
}

describe('structural edits', () => {
  it('sort, insert and delete rows and columns: every mark stays with its student and subject', async () => {
    const c = demo.classes[0]!;
    const admin = env.backend.sheets();
    const before = await fetchGradebook(admin, c.spreadsheetId);
    expect(before.book.errors).toEqual([]);
    const toan = before.book.tabs['subject:TOAN']!;
    const van = before.book.tabs['subject:VAN']!;
    const toanId = before.sheetIds[toan.title]!;
    const vanId = before.sheetIds[van.title]!;
    const rosterId = before.sheetIds[before.book.tabs.roster!.title]!;
    const first = toan.firstDataRow;
    const last = Math.max(...toan.dataRows) + 1;
    const txCol = toan.columns['HK1.tx.2']!;
    const victim = before.book.roster[3]!.id;

    // A teacher cannot restructure (the hidden id column and header are protected, as on Google).
    const toanTeacher = c.subjects.find((s) => s.code === 'TOAN')!.teacher!;
    await expect(env.backend.sheets(toanTeacher).spreadsheets.batchUpdate({
      spreadsheetId: c.spreadsheetId,
      requestBody: { requests: [{ sortRange: { range: { sheetId: toanId, startRowIndex: first, endRowIndex: last }, sortSpecs: [{ dimensionIndex: txCol, sortOrder: 'DESCENDING' }] } }] },
    })).rejects.toMatchObject({ code: 400 });

    // The owner sorts Toán by a mark, inserts a row and a column inside the data, sorts the roster by name
    // descending, deletes a student's row in Văn and a column of Văn's HK II comments.
    await admin.spreadsheets.batchUpdate({
      spreadsheetId: c.spreadsheetId,
      requestBody: {
        requests: [
          { sortRange: { range: { sheetId: toanId, startRowIndex: first, endRowIndex: last }, sortSpecs: [{ dimensionIndex: txCol, sortOrder: 'DESCENDING' }, { dimensionIndex: 2, sortOrder: 'ASCENDING' }] } },
          { insertDimension: { range: { sheetId: toanId, dimension: 'ROWS', startIndex: first + 2, endIndex: first + 3 }, inheritFromBefore: true } },
          { insertDimension: { range: { sheetId: toanId, dimension: 'COLUMNS', startIndex: txCol, endIndex: txCol + 2 }, inheritFromBefore: false } },
          { sortRange: { range: { sheetId: rosterId, startRowIndex: first, endRowIndex: first + before.book.roster.length }, sortSpecs: [{ dimensionIndex: before.book.tabs.roster!.columns.givenName!, sortOrder: 'DESCENDING' }] } },
          { deleteDimension: { range: { sheetId: vanId, dimension: 'ROWS', startIndex: van.rows[victim]!, endIndex: van.rows[victim]! + 1 } } },
          { deleteDimension: { range: { sheetId: vanId, dimension: 'COLUMNS', startIndex: van.columns['HK2.nx']!, endIndex: van.columns['HK2.nx']! + 1 } } },
        ],
      },
    });
    // something typed into the inserted (id-less) row and column is reported, not attributed to anyone
    await admin.spreadsheets.values.update({ spreadsheetId: c.spreadsheetId, range: `'${toan.title}'!E${first + 3}`, valueInputOption: 'RAW', requestBody: { values: [[9]] } });

    const after = await fetchGradebook(admin, c.spreadsheetId);
    const moved = after.book.tabs['subject:TOAN']!;
    expect(moved.columns['HK1.tx.2']).toBe(txCol + 2);
    expect(Object.entries(moved.rows).some(([id, r]) => toan.rows[id] !== r)).toBe(true); // rows really moved
    const b = byId(before.book.students);
    for (const s of after.book.students) {
      const old = b.get(s.id)!;
      for (const subj of s.subjects) {
        const o = old.subjects.find((x) => x.code === subj.code)!;
        if (subj.code === 'VAN' && s.id === victim) {
          expect(subj.HK1.tx.every((v) => v === null)).toBe(true); // its row is gone: blank, reported below
          continue;
        }
        expect(subj).toEqual(o);
      }
      expect(s.conduct).toEqual(old.conduct);
      expect(s.absences).toEqual(old.absences);
    }
    const msgs = after.book.errors.map((e) => `${e.sheet}!${e.cell} ${e.message}`);
    expect(msgs).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^${van.title}!A1 .*${victim}.*không có dòng`)),
      expect.stringMatching(/^Ngữ văn!A1 Thiếu cột có khóa "HK2\.nx"/),
      expect.stringMatching(new RegExp(`^${toan.title}!E${first + 3} Dòng không có mã học sinh`)),
    ]));
    expect(after.book.errors).toHaveLength(3);
    // the lock's ranges follow the keys: HK I of Toán is split around the two inserted (key-less) columns
    const hk1 = termRanges(after.book, 'HK1').filter((r) => r.sheet === toan.title);
    expect(hk1.flatMap((r) => r.keys)).toEqual(['HK1.tx.1', 'HK1.tx.2', 'HK1.tx.3', 'HK1.tx.4', 'HK1.gk', 'HK1.ck', 'HK1.tb', 'HK1.nx'].filter((k) => k in moved.columns).sort((x, y) => moved.columns[x]! - moved.columns[y]!));
    expect(hk1).toHaveLength(2);
    for (const r of hk1) for (let c = r.grid.startColumnIndex; c < r.grid.endColumnIndex; c++) expect(Object.values(moved.columns)).toContain(c);
  });
});
