// `hoso provision`: a school year from checked input (input.ts) — the year folder, the control spreadsheet and one
// gradebook per class, shared with the teachers and protected. Idempotent: files are found by appProperties, and
// a second run only adds or updates (students, subjects, teachers); marks are never written or deleted.
import type { Backend } from '../google/backend.ts';
import { defaultCurriculum, curriculumOrder, type Curriculum } from '../../src/core/curriculum/index.ts';
import { trySelectRegulation } from '../../src/core/index.ts';
import { compareStudents, fullName, TEMPLATE_VERSION, type ClassInfo, type Regulation, type RosterStudent, type SubjectMeta } from '../../src/core/gradebook/index.ts';
import { appProps, createFile, findByProps, FOLDER_MIME, listWriters, shareWriters, type HosoKind } from './drive.ts';
import { ownedByAdmin } from '../google/drive-query.ts';
import { createBook, updateBook } from './books.ts';
import { createControl, mergeControl } from './control.ts';
import type { ProvisionInput } from './input.ts';

export interface ProvisionOptions {
  year: string;
  curriculum?: Curriculum;
  schoolName?: string;
  /** Called after each class (for a progress bar). */
  onClass?: (classId: string, done: number, total: number) => void;
  log?: (message: string) => void;
  /** Extra appProperties for a newly created year folder (the demo marks its seed there). */
  folderProperties?: Record<string, string>;
}

export interface FileRef {
  kind: 'folder' | 'control' | 'gradebook';
  id: string;
  name: string;
  classId?: string;
}

export interface ProvisionedClass {
  id: string;
  name: string;
  grade: number;
  regulation: Regulation;
  spreadsheetId: string;
  homeroomTeacher: string | null;
  /** Number of students in the book (sĩ số). */
  students: number;
  roster: { id: string; name: string }[];
  subjects: { code: string; title: string; type: 'score' | 'comment'; teacher: string | null; tab: string; txCount: number }[];
}

export interface ProvisionResult {
  year: string;
  folderId: string;
  controlSpreadsheetId: string;
  admin: string;
  classes: ProvisionedClass[];
  created: FileRef[];
  updated: (FileRef & { changes?: string[] })[];
  unchanged: FileRef[];
  warnings: string[];
}

/** The class's book description from the roster and the assignments. */
export function classInfoFor(year: string, classId: string, grade: number, input: ProvisionInput, curriculum: Curriculum, controlSpreadsheetId: string | undefined, schoolName?: string): ClassInfo {
  const reg = trySelectRegulation(year, grade);
  const assigned = input.assignments.filter((a) => a.classId === classId && a.role === 'GVBM' && a.subject);
  const order = curriculumOrder(curriculum, assigned.map((a) => a.subject!.code));
  const subjects: SubjectMeta[] = order.map((code) => {
    const a = assigned.find((x) => x.subject!.code === code)!;
    const s = a.subject!;
    return { code: s.code, title: s.title, tab: s.tab, type: s.type, txCount: s.txCount, periodsPerYear: s.periodsPerYear, teacher: a.teacher };
  });
  return {
    templateVersion: TEMPLATE_VERSION,
    year,
    classId,
    className: classId,
    grade,
    regulation: reg.ok ? reg.regulation : 'TT22',
    homeroomTeacher: input.assignments.find((a) => a.classId === classId && a.role === 'GVCN')?.teacher,
    controlSpreadsheetId,
    schoolName,
    subjects,
  };
}

export async function provisionYear(backend: Backend, input: ProvisionInput, opts: ProvisionOptions): Promise<ProvisionResult> {
  const log = opts.log ?? (() => {});
  const curriculum = opts.curriculum ?? defaultCurriculum();
  const admin = backend.admin;
  const sheets = backend.sheets(admin);
  const drive = backend.drive(admin);
  const year = opts.year;
  const created: FileRef[] = [];
  const updated: ProvisionResult['updated'] = [];
  const unchanged: FileRef[] = [];
  const warnings = input.warnings.map((w) => `${w.file}: ${w.message}`);

  // 1. Year folder and control spreadsheet (found by appProperties). One list for the year's files of every kind;
  // only the admin's own (a teacher's copy keeps the appProperties and must not be taken for the class book).
  const yearFiles = (await findByProps(drive, { hosoYear: year })).filter((f) => ownedByAdmin(f.owners, admin));
  const ofKind = (kind: HosoKind) => yearFiles.filter((f) => f.appProperties.hosoKind === kind);
  const folderName = `Hồ sơ điện tử ${year}`;
  let folderId = ofKind('yearFolder')[0]?.id;
  if (!folderId) {
    folderId = await createFile(drive, folderName, FOLDER_MIME, appProps(year, 'yearFolder', opts.folderProperties));
    created.push({ kind: 'folder', id: folderId, name: folderName });
    log(`Đã tạo thư mục "${folderName}"`);
  }
  let controlId = ofKind('control')[0]?.id;
  let controlFresh = false;
  if (!controlId) {
    controlId = await createControl(sheets, drive, folderId, year, admin);
    controlFresh = true;
    created.push({ kind: 'control', id: controlId, name: 'Sổ điều hành' });
    log('Đã tạo sổ điều hành năm học');
  }

  // 2. One book per class.
  const books = ofKind('gradebook');
  const bookOf = new Map(books.map((b) => [b.appProperties.hosoClass ?? '', b.id] as const));
  const classes: ProvisionedClass[] = [];
  const sortedClasses = [...input.classes].sort((a, b) => a.grade - b.grade || a.classId.localeCompare(b.classId, 'vi', { numeric: true }));
  let done = 0;
  for (const c of sortedClasses) {
    const info = classInfoFor(year, c.classId, c.grade, input, curriculum, controlId, opts.schoolName);
    let spreadsheetId = bookOf.get(c.classId);
    let roster: RosterStudent[] = c.students;
    const teachers = [info.homeroomTeacher, ...info.subjects.map((s) => s.teacher)].filter((t): t is string => !!t);
    if (!spreadsheetId) {
      spreadsheetId = await createBook(sheets, drive, folderId, info, c.students, admin);
      await shareWriters(drive, spreadsheetId, teachers, new Set([admin.toLowerCase()]));
      created.push({ kind: 'gradebook', id: spreadsheetId, name: c.classId, classId: c.classId });
    } else {
      const u = await updateBook(sheets, spreadsheetId, info, c.students, admin);
      const shared = await shareWriters(drive, spreadsheetId, teachers, await listWriters(drive, spreadsheetId));
      const changes = [
        ...u.addedStudents.map((id) => `thêm học sinh ${id}`),
        ...u.updatedStudents.map((id) => `cập nhật thông tin học sinh ${id}`),
        ...u.addedSubjects.map((code) => `thêm môn ${code}`),
        ...u.addedColumns.map((k) => `thêm cột ${k}`),
        ...(u.protectionsChanged ? ['cập nhật quyền sửa (phân công)'] : []),
        ...shared.map((e) => `chia sẻ cho ${e}`),
      ];
      for (const id of u.notInRoster) warnings.push(`Lớp ${c.classId}: học sinh ${id} có trong sổ nhưng không có trong tệp danh sách — giữ nguyên, không xóa`);
      if (changes.length) updated.push({ kind: 'gradebook', id: spreadsheetId, name: c.classId, classId: c.classId, changes });
      else unchanged.push({ kind: 'gradebook', id: spreadsheetId, name: c.classId, classId: c.classId });
      const extra = u.book.roster.filter((s) => !c.students.some((x) => x.id === s.id));
      roster = [...c.students, ...extra];
      info.subjects = u.info.subjects;
    }
    classes.push({
      id: c.classId,
      name: info.className,
      grade: c.grade,
      regulation: info.regulation,
      spreadsheetId,
      homeroomTeacher: info.homeroomTeacher ?? null,
      students: roster.length,
      roster: [...roster].sort(compareStudents).map((s) => ({ id: s.id, name: fullName(s) })),
      subjects: info.subjects.map((s) => ({ code: s.code, title: s.title, type: s.type, teacher: s.teacher ?? null, tab: s.tab, txCount: s.txCount })),
    });
    opts.onClass?.(c.classId, ++done, sortedClasses.length);
  }

  // 3. The control spreadsheet: teachers may append petitions/reports; classes, teachers, assignments merged.
  const allTeachers = input.teachers.map((t) => t.email);
  const controlShared = await shareWriters(drive, controlId, allTeachers, controlFresh ? new Set([admin.toLowerCase()]) : await listWriters(drive, controlId));
  const controlChanged = await mergeControl(sheets, controlId, {
    classes: classes.map((c) => ({ classId: c.id, className: c.name, grade: c.grade, regulation: c.regulation, homeroomTeacher: c.homeroomTeacher ?? '', spreadsheetId: c.spreadsheetId, students: c.students, url: `https://docs.google.com/spreadsheets/d/${c.spreadsheetId}/edit` })),
    teachers: input.teachers.map((t) => ({ email: t.email, name: t.name, department: t.department ?? '' })),
    assignments: input.assignments.map((a) => ({
      classId: a.classId, role: a.role, subject: a.subject?.code ?? '', subjectTitle: a.subject?.title ?? '', teacher: a.teacher,
      teacherName: input.teachers.find((t) => t.email === a.teacher)?.name ?? '',
    })),
  }, controlFresh);
  if (!controlFresh) {
    const ref: FileRef = { kind: 'control', id: controlId, name: 'Sổ điều hành' };
    if (controlChanged || controlShared.length) updated.push({ ...ref, changes: [...(controlChanged ? ['cập nhật Lớp/Giáo viên/Phân công'] : []), ...controlShared.map((e) => `chia sẻ cho ${e}`)] });
    else unchanged.push(ref);
  }
  return { year, folderId, controlSpreadsheetId: controlId, admin, classes, created, updated, unchanged, warnings };
}
