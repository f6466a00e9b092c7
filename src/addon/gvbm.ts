// Server side of the "Giáo viên bộ môn" sidebar (google.script.run targets).
// gvbmLoad: one batched read of the book, the engine twice (official + provisional), no writes.
import type { EngineOutput, Gradebook, SubjectMeta } from '../core/gradebook/types.ts';
import type {
  CellRef, GvbmData, GvbmSubject, MissingMark, PetitionForm, ProblemReport, SubjectRow, SubjectValue,
} from './api-types.ts';
import { loadBook, parseCellRef, problemsOf, sortedRoster } from './book.ts';
import { missingMarks } from '../core/gradebook/missing.ts';
import { quoteSheet } from '../core/gradebook/a1.ts';
import { parseCommentMark, parseMark } from '../core/marks.ts';
import { controlTab, controlRow } from '../core/gradebook/control.ts';
import { evaluateBook, evaluateInput, provisionalInput } from './engine.ts';
import { readMetaTab, sameEmail, subjectsOf } from './roles.ts';
import { activeSpreadsheet, currentEmail } from './spreadsheet.ts';
import { asRow } from './sheet-text.ts';
import { callService, serviceUrl, SERVICE_PATHS } from './service.ts';

const TERM_NAMES = { HK1: 'HK I', HK2: 'HK II' } as const;

function subjectValue(v: number | string | null | undefined): SubjectValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  return v === 'D' || v === 'CD' ? v : null;
}

/** Mark columns of a subject in sheet order, with the teacher's labels. */
function columnsOf(s: SubjectMeta): Array<{ key: string; label: string }> {
  const label = s.type === 'score' ? { tx: 'ĐĐGtx', gk: 'ĐĐGgk', ck: 'ĐĐGck' } : { tx: 'ĐGtx', gk: 'ĐGgk', ck: 'ĐGck' };
  const out: Array<{ key: string; label: string }> = [];
  for (const term of ['HK1', 'HK2'] as const) {
    for (let i = 1; i <= s.txCount; i++) out.push({ key: `${term}.tx.${i}`, label: `${TERM_NAMES[term]} · ${label.tx} ${i}` });
    out.push({ key: `${term}.gk`, label: `${TERM_NAMES[term]} · ${label.gk}` }, { key: `${term}.ck`, label: `${TERM_NAMES[term]} · ${label.ck}` });
  }
  out.push({ key: 'retest', label: 'Đánh giá lại (hè)' });
  return out;
}

/** The value the engine read for a mark key of a student's subject (null: blank or unreadable). */
function markValue(sub: Gradebook['students'][number]['subjects'][number] | undefined, key: string): number | string | null {
  if (!sub) return null;
  if (key === 'retest') return sub.retest ?? null;
  const [term, kind, n] = key.split('.') as ['HK1' | 'HK2', 'tx' | 'gk' | 'ck', string | undefined];
  const sem = sub[term];
  if (kind === 'tx') return sem.tx[Number(n) - 1] ?? null;
  return sem[kind] ?? null;
}

function rowsOf(book: Gradebook, s: SubjectMeta, official: EngineOutput | null, provisional: EngineOutput | null): SubjectRow[] {
  const find = (out: EngineOutput | null, id: string) => out?.students.find((x) => String(x.id) === id)?.subjects.find((x) => x.code === s.code);
  const keys = columnsOf(s).map((c) => c.key);
  return sortedRoster(book).map((st) => {
    const o = find(official, st.id);
    const p = find(provisional, st.id);
    const input = book.students.find((x) => x.id === st.id)?.subjects.find((x) => x.code === s.code);
    const cells = book.cells[st.id] ?? {};
    const marks: SubjectRow['marks'] = {};
    for (const key of keys) {
      const ref = cells[`${s.code}.${key}`];
      if (ref) marks[key] = { a1: parseCellRef(ref).a1, value: markValue(input, key) };
    }
    return {
      marks,
      studentId: st.id,
      studentName: st.name,
      HK1: subjectValue(o?.HK1), HK2: subjectValue(o?.HK2), CN: subjectValue(o?.CN), final: subjectValue(o?.final),
      provisional: { HK1: subjectValue(p?.HK1), HK2: subjectValue(p?.HK2), CN: subjectValue(p?.CN) },
    };
  });
}

/** Blank marks of one subject (src/core missingMarks), without the cells that hold an unreadable value. */
function missingOf(book: Gradebook, s: SubjectMeta, invalid: ReadonlySet<string>): MissingMark[] {
  const label = s.type === 'score' ? { tx: 'ĐĐGtx', gk: 'ĐĐGgk', ck: 'ĐĐGck' } : { tx: 'ĐGtx', gk: 'ĐGgk', ck: 'ĐGck' };
  return missingMarks(book, { subject: s.code })
    .filter((m) => m.cell && !invalid.has(m.cell))
    .map((m) => {
      const [, term, kind, n] = /^[^.]+\.(HK[12])\.(tx|gk|ck)(?:\.(\d+))?$/.exec(m.field) ?? [];
      const name = kind ? `${label[kind as 'tx']}${n ? ` ${n}` : ''}` : m.field;
      return { studentId: m.studentId, studentName: m.name, label: `${TERM_NAMES[(term ?? m.term) as 'HK1']} · ${name}`, cell: parseCellRef(m.cell) };
    });
}

export function gvbmLoad(): GvbmData {
  const email = currentEmail();
  const { book } = loadBook();
  const mine = subjectsOf(book.classInfo, email);
  const official = evaluateBook(book).output;
  const provisional = evaluateInput(provisionalInput(book.input)).output;
  const invalid = new Set(book.errors.map((e) => `${quoteSheet(e.sheet)}!${e.cell}`));
  const subjects: GvbmSubject[] = mine.map((s) => {
    const tab = book.tabs[`subject:${s.code}`]?.title ?? s.tab;
    return {
      code: s.code,
      name: s.title,
      sheet: tab,
      type: s.type,
      missing: missingOf(book, s, invalid),
      problems: problemsOf(book, new Set([tab])),
      rows: rowsOf(book, s, official, provisional),
      columns: columnsOf(s),
    };
  });
  return {
    email,
    className: book.classInfo.className,
    schoolYear: book.classInfo.year,
    regulation: book.classInfo.regulation,
    subjects,
    serviceConfigured: serviceUrl() !== null,
    controlConfigured: !!book.classInfo.controlSpreadsheetId,
  };
}

/** Jump-to-cell: selects the cell in the spreadsheet (the sidebar stays open). */
export function gotoCell(cell: CellRef): { ok: true } {
  if (!cell || typeof cell.sheet !== 'string' || !/^[A-Z]{1,3}\d{1,6}$/.test(String(cell.a1))) throw new Error('Địa chỉ ô không hợp lệ.');
  const sheet = activeSpreadsheet().getSheetByName(cell.sheet);
  if (!sheet) throw new Error(`Không có tab "${cell.sheet}" trong sổ.`);
  sheet.getRange(cell.a1).activate();
  return { ok: true };
}

/** The selected cell, for the petition form ("Ô đang chọn"). */
export function currentSelection(): { sheet: string; a1: string; value: string; studentId: string | null } {
  const ss = activeSpreadsheet();
  const range = ss.getActiveRange();
  if (!range) throw new Error('Chưa chọn ô nào trong bảng tính.');
  const sheet = range.getSheet();
  const row = range.getRow();
  const id = String(sheet.getRange(row, 1).getValue() ?? '').trim();
  return { sheet: sheet.getName(), a1: range.getCell(1, 1).getA1Notation(), value: String(range.getCell(1, 1).getDisplayValue()), studentId: id && !id.startsWith('@') ? id : null };
}

function clip(text: unknown, max: number, what: string): string {
  const s = typeof text === 'string' ? text.trim() : '';
  if (s.length > max) throw new Error(`${what} quá dài (tối đa ${max} ký tự).`);
  return s;
}

/** "Báo lỗi cho Ban quản trị" (quy chế Điều 9.6): appends one row to the control spreadsheet's "Báo lỗi" tab. */
export function gvbmReportProblem(report: ProblemReport): { message: string } {
  const description = clip(report?.description, 2000, 'Nội dung');
  if (!description) throw new Error('Hãy mô tả sự cố trước khi gửi.');
  const ss = activeSpreadsheet();
  const meta = readMetaTab(ss);
  if (!meta?.controlSpreadsheetId) throw new Error('Sổ này chưa ghi bảng điều hành của trường (controlSpreadsheetId trong _meta): chưa gửi được báo lỗi.');
  let control: GoogleAppsScript.Spreadsheet.Spreadsheet;
  try {
    control = SpreadsheetApp.openById(meta.controlSpreadsheetId);
  } catch (err) {
    throw new Error(`Không mở được bảng điều hành của trường để ghi báo lỗi (${err instanceof Error ? err.message : String(err)}). Hãy báo trực tiếp Ban quản trị.`);
  }
  const spec = controlTab('reports');
  const tab = control.getSheetByName(spec.title);
  if (!tab) throw new Error(`Bảng điều hành của trường không có tab "${spec.title}". Hãy báo trực tiếp Ban quản trị.`);
  // Columns by the hidden key row (row 1), never by position; the template's order when the row is unreadable.
  const keyRow = tab.getRange(1, 1, 1, Math.max(1, tab.getLastColumn())).getValues()[0]!.map((k) => String(k ?? '').trim());
  const keys = spec.keys.every((k) => keyRow.includes(k)) ? keyRow : spec.keys;
  const kind = clip(report.kind, 100, 'Loại sự cố') || 'Khác';
  const record: Record<string, unknown> = {
    createdAt: new Date().toISOString(), teacher: currentEmail(), classId: meta.classId ?? meta.className ?? '', spreadsheetId: ss.getId(),
    subject: clip(report.subject, 100, 'Môn'), sheet: '', cell: clip(report.cell, 40, 'Ô'), message: `[${kind}] ${description}`, status: 'Mới', response: '',
  };
  tab.appendRow(asRow(keys === spec.keys ? controlRow(spec, record) : keys.map((k) => record[k] ?? '')));
  return { message: 'Đã gửi báo lỗi tới Ban quản trị. Cảm ơn thầy/cô!' };
}

/** A proposed value as the sheet holds it: a mark as a number ("7,5" → 7.5), Đ/CĐ in their canonical spelling. */
function cellValue(text: string, type: 'score' | 'comment'): number | string {
  if (type === 'comment') {
    const c = parseCommentMark(text);
    if (c.ok && c.value) return c.value === 'D' ? 'Đ' : 'CĐ';
    throw new Error(`"${text}" không phải Đ hoặc CĐ.`);
  }
  const m = parseMark(text);
  if (m.ok && m.value !== null) return m.value;
  throw new Error(m.ok ? 'Điểm không được để trống.' : m.message);
}

/** "Đơn đề nghị mở khóa" (quy chế Điều 10.2): sent to the service, which records it for the principal's decision. */
export function gvbmSubmitPetition(form: PetitionForm): { message: string; id?: string } {
  const email = currentEmail();
  const ss = activeSpreadsheet();
  const meta = readMetaTab(ss);
  if (!meta) throw new Error('Bảng tính này không phải sổ của một lớp.');
  const subject = meta.subjects.find((s) => s.code === form?.subject);
  if (!subject) throw new Error('Môn học không có trong sổ này.');
  if (!sameEmail(subject.teacher, email)) throw new Error(`Chỉ giáo viên dạy môn ${subject.title} của lớp được gửi đơn cho môn này.`);
  if (!['HK1', 'HK2', 'CN'].includes(form.term)) throw new Error('Học kì không hợp lệ.');
  const reason = clip(form.reason, 2000, 'Lý do');
  if (!reason) throw new Error('Hãy ghi lý do điều chỉnh.');
  if (!Array.isArray(form.changes) || form.changes.length === 0) throw new Error('Đơn cần ít nhất một ô đề nghị sửa.');
  if (form.changes.length > 200) throw new Error('Một đơn tối đa 200 ô.');
  const cells = form.changes.map((c, i) => {
    const cell = String(c.cell ?? '').trim().toUpperCase();
    if (!/^[A-Z]{1,3}\d{1,6}$/.test(cell)) throw new Error(`Dòng ${i + 1}: ô "${String(c.cell)}" không hợp lệ (ví dụ D7).`);
    const oldText = clip(c.oldValue, 50, 'Điểm cũ');
    const newText = clip(c.newValue, 50, 'Điểm mới');
    if (!newText) throw new Error(`Dòng ${i + 1}: chưa ghi điểm mới.`);
    const studentId = clip(c.studentId, 64, 'Mã học sinh');
    return {
      spreadsheetId: ss.getId(),
      range: `${quoteSheet(subject.tab)}!${cell}`,
      studentId: studentId || undefined,
      studentName: clip(c.studentName, 200, 'Tên học sinh') || undefined,
      ...(oldText ? { old: cellValue(oldText, subject.type) } : {}),
      new: cellValue(newText, subject.type),
    };
  });
  // server/locks/routes.ts: POST /api/petitions {year, term, classId, subject, students, cells, reason}
  const r = callService<{ id?: string }>('post', SERVICE_PATHS.petitions, {
    year: meta.year,
    term: form.term,
    classId: meta.classId,
    subject: subject.code,
    students: Array.from(new Set(cells.map((c) => c.studentId).filter((x): x is string => !!x))),
    cells,
    reason,
  });
  const id = r?.id;
  return { message: `Đã gửi đơn đề nghị mở khóa${id ? ` (mã ${id})` : ''}. Đơn chờ Hiệu trưởng duyệt.`, id };
}
