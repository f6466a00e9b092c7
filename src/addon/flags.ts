// How the add-on marks a bad cell without touching its value: a note that starts with FLAG_PREFIX and a background
// colour. The cell's previous note and background are kept inside the flag note, so clearing the flag restores
// exactly what was there (a teacher's own note is never lost). Pure string functions: no Apps Script here.

export const FLAG_PREFIX = '⚠ Hồ sơ điện tử: ';
const ORIGINAL_BG = '\n[màu nền cũ: ';
const ORIGINAL_NOTE = '\n[ghi chú cũ]\n';

/** Background of a cell holding a value the engine cannot read (error) or a non-canonical spelling (warning). */
export const FLAG_COLORS = { error: '#f4c7c3', warning: '#fce8b2' } as const;
export type FlagLevel = keyof typeof FLAG_COLORS;

export interface CellLook {
  note: string;
  background: string;
}

export function isFlagNote(note: string): boolean {
  return note.startsWith(FLAG_PREFIX);
}

/** What was there before the flag (the cell itself when it carries no flag). */
export function originalLook(cell: CellLook): CellLook {
  if (!isFlagNote(cell.note)) return cell;
  const bgAt = cell.note.indexOf(ORIGINAL_BG);
  if (bgAt < 0) return { note: '', background: '#ffffff' };
  const end = cell.note.indexOf(']', bgAt);
  const background = cell.note.slice(bgAt + ORIGINAL_BG.length, end) || '#ffffff';
  const noteAt = cell.note.indexOf(ORIGINAL_NOTE, end);
  const note = noteAt < 0 ? '' : cell.note.slice(noteAt + ORIGINAL_NOTE.length);
  return { note, background };
}

/** The look of a flagged cell: message + the original look remembered inside the note. */
export function flaggedLook(cell: CellLook, level: FlagLevel, message: string): CellLook {
  const original = originalLook(cell);
  let note = `${FLAG_PREFIX}${message}${ORIGINAL_BG}${original.background}]`;
  if (original.note) note += `${ORIGINAL_NOTE}${original.note}`;
  return { note, background: FLAG_COLORS[level] };
}

/** The look after the value became good: the flag removed, the original note and colour back. */
export function clearedLook(cell: CellLook): CellLook {
  return originalLook(cell);
}
