// Builds ONE documents.batchUpdate that writes a whole document into a Google Doc whose body is empty (one "\n"
// at index 1), computing every index up front with Google's rules:
//   - content is appended at the start of the trailing empty paragraph (the "cursor");
//   - insertTable at L inserts a newline at L and the table at L + 1, so a paragraph followed by a table is
//     inserted WITHOUT its newline and the table's newline ends it (no stray empty paragraph);
//   - a table of R rows × C columns takes 1 + R·(1 + 2C) indexes when empty (table, row and cell starts, one
//     "\n" per cell); cell texts are inserted last cell first so earlier indexes stay valid;
//   - insertPageBreak inserts a page break and a newline (2 indexes).
// All text is inserted first, then every paragraph and run gets an explicit style, so nothing depends on how
// Google lets inserted text inherit the style of its neighbours. Hand-written: no library targets the Docs API.
import type { docs_v1 } from 'googleapis';

type Request = docs_v1.Schema$Request;
export type Rgb = [number, number, number];

export interface RunSpec {
  text: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: Rgb;
  underline?: boolean;
}

export interface ParaSpec {
  runs: RunSpec[];
  align?: 'START' | 'CENTER' | 'END' | 'JUSTIFIED';
  spaceAbove?: number;
  spaceBelow?: number;
  named?: 'NORMAL_TEXT' | 'TITLE' | 'SUBTITLE' | 'HEADING_1' | 'HEADING_2' | 'HEADING_3';
  indentStart?: number;
}

export interface CellSpec {
  paras: ParaSpec[];
  background?: Rgb;
}

export interface TableSpec {
  /** Column widths in points (FIXED_WIDTH). */
  widths: number[];
  rows: CellSpec[][];
  /** Border width in points (0 = no borders). */
  border?: number;
  padding?: number;
  /** Rows (indexes) drawn with a header background. */
  headerRows?: number;
  headerBackground?: Rgb;
}

type Block = { kind: 'p'; p: ParaSpec } | { kind: 't'; t: TableSpec } | { kind: 'pb' };

export interface BuildResult {
  requests: Request[];
  /** Index of the trailing empty paragraph after everything (the body's end index is this + 1). */
  endIndex: number;
  /** Start index of each marker, in the final document. */
  markers: Record<string, number>;
  inserts: number;
}

const pt = (magnitude: number): docs_v1.Schema$Dimension => ({ magnitude, unit: 'PT' });
const color = (c: Rgb): docs_v1.Schema$OptionalColor => ({ color: { rgbColor: { red: c[0], green: c[1], blue: c[2] } } });

export class DocBuilder {
  private readonly blocks: Block[] = [];
  private readonly markerAt = new Map<number, string>();

  constructor(
    private readonly base: { family: string; size: number },
  ) {}

  paragraph(p: ParaSpec): this {
    this.blocks.push({ kind: 'p', p });
    return this;
  }

  table(t: TableSpec): this {
    const cols = t.widths.length;
    if (cols < 1 || cols > 20) throw new Error(`A Docs table has 1–20 columns, not ${cols}`);
    for (const row of t.rows) if (row.length !== cols) throw new Error(`Every table row must have ${cols} cells`);
    if (t.rows.length === 0) throw new Error('A table needs at least one row');
    this.blocks.push({ kind: 't', t });
    return this;
  }

  pageBreak(): this {
    this.blocks.push({ kind: 'pb' });
    return this;
  }

  /** Names the position where the next block starts (reported in BuildResult.markers). */
  mark(name: string): this {
    this.markerAt.set(this.blocks.length, name);
    return this;
  }

  /** Requests that fill an empty body (cursor = 1), in the order Google must apply them. */
  build(): BuildResult {
    const inserts: Request[] = [];
    const styles: Request[] = [];
    const textRanges: { s: number; e: number; style: docs_v1.Schema$TextStyle; key: string }[] = [];
    const paraRanges: { s: number; e: number; style: docs_v1.Schema$ParagraphStyle; key: string }[] = [];
    // Indexes of table, row and cell starts (final positions): a style range may span them, as selecting table
    // cells in Docs does, so equal styles of neighbouring cells go in one request.
    const structural = new Set<number>();
    const markers: Record<string, number> = {};
    let cursor = 1;

    const paraText = (p: ParaSpec): string => p.runs.map((r) => clean(r.text)).join('');
    const styleParagraph = (p: ParaSpec, start: number): void => {
      // start = first index of the paragraph in the final document; its "\n" follows the text.
      const text = paraText(p);
      const end = start + text.length + 1;
      const paragraphStyle: docs_v1.Schema$ParagraphStyle = {
        namedStyleType: p.named ?? 'NORMAL_TEXT',
        alignment: p.align ?? 'START',
        lineSpacing: 100,
        spaceAbove: pt(p.spaceAbove ?? 0),
        spaceBelow: pt(p.spaceBelow ?? 0),
        indentStart: pt(p.indentStart ?? 0),
        indentFirstLine: pt(p.indentStart ?? 0),
      };
      paraRanges.push({ s: start, e: end, style: paragraphStyle, key: JSON.stringify(paragraphStyle) });
      let at = start;
      const runs = p.runs.filter((r) => clean(r.text).length > 0);
      if (runs.length === 0) runs.push({ text: '', size: p.runs[0]?.size, bold: p.runs[0]?.bold });
      runs.forEach((r, i) => {
        const len = clean(r.text).length + (i === runs.length - 1 ? 1 : 0); // the last run also styles the "\n"
        const style = this.textStyle(r);
        textRanges.push({ s: at, e: at + len, style, key: JSON.stringify(style) });
        at += len;
      });
    };

    for (let b = 0; b < this.blocks.length; b++) {
      const marker = this.markerAt.get(b);
      if (marker !== undefined) markers[marker] = cursor;
      const block = this.blocks[b]!;
      const next = this.blocks[b + 1];
      if (block.kind === 'p') {
        const text = paraText(block.p);
        const newline = next?.kind === 't' ? '' : '\n'; // the table's own newline ends this paragraph
        if (text.length + newline.length > 0) inserts.push({ insertText: { location: { index: cursor }, text: text + newline } });
        styleParagraph(block.p, cursor);
        cursor += text.length + newline.length;
        if (next?.kind === 't') {
          // the table is inserted at `cursor` (end of this paragraph's text)
          const prev = cursor;
          cursor = this.buildTable(next.t, prev, inserts, styles, styleParagraph, structural);
          b++;
        }
      } else if (block.kind === 't') {
        // no paragraph before: the table's newline makes an empty one, styled as an empty body line
        styleParagraph({ runs: [{ text: '', size: 2 }] }, cursor);
        cursor = this.buildTable(block.t, cursor, inserts, styles, styleParagraph, structural);
      } else {
        inserts.push({ insertPageBreak: { location: { index: cursor } } });
        const size = this.base.size;
        textRanges.push({ s: cursor, e: cursor + 2, style: this.textStyle({ text: '', size }), key: `pb${size}` });
        cursor += 2;
      }
    }
    const marker = this.markerAt.get(this.blocks.length);
    if (marker !== undefined) markers[marker] = cursor;
    // The body's final empty paragraph: tiny, so it can never push an extra blank page after the last table.
    styleParagraph({ runs: [{ text: '', size: 1 }] }, cursor);

    // Merge neighbouring ranges of equal style (only table structure between them) into one request each.
    const merge = <T extends { s: number; e: number; key: string }>(ranges: T[]): T[] => {
      const out: T[] = [];
      for (const r of [...ranges].sort((a, b) => a.s - b.s)) {
        const last = out[out.length - 1];
        let joinable = last !== undefined && last.key === r.key && last.e <= r.s;
        for (let i = last?.e ?? 0; joinable && i < r.s; i++) if (!structural.has(i)) joinable = false;
        if (joinable) last!.e = r.e;
        else out.push({ ...r });
      }
      return out;
    };
    for (const r of merge(paraRanges)) {
      styles.push({
        updateParagraphStyle: {
          range: { startIndex: r.s, endIndex: r.e },
          paragraphStyle: r.style,
          fields: 'namedStyleType,alignment,lineSpacing,spaceAbove,spaceBelow,indentStart,indentFirstLine',
        },
      });
    }
    for (const r of merge(textRanges)) {
      styles.push({
        updateTextStyle: {
          range: { startIndex: r.s, endIndex: r.e },
          textStyle: r.style,
          fields: 'bold,italic,underline,fontSize,weightedFontFamily,foregroundColor',
        },
      });
    }
    return { requests: [...inserts, ...styles], endIndex: cursor, markers, inserts: inserts.length };
  }

  private textStyle(r: RunSpec): docs_v1.Schema$TextStyle {
    const s: docs_v1.Schema$TextStyle = {
      bold: r.bold === true,
      italic: r.italic === true,
      underline: r.underline === true,
      fontSize: pt(r.size ?? this.base.size),
      weightedFontFamily: { fontFamily: this.base.family, weight: 400 },
    };
    if (r.color) s.foregroundColor = color(r.color);
    return s;
  }

  /** Inserts table `t` at `at`; returns the new cursor (start of the trailing empty paragraph). */
  private buildTable(
    t: TableSpec,
    at: number,
    inserts: Request[],
    styles: Request[],
    styleParagraph: (p: ParaSpec, start: number) => void,
    structural: Set<number>,
  ): number {
    const R = t.rows.length;
    const C = t.widths.length;
    inserts.push({ insertTable: { rows: R, columns: C, location: { index: at } } });
    const tableStart = at + 1;
    const rowSize = 1 + 2 * C;
    const emptyCellPara = (r: number, c: number): number => tableStart + 1 + r * rowSize + 1 + 2 * c + 1;
    const cellText = (cell: CellSpec): string => cell.paras.map((p) => p.runs.map((x) => clean(x.text)).join('')).join('\n');
    // Fill last cell first: every earlier cell's index is still the empty-table index.
    for (let r = R - 1; r >= 0; r--) {
      for (let c = C - 1; c >= 0; c--) {
        const text = cellText(t.rows[r]![c]!);
        if (text.length > 0) inserts.push({ insertText: { location: { index: emptyCellPara(r, c) }, text } });
      }
    }
    // Final positions: each cell shifts by the text of all cells before it.
    let shift = 0;
    structural.add(tableStart);
    for (let r = 0; r < R; r++) {
      structural.add(tableStart + 1 + r * rowSize + shift);
      for (let c = 0; c < C; c++) {
        const cell = t.rows[r]![c]!;
        structural.add(emptyCellPara(r, c) - 1 + shift);
        let start = emptyCellPara(r, c) + shift;
        cell.paras.forEach((p) => {
          styleParagraph(p, start);
          start += p.runs.map((x) => clean(x.text)).join('').length + 1;
        });
        if (cell.paras.length === 0) styleParagraph({ runs: [] }, start);
        shift += cellText(cell).length;
      }
    }
    const loc = { index: tableStart };
    const byWidth = new Map<number, number[]>(); // one request per distinct width
    t.widths.forEach((w, c) => byWidth.set(w, [...(byWidth.get(w) ?? []), c]));
    for (const [w, columnIndices] of byWidth) {
      styles.push({
        updateTableColumnProperties: {
          tableStartLocation: loc,
          columnIndices,
          tableColumnProperties: { widthType: 'FIXED_WIDTH', width: pt(w) },
          fields: 'widthType,width',
        },
      });
    }
    const border = t.border ?? 0.75;
    const b: docs_v1.Schema$TableCellBorder = { width: pt(border), dashStyle: 'SOLID', color: color([0, 0, 0]) };
    const pad = pt(t.padding ?? 3);
    styles.push({
      updateTableCellStyle: {
        tableStartLocation: loc,
        tableCellStyle: {
          borderTop: b, borderBottom: b, borderLeft: b, borderRight: b,
          paddingTop: pad, paddingBottom: pad, paddingLeft: pad, paddingRight: pad,
          contentAlignment: 'MIDDLE',
        },
        fields: 'borderTop,borderBottom,borderLeft,borderRight,paddingTop,paddingBottom,paddingLeft,paddingRight,contentAlignment',
      },
    });
    if (t.headerRows && t.headerBackground) {
      styles.push({
        updateTableCellStyle: {
          tableRange: { tableCellLocation: { tableStartLocation: loc, rowIndex: 0, columnIndex: 0 }, rowSpan: t.headerRows, columnSpan: C },
          tableCellStyle: { backgroundColor: color(t.headerBackground) },
          fields: 'backgroundColor',
        },
      });
    }
    t.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (!cell.background) return;
        styles.push({
          updateTableCellStyle: {
            tableRange: { tableCellLocation: { tableStartLocation: loc, rowIndex: r, columnIndex: c }, rowSpan: 1, columnSpan: 1 },
            tableCellStyle: { backgroundColor: color(cell.background) },
            fields: 'backgroundColor',
          },
        });
      });
    });
    return tableStart + 1 + R * rowSize + shift;
  }
}

/** Text as Google will store it: no paragraph breaks inside a run (a run is one paragraph's text). */
function clean(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g, '');
}
