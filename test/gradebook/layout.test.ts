// The layout in memory: template → grid → readGradebook → engine → summary writes → grid, by key.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/index.ts';
import {
  buildBookSpec, buildClassResultWrites, initialValues, missingMarks, readGradebook, summaryIsCurrent, termRanges,
  TAB_TITLES, type EngineOutput,
} from '../../src/core/gradebook/index.ts';
import { defaultCurriculum, loadCurriculum, txCountForPeriods } from '../../src/core/curriculum/index.ts';
import { applyWrites, classInfo, students } from './fixtures.ts';

function fill(tabs: Record<string, unknown[][]>, seed = 1): void {
  // Every mark, conduct level; comment subjects Đ.
  for (const [title, grid] of Object.entries(tabs)) {
    const keys = (grid[0] ?? []).map(String);
    const marker = keys[0] ?? '';
    for (let r = 4; r < grid.length; r++) {
      const row = grid[r]!;
      keys.forEach((k, c) => {
        if (marker.startsWith('@subject:')) {
          if (/^HK[12]\.(tx\.\d+|gk|ck)$/.test(k)) row[c] = marker.endsWith('GDTC') || marker.endsWith('HDTN') || marker.endsWith('GDDP') ? 'Đ' : ((r * 7 + c * 3 + seed) % 40) / 10 + 6;
        } else if (marker === '@conduct' && (k === 'HK1' || k === 'HK2')) row[c] = 'Tốt';
        else if (marker === '@attendance' && k === 'M10.P') row[c] = r % 3;
      });
      void title;
    }
  }
}

describe('curriculum', () => {
  it('validates the shipped template and derives ĐĐGtx from tiết/năm (TT22 Điều 6)', () => {
    const c = defaultCurriculum();
    expect(c.subjects.find((s) => s.code === 'TOAN')!.periodsPerYear).toBe(105);
    expect([txCountForPeriods(35), txCountForPeriods(52), txCountForPeriods(70), txCountForPeriods(105)]).toEqual([2, 3, 3, 4]);
    expect(txCountForPeriods(105, 'comment')).toBe(2);
    expect(c.subjects.filter((s) => s.type === 'comment').map((s) => s.code).sort()).toEqual(['AMNHAC', 'GDDP', 'GDTC', 'HDTN', 'MITHUAT']);
  });
  it('applies a school override and reports bad overrides by path', () => {
    const ok = loadCurriculum({ year: '2025-2026', subjects: [{ code: 'TOAN', txCount: 5 }, { code: 'CDHT', title: 'Chuyên đề', tab: 'Chuyên đề', type: 'score', group: 'optional', periodsPerYear: 35 }] });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.curriculum.subjects.find((s) => s.code === 'TOAN')!.txCount).toBe(5);
    const bad = loadCurriculum({ subjects: [{ code: 'toan' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.path).toContain('subjects.0.code');
  });
});

describe('gradebook layout', () => {
  it('round-trips: initial grid → read → engine input with every subject, blank is null', () => {
    const info = classInfo();
    const tabs = initialValues(info, students(5));
    const book = readGradebook(tabs);
    expect(book.errors).toEqual([]);
    expect(book.classInfo.classId).toBe('10A1');
    expect(book.students).toHaveLength(5);
    const toan = book.students[0]!.subjects.find((s) => s.code === 'TOAN')!;
    expect(toan.HK1.tx).toEqual([null, null, null, null]);
    expect(toan.periodsPerYear).toBe(105);
    expect(book.students[0]!.name).toBe('Nguyễn Văn An');
    // sorted by tên: An, Hà, Khoa, Minh…
    const given = book.roster.map((s) => s.givenName);
    expect(given).toEqual([...given].sort((a, b) => new Intl.Collator('vi').compare(a, b)));
    expect(missingMarks(book, { term: 'HK1', subject: 'TOAN' })).toHaveLength(5 * 6);
  });

  it('reports bad cells by sheet and cell, never crashes, never turns them into 0', () => {
    const tabs = initialValues(classInfo(), students(3));
    const toan = tabs['Toán']!;
    const keys = toan[0]!.map(String);
    const c = (k: string) => keys.indexOf(k);
    toan[4]![c('HK1.tx.1')] = 'abc';
    toan[4]![c('HK1.tx.2')] = 11;
    toan[4]![c('HK1.tx.3')] = 7.55;
    toan[4]![c('HK1.tx.4')] = '#REF!';
    toan[4]![c('HK1.gk')] = '7,5'; // text in a number cell
    toan[4]![c('HK1.ck')] = 0;
    toan[5]![0] = 'HS999';
    toan.push(['', '', '', 8]);
    tabs['GD thể chất']![4]![tabs['GD thể chất']![0]!.indexOf('HK1.gk')] = 'Dat';
    tabs['Rèn luyện']![4]![tabs['Rèn luyện']![0]!.indexOf('HK1')] = 'Giỏi';
    const book = readGradebook(tabs);
    const cells = book.errors.map((e) => `${e.sheet}!${e.cell}`);
    expect(cells).toEqual(expect.arrayContaining(['Toán!D5', 'Toán!E5', 'Toán!F5', 'Toán!G5', 'Toán!H5', 'Toán!A6', 'Toán!D' + toan.length, 'Rèn luyện!D5']));
    const s0 = book.students.find((s) => s.id === book.roster[0]!.id)!.subjects.find((s) => s.code === 'TOAN')!;
    expect(s0.HK1.tx).toEqual([null, null, null, null]);
    expect(s0.HK1.gk).toBeNull();
    expect(s0.HK1.ck).toBe(0);
    expect(book.errors.find((e) => e.cell === 'H5')!.message).toMatch(/văn bản|chuỗi/);
    expect(book.errors.some((e) => /HS999/.test(e.message))).toBe(true);
    expect(book.errors.some((e) => e.sheet === 'GD thể chất')).toBe(false); // "Dat" is an accepted spelling
  });

  it('reports missing tabs, wrong keys and duplicate ids', () => {
    const tabs = initialValues(classInfo(), students(3));
    delete tabs['Vật lí'];
    tabs['Toán']![0]![5] = 'HK1.tx.9';
    tabs['Hóa học']![5]![0] = tabs['Hóa học']![4]![0];
    const book = readGradebook(tabs);
    const msgs = book.errors.map((e) => `${e.sheet}|${e.message}`);
    expect(msgs.some((m) => m.startsWith('Vật lí|Thiếu tab'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('Toán|Thiếu cột có khóa "HK1.tx.3"'))).toBe(true);
    expect(msgs.filter((m) => m.startsWith('Hóa học|Mã học sinh')).length).toBe(2);
  });

  it('finds marks by key after rows are sorted and columns moved', () => {
    const info = classInfo();
    const tabs = initialValues(info, students(6));
    fill(tabs);
    const before = readGradebook(tabs);
    const toan = tabs['Toán']!;
    // reverse the data rows and swap two columns (keys move with them)
    const data = toan.splice(4).reverse();
    toan.push(...data);
    for (const row of toan) [row[3], row[8]] = [row[8], row[3]];
    toan.forEach((row) => row.splice(5, 0, 'x')); // an inserted column with a value but no key
    toan[0]![5] = '';
    const after = readGradebook(tabs);
    // the stray values in the key-less column are reported, one per row, and not counted anywhere
    expect(after.errors.map((e) => `${e.sheet}!${e.cell}`)).toEqual(data.map((_, i) => `Toán!F${i + 5}`));
    expect(after.students).toEqual(before.students);
  });

  it('summary writes by key, stamps a hash, detects stale results; termRanges follow the keys', () => {
    const info = classInfo();
    const tabs = initialValues(info, students(4));
    fill(tabs);
    let book = readGradebook(tabs);
    expect(summaryIsCurrent(book).current).toBe(false);
    const out = evaluate(book.input as never) as unknown as EngineOutput;
    const w = buildClassResultWrites(book, out, { computedAt: '2026-01-10T08:00:00.000Z' });
    expect(w.missingRows).toEqual([]);
    applyWrites(tabs, w.data);
    book = readGradebook(tabs);
    expect(book.errors).toEqual([]);
    expect(summaryIsCurrent(book)).toEqual({ current: true });
    const sumTab = tabs[TAB_TITLES.summary]!;
    const keys = sumTab[0]!.map(String);
    const row = sumTab.find((r) => r[0] === book.roster[0]!.id)!;
    expect(typeof row[keys.indexOf('TOAN.HK1')]).toBe('number');
    expect(row[keys.indexOf('KQRL.CN')]).toBe('Tốt');
    expect(String(row[keys.indexOf('reasons')])).toMatch(/TT22/);
    // Toán HK1.tb written in the subject tab, for the right student
    const toanTab = tabs['Toán']!;
    const tk = toanTab[0]!.map(String);
    const st = out.students.find((s) => s.id === book.roster[0]!.id)!;
    expect(toanTab.find((r) => r[0] === st.id)![tk.indexOf('HK1.tb')]).toBe(st.subjects.find((s) => s.code === 'TOAN')!.HK1);
    // a changed mark makes the results stale
    toanTab[5]![tk.indexOf('HK2.ck')] = 3;
    expect(summaryIsCurrent(readGradebook(tabs)).current).toBe(false);

    const hk1 = termRanges(book, 'HK1');
    const toanHk1 = hk1.filter((r) => r.sheet === 'Toán');
    expect(toanHk1.map((r) => r.a1)).toEqual(["'Toán'!D5:K8"]);
    expect(toanHk1[0]!.keys).toEqual(['HK1.tx.1', 'HK1.tx.2', 'HK1.tx.3', 'HK1.tx.4', 'HK1.gk', 'HK1.ck', 'HK1.tb', 'HK1.nx']);
    expect(hk1.some((r) => r.kind === 'conduct')).toBe(true);
    expect(hk1.some((r) => r.kind === 'attendance')).toBe(true);
    expect(hk1.some((r) => r.kind === 'summary')).toBe(true);
    const cn = termRanges(book, 'CN');
    expect(cn.some((r) => r.keys.includes('retest'))).toBe(false);
    // skipTerms leaves locked columns alone
    const w2 = buildClassResultWrites(book, out, { skipTerms: ['HK1'] });
    expect(w2.data.some((d) => d.range.startsWith("'Toán'!J"))).toBe(false);
    expect(w.data.some((d) => d.range.startsWith("'Toán'!J"))).toBe(true);
  });

  it('builds one tab per subject plus the fixed tabs', () => {
    const spec = buildBookSpec(classInfo());
    expect(spec.map((t) => t.title)).toEqual(['Hướng dẫn', 'Danh sách', 'Ngữ văn', 'Toán', 'Ngoại ngữ 1', 'Lịch sử', 'GD thể chất', 'GDQP-AN', 'HĐTN-HN', 'GD địa phương', 'Vật lí', 'Hóa học', 'Sinh học', 'Tin học', 'Rèn luyện', 'Điểm danh', 'Tổng hợp', '_meta']);
  });
});

describe('after the summer', () => {
  it('writes the post-summer outcome to outcome.final and leaves the (CN-locked) year outcome alone', () => {
    const info = classInfo();
    const tabs = initialValues(info, students(3));
    fill(tabs);
    const toan = tabs['Toán']!;
    const k = toan[0]!.map(String);
    // the first student fails Toán and Ngữ văn badly in both semesters (two subjects: no Điều 9 khoản 3 adjustment)
    const van = tabs['Ngữ văn']!;
    const vk = van[0]!.map(String);
    const vanRow = van.find((r) => r[0] === toan[4]![0])!;
    for (const key of ['HK1.tx.1', 'HK1.tx.2', 'HK1.tx.3', 'HK1.tx.4', 'HK1.gk', 'HK1.ck', 'HK2.tx.1', 'HK2.tx.2', 'HK2.tx.3', 'HK2.tx.4', 'HK2.gk', 'HK2.ck']) {
      toan[4]![k.indexOf(key)] = 1;
      vanRow[vk.indexOf(key)] = 2;
    }
    let book = readGradebook(tabs);
    const id = book.roster.find((s) => toan[4]![0] === s.id)!.id;
    let out = evaluate(book.input as never) as unknown as EngineOutput;
    applyWrites(tabs, buildClassResultWrites(book, out).data);
    const sum = tabs[TAB_TITLES.summary]!;
    const sk = sum[0]!.map(String);
    const row = () => sum.find((r) => r[0] === id)!;
    const yearOutcome = row()[sk.indexOf('outcome')];
    expect(yearOutcome).toBe('Đánh giá lại trong hè');
    expect(row()[sk.indexOf('outcome.final')]).toBe('');
    // summer re-assessment passes; the year is locked (CN), so only summer columns are written
    toan[4]![k.indexOf('retest')] = 7;
    vanRow[vk.indexOf('retest')] = 6.5;
    book = readGradebook(tabs);
    out = evaluate(book.input as never) as unknown as EngineOutput;
    const w = buildClassResultWrites(book, out, { skipTerms: ['CN'] });
    applyWrites(tabs, w.data);
    expect(row()[sk.indexOf('outcome')]).toBe(yearOutcome);
    expect(row()[sk.indexOf('outcome.final')]).toBe('Lên lớp');
    expect(toan[4]![k.indexOf('CN.final')]).toBe(out.students.find((s) => s.id === id)!.subjects.find((s) => s.code === 'TOAN')!.final);
  });
});
