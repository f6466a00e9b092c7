// The onEdit check: a value the engine cannot read is flagged on its cell (note + colour) with a toast, never
// changed or deleted; a good value clears the flag and restores the cell's own note and colour.
// onEdit reads only the edited range (plus the tab's key row and _meta): a constant number of calls, whatever the
// size of the paste or the class.
import { readCommentMark, readConduct, readCount, readMark } from '../core/gradebook/cells.ts';
import { HEADER_ROWS, TAB_TITLES, parseMeta } from '../core/gradebook/layout.ts';
import type { Regulation } from '../core/gradebook/types.ts';
import { clearedLook, flaggedLook, isFlagNote, type CellLook, type FlagLevel } from './flags.ts';
import { activeSpreadsheet, currentEmail, ownerEmail, readAllTabs } from './spreadsheet.ts';
import { sameEmail } from './roles.ts';
import { cellA1 as a1, columnRuns } from '../core/gradebook/a1.ts';

type Range = GoogleAppsScript.Spreadsheet.Range;
export type CellKind = 'score' | 'comment' | 'conduct' | 'count';

export interface Verdict {
  level: FlagLevel;
  message: string;
}

const MARK_KEY = /^(HK[12]\.(tx\.\d+|gk|ck)|retest)$/;
const CONDUCT_KEY = /^(HK1|HK2|CN|summer)$/;
const COUNT_KEY = /^M\d\d\.[PK]$/;

/** Where a tab's hidden key row is: the row whose column A holds the tab's marker (first rows only — a row inserted
 *  above the header moves it down, as the core reader allows). */
export function keyRowOf(grid: readonly (readonly unknown[])[]): { row: number; marker: string } | null {
  for (let r = 0; r < Math.min(grid.length, 8); r++) {
    const v = String(grid[r]?.[0] ?? '').trim();
    if (v.startsWith('@subject:') || v === '@conduct' || v === '@attendance') return { row: r, marker: v };
  }
  return null;
}

/** What kind of value a column holds, from the tab's marker and the column's hidden key (row 1). */
export function columnKind(marker: string, key: string, subjectTypes: Record<string, 'score' | 'comment'>): CellKind | null {
  if (marker.startsWith('@subject:')) {
    if (!MARK_KEY.test(key)) return null;
    return subjectTypes[marker.slice('@subject:'.length)] ?? 'score';
  }
  if (marker === '@conduct') return CONDUCT_KEY.test(key) ? 'conduct' : null;
  if (marker === '@attendance') return COUNT_KEY.test(key) ? 'count' : null;
  return null;
}

/** Judges one cell with the same readers the engine's input is built with (src/core/gradebook/cells.ts). */
export function judgeCell(kind: CellKind, value: unknown, regulation: Regulation): Verdict | null {
  if (kind === 'score') {
    const r = readMark(value);
    return r.ok ? null : { level: 'error', message: r.message };
  }
  if (kind === 'comment') {
    const r = readCommentMark(value);
    if (!r.ok) return { level: 'error', message: `${r.message}. Nhập Đ (Đạt) hoặc CĐ (Chưa đạt).` };
    if (r.value !== null && value !== r.value) {
      return { level: 'warning', message: `Máy đọc "${String(value)}" là ${r.value === 'Đ' ? 'Đ (Đạt)' : 'CĐ (Chưa đạt)'}; hãy ghi đúng "${r.value}" để sổ thống nhất.` };
    }
    return null;
  }
  if (kind === 'conduct') {
    const r = readConduct(value, regulation);
    return r.ok ? null : { level: 'error', message: r.message };
  }
  const r = readCount(value);
  return r.ok ? null : { level: 'error', message: r.message };
}

interface Outcome {
  flagged: Array<{ a1: string; message: string }>;
  cleared: number;
}

/** Applies verdicts to a block: returns the new notes/backgrounds, or null when nothing changes. */
export function restyle(
  values: unknown[][], notes: string[][], backgrounds: string[][],
  kindAt: (r: number, c: number) => CellKind | null, regulation: Regulation, cellName: (r: number, c: number) => string,
): { notes: string[][]; backgrounds: string[][]; outcome: Outcome; changed: boolean } {
  const outcome: Outcome = { flagged: [], cleared: 0 };
  let changed = false;
  const newNotes = notes.map((row) => row.slice());
  const newBgs = backgrounds.map((row) => row.slice());
  values.forEach((row, r) => row.forEach((value, c) => {
    const kind = kindAt(r, c);
    if (!kind) return;
    const look: CellLook = { note: notes[r]?.[c] ?? '', background: backgrounds[r]?.[c] ?? '#ffffff' };
    const verdict = judgeCell(kind, value, regulation);
    let next: CellLook = look;
    if (verdict) {
      next = flaggedLook(look, verdict.level, verdict.message);
      outcome.flagged.push({ a1: cellName(r, c), message: verdict.message });
    } else if (isFlagNote(look.note)) {
      next = clearedLook(look);
      outcome.cleared++;
    }
    if (next.note !== look.note || next.background !== look.background) {
      changed = true;
      newNotes[r]![c] = next.note;
      newBgs[r]![c] = next.background;
    }
  }));
  return { notes: newNotes, backgrounds: newBgs, outcome, changed };
}

interface MetaInfo {
  regulation: Regulation;
  subjectTypes: Record<string, 'score' | 'comment'>;
  /** Tab markers each teacher enters data in: "@subject:TOAN" → GVBM email, "@conduct"/"@attendance" → GVCN. */
  owners: Record<string, string>;
}

function metaInfo(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): MetaInfo {
  const sheet = ss.getSheetByName(TAB_TITLES.meta);
  const info = sheet ? parseMeta(sheet.getDataRange().getValues() as unknown[][]).info : { subjects: [] as never[] };
  const subjectTypes: Record<string, 'score' | 'comment'> = {};
  const owners: Record<string, string> = {};
  for (const s of info.subjects) {
    subjectTypes[s.code] = s.type;
    if (s.teacher) owners[`@subject:${s.code}`] = s.teacher.toLowerCase();
  }
  const gvcn = (info as { homeroomTeacher?: string }).homeroomTeacher?.toLowerCase();
  if (gvcn) owners['@conduct'] = owners['@attendance'] = gvcn;
  return { regulation: (info as { regulation?: Regulation }).regulation ?? 'TT22', subjectTypes, owners };
}

type EditEvent = { range?: Range; source?: GoogleAppsScript.Spreadsheet.Spreadsheet; authMode?: GoogleAppsScript.Script.AuthMode };

export function onEdit(e?: EditEvent): void {
  if (!e || !e.range) return;
  if (e.authMode !== undefined && String(e.authMode) === 'NONE') return; // no access to the file yet
  const range = e.range;
  const row0 = range.getRow() - 1;
  const rows = range.getNumRows();
  const col0 = range.getColumn() - 1;
  const cols = range.getNumColumns();
  const sheet = range.getSheet();
  // The key row is among the first rows, above the edit: one read of that corner finds it.
  const head = sheet.getRange(1, 1, Math.min(8, row0 + rows), col0 + cols).getValues() as unknown[][];
  const found = keyRowOf(head);
  if (!found) return;
  const firstData = found.row + HEADER_ROWS;
  if (row0 + rows <= firstData) return; // only header rows were edited
  const keys = head[found.row]!;
  const ss = e.source ?? activeSpreadsheet();
  const { regulation, subjectTypes } = metaInfo(ss);
  const kinds = Array.from({ length: cols }, (_, c) => columnKind(found.marker, String(keys[col0 + c] ?? '').trim(), subjectTypes));
  if (kinds.every((k) => k === null)) return;
  const values = range.getValues() as unknown[][];
  const result = restyle(values, range.getNotes(), range.getBackgrounds(),
    (r, c) => (row0 + r >= firstData ? kinds[c]! : null), regulation, (r, c) => a1(row0 + r, col0 + c));
  if (result.changed) {
    range.setNotes(result.notes);
    range.setBackgrounds(result.backgrounds);
  }
  const { flagged, cleared } = result.outcome;
  if (flagged.length > 0) {
    const first = flagged[0]!;
    const more = flagged.length > 1 ? ` (và ${flagged.length - 1} ô khác)` : '';
    ss.toast(`Ô ${first.a1}: ${first.message}${more}. Giá trị được giữ nguyên — hãy sửa lại.`, 'Hồ sơ điện tử — điểm chưa hợp lệ', 8);
  } else if (cleared > 0) {
    ss.toast(cleared === 1 ? 'Đã sửa đúng, bỏ đánh dấu ô.' : `Đã sửa đúng ${cleared} ô, bỏ đánh dấu.`, 'Hồ sơ điện tử', 3);
  }
}

/** Menu "Kiểm tra điểm": checks every input cell of the book. Cells in the user's own part (their subject tabs; the
 *  GVCN's conduct and attendance; everything for the owner) are flagged/cleared as onEdit would; problems in other
 *  teachers' parts are counted only — their cells are protected against this user, formatting included. */
export function checkWholeBook(): { flagged: number; cleared: number; others: number; message: string } {
  const ss = activeSpreadsheet();
  const email = currentEmail();
  const tabs = readAllTabs(ss);
  const { regulation, subjectTypes, owners } = metaInfo(ss);
  const owner = sameEmail(ownerEmail(ss), email);
  let flagged = 0;
  let cleared = 0;
  let others = 0;
  for (const tab of tabs) {
    const found = keyRowOf(tab.values);
    if (!found) continue;
    const first = found.row + HEADER_ROWS;
    const kinds = (tab.values[found.row] ?? []).map((k) => columnKind(found.marker, String(k ?? '').trim(), subjectTypes));
    const cols = kinds.map((k, c) => (k ? c : -1)).filter((c) => c >= 0);
    if (cols.length === 0 || tab.values.length <= first) continue;
    const mine = owner || owners[found.marker] === email;
    if (!mine) {
      for (let r = first; r < tab.values.length; r++) {
        for (const c of cols) if (judgeCell(kinds[c]!, tab.values[r]?.[c], regulation)) others++;
      }
      continue;
    }
    const data = tab.sheet.getDataRange();
    const notes = data.getNotes();
    const backgrounds = data.getBackgrounds();
    const nRows = tab.values.length - first;
    // One block per run of adjacent mark columns: computed columns between them (ĐTBmhk…) are not this user's.
    for (const [c1, c2] of columnRuns(cols)) {
      const cut = <T,>(grid: T[][]) => grid.slice(first).map((row) => row.slice(c1, c2 + 1));
      const result = restyle(cut(tab.values), cut(notes), cut(backgrounds), (_r, c) => kinds[c1 + c]!, regulation,
        (r, c) => a1(first + r, c1 + c));
      if (result.changed) {
        const range = tab.sheet.getRange(first + 1, c1 + 1, nRows, c2 - c1 + 1);
        range.setNotes(result.notes);
        range.setBackgrounds(result.backgrounds);
      }
      flagged += result.outcome.flagged.length;
      cleared += result.outcome.cleared;
    }
  }
  const parts: string[] = [];
  parts.push(flagged === 0 ? 'Phần của thầy/cô không có ô nào nhập sai.' : `Có ${flagged} ô nhập chưa hợp lệ, đã tô màu và ghi chú. Máy không sửa hay xóa giá trị nào.`);
  if (cleared) parts.push(`Đã bỏ đánh dấu ${cleared} ô đã sửa đúng.`);
  if (others) parts.push(`${others} ô sai thuộc phần của giáo viên khác (họ sẽ thấy khi kiểm tra).`);
  return { flagged, cleared, others, message: parts.join(' ') };
}
