// The school year as the service sees it: the year's control spreadsheet (classes, GVCN, GVBM assignments),
// found in Drive by its tags and read with the gradebook core's keyed-table reader; cached for a few seconds so
// that one page view or one burst of API calls reads it once. Admins: the admin (owner) account plus the
// optional HOSO_ADMINS list (comma-separated emails, e.g. the principal).
import type { Backend } from '../google/backend.ts';
import { listAllFiles, ownedByAdmin, tagClause } from '../google/drive-query.ts';
import { controlTab, readKeyedTable } from '../../src/core/gradebook/control.ts';
import { str } from '../../src/core/gradebook/layout.ts';
import { quoteSheet } from '../../src/core/gradebook/a1.ts';

export interface SchoolClass {
  id: string;
  name: string;
  grade: number;
  spreadsheetId: string;
  homeroomTeacher?: string;
  students?: number;
}

export interface SchoolYear {
  year: string;
  controlSpreadsheetId: string;
  admins: string[];
  classes: SchoolClass[];
  assignments: { classId: string; subject: string; teacher: string }[];
  /** Teachers' names by email (the Giáo viên tab), for display. */
  teacherNames?: Record<string, string>;
}

export interface SchoolDirectory {
  years(): Promise<string[]>;
  /** The year's control data; undefined when that year does not exist. */
  year(year: string): Promise<SchoolYear | undefined>;
  latestYear(): Promise<string | undefined>;
  invalidate(): void;
}

// Every API call needs the caller's roles. Locally re-read often (a demo or provisioning may be running beside);
// on Google each read counts against the admin account's per-minute quota, so keep it a minute.
const ttlMs = (backend: Backend) => (backend.kind === 'google' ? 60_000 : 5_000);

export function schoolDirectory(backend: Backend): SchoolDirectory {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < ttlMs(backend)) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { at: Date.now(), value });
    value.catch(() => cache.delete(key));
    return value;
  }
  const self: SchoolDirectory = {
    years: async () => {
      const ys = await cached('years', () => listYears(backend));
      // "no year yet" is not cached: the year being created (demo, provision) must show up at once.
      if (ys.length === 0) cache.delete('years');
      return ys;
    },
    year: async (year) => {
      const y = await cached('year:' + year, () => readYear(backend, year));
      if (!y) cache.delete('year:' + year);
      return y;
    },
    async latestYear() {
      const ys = await self.years();
      return ys.slice().sort().at(-1);
    },
    invalidate: () => cache.clear(),
  };
  return self;
}

// Drive tags written by provisioning (appProperties): hosoYear = the school year, hosoKind = what the file is.
const CONTROL_KINDS = ['control', 'controlSpreadsheet'];

/** Control spreadsheets owned by the admin (a teacher's copy carrying the same tags is ignored). */
async function controlFiles(backend: Backend, year?: string): Promise<{ id: string; year: string }[]> {
  const kinds = '(' + CONTROL_KINDS.map((k) => tagClause('hosoKind', k)).join(' or ') + ')';
  const q = [kinds, year ? tagClause('hosoYear', year) : '', 'trashed = false'].filter(Boolean).join(' and ');
  const out: { id: string; year: string }[] = [];
  for (const f of await listAllFiles(backend.drive(), q, 'id, appProperties, owners(emailAddress)')) {
    const y = (f.appProperties as Record<string, string> | undefined)?.hosoYear;
    if (!f.id || !y || !ownedByAdmin(f.owners, backend.admin)) continue;
    out.push({ id: f.id, year: y });
  }
  return out;
}

async function listYears(backend: Backend): Promise<string[]> {
  return [...new Set((await controlFiles(backend)).map((f) => f.year))].sort();
}

const lowerEmail = (v: unknown) => str(v).toLowerCase();

/** One read of the control spreadsheet's Lớp and Phân công tabs (columns found by their hidden keys). */
async function readYear(backend: Backend, year: string): Promise<SchoolYear | undefined> {
  const control = (await controlFiles(backend, year))[0];
  if (!control) return undefined;
  const classesTab = controlTab('classes');
  const assignTab = controlTab('assignments');
  const teachersTab = controlTab('teachers');
  const res = await backend.sheets().spreadsheets.values.batchGet({
    spreadsheetId: control.id,
    ranges: [quoteSheet(classesTab.title), quoteSheet(assignTab.title), quoteSheet(teachersTab.title)],
    valueRenderOption: 'UNFORMATTED_VALUE',
  });
  const [cv, av, tv] = (res.data.valueRanges ?? []).map((v) => (v.values ?? []) as unknown[][]);
  const teacherNames: Record<string, string> = {};
  for (const { values: t } of readKeyedTable(teachersTab.title, tv ?? [], ['email']).rows) {
    if (lowerEmail(t.email) && str(t.name)) teacherNames[lowerEmail(t.email)] = str(t.name);
  }
  const classRows = readKeyedTable(classesTab.title, cv ?? [], ['classId', 'spreadsheetId']).rows;
  const assignRows = readKeyedTable(assignTab.title, av ?? [], ['classId', 'teacher']).rows;
  const homeroomByClass = new Map<string, string>();
  const assignments: SchoolYear['assignments'] = [];
  for (const { values: a } of assignRows) {
    const classId = str(a.classId);
    const teacher = lowerEmail(a.teacher);
    if (!classId || !teacher) continue;
    if (str(a.role).toUpperCase() === 'GVCN') homeroomByClass.set(classId, teacher);
    else assignments.push({ classId, subject: str(a.subject), teacher });
  }
  const classes: SchoolClass[] = classRows
    .map(({ values: c }) => {
      const id = str(c.classId);
      const students = Number(c.students);
      const homeroom = lowerEmail(c.homeroomTeacher) || homeroomByClass.get(id);
      return {
        id,
        name: str(c.className) || id,
        grade: Number(c.grade) || 0,
        spreadsheetId: str(c.spreadsheetId),
        ...(homeroom ? { homeroomTeacher: homeroom } : {}),
        ...(str(c.students) !== '' && Number.isFinite(students) ? { students } : {}),
      };
    })
    .filter((c) => c.id && c.spreadsheetId);
  const admins = (process.env.HOSO_ADMINS ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  return { year, controlSpreadsheetId: control.id, admins, classes, assignments, teacherNames };
}
