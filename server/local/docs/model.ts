// Docs v1 document model with Google's index semantics.
//
// Google addresses a document body by UTF-16 code unit. Besides text, some structure consumes one index each:
// the section break at index 0, a table's start, each row's start and each cell's start; a page break is one
// element of one index. A table's end consumes nothing. We keep the body as a flat token array where token i
// IS index i, so index arithmetic is array arithmetic. A table's end is recorded on the last "\n" inside it
// (`closes` = how many tables end right after that newline), which keeps the array free of zero-width tokens.
// Paragraph styles live on the paragraph's terminating "\n", as paragraphs end there in Google's model.
// Hand-written because no library models Google's Docs structure.

export type Json = Record<string, unknown>;

export type Token =
  | { k: 'sb'; sectionStyle: Json }
  | { k: 'ch'; c: string; ts: Json; ps?: Json; closes?: number } // ps only when c === '\n'
  | { k: 'pb'; ts: Json }
  | { k: 'ts'; tableStyle: Json; columns: number }
  | { k: 'rs'; rowStyle: Json }
  | { k: 'cs'; cellStyle: Json };

export interface NamedRange {
  namedRangeId: string;
  name: string;
  ranges: { startIndex: number; endIndex: number }[];
}

export interface DocModel {
  documentId: string;
  title: string;
  revision: number;
  tokens: Token[];
  documentStyle: Json;
  namedRanges: NamedRange[];
  /** Fields of the stored resource we do not model; kept as they were. */
  extra: Json;
}

export const DEFAULT_PARAGRAPH_STYLE: Json = { namedStyleType: 'NORMAL_TEXT', direction: 'LEFT_TO_RIGHT' };

export const DEFAULT_SECTION_STYLE: Json = {
  columnSeparatorStyle: 'NONE',
  contentDirection: 'LEFT_TO_RIGHT',
  sectionType: 'CONTINUOUS',
};

const pt = (magnitude: number): Json => ({ magnitude, unit: 'PT' });

export function defaultCellStyle(): Json {
  return {
    rowSpan: 1,
    columnSpan: 1,
    backgroundColor: {},
    paddingLeft: pt(5),
    paddingRight: pt(5),
    paddingTop: pt(5),
    paddingBottom: pt(5),
    contentAlignment: 'TOP',
  };
}

/** Google's defaults for a document created through the API (US Letter, 1-inch margins). */
export function defaultDocumentStyle(): Json {
  return {
    background: { color: {} },
    pageNumberStart: 1,
    marginTop: pt(72),
    marginBottom: pt(72),
    marginRight: pt(72),
    marginLeft: pt(72),
    pageSize: { height: pt(792), width: pt(612) },
    marginHeader: pt(36),
    marginFooter: pt(36),
    useCustomHeaderFooterMargins: false,
  };
}

const namedStyle = (type: string, fontSize: number, extra: Json = {}, para: Json = {}): Json => ({
  namedStyleType: type,
  textStyle: { fontSize: pt(fontSize), ...extra },
  paragraphStyle: { namedStyleType: type, direction: 'LEFT_TO_RIGHT', ...para },
});

/** The named styles of a new Google document (sizes as Google's defaults; the PDF renderer uses them). */
export function defaultNamedStyles(): Json {
  return {
    styles: [
      namedStyle('NORMAL_TEXT', 11, { weightedFontFamily: { fontFamily: 'Arial', weight: 400 } }, { lineSpacing: 115 }),
      namedStyle('HEADING_1', 20, {}, { spaceAbove: pt(20), spaceBelow: pt(6) }),
      namedStyle('HEADING_2', 16, {}, { spaceAbove: pt(18), spaceBelow: pt(6) }),
      namedStyle('HEADING_3', 14, {}, { spaceAbove: pt(16), spaceBelow: pt(4) }),
      namedStyle('HEADING_4', 12, {}, { spaceAbove: pt(14), spaceBelow: pt(4) }),
      namedStyle('HEADING_5', 11, {}, { spaceAbove: pt(12), spaceBelow: pt(4) }),
      namedStyle('HEADING_6', 11, { italic: true }, { spaceAbove: pt(12), spaceBelow: pt(4) }),
      namedStyle('TITLE', 26, {}, { spaceBelow: pt(3) }),
      namedStyle('SUBTITLE', 15, {}, { spaceBelow: pt(16) }),
    ],
  };
}

export function newDocModel(documentId: string, title: string): DocModel {
  return {
    documentId,
    title,
    revision: 1,
    tokens: [
      { k: 'sb', sectionStyle: { ...DEFAULT_SECTION_STYLE } },
      { k: 'ch', c: '\n', ts: {}, ps: { ...DEFAULT_PARAGRAPH_STYLE } },
    ],
    documentStyle: defaultDocumentStyle(),
    namedRanges: [],
    extra: { namedStyles: defaultNamedStyles(), suggestionsViewMode: 'SUGGESTIONS_INLINE' },
  };
}

// ---------------------------------------------------------------------------------------------------------
// JSON (the resource documents.get returns) ⇄ tokens

const styleKeys = new WeakMap<Json, string>();
/** A stable key of a style object, to merge adjacent characters of equal style into one text run. */
export function styleKey(style: Json): string {
  let key = styleKeys.get(style);
  if (key === undefined) {
    key = stableStringify(style);
    styleKeys.set(style, key);
  }
  return key;
}

export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Json;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
    .join(',')}}`;
}

function serializeContent(tokens: Token[], from: number, to: number): { content: Json[]; end: number } {
  // Serializes tokens[from..] until `to` or until the enclosing cell/table ends; returns where it stopped.
  const content: Json[] = [];
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    if (t.k === 'sb') {
      const el: Json = { endIndex: i + 1, sectionBreak: { sectionStyle: t.sectionStyle } };
      if (i > 0) el.startIndex = i;
      content.push(el);
      i++;
    } else if (t.k === 'ts') {
      const { element, end, closesLeft } = serializeTable(tokens, i, to);
      content.push(element);
      i = end;
      if (closesLeft > 0) return { content, end: encodeStop(i, closesLeft) };
    } else if (t.k === 'rs' || t.k === 'cs') {
      return { content, end: i };
    } else {
      const start = i;
      const elements: Json[] = [];
      let runStart = i;
      let runText = '';
      let runStyle: Json | null = null;
      const flush = (endIdx: number): void => {
        if (runStyle !== null) {
          elements.push({ startIndex: runStart, endIndex: endIdx, textRun: { content: runText, textStyle: runStyle } });
          runStyle = null;
          runText = '';
        }
      };
      let last: Token | undefined;
      while (i < to) {
        const p = tokens[i]!;
        if (p.k === 'ch') {
          if (runStyle === null || styleKey(runStyle) !== styleKey(p.ts)) {
            flush(i);
            runStart = i;
            runStyle = p.ts;
          }
          runText += p.c;
          i++;
          if (p.c === '\n') {
            last = p;
            break;
          }
        } else if (p.k === 'pb') {
          flush(i);
          elements.push({ startIndex: i, endIndex: i + 1, pageBreak: { textStyle: p.ts } });
          i++;
        } else {
          throw new Error(`Docs model corrupt: paragraph at ${start} not terminated by a newline`);
        }
      }
      flush(i);
      const para: Json = { startIndex: start, endIndex: i, paragraph: { elements, paragraphStyle: last?.k === 'ch' ? (last.ps ?? DEFAULT_PARAGRAPH_STYLE) : DEFAULT_PARAGRAPH_STYLE } };
      content.push(para);
      if (last?.k === 'ch' && last.closes) return { content, end: encodeStop(i, last.closes) };
    }
  }
  return { content, end: i };
}

// A stop caused by table ends is encoded as a negative number so callers can tell "cell ended at a row/cell
// start" (positive index) from "tables closed here" (negative: -(index * 1024 + closes) - 1).
function encodeStop(index: number, closes: number): number {
  return -(index * 1024 + closes) - 1;
}
function decodeStop(code: number): { index: number; closes: number } {
  const v = -code - 1;
  return { index: Math.floor(v / 1024), closes: v % 1024 };
}

function serializeTable(tokens: Token[], start: number, to: number): { element: Json; end: number; closesLeft: number } {
  const ts = tokens[start] as Extract<Token, { k: 'ts' }>;
  const tableRows: Json[] = [];
  let i = start + 1;
  let closesLeft = 0;
  let done = false;
  while (!done && i < to && tokens[i]!.k === 'rs') {
    const rowStart = i;
    const rs = tokens[i] as Extract<Token, { k: 'rs' }>;
    i++;
    const tableCells: Json[] = [];
    while (i < to && tokens[i]!.k === 'cs') {
      const cellStart = i;
      const cs = tokens[i] as Extract<Token, { k: 'cs' }>;
      const { content, end } = serializeContent(tokens, i + 1, to);
      let cellEnd: number;
      if (end < 0) {
        const stop = decodeStop(end);
        cellEnd = stop.index;
        closesLeft = stop.closes - 1; // this table closes here
        done = true;
      } else cellEnd = end;
      tableCells.push({ startIndex: cellStart, endIndex: cellEnd, content, tableCellStyle: cs.cellStyle });
      i = cellEnd;
      if (done) break;
    }
    tableRows.push({ startIndex: rowStart, endIndex: i, tableCells, tableRowStyle: rs.rowStyle });
  }
  const columns = ts.columns;
  const element: Json = {
    startIndex: start,
    endIndex: i,
    table: { rows: tableRows.length, columns, tableRows, tableStyle: ts.tableStyle },
  };
  return { element, end: i, closesLeft };
}

/** The resource as documents.get returns it. */
export function toJson(model: DocModel): Json {
  const { content } = serializeContent(model.tokens, 0, model.tokens.length);
  const json: Json = {
    title: model.title,
    body: { content },
    documentStyle: model.documentStyle,
    ...model.extra,
    revisionId: `rev-${model.revision}`,
    documentId: model.documentId,
  };
  if (model.namedRanges.length > 0) {
    const byName: Json = {};
    for (const nr of model.namedRanges) {
      const group = (byName[nr.name] ??= { name: nr.name, namedRanges: [] }) as { namedRanges: unknown[] };
      group.namedRanges.push({ namedRangeId: nr.namedRangeId, name: nr.name, ranges: nr.ranges });
    }
    json.namedRanges = byName;
  }
  return json;
}

function parseContent(content: unknown, tokens: Token[]): void {
  if (!Array.isArray(content)) return;
  for (const el of content as Json[]) {
    if (el.sectionBreak) {
      tokens.push({ k: 'sb', sectionStyle: ((el.sectionBreak as Json).sectionStyle as Json) ?? { ...DEFAULT_SECTION_STYLE } });
    } else if (el.paragraph) {
      const para = el.paragraph as Json;
      const ps = (para.paragraphStyle as Json) ?? { ...DEFAULT_PARAGRAPH_STYLE };
      for (const pe of (para.elements as Json[]) ?? []) {
        if (pe.textRun) {
          const run = pe.textRun as Json;
          const ts = (run.textStyle as Json) ?? {};
          for (const c of String(run.content ?? '')) {
            for (let u = 0; u < c.length; u++) tokens.push({ k: 'ch', c: c[u]!, ts });
          }
        } else if (pe.pageBreak) {
          tokens.push({ k: 'pb', ts: ((pe.pageBreak as Json).textStyle as Json) ?? {} });
        }
      }
      const last = tokens[tokens.length - 1];
      if (last?.k === 'ch' && last.c === '\n') last.ps = ps;
    } else if (el.table) {
      const table = el.table as Json;
      const rows = (table.tableRows as Json[]) ?? [];
      tokens.push({ k: 'ts', tableStyle: (table.tableStyle as Json) ?? {}, columns: Number(table.columns ?? 0) });
      for (const row of rows) {
        tokens.push({ k: 'rs', rowStyle: (row.tableRowStyle as Json) ?? {} });
        for (const cell of (row.tableCells as Json[]) ?? []) {
          tokens.push({ k: 'cs', cellStyle: (cell.tableCellStyle as Json) ?? defaultCellStyle() });
          parseContent(cell.content, tokens);
        }
      }
      const last = tokens[tokens.length - 1];
      if (last?.k === 'ch') last.closes = (last.closes ?? 0) + 1;
    }
  }
}

/** Reads a stored resource (as toJson wrote it, or as Google returns it) back into the model. */
export function fromJson(json: Json): DocModel {
  const tokens: Token[] = [];
  parseContent((json.body as Json | undefined)?.content, tokens);
  if (tokens.length === 0) tokens.push({ k: 'sb', sectionStyle: { ...DEFAULT_SECTION_STYLE } }, { k: 'ch', c: '\n', ts: {}, ps: { ...DEFAULT_PARAGRAPH_STYLE } });
  const namedRanges: NamedRange[] = [];
  for (const group of Object.values((json.namedRanges as Json) ?? {}) as Json[]) {
    for (const nr of (group.namedRanges as Json[]) ?? []) {
      namedRanges.push({ namedRangeId: String(nr.namedRangeId), name: String(nr.name), ranges: (nr.ranges as NamedRange['ranges']) ?? [] });
    }
  }
  const { title, body, documentStyle, revisionId, documentId, namedRanges: _nr, ...extra } = json;
  void body;
  void _nr;
  const rev = /^rev-(\d+)$/.exec(String(revisionId ?? ''));
  return {
    documentId: String(documentId ?? ''),
    title: String(title ?? ''),
    revision: rev ? Number(rev[1]) : 1,
    tokens,
    documentStyle: (documentStyle as Json) ?? defaultDocumentStyle(),
    namedRanges,
    extra,
  };
}
