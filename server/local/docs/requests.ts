// documents.batchUpdate requests applied to the token model (model.ts), with Google's index rules and its
// error messages where we know them. The whole batch runs on a copy, so a bad request changes nothing.
import { DEFAULT_PARAGRAPH_STYLE, defaultCellStyle, styleKey, type DocModel, type Json, type Token } from './model.ts';

/** A Docs request the API rejects (→ HTTP 400 INVALID_ARGUMENT with this message). */
export class DocsRequestError extends Error {}

const SUPPORTED = new Set([
  'insertText',
  'insertTable',
  'insertPageBreak',
  'deleteContentRange',
  'updateTextStyle',
  'updateParagraphStyle',
  'updateTableCellStyle',
  'updateTableColumnProperties',
  'updateTableRowStyle',
  'updateDocumentStyle',
  'replaceAllText',
  'createNamedRange',
  'deleteNamedRange',
]);

// Request kinds Google has that this emulator does not implement: rejected with a clear message.
const KNOWN_UNSUPPORTED = new Set([
  'createParagraphBullets', 'deleteParagraphBullets', 'insertInlineImage', 'insertTableRow', 'insertTableColumn',
  'deleteTableRow', 'deleteTableColumn', 'deletePositionedObject', 'replaceImage', 'mergeTableCells',
  'unmergeTableCells', 'createHeader', 'createFooter', 'createFootnote', 'replaceNamedRangeContent',
  'updateSectionStyle', 'insertSectionBreak', 'deleteHeader', 'deleteFooter', 'pinTableHeaderRows',
  'insertPerson', 'updateDocumentTabProperties', 'addDocumentTab', 'deleteTab', 'insertDate',
]);

class Ctx {
  constructor(
    readonly model: DocModel,
    readonly where: string,
  ) {}
  fail(message: string): never {
    throw new DocsRequestError(`Invalid ${this.where}: ${message}`);
  }
  get tokens(): Token[] {
    return this.model.tokens;
  }
}

export function applyBatch(model: DocModel, requests: unknown[]): { model: DocModel; replies: Json[] } {
  if (!Array.isArray(requests)) throw new DocsRequestError('Invalid JSON payload received. "requests" must be a list.');
  const work: DocModel = {
    ...model,
    tokens: model.tokens.map((t) => ({ ...t })),
    namedRanges: model.namedRanges.map((nr) => ({ ...nr, ranges: nr.ranges.map((r) => ({ ...r })) })),
    documentStyle: { ...model.documentStyle },
  };
  const replies: Json[] = [];
  requests.forEach((req, n) => {
    if (!req || typeof req !== 'object' || Array.isArray(req)) throw new DocsRequestError(`Invalid requests[${n}]: a request must be an object.`);
    const kinds = Object.keys(req as Json).filter((k) => (req as Json)[k] !== undefined && (req as Json)[k] !== null);
    if (kinds.length !== 1) {
      throw new DocsRequestError(
        kinds.length === 0
          ? `Invalid requests[${n}]: one request kind must be set.`
          : `Invalid requests[${n}]: oneof field 'request' is already set. Cannot set '${kinds[1]}'`,
      );
    }
    const kind = kinds[0]!;
    if (KNOWN_UNSUPPORTED.has(kind)) throw new DocsRequestError(`Invalid requests[${n}].${kind}: not supported by the local workspace.`);
    if (!SUPPORTED.has(kind)) throw new DocsRequestError(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${n}]': Cannot find field.`);
    const body = (req as Json)[kind] as Json;
    const ctx = new Ctx(work, `requests[${n}].${kind}`);
    replies.push(HANDLERS[kind]!(ctx, body ?? {}));
  });
  work.revision = model.revision + 1;
  return { model: work, replies };
}

// ---------------------------------------------------------------------------------------------------------
// helpers

function int(ctx: Ctx, v: unknown, name: string): number {
  if (v === undefined || v === null) return 0; // proto3: an absent int is 0
  const n = Number(v);
  if (!Number.isInteger(n)) ctx.fail(`${name} must be an integer.`);
  return n;
}

function checkSegment(ctx: Ctx, obj: Json | undefined): void {
  const seg = obj?.segmentId;
  if (seg !== undefined && seg !== null && seg !== '') ctx.fail(`The segment with ID ${String(seg)} was not found (headers, footers and footnotes are not emulated).`);
  const tab = obj?.tabId;
  if (tab !== undefined && tab !== null && tab !== '' && tab !== 't.0') ctx.fail(`The tab with ID ${String(tab)} was not found.`);
}

/** The insertion index of a request with `location` or `endOfSegmentLocation` (exactly one). */
function insertionIndex(ctx: Ctx, body: Json): number {
  const loc = body.location as Json | undefined;
  const eos = body.endOfSegmentLocation as Json | undefined;
  if (loc && eos) ctx.fail("oneof field 'insertion_location' is already set. Cannot set 'endOfSegmentLocation'");
  if (eos) {
    checkSegment(ctx, eos);
    return ctx.tokens.length - 1;
  }
  if (!loc) ctx.fail('Must specify either a location or an end of segment location.');
  checkSegment(ctx, loc);
  const index = int(ctx, loc.index, 'location.index');
  checkInsertable(ctx, index);
  return index;
}

function checkInsertable(ctx: Ctx, index: number): void {
  const end = ctx.tokens.length;
  if (index >= end) ctx.fail(`Index ${index} must be less than the end index of the referenced segment, ${end}.`);
  const t = ctx.tokens[index];
  if (index < 1 || !t || (t.k !== 'ch' && t.k !== 'pb')) {
    ctx.fail('The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.');
  }
}

function checkRange(ctx: Ctx, range: Json | undefined): { s: number; e: number } {
  if (!range) ctx.fail('range must be set.');
  checkSegment(ctx, range);
  const s = int(ctx, range.startIndex, 'range.startIndex');
  const e = int(ctx, range.endIndex, 'range.endIndex');
  const end = ctx.tokens.length;
  if (s < 0) ctx.fail(`Index ${s} must be greater than or equal to 0.`);
  if (e <= s) ctx.fail(`The range should not be empty. Start index ${s} must be less than end index ${e}.`);
  if (e > end) ctx.fail(`Index ${e - 1} must be less than the end index of the referenced segment, ${end}.`);
  return { s, e };
}

function paragraphEnd(tokens: Token[], index: number): Extract<Token, { k: 'ch' }> {
  for (let i = index; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.k === 'ch' && t.c === '\n') return t;
  }
  throw new Error('Docs model corrupt: no paragraph end');
}

/** Text style for text inserted at `index`: the text immediately before it in the paragraph, else after it. */
function inheritedTextStyle(tokens: Token[], index: number): Json {
  const prev = tokens[index - 1];
  if (prev && ((prev.k === 'ch' && prev.c !== '\n') || prev.k === 'pb')) return prev.ts;
  const next = tokens[index];
  return next && (next.k === 'ch' || next.k === 'pb') ? next.ts : {};
}

/** Google strips these from inserted text (control characters and the BMP private use area). */
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g, (c) => (c === '\n' ? c : ''));
}

function textTokens(text: string, ts: Json, ps: Json): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    out.push(c === '\n' ? { k: 'ch', c, ts, ps } : { k: 'ch', c, ts });
  }
  return out;
}

function splice(ctx: Ctx, index: number, deleteCount: number, insert: Token[]): void {
  // Chunked so a long insert never hits the engine's argument limit.
  const tokens = ctx.tokens;
  const tail = tokens.splice(index, deleteCount);
  void tail;
  if (insert.length > 0) {
    const rest = tokens.splice(index);
    for (let i = 0; i < insert.length; i += 10000) tokens.push(...insert.slice(i, i + 10000));
    for (let i = 0; i < rest.length; i += 10000) tokens.push(...rest.slice(i, i + 10000));
  }
  shiftNamedRanges(ctx.model, index, deleteCount, insert.length);
}

function shiftNamedRanges(model: DocModel, index: number, deleted: number, inserted: number): void {
  if (model.namedRanges.length === 0) return;
  const delEnd = index + deleted;
  const map = (x: number): number => (x <= index ? x : x >= delEnd ? x - deleted : index);
  for (const nr of model.namedRanges) {
    nr.ranges = nr.ranges
      .map((r) => {
        let s = map(r.startIndex);
        let e = map(r.endIndex);
        if (inserted > 0) {
          if (s > index || (s === index && r.startIndex > index)) s += inserted;
          if (e > index) e += inserted;
        }
        return { startIndex: s, endIndex: e };
      })
      .filter((r) => r.endIndex > r.startIndex);
  }
  model.namedRanges = model.namedRanges.filter((nr) => nr.ranges.length > 0);
}

/** Applies a field mask: listed fields are set from `value`, or cleared when absent there ("*" = all). */
function applyMask(ctx: Ctx, old: Json, value: Json | undefined, fields: unknown): Json {
  if (typeof fields !== 'string' || fields.trim() === '') {
    ctx.fail("At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)");
  }
  const v = value ?? {};
  const list = fields.split(',').map((f) => f.trim()).filter(Boolean);
  if (list.includes('*')) return { ...v };
  const out: Json = { ...old };
  for (const f of list) {
    const top = f.split('.')[0]!;
    if (v[top] !== undefined) out[top] = v[top];
    else delete out[top];
  }
  return out;
}

function tableDepthAt(tokens: Token[], index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    const t = tokens[i]!;
    if (t.k === 'ts') depth++;
    else if (t.k === 'ch' && t.closes) depth -= t.closes;
  }
  return depth;
}

/** Rows × cells (token indexes of each cell start) of the table starting at `start`. */
export function tableCellStarts(tokens: Token[], start: number): number[][] {
  const rows: number[][] = [];
  let depth = 0;
  for (let i = start + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.k === 'ts') depth++;
    else if (t.k === 'rs' && depth === 0) rows.push([]);
    else if (t.k === 'cs' && depth === 0) rows[rows.length - 1]!.push(i);
    else if (t.k === 'ch' && t.closes) {
      depth -= t.closes;
      if (depth < 0) break;
    }
  }
  return rows;
}

function tableAt(ctx: Ctx, loc: Json | undefined, name: string): { table: Extract<Token, { k: 'ts' }>; at: number } {
  if (!loc) ctx.fail(`${name} must be set.`);
  checkSegment(ctx, loc);
  const index = int(ctx, loc.index, `${name}.index`);
  const t = ctx.tokens[index];
  if (!t || t.k !== 'ts') ctx.fail(`The provided table start location is invalid: there is no table starting at index ${index}.`);
  return { table: t, at: index };
}

// ---------------------------------------------------------------------------------------------------------
// handlers

type Handler = (ctx: Ctx, body: Json) => Json;

const HANDLERS: Record<string, Handler> = {
  insertText(ctx, body) {
    const index = insertionIndex(ctx, body);
    const text = sanitize(String(body.text ?? ''));
    if (text.length === 0) return {};
    const ts = inheritedTextStyle(ctx.tokens, index);
    const ps = paragraphEnd(ctx.tokens, index).ps ?? DEFAULT_PARAGRAPH_STYLE;
    splice(ctx, index, 0, textTokens(text, ts, ps));
    return {};
  },

  insertTable(ctx, body) {
    const rows = int(ctx, body.rows, 'rows');
    const columns = int(ctx, body.columns, 'columns');
    if (rows < 1) ctx.fail('Table must have at least one row.');
    if (columns < 1) ctx.fail('Table must have at least one column.');
    if (columns > 20) ctx.fail('Table cannot have more than 20 columns.');
    const index = insertionIndex(ctx, body);
    const ts = inheritedTextStyle(ctx.tokens, index);
    const ps = paragraphEnd(ctx.tokens, index).ps ?? DEFAULT_PARAGRAPH_STYLE;
    const insert: Token[] = [{ k: 'ch', c: '\n', ts, ps }];
    insert.push({
      k: 'ts',
      columns,
      tableStyle: { tableColumnProperties: Array.from({ length: columns }, () => ({ widthType: 'EVENLY_DISTRIBUTED' })) },
    });
    for (let r = 0; r < rows; r++) {
      insert.push({ k: 'rs', rowStyle: { minRowHeight: { unit: 'PT' } } });
      for (let c = 0; c < columns; c++) {
        insert.push({ k: 'cs', cellStyle: defaultCellStyle() }, { k: 'ch', c: '\n', ts: {}, ps: { ...DEFAULT_PARAGRAPH_STYLE } });
      }
    }
    (insert[insert.length - 1] as Extract<Token, { k: 'ch' }>).closes = 1;
    splice(ctx, index, 0, insert);
    return {};
  },

  insertPageBreak(ctx, body) {
    const index = insertionIndex(ctx, body);
    if (tableDepthAt(ctx.tokens, index) > 0) ctx.fail('Page breaks cannot be inserted inside a table.');
    const ts = inheritedTextStyle(ctx.tokens, index);
    const ps = paragraphEnd(ctx.tokens, index).ps ?? DEFAULT_PARAGRAPH_STYLE;
    splice(ctx, index, 0, [{ k: 'pb', ts }, { k: 'ch', c: '\n', ts, ps }]);
    return {};
  },

  deleteContentRange(ctx, body) {
    const { s, e } = checkRange(ctx, body.range as Json);
    const tokens = ctx.tokens;
    if (e === tokens.length) ctx.fail('The range cannot include the newline character at the end of the segment.');
    if (s === 0) ctx.fail('Invalid deletion range. Cannot delete the requested range.');
    const stack: number[] = [];
    for (let i = s; i < e; i++) {
      const t = tokens[i]!;
      if (t.k === 'sb') ctx.fail('Invalid deletion range. Cannot delete the requested range.');
      if (t.k === 'ts') stack.push(i);
      else if ((t.k === 'rs' || t.k === 'cs') && stack.length === 0) ctx.fail('Invalid deletion range. Cannot delete individual rows or cells of a table.');
      else if (t.k === 'ch' && t.c === '\n') {
        const next = tokens[i + 1];
        if (stack.length === 0 && (next?.k === 'cs' || next?.k === 'rs' || t.closes)) {
          ctx.fail('Invalid deletion range. Cannot delete the last newline of a table cell.');
        }
        if (next?.k === 'ts' && e <= i + 1) ctx.fail('Invalid deletion range. Cannot delete the newline before a table without deleting the table.');
        for (let c = 0; c < (t.closes ?? 0); c++) {
          if (stack.length === 0) ctx.fail('Invalid deletion range. Cannot delete the end of a table without deleting its start.');
          stack.pop();
        }
      }
    }
    if (stack.length > 0) ctx.fail('Invalid deletion range. Cannot delete the start of a table without deleting the whole table.');
    // A newline before a table may go only with the table: check the token right before a deleted table start.
    splice(ctx, s, e - s, []);
    return {};
  },

  updateTextStyle(ctx, body) {
    const { s, e } = checkRange(ctx, body.range as Json);
    const cache = new Map<string, Json>();
    for (let i = s; i < e; i++) {
      const t = ctx.tokens[i]!;
      if (t.k !== 'ch' && t.k !== 'pb') continue;
      const key = styleKey(t.ts);
      let next = cache.get(key);
      if (!next) {
        next = applyMask(ctx, t.ts, body.textStyle as Json, body.fields);
        cache.set(key, next);
      }
      t.ts = next;
    }
    if (cache.size === 0) applyMask(ctx, {}, body.textStyle as Json, body.fields); // still validate fields
    return {};
  },

  updateParagraphStyle(ctx, body) {
    const { s, e } = checkRange(ctx, body.range as Json);
    const tokens = ctx.tokens;
    const value = body.paragraphStyle as Json | undefined;
    let touched = false;
    for (let i = s; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.k === 'ch' && t.c === '\n') {
        t.ps = applyMask(ctx, t.ps ?? DEFAULT_PARAGRAPH_STYLE, value, body.fields);
        touched = true;
        if (i >= e - 1) break;
      } else if (i >= e && t.k !== 'ch' && t.k !== 'pb') break;
    }
    if (!touched) applyMask(ctx, {}, value, body.fields);
    return {};
  },

  updateTableCellStyle(ctx, body) {
    const range = body.tableRange as Json | undefined;
    let found: ReturnType<typeof tableAt>;
    let r0 = 0;
    let c0 = 0;
    let rs = Infinity;
    let cspan = Infinity;
    if (range) {
      const cellLoc = range.tableCellLocation as Json | undefined;
      found = tableAt(ctx, cellLoc?.tableStartLocation as Json, 'tableRange.tableCellLocation.tableStartLocation');
      r0 = int(ctx, cellLoc?.rowIndex, 'rowIndex');
      c0 = int(ctx, cellLoc?.columnIndex, 'columnIndex');
      rs = int(ctx, range.rowSpan, 'rowSpan');
      cspan = int(ctx, range.columnSpan, 'columnSpan');
      if (rs < 1 || cspan < 1) ctx.fail('The table range must span at least one row and one column.');
    } else {
      found = tableAt(ctx, body.tableStartLocation as Json, 'tableStartLocation');
    }
    const rows = tableCellStarts(ctx.tokens, found.at);
    if (r0 >= rows.length || r0 + (Number.isFinite(rs) ? rs : 1) > rows.length) ctx.fail(`The table range is outside the table (${rows.length} rows).`);
    const cols = rows[0]!.length;
    if (c0 >= cols || c0 + (Number.isFinite(cspan) ? cspan : 1) > cols) ctx.fail(`The table range is outside the table (${cols} columns).`);
    for (let r = r0; r < Math.min(rows.length, r0 + rs); r++) {
      for (let c = c0; c < Math.min(cols, c0 + cspan); c++) {
        const t = ctx.tokens[rows[r]![c]!] as Extract<Token, { k: 'cs' }>;
        const style = applyMask(ctx, t.cellStyle, body.tableCellStyle as Json, body.fields);
        style.rowSpan = t.cellStyle.rowSpan ?? 1;
        style.columnSpan = t.cellStyle.columnSpan ?? 1;
        t.cellStyle = style;
      }
    }
    return {};
  },

  updateTableColumnProperties(ctx, body) {
    const { table } = tableAt(ctx, body.tableStartLocation as Json, 'tableStartLocation');
    const value = body.tableColumnProperties as Json | undefined;
    const width = (value?.width as Json | undefined)?.magnitude;
    if (value?.widthType === 'FIXED_WIDTH' && width !== undefined && Number(width) < 5) ctx.fail('Column width must be at least 5 points.');
    const props = [...((table.tableStyle.tableColumnProperties as Json[]) ?? [])];
    while (props.length < table.columns) props.push({ widthType: 'EVENLY_DISTRIBUTED' });
    const indices = (body.columnIndices as unknown[] | undefined) ?? [];
    const targets = indices.length === 0 ? props.map((_, i) => i) : indices.map((v) => int(ctx, v, 'columnIndices'));
    for (const c of targets) {
      if (c < 0 || c >= table.columns) ctx.fail(`Column index ${c} is out of range (the table has ${table.columns} columns).`);
      props[c] = applyMask(ctx, props[c]!, value, body.fields);
    }
    table.tableStyle = { ...table.tableStyle, tableColumnProperties: props };
    return {};
  },

  updateTableRowStyle(ctx, body) {
    const { at } = tableAt(ctx, body.tableStartLocation as Json, 'tableStartLocation');
    const rows = tableCellStarts(ctx.tokens, at);
    const indices = (body.rowIndices as unknown[] | undefined) ?? [];
    const targets = indices.length === 0 ? rows.map((_, i) => i) : indices.map((v) => int(ctx, v, 'rowIndices'));
    for (const r of targets) {
      if (r < 0 || r >= rows.length) ctx.fail(`Row index ${r} is out of range (the table has ${rows.length} rows).`);
      const t = ctx.tokens[rows[r]![0]! - 1] as Extract<Token, { k: 'rs' }>;
      t.rowStyle = applyMask(ctx, t.rowStyle, body.tableRowStyle as Json, body.fields);
    }
    return {};
  },

  updateDocumentStyle(ctx, body) {
    ctx.model.documentStyle = applyMask(ctx, ctx.model.documentStyle, body.documentStyle as Json, body.fields);
    return {};
  },

  replaceAllText(ctx, body) {
    const contains = body.containsText as Json | undefined;
    const needle = String(contains?.text ?? '');
    if (needle.length === 0) ctx.fail('containsText.text must not be empty.');
    const matchCase = Boolean(contains?.matchCase);
    const replace = sanitize(String(body.replaceText ?? ''));
    const tokens = ctx.tokens;
    let hay = tokens.map((t) => (t.k === 'ch' ? t.c : '\u0000')).join('');
    let pat = needle;
    if (!matchCase) {
      const lower = hay.toLowerCase();
      if (lower.length === hay.length) {
        hay = lower;
        pat = needle.toLowerCase();
      }
    }
    const hits: number[] = [];
    for (let at = hay.indexOf(pat); at >= 0; at = hay.indexOf(pat, at + pat.length)) hits.push(at);
    for (const at of hits.reverse()) {
      const first = tokens[at] as Extract<Token, { k: 'ch' }>;
      const ts = first.ts;
      const ps = paragraphEnd(tokens, at + pat.length).ps ?? DEFAULT_PARAGRAPH_STYLE;
      splice(ctx, at, pat.length, textTokens(replace, ts, ps));
    }
    return { replaceAllText: { occurrencesChanged: hits.length } };
  },

  createNamedRange(ctx, body) {
    const name = String(body.name ?? '');
    if (name.length < 1 || name.length > 256) ctx.fail('The name must be between 1 and 256 characters long.');
    const { s, e } = checkRange(ctx, body.range as Json);
    const n = ctx.model.namedRanges.length + ctx.model.revision * 1000;
    const namedRangeId = `kix.nr${n.toString(36)}`;
    ctx.model.namedRanges.push({ namedRangeId, name, ranges: [{ startIndex: s, endIndex: e }] });
    return { createNamedRange: { namedRangeId } };
  },

  deleteNamedRange(ctx, body) {
    const id = body.namedRangeId;
    const name = body.name;
    if ((id === undefined) === (name === undefined)) ctx.fail('Exactly one of namedRangeId and name must be set.');
    const before = ctx.model.namedRanges.length;
    ctx.model.namedRanges = ctx.model.namedRanges.filter((nr) => (id !== undefined ? nr.namedRangeId !== id : nr.name !== name));
    if (id !== undefined && ctx.model.namedRanges.length === before) ctx.fail(`The named range with ID ${String(id)} was not found.`);
    return {};
  },
};
