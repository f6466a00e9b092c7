// A small formula evaluator so formula cells render a value (FORMATTED/UNFORMATTED, effectiveValue): numbers,
// strings, booleans, cell and range references (same sheet or 'Sheet'!A1:B2, named ranges), + - * / ^ & unary -,
// comparisons, and the common functions below. Anything else yields an error value (#NAME? …). Hand-written:
// a full Sheets formula engine is out of scope and no maintained library matches Sheets' semantics.
import { parseA1 } from './a1.ts';
import type { Cell, Scalar, SheetModel, SpreadsheetModel } from './model.ts';
import { getCell } from './grid.ts';

type Val = Scalar | null; // null = blank

export const FORMULA_ERRORS = new Set(['#DIV/0!', '#REF!', '#NAME?', '#VALUE!', '#N/A', '#NUM!', '#ERROR!']);
type Arg = Val | Val[][];

class FormulaError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const err = (code: string): never => {
  throw new FormulaError(code);
};

type Tok = { t: 'num' | 'str' | 'ref' | 'id' | 'op' | '(' | ')' | 'sep'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '"') {
      let s = '';
      i += 1;
      for (;;) {
        if (i >= src.length) err('#ERROR!');
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        s += src[i++];
      }
      out.push({ t: 'str', v: s });
      continue;
    }
    if (ch === "'") {
      // quoted sheet reference 'Sheet'!A1
      let j = i + 1;
      while (j < src.length && !(src[j] === "'" && src[j + 1] !== "'")) j += src[j] === "'" ? 2 : 1;
      const m = /^!\$?[A-Za-z]*\$?\d*(?::\$?[A-Za-z]*\$?\d*)?/.exec(src.slice(j + 1));
      if (!m) err('#ERROR!');
      out.push({ t: 'ref', v: src.slice(i, j + 1 + m![0].length) });
      i = j + 1 + m![0].length;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num && !/^[A-Za-z]/.test(src.slice(i + num[0].length))) {
      // a row range like 2:5 is a reference
      const rowRange = /^\d+:\d+/.exec(src.slice(i));
      if (rowRange) {
        out.push({ t: 'ref', v: rowRange[0] });
        i += rowRange[0].length;
        continue;
      }
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const m = /^\$?[A-Za-z_\u00C0-\u1EF9][\w.$\u00C0-\u1EF9]*(?:!\$?[A-Za-z]*\$?\d*(?::\$?[A-Za-z]*\$?\d*)?)?(?::\$?[A-Za-z]+\$?\d*)?/.exec(src.slice(i));
    if (m) {
      const text = m![0];
      i += text.length;
      if (src[i] === '(' && !text.includes('!') && !text.includes(':')) out.push({ t: 'id', v: text.toUpperCase() });
      else if (/^(TRUE|FALSE)$/i.test(text)) out.push({ t: 'id', v: text.toUpperCase() });
      else out.push({ t: 'ref', v: text });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['<=', '>=', '<>'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^&=<>%'.includes(ch)) {
      out.push({ t: 'op', v: ch });
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ t: ch, v: ch });
      i += 1;
      continue;
    }
    if (ch === ',' || ch === ';') {
      out.push({ t: 'sep', v: ch });
      i += 1;
      continue;
    }
    err('#ERROR!');
  }
  return out;
}

type Node =
  | { k: 'lit'; v: Val }
  | { k: 'ref'; a1: string }
  | { k: 'un'; op: string; x: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'call'; name: string; args: Node[] };

function parse(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const PREC: Record<string, number> = { '=': 1, '<>': 1, '<': 1, '>': 1, '<=': 1, '>=': 1, '&': 2, '+': 3, '-': 3, '*': 4, '/': 4, '^': 5 };
  function primary(): Node {
    const t = toks[p++];
    if (!t) return err('#ERROR!');
    if (t.t === 'num') return { k: 'lit', v: Number(t.v) };
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'ref') return { k: 'ref', a1: t.v };
    if (t.t === 'op' && (t.v === '-' || t.v === '+')) return { k: 'un', op: t.v, x: primary() }; // Sheets: -2^2 = 4
    if (t.t === '(') {
      const e = expr(0);
      if (toks[p++]?.t !== ')') err('#ERROR!');
      return e;
    }
    if (t.t === 'id') {
      if (t.v === 'TRUE' || t.v === 'FALSE') {
        if (peek()?.t === '(') {
          p += 2; // TRUE()
        }
        return { k: 'lit', v: t.v === 'TRUE' };
      }
      if (toks[p++]?.t !== '(') err('#ERROR!');
      const args: Node[] = [];
      if (peek()?.t !== ')') {
        for (;;) {
          if (peek()?.t === 'sep' || peek()?.t === ')') args.push({ k: 'lit', v: null });
          else args.push(expr(0));
          if (peek()?.t === 'sep') {
            p += 1;
            continue;
          }
          break;
        }
      }
      if (toks[p++]?.t !== ')') err('#ERROR!');
      return { k: 'call', name: t.v, args };
    }
    return err('#ERROR!');
  }
  function expr(min: number): Node {
    let left = primary();
    for (;;) {
      const t = peek();
      if (t?.t === 'op' && t.v === '%') {
        p += 1;
        left = { k: 'bin', op: '/', a: left, b: { k: 'lit', v: 100 } };
        continue;
      }
      if (!t || t.t !== 'op' || PREC[t.v] === undefined || PREC[t.v]! <= min - (t.v === '^' ? 1 : 0)) break;
      if (PREC[t.v]! < min) break;
      p += 1;
      const right = expr(PREC[t.v]! + (t.v === '^' ? 0 : 1));
      left = { k: 'bin', op: t.v, a: left, b: right };
    }
    return left;
  }
  const node = expr(0);
  if (p !== toks.length) err('#ERROR!');
  return node;
}

interface Ctx {
  ss: SpreadsheetModel;
  sheet: SheetModel;
  visiting: Set<string>;
}

function cellValue(ctx: Ctx, sheet: SheetModel, r: number, c: number): Val {
  const cell = getCell(sheet, r, c);
  if (!cell) return null;
  if (cell.f !== undefined) {
    const key = `${sheet.properties.sheetId}:${r}:${c}`;
    if (ctx.visiting.has(key)) err('#REF!');
    ctx.visiting.add(key);
    try {
      const v = evaluateIn(ctx.ss, sheet, cell, ctx.visiting);
      if (typeof v === 'string' && FORMULA_ERRORS.has(v)) err(v); // errors propagate through references
      return v;
    } finally {
      ctx.visiting.delete(key);
    }
  }
  return cell.v ?? null;
}

function resolve(ctx: Ctx, a1: string): Val[][] {
  const ref = parseA1(a1.replace(/\$/g, ''));
  if (!ref) return err('#REF!');
  let sheet = ctx.sheet;
  let r0 = ref.startRow ?? 0;
  let r1 = ref.endRow;
  let c0 = ref.startCol ?? 0;
  let c1 = ref.endCol;
  if (ref.bareName !== undefined) {
    const nr = ctx.ss.namedRanges.find((n) => n.name.toLowerCase() === ref.bareName!.toLowerCase());
    if (!nr) return err('#NAME?');
    sheet = ctx.ss.sheets.find((s) => s.properties.sheetId === (nr.range.sheetId ?? 0)) ?? err('#REF!');
    r0 = nr.range.startRowIndex ?? 0;
    r1 = nr.range.endRowIndex;
    c0 = nr.range.startColumnIndex ?? 0;
    c1 = nr.range.endColumnIndex;
  } else if (ref.sheetName !== undefined) {
    sheet = ctx.ss.sheets.find((s) => s.properties.title.toLowerCase() === ref.sheetName!.toLowerCase()) ?? err('#REF!');
  }
  const g = sheet.properties.gridProperties;
  const rEnd = Math.min(r1 ?? g.rowCount, g.rowCount, Math.max(r0 + 1, sheet.rows.length));
  const cEnd = Math.min(c1 ?? g.columnCount, g.columnCount);
  const out: Val[][] = [];
  for (let r = r0; r < Math.max(rEnd, r0 + 1); r += 1) {
    const row: Val[] = [];
    for (let c = c0; c < Math.max(cEnd, c0 + 1); c += 1) row.push(cellValue(ctx, sheet, r, c));
    out.push(row);
  }
  return out;
}

const flat = (args: Arg[]): Val[] => args.flatMap((a) => (Array.isArray(a) ? a.flat() : [a]));

function num(v: Val): number {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (/^#/.test(v)) err(v);
  const n = Number(v.trim());
  if (v.trim() === '' || !Number.isFinite(n)) err('#VALUE!');
  return n;
}

function scalar(a: Arg): Val {
  if (!Array.isArray(a)) return a;
  return a[0]?.[0] ?? null;
}

function text(v: Val): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function truthy(v: Val): boolean {
  if (typeof v === 'string') {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
    return err('#VALUE!');
  }
  return num(v) !== 0;
}

function roundTo(x: number, digits: number, mode: 'half' | 'up' | 'down'): number {
  const f = 10 ** digits;
  const y = Number((Math.abs(x) * f).toPrecision(15));
  const r = mode === 'half' ? Math.floor(y + 0.5) : mode === 'up' ? Math.ceil(y) : Math.floor(y);
  return (Math.sign(x) * r) / f;
}

function matches(v: Val, criterion: Val): boolean {
  const c = text(criterion);
  const m = /^(<=|>=|<>|=|<|>)?(.*)$/.exec(c)!;
  const op = m[1] ?? '=';
  const rhs = m[2]!;
  const rn = Number(rhs);
  if (rhs !== '' && Number.isFinite(rn) && (typeof v === 'number' || op !== '=')) {
    if (typeof v !== 'number') return op === '<>';
    return op === '=' ? v === rn : op === '<>' ? v !== rn : op === '<' ? v < rn : op === '>' ? v > rn : op === '<=' ? v <= rn : v >= rn;
  }
  const lv = text(v).toLowerCase();
  const rv = rhs.toLowerCase();
  return op === '<>' ? lv !== rv : lv === rv;
}

const FUNCS: Record<string, (args: Arg[], raw: Node[], ctx: Ctx) => Val> = {
  SUM: (a) => flat(a).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0),
  AVERAGE: (a) => {
    const ns = flat(a).filter((v): v is number => typeof v === 'number');
    return ns.length ? ns.reduce((s, v) => s + v, 0) / ns.length : err('#DIV/0!');
  },
  MIN: (a) => {
    const ns = flat(a).filter((v): v is number => typeof v === 'number');
    return ns.length ? Math.min(...ns) : 0;
  },
  MAX: (a) => {
    const ns = flat(a).filter((v): v is number => typeof v === 'number');
    return ns.length ? Math.max(...ns) : 0;
  },
  COUNT: (a) => flat(a).filter((v) => typeof v === 'number').length,
  COUNTA: (a) => flat(a).filter((v) => v !== null && v !== '').length,
  COUNTBLANK: (a) => flat(a).filter((v) => v === null || v === '').length,
  COUNTIF: (a) => flat([a[0] ?? null]).filter((v) => matches(v, scalar(a[1] ?? null))).length,
  SUMIF: (a) => {
    const range = flat([a[0] ?? null]);
    const sums = a[2] !== undefined ? flat([a[2]]) : range;
    return range.reduce<number>((s, v, i) => s + (matches(v, scalar(a[1] ?? null)) && typeof sums[i] === 'number' ? (sums[i] as number) : 0), 0);
  },
  ROUND: (a) => roundTo(num(scalar(a[0] ?? null)), num(scalar(a[1] ?? 0)), 'half'),
  ROUNDUP: (a) => roundTo(num(scalar(a[0] ?? null)), num(scalar(a[1] ?? 0)), 'up'),
  ROUNDDOWN: (a) => roundTo(num(scalar(a[0] ?? null)), num(scalar(a[1] ?? 0)), 'down'),
  INT: (a) => Math.floor(num(scalar(a[0] ?? null))),
  ABS: (a) => Math.abs(num(scalar(a[0] ?? null))),
  MOD: (a) => {
    const d = num(scalar(a[1] ?? null));
    if (d === 0) err('#DIV/0!');
    const n = num(scalar(a[0] ?? null));
    return n - d * Math.floor(n / d);
  },
  AND: (a) => flat(a).filter((v) => v !== null).every(truthy),
  OR: (a) => flat(a).filter((v) => v !== null).some(truthy),
  NOT: (a) => !truthy(scalar(a[0] ?? null)),
  LEN: (a) => text(scalar(a[0] ?? null)).length,
  CONCATENATE: (a) => flat(a).map(text).join(''),
  CONCAT: (a) => flat(a).map(text).join(''),
  ISBLANK: (a) => {
    const v = scalar(a[0] ?? null);
    return v === null;
  },
  ISNUMBER: (a) => typeof scalar(a[0] ?? null) === 'number',
  ROWS: (a) => (Array.isArray(a[0]) ? a[0].length : 1),
  COLUMNS: (a) => (Array.isArray(a[0]) ? (a[0][0]?.length ?? 0) : 1),
};

function evalNode(ctx: Ctx, n: Node): Arg {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'ref': {
      const grid = resolve(ctx, n.a1);
      return grid.length === 1 && grid[0]!.length === 1 ? grid[0]![0]! : grid;
    }
    case 'un': {
      const x = num(scalar(evalNode(ctx, n.x)));
      return n.op === '-' ? -x : x;
    }
    case 'bin': {
      const a = scalar(evalNode(ctx, n.a));
      const b = scalar(evalNode(ctx, n.b));
      switch (n.op) {
        case '+':
          return num(a) + num(b);
        case '-':
          return num(a) - num(b);
        case '*':
          return num(a) * num(b);
        case '/': {
          const d = num(b);
          return d === 0 ? err('#DIV/0!') : num(a) / d;
        }
        case '^':
          return num(a) ** num(b);
        case '&':
          return text(a) + text(b);
        default: {
          const cmp = typeof a === 'string' || typeof b === 'string' ? text(a).localeCompare(text(b)) : num(a) - num(b);
          return n.op === '=' ? cmp === 0 : n.op === '<>' ? cmp !== 0 : n.op === '<' ? cmp < 0 : n.op === '>' ? cmp > 0 : n.op === '<=' ? cmp <= 0 : cmp >= 0;
        }
      }
    }
    case 'call': {
      if (n.name === 'IF') {
        const cond = truthy(scalar(evalNode(ctx, n.args[0] ?? { k: 'lit', v: null })));
        const branch = cond ? n.args[1] : n.args[2];
        return branch ? evalNode(ctx, branch) : cond;
      }
      if (n.name === 'IFERROR') {
        try {
          return evalNode(ctx, n.args[0] ?? { k: 'lit', v: null });
        } catch (e) {
          if (e instanceof FormulaError) return n.args[1] ? evalNode(ctx, n.args[1]) : '';
          throw e;
        }
      }
      const fn = FUNCS[n.name];
      if (!fn) return err('#NAME?');
      return fn(n.args.map((a) => evalNode(ctx, a)), n.args, ctx);
    }
  }
}

const CACHE = new Map<string, Node | FormulaError>();

function compiled(f: string): Node {
  let n = CACHE.get(f);
  if (!n) {
    try {
      n = parse(f.slice(1));
    } catch (e) {
      n = e instanceof FormulaError ? e : new FormulaError('#ERROR!');
    }
    if (CACHE.size > 10_000) CACHE.clear();
    CACHE.set(f, n);
  }
  if (n instanceof FormulaError) throw n;
  return n;
}

/** The value of a formula cell, or an error string like "#DIV/0!" (as Sheets renders errors). */
export function evaluateIn(ss: SpreadsheetModel, sheet: SheetModel, cell: Cell, visiting = new Set<string>()): Scalar {
  if (cell.f === undefined) return cell.v ?? '';
  try {
    const v = scalar(evalNode({ ss, sheet, visiting }, compiled(cell.f)));
    if (typeof v === 'number' && !Number.isFinite(v)) return '#NUM!';
    return v ?? 0;
  } catch (e) {
    if (e instanceof FormulaError) return e.code;
    if (e instanceof RangeError) return '#REF!'; // runaway recursion
    throw e;
  }
}
