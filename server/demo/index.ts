// `hoso demo`: a realistic school year in the workspace. The school is generated (seeded), provisioned with the
// real provisioning code, then every mark is typed in AS THE ASSIGNED TEACHER (one values.batchUpdate per
// teacher × book, USER_ENTERED with vi_VN "7,5"), so the protections are exercised; the GVCN types conduct and
// attendance and finally computes the class results exactly as the GVCN sidebar does (engine + buildClassResultWrites).
import type { sheets_v4 } from 'googleapis';
import type { Backend } from '../google/backend.ts';
import { defaultCurriculum } from '../../src/core/curriculum/index.ts';
import { evaluate } from '../../src/core/index.ts';
import { buildClassResultWrites, sheetRange, summaryIsCurrent, columnRuns, type EngineOutput, type Gradebook, type TabLayout } from '../../src/core/gradebook/index.ts';
import { checkTables, formatProblem } from '../provision/input.ts';
import { provisionYear, type ProvisionResult } from '../provision/provision.ts';
import { fetchGradebook } from '../provision/read-book.ts';
import { findByProps } from '../provision/drive.ts';
import { chooseMissing, classEntries, type Cell } from './entries.ts';
import { generateSchool, schoolTables } from './school.ts';

export interface DemoOptions {
  seed?: number;
  classes?: number;
  students?: number;
  year?: string;
  /** Leave this many required marks blank (default 0: the year is complete). */
  missing?: number;
  log?: (m: string) => void;
  onClass?: (classId: string, done: number, total: number) => void;
}

export interface DemoTeacherOut {
  email: string;
  name: string;
  department: string;
  homeroomOf: string | null;
  teaches: { classId: string; subject: string; title: string }[];
}

export interface DemoResult extends ProvisionResult {
  seed: number;
  teachers: DemoTeacherOut[];
  /** Marks, comment marks, conduct levels and attendance cells typed by teachers in this run. */
  typed: { marks: number; calls: number };
  /** Required marks deliberately left blank (--missing). */
  missing: { classId: string; studentId: string; subject: string; key: string; cell: string }[];
  /** Classes whose results were computed (Tổng hợp written by the GVCN). */
  computed: string[];
  /** Classes that already had marks (a re-run): nothing typed there. */
  skipped: string[];
  seconds: number;
  /** Set when the year already held another demo, which was kept (the requested seed/size were not used). */
  reusedExisting: { requested: string; existing: string } | null;
}

/** The year already holds other data: nothing was written. */
export class DemoConflictError extends Error {}

export const DEMO_DEFAULTS = { seed: 2025, classes: 6, students: 35, year: '2025-2026', missing: 0 };

function cellValue(v: Cell): Cell {
  // Typed as a Vietnamese teacher would: "7,5" (vi_VN decimal comma); whole numbers as numbers.
  if (typeof v === 'number' && !Number.isInteger(v)) return v.toFixed(1).replace('.', ',');
  return v;
}

/** A student's values in one tab → ranges of consecutive columns on their row (found by key). */
function rowRanges(lay: TabLayout, id: string, values: Record<string, Cell>): { range: string; values: Cell[][] }[] {
  const r = lay.rows[id];
  if (r === undefined) return [];
  const byCol = new Map<number, Cell>();
  for (const [k, v] of Object.entries(values)) if (lay.columns[k] !== undefined) byCol.set(lay.columns[k]!, cellValue(v));
  return columnRuns([...byCol.keys()]).map(([c1, c2]) => ({ range: sheetRange(lay.title, r, c1, r, c2), values: [Array.from({ length: c2 - c1 + 1 }, (_, i) => byCol.get(c1 + i)!)] }));
}

function hasAnyMark(book: Gradebook): boolean {
  return book.students.some((s) => s.subjects.some((x) => [x.HK1, x.HK2].some((sem) => sem.gk !== null || sem.ck !== null || sem.tx.some((t) => t !== null))));
}

/** The GVCN's "Tính kết quả cả lớp": one read, the engine, one batched write — as the GVCN. */
export async function computeClassResults(sheets: sheets_v4.Sheets, spreadsheetId: string, computedAt?: string): Promise<{ book: Gradebook; output: EngineOutput }> {
  const { book } = await fetchGradebook(sheets, spreadsheetId);
  const output = evaluate(book.input as never) as unknown as EngineOutput;
  const w = buildClassResultWrites(book, output, { computedAt });
  await sheets.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'RAW', data: w.data } });
  return { book, output };
}

export async function createDemo(backend: Backend, options: DemoOptions = {}): Promise<DemoResult> {
  const t0 = Date.now();
  const o = { ...DEMO_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<Omit<DemoOptions, 'log' | 'onClass'>> & DemoOptions;
  const log = o.log ?? (() => {});
  const curriculum = defaultCurriculum();
  // A year that exists is only touched when it is a demo: a real school's year is refused; another demo (other seed
  // or size) is kept as it is and reported — never mixed with new people.
  let shape = `${o.seed}:${o.classes}x${o.students}`;
  const yearFiles = await findByProps(backend.drive(), { hosoYear: o.year });
  const folders = yearFiles.filter((f) => f.appProperties.hosoKind === 'yearFolder');
  const controls = yearFiles.filter((f) => f.appProperties.hosoKind === 'control');
  let reusedExisting: DemoResult['reusedExisting'] = null;
  if (folders.length || controls.length) {
    const tag = folders[0]?.appProperties.hosoDemo ?? '';
    const m = /^(\d+):(\d+)x(\d+)$/.exec(tag);
    if (!m) throw new DemoConflictError(`năm học ${o.year} đã có dữ liệu thật của trường (không phải trường mẫu); dùng --year hoặc --data khác. Không ghi gì.`);
    if (tag !== shape) {
      log(`Năm học ${o.year} đã có trường mẫu khác (seed:lớp x sĩ số = ${tag}, yêu cầu ${shape}): giữ nguyên trường mẫu đó, không tạo lại. Dùng --year hoặc --data khác để có trường mẫu mới.`);
      reusedExisting = { requested: shape, existing: tag };
      o.seed = Number(m[1]);
      o.classes = Number(m[2]);
      o.students = Number(m[3]);
      shape = tag;
    } else log(`Năm học ${o.year} đã có trường mẫu này (${shape}): cấp phát lại (không đổi gì), không nhập lại điểm đã có.`);
  }
  const school = generateSchool(o.seed, o.year, o.classes, o.students);
  const { roster, assignments } = schoolTables(school);
  const input = checkTables(roster, assignments, curriculum);
  if (input.errors.length) throw new Error(`demo: dữ liệu sinh ra không hợp lệ: ${input.errors.map(formatProblem).join('; ')}`);
  const prov = await provisionYear(backend, input, { year: o.year, curriculum, schoolName: 'Trường THPT Hai Bà Trưng', log, folderProperties: { hosoDemo: shape } });

  let typedMarks = 0;
  let calls = 0;
  const missing: DemoResult['missing'] = [];
  const computed: string[] = [];
  const skipped: string[] = [];
  const adminSheets = backend.sheets(backend.admin);
  let done = 0;
  for (const pc of prov.classes) {
    const dc = school.classes.find((c) => c.id === pc.id)!;
    const { book, sheetIds } = await fetchGradebook(adminSheets, pc.spreadsheetId);
    if (hasAnyMark(book)) {
      skipped.push(pc.id);
      if (pc.homeroomTeacher && !summaryIsCurrent(book).current) {
        await computeClassResults(backend.sheets(pc.homeroomTeacher), pc.spreadsheetId);
        computed.push(pc.id);
      }
      done++;
      o.onClass?.(pc.id, done, prov.classes.length);
      continue;
    }
    const entries = classEntries(o.seed, dc, book.classInfo.subjects, o.year, book.classInfo.regulation);
    const leaveBlank = chooseMissing(o.seed + 7919 * (done + 1), entries, Math.floor((o.missing ?? 0) / prov.classes.length) + (done < (o.missing ?? 0) % prov.classes.length ? 1 : 0));
    const writes = new Map<string, { range: string; values: Cell[][] }[]>();
    const notes = new Map<string, sheets_v4.Schema$Request[]>();
    const add = <T>(m: Map<string, T[]>, who: string, xs: T[]) => m.set(who, [...(m.get(who) ?? []), ...xs]);
    for (const sub of book.classInfo.subjects) {
      const lay = book.tabs[`subject:${sub.code}`];
      if (!lay || !sub.teacher) continue;
      for (const s of dc.students) {
        const e = entries.get(s.id)!;
        const vals = { ...e.marks[sub.code] };
        for (const k of Object.keys(vals)) {
          if (leaveBlank.has(`${s.id}|${sub.code}|${k}`)) {
            delete vals[k];
            missing.push({ classId: pc.id, studentId: s.id, subject: sub.code, key: k, cell: book.cells[s.id]?.[`${sub.code}.${k}`] ?? '' });
          }
        }
        typedMarks += Object.keys(vals).filter((k) => !k.endsWith('.nx')).length;
        add(writes, sub.teacher, rowRanges(lay, s.id, vals));
        for (const [k, note] of Object.entries(e.notes[sub.code] ?? {})) {
          const c = lay.columns[k];
          const r = lay.rows[s.id];
          if (c === undefined || r === undefined || !(k in vals)) continue;
          add(notes, sub.teacher, [{ updateCells: { range: { sheetId: sheetIds[lay.title], startRowIndex: r, endRowIndex: r + 1, startColumnIndex: c, endColumnIndex: c + 1 }, rows: [{ values: [{ note }] }], fields: 'note' } }]);
        }
      }
    }
    const gvcn = pc.homeroomTeacher;
    if (gvcn) {
      for (const s of dc.students) {
        const e = entries.get(s.id)!;
        if (book.tabs.conduct) add(writes, `gvcn:${gvcn}`, rowRanges(book.tabs.conduct, s.id, e.conduct));
        if (book.tabs.attendance) add(writes, `gvcn:${gvcn}`, rowRanges(book.tabs.attendance, s.id, e.attendance));
        typedMarks += 2;
      }
    }
    for (const [who, data] of writes) {
      const user = who.startsWith('gvcn:') ? who.slice(5) : who;
      await backend.sheets(user).spreadsheets.values.batchUpdate({ spreadsheetId: pc.spreadsheetId, requestBody: { valueInputOption: 'USER_ENTERED', data } });
      calls++;
    }
    for (const [who, requests] of notes) {
      await backend.sheets(who).spreadsheets.batchUpdate({ spreadsheetId: pc.spreadsheetId, requestBody: { requests } });
      calls++;
    }
    if (gvcn) {
      await computeClassResults(backend.sheets(gvcn), pc.spreadsheetId);
      computed.push(pc.id);
    }
    done++;
    o.onClass?.(pc.id, done, prov.classes.length);
  }

  const titles = new Map(curriculum.subjects.map((s) => [s.code, s.title] as const));
  const teachers: DemoTeacherOut[] = school.teachers.map((t) => ({
    email: t.email,
    name: t.name,
    department: t.department,
    homeroomOf: school.classes.find((c) => c.homeroom === t.email)?.id ?? null,
    teaches: school.classes.flatMap((c) => Object.entries(c.teachers).filter(([, e]) => e === t.email).map(([code]) => ({ classId: c.id, subject: code, title: titles.get(code) ?? code }))),
  }));
  return { ...prov, seed: o.seed, teachers, typed: { marks: typedMarks, calls }, missing, computed, skipped, seconds: Math.round((Date.now() - t0) / 100) / 10, reusedExisting };
}
