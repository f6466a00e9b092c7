// Server side of the "Giáo viên chủ nhiệm" sidebar: class results (engine → Tổng hợp and computed columns),
// statistics, conduct and attendance entry. Reads are one getValues per tab; writes are one setValues per
// contiguous block — both independent of the number of students.
import { readConduct, readCount } from '../core/gradebook/cells.ts';
import { conductLevels, monthKey, TAB_TITLES } from '../core/gradebook/layout.ts';
import { awardText, buildClassResultWrites, outcomeText, summaryIsCurrent } from '../core/gradebook/summary.ts';
import type { EngineOutput, Gradebook, TabLayout, Term } from '../core/gradebook/types.ts';
import { lockTagOf } from '../core/locks/plan.ts';
import { GRADEBOOK_TEMPLATE } from '../../sheet-templates/gradebook.ts';
import type { AttendanceEntry, ClassResult, ConductEntry, GvcnData, SaveResult, StudentResult } from './api-types.ts';
import { loadBook, problemsOf, sortedRoster, type LoadedBook } from './book.ts';
import { evaluateBook } from './engine.ts';
import { sameEmail } from './roles.ts';
import { currentEmail, ownerEmail, type TabValues } from './spreadsheet.ts';
import { asCell } from './sheet-text.ts';

/** The class's GVCN — or the book's owner (the school's admin account, who may act for an absent GVCN). */
function requireHomeroom(book: Gradebook, email: string, ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  if (sameEmail(book.classInfo.homeroomTeacher, email)) return;
  if (!sameEmail(ownerEmail(ss), email)) {
    throw new Error(`Chỉ giáo viên chủ nhiệm lớp ${book.classInfo.className} được dùng chức năng này (tài khoản hiện tại: ${email || 'không xác định'}).`);
  }
}

/** Google's message for a write into a protected range, in the teacher's words. */
function explainWriteError(err: unknown): Error {
  const msg = err instanceof Error ? err.message : String(err);
  if (/protected cell|protected range|được bảo vệ/i.test(msg)) {
    return new Error('Không ghi được: ô thuộc vùng đã khóa sổ hoặc không thuộc quyền của bạn. Muốn sửa dữ liệu đã khóa, hãy làm đơn đề nghị mở khóa (quy chế Điều 10.2).');
  }
  return err instanceof Error ? err : new Error(msg);
}

function withDocumentLock<T>(body: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) return body(); // not bound to a document (cannot happen in a sheet add-on)
  if (!lock.tryLock(20000)) throw new Error('Sổ đang được người khác cập nhật, hãy thử lại sau ít giây.');
  try {
    return body();
  } catch (err) {
    throw explainWriteError(err);
  } finally {
    lock.releaseLock();
  }
}

function tabValues(loaded: LoadedBook, lay: TabLayout | undefined): { lay: TabLayout; tab: TabValues } {
  const tab = lay && loaded.tabs.find((t) => t.title === lay.title);
  if (!lay || !tab) throw new Error('Sổ thiếu tab cần thiết (xem mục "Cần sửa" trong thanh bên Giáo viên bộ môn).');
  return { lay, tab };
}

export function gvcnLoad(): GvcnData {
  const email = currentEmail();
  const loaded = loadBook();
  const { book } = loaded;
  requireHomeroom(book, email, loaded.ss);
  const conductTab = book.tabs.conduct ? loaded.tabs.find((t) => t.title === book.tabs.conduct!.title) : undefined;
  const attTab = book.tabs.attendance ? loaded.tabs.find((t) => t.title === book.tabs.attendance!.title) : undefined;
  const raw = (tab: TabValues | undefined, lay: TabLayout | undefined, id: string, key: string): unknown => {
    const r = lay?.rows[id];
    const c = lay?.columns[key];
    return tab && r !== undefined && c !== undefined ? tab.values[r]?.[c] ?? '' : '';
  };
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const inputById = new Map(book.input.students.map((s) => [s.id, s] as const));
  return {
    email,
    className: book.classInfo.className,
    schoolYear: book.classInfo.year,
    regulation: book.classInfo.regulation,
    students: sortedRoster(book).map((s) => {
      const attendance: GvcnData['students'][number]['attendance'] = {};
      for (const m of GRADEBOOK_TEMPLATE.months) {
        const key = monthKey(m);
        const p = raw(attTab, book.tabs.attendance, s.id, `${key}.P`);
        const k = raw(attTab, book.tabs.attendance, s.id, `${key}.K`);
        attendance[key] = { P: p === '' ? null : (p as number | string), K: k === '' ? null : (k as number | string) };
      }
      return {
        id: s.id,
        name: s.name,
        absences: inputById.get(s.id)?.absences ?? null,
        conduct: {
          HK1: text(raw(conductTab, book.tabs.conduct, s.id, 'HK1')),
          HK2: text(raw(conductTab, book.tabs.conduct, s.id, 'HK2')),
          CN: text(raw(conductTab, book.tabs.conduct, s.id, 'CN')),
          summer: text(raw(conductTab, book.tabs.conduct, s.id, 'summer')),
        },
        attendance,
      };
    }),
    subjects: book.classInfo.subjects.map((s) => ({ code: s.code, name: s.title })),
    conductLevels: conductLevels(book.classInfo.regulation),
    months: GRADEBOOK_TEMPLATE.months.map((m) => ({ key: monthKey(m), label: `Tháng ${m}` })),
    problems: problemsOf(book),
    summary: { computedAt: book.summary.stamp?.computedAt ?? null, ...summaryIsCurrent(book) },
  };
}

function count(into: Record<string, number>, key: string | null | undefined): void {
  const k = key ?? 'CHUA_CO';
  into[k] = (into[k] ?? 0) + 1;
}

/** Class statistics, lists and per-student explanations from the engine's output. */
export function classResult(book: Gradebook, output: EngineOutput, cellsWritten: number): ClassResult {
  const names = new Map(book.roster.map((s) => [s.id, s.name] as const));
  const subjectName = new Map(book.classInfo.subjects.map((s) => [s.code, s.title] as const));
  const order = new Map(sortedRoster(book).map((s, i) => [s.id, i] as const));
  const byName = [...output.students].sort((a, b) => (order.get(String(a.id)) ?? 0) - (order.get(String(b.id)) ?? 0));
  const students: StudentResult[] = byName.map((r) => ({
    id: String(r.id),
    name: names.get(String(r.id)) ?? String(r.id),
    subjects: r.subjects.map((s) => ({
      code: s.code, name: subjectName.get(s.code) ?? s.code,
      HK1: s.HK1 as StudentResult['subjects'][number]['HK1'], HK2: s.HK2 as StudentResult['subjects'][number]['HK2'],
      CN: s.CN as StudentResult['subjects'][number]['CN'], final: s.final as StudentResult['subjects'][number]['final'],
    })),
    learning: { ...r.learning },
    conduct: { ...r.conduct },
    average: (r as { average?: Record<string, number | null> }).average,
    award: r.award,
    outcome: r.outcome,
    retestSubjects: r.retestSubjects,
    reasons: r.reasons,
  }));
  const stats: ClassResult['stats'] = { learning: { HK1: {}, HK2: {}, CN: {} }, conduct: { HK1: {}, HK2: {}, CN: {} }, awards: {}, outcomes: {}, pending: 0 };
  const lists: ClassResult['lists'] = { lenLop: [], oLai: [], danhGiaLai: [], renLuyenHe: [], khenThuong: [], choXet: [] };
  for (const s of students) {
    for (const t of ['HK1', 'HK2', 'CN'] as const) {
      count(stats.learning[t]!, s.learning[t]);
      count(stats.conduct[t]!, s.conduct[t]);
    }
    if (s.award) count(stats.awards, s.award);
    count(stats.outcomes, s.outcome);
    const entry = (note: string) => ({ id: s.id, name: s.name, note });
    if (s.award) lists.khenThuong.push(entry(awardText(s.award)));
    switch (s.outcome) {
      case 'LEN_LOP': lists.lenLop.push(entry('')); break;
      case 'O_LAI': lists.oLai.push(entry('')); break;
      case 'DANH_GIA_LAI':
      case 'KIEM_TRA_LAI': lists.danhGiaLai.push(entry(s.retestSubjects.map((c) => subjectName.get(c) ?? c).join(', '))); break;
      case 'REN_LUYEN_HE': lists.renLuyenHe.push(entry('')); break;
      default:
        stats.pending++;
        lists.choXet.push(entry(outcomeText(s.outcome, book.classInfo.grade)));
    }
  }
  const distribution = book.classInfo.subjects.filter((s) => s.type === 'score').map((sub) => {
    const bins = new Array<number>(10).fill(0);
    for (const s of students) {
      const v = s.subjects.find((x) => x.code === sub.code)?.CN;
      if (typeof v === 'number') bins[Math.min(9, Math.floor(v))]!++;
    }
    return { code: sub.code, name: sub.title, bins };
  });
  return {
    className: book.classInfo.className,
    regulation: output.regulation,
    computedAt: new Date().toISOString(),
    students, stats, distribution, lists,
    summarySheet: book.tabs.summary?.title ?? TAB_TITLES.summary,
    cellsWritten,
    problems: problemsOf(book),
  };
}

/** Terms locked in this book: protected ranges whose description carries the lock service's tag. */
export function lockedTerms(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Term[] {
  const terms = new Set<Term>();
  for (const p of ss.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const tag = lockTagOf({ description: p.getDescription() });
    if (tag === 'HK1' || tag === 'HK2' || tag === 'CN') terms.add(tag);
  }
  return [...terms];
}

/** "Tính kết quả cả lớp": one read, the engine, then the summary tab and computed columns written by range. */
export function gvcnComputeClass(): ClassResult {
  const email = currentEmail();
  return withDocumentLock(() => {
    const { ss, book } = loadBook();
    requireHomeroom(book, email, ss);
    const evaluation = evaluateBook(book);
    if (!evaluation.output) throw new Error(`Không tính được kết quả: ${evaluation.issues.slice(0, 3).join('; ')}`);
    // Terms the principal locked (protections tagged by the lock service) are not written: their cells are
    // admin-only, a write there would fail, and their locked values are the record (quy chế Điều 10.2).
    const locked = lockedTerms(ss);
    const writes = buildClassResultWrites(book, evaluation.output, { skipTerms: locked });
    let cells = 0;
    for (const w of writes.data) {
      const values = w.values.map((row) => row.map(asCell));
      ss.getRange(w.range).setValues(values);
      cells += values.length * (values[0]?.length ?? 0);
    }
    const result = classResult(book, evaluation.output, cells);
    // Students the engine could not evaluate are left out (as in the consolidation); say which cells to fix.
    result.problems.push(...evaluation.issues.map((message) => ({ message })));
    return { ...result, lockedTerms: locked };
  });
}

/** Rewrites rows [r1..r2] of the columns [c1..c2] of a tab from `grid` (0-based), with changes already applied. */
function writeBlock(tab: TabValues, grid: unknown[][], rows: number[], c1: number, c2: number): void {
  const r1 = Math.min(...rows);
  const r2 = Math.max(...rows);
  const block: unknown[][] = [];
  for (let r = r1; r <= r2; r++) {
    const row: unknown[] = [];
    for (let c = c1; c <= c2; c++) row.push(asCell(grid[r]?.[c] ?? ''));
    block.push(row);
  }
  tab.sheet.getRange(r1 + 1, c1 + 1, r2 - r1 + 1, c2 - c1 + 1).setValues(block);
}

/**
 * The frame shared by the GVCN entry helpers: role check, one read of the tab, every entry checked and applied to a
 * copy (a bad one aborts before anything is written), then one write per touched column.
 */
function saveToTab<E extends { studentId: string }>(
  entries: E[],
  pickTab: (book: LoadedBook['book']) => TabLayout | undefined,
  apply: (entry: E, book: LoadedBook['book'], set: (column: string, value: unknown) => void) => void,
  message: (count: number, title: string) => string,
): SaveResult {
  const email = currentEmail();
  if (!Array.isArray(entries)) throw new Error('Dữ liệu không hợp lệ.');
  if (entries.length === 0) return { saved: 0, message: 'Không có thay đổi nào.' };
  return withDocumentLock(() => {
    const loaded = loadBook();
    const { book } = loaded;
    requireHomeroom(book, email, loaded.ss);
    const { lay, tab } = tabValues(loaded, pickTab(book));
    const grid = tab.values.map((r) => r.slice());
    const touched = new Map<number, number[]>(); // column → rows
    for (const e of entries) {
      const r = lay.rows[e.studentId];
      if (r === undefined) throw new Error(`Không tìm thấy học sinh mã "${String(e.studentId)}" trong tab ${lay.title}.`);
      apply(e, book, (column, value) => {
        const c = lay.columns[column];
        if (c === undefined) throw new Error(`Tab ${lay.title} không có cột ${column}.`);
        grid[r]![c] = value;
        touched.set(c, [...(touched.get(c) ?? []), r]);
      });
    }
    for (const [c, rows] of touched) writeBlock(tab, grid, rows, c, c);
    return { saved: entries.length, message: message(entries.length, lay.title) };
  });
}

export function gvcnSaveConduct(entries: ConductEntry[]): SaveResult {
  return saveToTab(entries, (book) => book.tabs.conduct, (e, book, set) => {
    const value = typeof e.value === 'string' ? e.value.trim() : '';
    const check = readConduct(value, book.classInfo.regulation);
    if (!check.ok) throw new Error(check.message);
    set(e.term, value);
  }, (n, title) => `Đã lưu ${n} ô rèn luyện vào tab ${title}.`);
}

export function gvcnSaveAttendance(entries: AttendanceEntry[]): SaveResult {
  return saveToTab(entries, (book) => book.tabs.attendance, (e, _book, set) => {
    for (const pk of ['P', 'K'] as const) {
      const v = e[pk];
      const check = readCount(v === null ? '' : v);
      if (!check.ok) throw new Error(check.message);
      set(`${e.month}.${pk}`, v === null ? '' : v);
    }
  }, (n, title) => `Đã lưu điểm danh của ${n} học sinh vào tab ${title}.`);
}
