// A1 notation helpers (pure). Sheet names are always quoted, as Google accepts and returns them.

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function quoteSheet(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/** Cell address without the sheet: (4, 2) → "C5". */
export function cellA1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** "'Toán'!C5" */
export function sheetCell(title: string, row: number, col: number): string {
  return `${quoteSheet(title)}!${cellA1(row, col)}`;
}

/** "'Toán'!C5:F40" (a single cell collapses to "'Toán'!C5"). */
export function sheetRange(title: string, r1: number, c1: number, r2: number, c2: number): string {
  const a = cellA1(r1, c1);
  const b = cellA1(r2, c2);
  return `${quoteSheet(title)}!${a === b ? a : `${a}:${b}`}`;
}

/** Groups sorted column indexes into runs of consecutive columns: [3,4,5,8] → [[3,5],[8,8]]. */
export function columnRuns(cols: number[]): [number, number][] {
  const sorted = [...new Set(cols)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}
