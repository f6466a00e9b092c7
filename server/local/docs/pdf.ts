// files.export(application/pdf) of a Docs document in the local workspace: lays the body out with pdfkit.
// Fonts: DejaVu Sans/Serif (every Vietnamese glyph, unlike pdfkit's built-in Helvetica/Times).
// Output is byte-deterministic (fixed dates, fixed ID derived from them) so archives can be compared by hash.
// Divergences from Google's renderer are listed in docs/hoc-ba.md (approximate line metrics, no headers/footers,
// nested tables drawn as their text, the draft watermark).
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import path from 'node:path';
import { toJson, type DocModel, type Json } from './model.ts';

/** A document carrying a named range with this name is rendered with a diagonal "BẢN NHÁP" watermark. */
export const DRAFT_NAMED_RANGE = 'HOSO_BAN_NHAP';
export const WATERMARK_TEXT = 'BẢN NHÁP';
/** Fixed dates keep the PDF bytes a function of the document only. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  sans: { r: 'DejaVuSans.ttf', b: 'DejaVuSans-Bold.ttf', i: 'DejaVuSans-Oblique.ttf', bi: 'DejaVuSans-BoldOblique.ttf' },
  serif: { r: 'DejaVuSerif.ttf', b: 'DejaVuSerif-Bold.ttf', i: 'DejaVuSerif-Italic.ttf', bi: 'DejaVuSerif-BoldItalic.ttf' },
} as const;

type Doc = PDFKit.PDFDocument;

interface Run {
  text: string;
  style: Json;
}
interface Para {
  kind: 'p';
  style: Json;
  /** Text runs; a page break splits a paragraph into parts. */
  parts: Run[][];
}
interface Table {
  kind: 't';
  tableStyle: Json;
  rows: { style: Json; cells: { style: Json; content: Block[] }[] }[];
}
type Block = Para | Table;

const mag = (v: unknown, fallback = 0): number => {
  const m = (v as Json | undefined)?.magnitude;
  return typeof m === 'number' ? m : fallback;
};

function rgb(color: unknown): string | null {
  const c = ((color as Json | undefined)?.color as Json | undefined)?.rgbColor as Json | undefined;
  if (!c) return null;
  const h = (x: unknown): string => Math.round(Math.max(0, Math.min(1, Number(x ?? 0))) * 255).toString(16).padStart(2, '0');
  return `#${h(c.red)}${h(c.green)}${h(c.blue)}`;
}

function toBlocks(content: unknown): Block[] {
  const blocks: Block[] = [];
  for (const el of (content as Json[] | undefined) ?? []) {
    if (el.paragraph) {
      const p = el.paragraph as Json;
      const parts: Run[][] = [[]];
      for (const pe of (p.elements as Json[]) ?? []) {
        if (pe.textRun) {
          const tr = pe.textRun as Json;
          parts[parts.length - 1]!.push({ text: String(tr.content ?? ''), style: (tr.textStyle as Json) ?? {} });
        } else if (pe.pageBreak) parts.push([]);
      }
      blocks.push({ kind: 'p', style: (p.paragraphStyle as Json) ?? {}, parts });
    } else if (el.table) {
      const t = el.table as Json;
      blocks.push({
        kind: 't',
        tableStyle: (t.tableStyle as Json) ?? {},
        rows: ((t.tableRows as Json[]) ?? []).map((r) => ({
          style: (r.tableRowStyle as Json) ?? {},
          cells: ((r.tableCells as Json[]) ?? []).map((c) => ({ style: (c.tableCellStyle as Json) ?? {}, content: toBlocks(c.content) })),
        })),
      });
    }
  }
  return blocks;
}

class Renderer {
  private readonly named = new Map<string, { text: Json; para: Json }>();
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly width: number;

  constructor(
    readonly doc: Doc,
    model: DocModel,
    page: { w: number; h: number; mt: number; mb: number; ml: number; mr: number },
  ) {
    const styles = ((model.extra.namedStyles as Json | undefined)?.styles as Json[] | undefined) ?? [];
    for (const s of styles) this.named.set(String(s.namedStyleType), { text: (s.textStyle as Json) ?? {}, para: (s.paragraphStyle as Json) ?? {} });
    this.top = page.mt;
    this.bottom = page.h - page.mb;
    this.left = page.ml;
    this.width = page.w - page.ml - page.mr;
  }

  private base(named: string): { text: Json; para: Json } {
    const normal = this.named.get('NORMAL_TEXT') ?? { text: {}, para: {} };
    const own = this.named.get(named) ?? normal;
    return { text: { ...normal.text, ...own.text }, para: { ...normal.para, ...own.para } };
  }

  /** Effective paragraph style and the text style its runs start from. */
  paraStyle(style: Json): { para: Json; text: Json } {
    const b = this.base(String(style.namedStyleType ?? 'NORMAL_TEXT'));
    return { para: { ...b.para, ...style }, text: b.text };
  }

  font(style: Json): { name: string; file: string; size: number } {
    const family = String(((style.weightedFontFamily as Json | undefined)?.fontFamily as string | undefined) ?? 'Arial');
    const weight = Number((style.weightedFontFamily as Json | undefined)?.weight ?? 400);
    const set = /times|serif|georgia|garamond|cambria|merriweather|lora|playfair/i.test(family) && !/sans/i.test(family) ? FONTS.serif : FONTS.sans;
    const bold = style.bold === true || weight >= 600;
    const italic = style.italic === true;
    const file = bold && italic ? set.bi : bold ? set.b : italic ? set.i : set.r;
    return { name: file, file: path.join(FONT_DIR, file), size: mag(style.fontSize, 11) };
  }

  useFont(style: Json): number {
    const f = this.font(style);
    this.doc.font(f.name).fontSize(f.size);
    return f.size;
  }

  lineGap(para: Json, size: number): number {
    const ls = typeof para.lineSpacing === 'number' ? para.lineSpacing : 100;
    return Math.max(0, size * (ls / 100 - 1) * 0.8);
  }

  align(para: Json): 'left' | 'center' | 'right' | 'justify' {
    switch (para.alignment) {
      case 'CENTER':
        return 'center';
      case 'END':
        return 'right';
      case 'JUSTIFIED':
        return 'justify';
      default:
        return 'left';
    }
  }

  /** Runs without their paragraph's final newline, merged with the style they inherit. */
  runsOf(part: Run[], baseText: Json, last: boolean): { text: string; style: Json }[] {
    const out: { text: string; style: Json }[] = [];
    part.forEach((r, i) => {
      let text = r.text;
      if (last && i === part.length - 1 && text.endsWith('\n')) text = text.slice(0, -1);
      text = text.replace(/\n/g, ' ').replace(/\u000b/g, '\n');
      if (text.length > 0) out.push({ text, style: { ...baseText, ...r.style } });
    });
    return out;
  }

  /** Height a paragraph part takes in `width` (measured with its widest run style, conservatively). */
  measurePart(runs: { text: string; style: Json }[], para: Json, width: number, fallback: Json): number {
    if (runs.length === 0) {
      const size = this.useFont(fallback);
      return this.doc.currentLineHeight(true) + this.lineGap(para, size);
    }
    const widest = runs.reduce((a, b) => (mag(b.style.fontSize, 11) > mag(a.style.fontSize, 11) || (b.style.bold && !a.style.bold) ? b : a));
    const size = this.useFont({ ...widest.style, bold: runs.some((r) => r.style.bold === true) || widest.style.bold });
    const indent = mag(para.indentFirstLine) - mag(para.indentStart);
    return this.doc.heightOfString(runs.map((r) => r.text).join(''), {
      width: width - mag(para.indentStart) - mag(para.indentEnd),
      lineGap: this.lineGap(para, size),
      indent: indent > 0 ? indent : 0,
    });
  }

  private readonly measured = new WeakMap<Block[], Map<number, number>>();

  measureBlocks(blocks: Block[], width: number): number {
    let byWidth = this.measured.get(blocks);
    if (!byWidth) this.measured.set(blocks, (byWidth = new Map()));
    const known = byWidth.get(width);
    if (known !== undefined) return known;
    const h = this.measureUncached(blocks, width);
    byWidth.set(width, h);
    return h;
  }

  private measureUncached(blocks: Block[], width: number): number {
    let h = 0;
    for (const b of blocks) {
      if (b.kind === 'p') {
        const { para, text } = this.paraStyle(b.style);
        h += mag(para.spaceAbove) + mag(para.spaceBelow);
        b.parts.forEach((part, i) => {
          h += this.measurePart(this.runsOf(part, text, i === b.parts.length - 1), para, width, { ...text, ...(part[0]?.style ?? {}) });
        });
      } else {
        for (const row of b.rows) h += this.rowHeight(b, row, width);
      }
    }
    return h;
  }

  renderBlocks(blocks: Block[], x: number, width: number, inCell: boolean): void {
    for (const b of blocks) {
      if (b.kind === 'p') this.renderParagraph(b, x, width, inCell);
      else this.renderTable(b, x, width);
    }
  }

  renderParagraph(p: Para, x: number, width: number, inCell: boolean): void {
    const { para, text } = this.paraStyle(p.style);
    const doc = this.doc;
    doc.y += mag(para.spaceAbove);
    p.parts.forEach((part, i) => {
      if (i > 0 && !inCell) {
        doc.addPage();
        doc.y = this.top;
      }
      const runs = this.runsOf(part, text, i === p.parts.length - 1);
      if (runs.length === 0) {
        if (i === p.parts.length - 1 && p.parts.length > 1) return; // the newline closing a page break
        const size = this.useFont({ ...text, ...(part[0]?.style ?? {}) });
        doc.y += doc.currentLineHeight(true) + this.lineGap(para, size);
        return;
      }
      const indentStart = mag(para.indentStart);
      const firstIndent = mag(para.indentFirstLine) - indentStart;
      const opts = {
        width: width - indentStart - mag(para.indentEnd),
        align: this.align(para),
        indent: firstIndent > 0 ? firstIndent : 0,
      };
      runs.forEach((run, k) => {
        const size = this.useFont(run.style);
        doc.fillColor(rgb(run.style.foregroundColor) ?? '#000000');
        const o = {
          ...opts,
          lineGap: this.lineGap(para, size),
          continued: k < runs.length - 1,
          underline: run.style.underline === true,
          strike: run.style.strikethrough === true,
        };
        if (k === 0) doc.text(run.text, x + indentStart, doc.y, o);
        else doc.text(run.text, o);
      });
    });
    doc.x = x;
    doc.y += mag(para.spaceBelow);
  }

  columnWidths(t: Table, width: number): number[] {
    const cols = Math.max(...t.rows.map((r) => r.cells.length), 1);
    const props = (t.tableStyle.tableColumnProperties as Json[] | undefined) ?? [];
    const fixed = Array.from({ length: cols }, (_, c) => (props[c]?.widthType === 'FIXED_WIDTH' ? mag(props[c]!.width, 0) : 0));
    const used = fixed.reduce((a, b) => a + b, 0);
    const free = fixed.filter((w) => w === 0).length;
    let widths = fixed.map((w) => (w > 0 ? w : free > 0 ? Math.max(5, (width - used) / free) : 0));
    const total = widths.reduce((a, b) => a + b, 0);
    if (total > width) widths = widths.map((w) => (w * width) / total); // Google lets it overflow; we fit the page
    return widths;
  }

  cellPadding(style: Json): { l: number; r: number; t: number; b: number } {
    return { l: mag(style.paddingLeft, 5), r: mag(style.paddingRight, 5), t: mag(style.paddingTop, 5), b: mag(style.paddingBottom, 5) };
  }

  rowHeight(t: Table, row: Table['rows'][number], width: number): number {
    const widths = this.columnWidths(t, width);
    let h = mag(row.style.minRowHeight, 0);
    row.cells.forEach((cell, c) => {
      const pad = this.cellPadding(cell.style);
      h = Math.max(h, this.measureBlocks(cell.content, (widths[c] ?? 50) - pad.l - pad.r) + pad.t + pad.b);
    });
    return h;
  }

  renderTable(t: Table, x: number, width: number): void {
    const doc = this.doc;
    const widths = this.columnWidths(t, width);
    for (const row of t.rows) {
      const h = this.rowHeight(t, row, width);
      if (doc.y + h > this.bottom && doc.y > this.top + 1) {
        doc.addPage();
        doc.y = this.top;
      }
      const y = doc.y;
      let cx = x;
      row.cells.forEach((cell, c) => {
        const w = widths[c] ?? 50;
        const bg = rgb(cell.style.backgroundColor);
        if (bg) doc.save().rect(cx, y, w, h).fill(bg).restore();
        const pad = this.cellPadding(cell.style);
        const contentH = this.measureBlocks(cell.content, w - pad.l - pad.r);
        const align = cell.style.contentAlignment;
        const offset = align === 'MIDDLE' ? (h - pad.t - pad.b - contentH) / 2 : align === 'BOTTOM' ? h - pad.t - pad.b - contentH : 0;
        doc.y = y + pad.t + Math.max(0, offset);
        this.renderBlocks(cell.content, cx + pad.l, w - pad.l - pad.r, true);
        this.border(cell.style.borderTop, cx, y, cx + w, y);
        this.border(cell.style.borderBottom, cx, y + h, cx + w, y + h);
        this.border(cell.style.borderLeft, cx, y, cx, y + h);
        this.border(cell.style.borderRight, cx + w, y, cx + w, y + h);
        cx += w;
      });
      doc.x = x;
      doc.y = y + h;
    }
  }

  border(spec: unknown, x1: number, y1: number, x2: number, y2: number): void {
    const b = (spec as Json | undefined) ?? {};
    const w = b.width === undefined ? 1 : mag(b.width, 0);
    if (w <= 0) return;
    const color = rgb(b.color) ?? '#000000';
    const dash = b.dashStyle === 'DOT' ? [1, 2] : b.dashStyle === 'DASH' ? [4, 2] : null;
    this.doc.save().lineWidth(w).strokeColor(color);
    if (dash) this.doc.dash(dash[0]!, { space: dash[1]! });
    this.doc.moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
  }
}

function drawWatermark(doc: Doc, w: number, h: number): void {
  const { x, y } = doc;
  doc.save();
  doc.rotate(-50, { origin: [w / 2, h / 2] });
  doc.font(FONTS.sans.b).fontSize(110);
  doc.fillColor('#d32f2f').fillOpacity(0.16);
  const tw = doc.widthOfString(WATERMARK_TEXT);
  doc.text(WATERMARK_TEXT, w / 2 - tw / 2, h / 2 - 60, { lineBreak: false });
  doc.restore();
  doc.x = x;
  doc.y = y;
}

export function isDraft(model: DocModel): boolean {
  return model.namedRanges.some((nr) => nr.name === DRAFT_NAMED_RANGE);
}

export async function renderModelPdf(model: DocModel): Promise<Uint8Array> {
  const ds = model.documentStyle;
  const pageSize = (ds.pageSize as Json | undefined) ?? {};
  const page = {
    w: mag(pageSize.width, 612),
    h: mag(pageSize.height, 792),
    mt: mag(ds.marginTop, 72),
    mb: mag(ds.marginBottom, 72),
    ml: mag(ds.marginLeft, 72),
    mr: mag(ds.marginRight, 72),
  };
  const doc = new PDFDocument({
    size: [page.w, page.h],
    margins: { top: page.mt, bottom: page.mb, left: page.ml, right: page.mr },
    info: { Title: model.title, Producer: 'Hồ sơ điện tử — local workspace', Creator: 'Docs v1 (local)', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
    autoFirstPage: false,
    bufferPages: false,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const set of Object.values(FONTS)) for (const file of Object.values(set)) doc.registerFont(file, path.join(FONT_DIR, file));
  const draft = isDraft(model);
  doc.on('pageAdded', () => {
    if (draft) drawWatermark(doc, page.w, page.h);
  });
  doc.addPage();
  const renderer = new Renderer(doc, model, page);
  doc.y = page.mt;
  const json = toJson(model);
  renderer.renderBlocks(toBlocks((json.body as Json).content), page.ml, renderer.width, false);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

