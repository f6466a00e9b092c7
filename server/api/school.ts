// The school year as the service sees it: the year's control spreadsheet (classes, teachers, assignments,
// admins). Read through the provisioning work's reader (server/provision), cached for a few seconds so that one
// page view or one burst of API calls reads the control spreadsheet once.
import type { Backend } from '../google/backend.ts';
import { notReady, optionalImport } from './jobs.ts';

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
}

export interface SchoolDirectory {
  years(): Promise<string[]>;
  /** The year's control data; undefined when that year does not exist. */
  year(year: string): Promise<SchoolYear | undefined>;
  latestYear(): Promise<string | undefined>;
  invalidate(): void;
}

const TTL_MS = 5_000;

export function schoolDirectory(backend: Backend): SchoolDirectory {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { at: Date.now(), value });
    value.catch(() => cache.delete(key));
    return value;
  }
  const self: SchoolDirectory = {
    years: () => cached('years', () => listYears(backend)),
    year: (year) => cached('year:' + year, () => readYear(backend, year)),
    async latestYear() {
      const ys = await self.years();
      return ys.slice().sort().at(-1);
    },
    invalidate: () => cache.clear(),
  };
  return self;
}

async function provisionModule(): Promise<Record<string, unknown> | undefined> {
  return optionalImport(new URL('../provision/control.ts', import.meta.url).href);
}

async function listYears(backend: Backend): Promise<string[]> {
  const mod = await provisionModule();
  const fn = mod?.listYears;
  if (typeof fn !== 'function') throw notReady('danh sách năm học');
  return (await fn(backend)) as string[];
}

async function readYear(backend: Backend, year: string): Promise<SchoolYear | undefined> {
  const mod = await provisionModule();
  const fn = mod?.readSchoolYear;
  if (typeof fn !== 'function') throw notReady('đọc bảng điều khiển năm học');
  return (await fn(backend, year)) as SchoolYear | undefined;
}
