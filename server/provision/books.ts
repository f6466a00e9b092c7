// Creating and updating one class gradebook. A new book costs a constant number of calls whatever the class size:
// drive.files.create (in the year folder, with appProperties) + one spreadsheets.batchUpdate (tabs, locale,
// formats, validation, protections) + one values.batchUpdate (keys, headers, roster) + one permissions.create per
// teacher. An update reads the book once (get + values.batchGet), then writes only what is new — new students
// (appended rows), new subjects (new tabs), new key columns, changed roster details — and never a mark.
import type { sheets_v4, drive_v3 } from 'googleapis';
import {
  buildBookSpec, compareStudents, createBody, dataRow, formatRequests, fullName, geometryFromSpec, headerRows,
  initialValues, metaRows, PROTECTION_PREFIX, protectionRequests, quoteSheet, readGradebook, rosterCellValue,
  sheetCell, sheetProperties, cellA1, HEADER_ROWS, type BookEditors, type ClassInfo, type Gradebook, type RosterStudent,
  type SheetsRequest, type SubjectMeta, type TabGeometry, type TabSpec,
} from '../../src/core/gradebook/index.ts';
import { GRADEBOOK_TEMPLATE } from '../../sheet-templates/gradebook.ts';
import { appProps, createFile, SPREADSHEET_MIME } from './drive.ts';

export function bookTitle(info: Pick<ClassInfo, 'className' | 'year'>): string {
  return `Sổ theo dõi và đánh giá học sinh — Lớp ${info.className} — ${info.year}`;
}

export function editorsOf(info: ClassInfo, admin: string): BookEditors {
  return {
    admin,
    homeroomTeacher: info.homeroomTeacher,
    subjectTeachers: Object.fromEntries(info.subjects.map((s) => [s.code, s.teacher || undefined])),
  };
}

function tabRowCount(spec: TabSpec, info: ClassInfo, students: number): number {
  if (spec.kind === 'guide') return GRADEBOOK_TEMPLATE.guide.length + 5;
  if (spec.kind === 'meta') return 40 + info.subjects.length * 2;
  return HEADER_ROWS + students + GRADEBOOK_TEMPLATE.spareRows;
}

/** Creates a new class book in `folderId`. Returns its id. */
export async function createBook(
  sheets: sheets_v4.Sheets, drive: drive_v3.Drive, folderId: string, info: ClassInfo, students: RosterStudent[], admin: string,
): Promise<string> {
  const specs = buildBookSpec(info);
  const geoms = specs.map((s, i) => geometryFromSpec(s, 10 + i, tabRowCount(s, info, students.length)));
  const id = await createFile(drive, bookTitle(info), SPREADSHEET_MIME, appProps(info.year, 'gradebook', { hosoClass: info.classId }), folderId);
  const body = createBody(bookTitle(info), geoms) as { properties: Record<string, unknown>; sheets: { properties: Record<string, unknown> }[] };
  const requests: SheetsRequest[] = [
    { updateSpreadsheetProperties: { properties: { locale: body.properties.locale, timeZone: body.properties.timeZone }, fields: 'locale,timeZone' } },
    ...body.sheets.map((s) => ({ addSheet: { properties: s.properties } })),
    // a file created through Drive starts with one default sheet, id 0
    { deleteSheet: { sheetId: 0 } },
    ...geoms.flatMap((g) => [...formatRequests(g, info), ...protectionRequests(g, editorsOf(info, admin))]),
  ];
  await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } });
  const values = initialValues(info, students, specs);
  await sheets.spreadsheets.values.batchUpdate({
    spreadsheetId: id,
    requestBody: { valueInputOption: 'RAW', data: Object.entries(values).map(([title, rows]) => ({ range: `${quoteSheet(title)}!A1`, values: rows })) },
  });
  return id;
}

export interface BookUpdate {
  changed: boolean;
  addedStudents: string[];
  updatedStudents: string[];
  /** In the book but not in the roster file: kept (never deleted). */
  notInRoster: string[];
  addedSubjects: string[];
  addedColumns: string[];
  protectionsChanged: boolean;
  /** The book as read before the update (errors etc.). */
  book: Gradebook;
  info: ClassInfo;
}

interface SheetProps {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
}

function protectionSignature(p: { range?: unknown; description?: string | null; editors?: { users?: string[] | null } | null }): string {
  const r = (p.range ?? {}) as Record<string, unknown>;
  const norm = ['sheetId', 'startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'].map((k) => r[k] ?? '').join(',');
  const users = [...(p.editors?.users ?? [])].map((u) => u.toLowerCase()).sort().join(',');
  return `${norm}|${users}`;
}

/** Merges the subjects of the book with the assigned ones: nothing is dropped; unassigned subjects keep their tab. */
function mergeSubjects(old: SubjectMeta[], assigned: SubjectMeta[]): SubjectMeta[] {
  const out = old.map((s) => {
    const now = assigned.find((a) => a.code === s.code);
    return now ? { ...now, tab: s.tab, txCount: s.txCount } : { ...s, teacher: undefined };
  });
  for (const a of assigned) if (!out.some((s) => s.code === a.code)) out.push(a);
  return out;
}

/** Brings an existing book up to date with the class (students, subjects, teachers). Never touches a mark. */
export async function updateBook(sheets: sheets_v4.Sheets, spreadsheetId: string, wanted: ClassInfo, students: RosterStudent[], admin: string): Promise<BookUpdate> {
  const meta = await sheets.spreadsheets.get({
    spreadsheetId,
    fields: 'sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount)),protectedRanges(protectedRangeId,description,range,editors))',
  });
  const props: SheetProps[] = (meta.data.sheets ?? []).map((s) => ({
    sheetId: s.properties!.sheetId!,
    title: s.properties!.title!,
    rowCount: s.properties!.gridProperties?.rowCount ?? 1000,
    columnCount: s.properties!.gridProperties?.columnCount ?? 26,
    protectedRanges: s.protectedRanges ?? [],
  }));
  const got = await sheets.spreadsheets.values.batchGet({ spreadsheetId, ranges: props.map((p) => quoteSheet(p.title)), valueRenderOption: 'UNFORMATTED_VALUE' });
  const tabs: Record<string, unknown[][]> = {};
  props.forEach((p, i) => (tabs[p.title] = (got.data.valueRanges?.[i]?.values ?? []) as unknown[][]));
  const book = readGradebook(tabs);
  const info: ClassInfo = { ...wanted, subjects: mergeSubjects(book.classInfo.subjects, wanted.subjects), controlSpreadsheetId: wanted.controlSpreadsheetId ?? book.classInfo.controlSpreadsheetId };
  const who = editorsOf(info, admin);
  const specs = buildBookSpec(info);
  const byTitle = new Map(props.map((p) => [p.title, p] as const));

  const structural: SheetsRequest[] = [];
  const formats: SheetsRequest[] = [];
  const data: { range: string; values: unknown[][] }[] = [];
  const wantedProtections: SheetsRequest[] = [];
  const result: Omit<BookUpdate, 'changed' | 'protectionsChanged' | 'book' | 'info'> = { addedStudents: [], updatedStudents: [], notInRoster: [], addedSubjects: [], addedColumns: [] };
  let nextSheetId = Math.max(100, ...props.map((p) => p.sheetId)) + 1;
  const fileIds = new Set(students.map((s) => s.id));
  const sorted = [...students].sort(compareStudents);
  result.notInRoster = book.roster.map((s) => s.id).filter((id) => !fileIds.has(id));

  specs.forEach((spec, index) => {
    const key = spec.marker.slice(1);
    const lay = book.tabs[key];
    if (spec.kind === 'guide') return;
    if (spec.kind === 'meta') {
      const p = lay ? byTitle.get(lay.title) : undefined;
      if (!p) return;
      const rows = metaRows(info);
      const old = tabs[p.title] ?? [];
      const norm = (rs: unknown[][]) => rs.map((r) => r.map((v) => String(v ?? '')).join('\u0001').replace(/\u0001+$/, '')).join('\n').replace(/\n+$/, '');
      if (norm(rows) !== norm(old)) {
        while (rows.length < old.length) rows.push(['']);
        const width = Math.max(...rows.map((r) => r.length), ...old.map((r) => r.length));
        data.push({ range: `${quoteSheet(p.title)}!A1`, values: rows.map((r) => [...r, ...Array(width - r.length).fill('')]) });
      }
      wantedProtections.push(...protectionRequests(geometryFromSpec(spec, p.sheetId, p.rowCount), who));
      return;
    }
    if (!lay) {
      // A tab the book does not have (a newly assigned subject, or a tab removed by the owner): add it.
      let title = spec.title;
      for (let n = 2; byTitle.has(title); n++) title = `${spec.title} (${n})`;
      const s2: TabSpec = { ...spec, title };
      const g = geometryFromSpec(s2, nextSheetId++, HEADER_ROWS + Math.max(students.length, book.roster.length) + GRADEBOOK_TEMPLATE.spareRows);
      structural.push({ addSheet: { properties: sheetProperties(g, index) } });
      formats.push(...formatRequests(g, info));
      wantedProtections.push(...protectionRequests(g, who));
      const everyone = [...book.roster, ...sorted.filter((s) => !book.roster.some((r) => r.id === s.id))];
      data.push({ range: `${quoteSheet(title)}!A1`, values: [...headerRows(s2), ...everyone.map((s, i) => dataRow(s2, sorted.find((x) => x.id === s.id) ?? s, i + 1))] });
      if (spec.kind === 'subject') result.addedSubjects.push(spec.subject!);
      return;
    }
    const p = byTitle.get(lay.title)!;
    const columns = { ...lay.columns };
    let columnCount = p.columnCount;
    let width = Math.max(lay.width, ...Object.values(columns).map((c) => c + 1));
    const missing = spec.columns.filter((c) => !(c.key in columns));
    let structuralChange = false;
    if (missing.length) {
      // New key columns go after the last used column; their header cells are written below.
      const start = width;
      missing.forEach((c, i) => (columns[c.key] = start + i));
      width = start + missing.length;
      if (width > columnCount) {
        structural.push({ appendDimension: { sheetId: p.sheetId, dimension: 'COLUMNS', length: width - columnCount } });
        columnCount = width;
      }
      const hdr = headerRows(spec);
      for (const c of missing) {
        const src = spec.columns.findIndex((x) => x.key === c.key);
        data.push({ range: `${quoteSheet(lay.title)}!${cellA1(lay.keyRow, columns[c.key]!)}:${cellA1(lay.keyRow + 3, columns[c.key]!)}`, values: [[c.key], [''], [hdr[2]![src] || c.group || ''], [c.label]] });
        result.addedColumns.push(`${lay.title}:${c.key}`);
      }
      structuralChange = true;
    }
    // Students: append rows for those without one; refresh roster details and name copies.
    let nextRow = Math.max(lay.lastUsedRow + 1, lay.firstDataRow);
    let stt = Math.max(0, ...lay.dataRows.map((r) => Number(tabs[lay.title]?.[r]?.[columns.stt ?? -1]) || 0));
    const present = new Set(lay.dataRows.map((r) => String(tabs[lay.title]?.[r]?.[0] ?? '').trim()));
    for (const s of sorted) {
      const r = lay.rows[s.id];
      if (r === undefined) {
        if (present.has(s.id)) continue; // duplicate rows: reported by readGradebook, not guessed at
        const row: unknown[] = Array(width).fill('');
        const src = dataRow(spec, s, ++stt);
        spec.columns.forEach((c, i) => (row[columns[c.key]!] = src[i]));
        data.push({ range: `${quoteSheet(lay.title)}!A${nextRow + 1}`, values: [row] });
        nextRow++;
        if (spec.kind === 'roster') result.addedStudents.push(s.id);
        continue;
      }
      const cur = tabs[lay.title]?.[r] ?? [];
      const set = (k: string, v: unknown) => {
        const c = columns[k];
        if (c === undefined || v === '' || v === undefined) return false;
        if (String(cur[c] ?? '').trim() === String(v)) return false;
        data.push({ range: sheetCell(lay.title, r, c), values: [[v]] });
        return true;
      };
      if (spec.kind === 'roster') {
        let changed = false;
        for (const k of ['familyName', 'givenName', 'birthDate', 'gender', 'ethnicity', 'birthPlace', 'disability', 'note']) changed = set(k, rosterCellValue(s, k)) || changed;
        if (changed) result.updatedStudents.push(s.id);
      } else set('name', fullName(s));
    }
    if (nextRow > p.rowCount) {
      structural.push({ appendDimension: { sheetId: p.sheetId, dimension: 'ROWS', length: nextRow - p.rowCount + GRADEBOOK_TEMPLATE.spareRows } });
      structuralChange = true;
    }
    const g: TabGeometry = { spec, sheetId: p.sheetId, columns, columnCount, rowCount: Math.max(p.rowCount, nextRow + GRADEBOOK_TEMPLATE.spareRows), keyRow: lay.keyRow };
    if (structuralChange) formats.push(...formatRequests(g, info));
    wantedProtections.push(...protectionRequests(g, who));
  });
  // The guide keeps its protection too.
  const guide = book.tabs.guide;
  const guideSpec = specs.find((s) => s.kind === 'guide')!;
  if (guide && byTitle.get(guide.title)) wantedProtections.push(...protectionRequests(geometryFromSpec(guideSpec, byTitle.get(guide.title)!.sheetId, 1), who));

  // Protections: replace ours only when they differ from what the class needs now.
  const ours = props.flatMap((p) => p.protectedRanges.filter((r) => (r.description ?? '').startsWith(PROTECTION_PREFIX)));
  const have = new Set(ours.map(protectionSignature));
  const want = wantedProtections.map((r) => protectionSignature((r as { addProtectedRange: { protectedRange: Parameters<typeof protectionSignature>[0] } }).addProtectedRange.protectedRange));
  const protectionsChanged = have.size !== new Set(want).size || want.some((w) => !have.has(w)) || ours.length !== want.length;
  const requests: SheetsRequest[] = [...structural];
  if (protectionsChanged) {
    requests.push(...ours.map((r) => ({ deleteProtectedRange: { protectedRangeId: r.protectedRangeId } })));
  }
  requests.push(...formats);
  if (protectionsChanged) requests.push(...wantedProtections);
  if (requests.length) await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } });
  if (data.length) await sheets.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'RAW', data } });
  return { ...result, changed: requests.length > 0 || data.length > 0, protectionsChanged, book, info };
}
