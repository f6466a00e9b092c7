// Drive v3 `q` search syntax (the subset the product uses, plus the common operators). Hand-written: the
// grammar is tiny and no maintained parser for it exists on npm.
import { invalidArgument } from './errors.ts';
import type { DriveFile } from './model.ts';

export interface QueryContext {
  /** The caller: `'me' in owners` means them. */
  me: string;
  /** Effective role of the caller on the file (for 'x' in writers/readers). */
  hasRole(file: DriveFile, email: string, min: 'owner' | 'writer' | 'reader'): boolean;
  isRoot(file: DriveFile): boolean;
  sharedWithMe(file: DriveFile): boolean;
}

type Pred = (f: DriveFile) => boolean;
type Tok = { t: 'str' | 'word' | 'op' | 'lp' | 'rp' | 'lb' | 'rb'; v: string };

const invalidQuery = (q: string): never => {
  throw invalidArgument(`Invalid Value: q (${q})`);
};

function tokenize(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "'" || ch === '"') {
      let s = '';
      i += 1;
      while (i < q.length && q[i] !== ch) {
        if (q[i] === '\\' && i + 1 < q.length) i += 1;
        s += q[i];
        i += 1;
      }
      if (i >= q.length) invalidQuery(q);
      i += 1;
      out.push({ t: 'str', v: s });
    } else if (ch === '(') {
      out.push({ t: 'lp', v: ch });
      i += 1;
    } else if (ch === ')') {
      out.push({ t: 'rp', v: ch });
      i += 1;
    } else if (ch === '{') {
      out.push({ t: 'lb', v: ch });
      i += 1;
    } else if (ch === '}') {
      out.push({ t: 'rb', v: ch });
      i += 1;
    } else if ('=!<>'.includes(ch)) {
      let op = ch;
      if (q[i + 1] === '=' || (ch === '<' && q[i + 1] === '>')) op += q[i + 1];
      out.push({ t: 'op', v: op });
      i += op.length;
    } else {
      let w = '';
      while (i < q.length && /[^\s()'"{}=!<>]/.test(q[i]!)) w += q[i++];
      out.push({ t: 'word', v: w });
    }
  }
  return out;
}

export function compileQuery(q: string, ctx: QueryContext): Pred {
  const toks = tokenize(q);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const next = (): Tok => toks[p++] ?? invalidQuery(q);
  const word = (w: string): boolean => peek()?.t === 'word' && peek()!.v.toLowerCase() === w;

  function orExpr(): Pred {
    let left = andExpr();
    while (word('or')) {
      p += 1;
      const a = left;
      const b = andExpr();
      left = (f) => a(f) || b(f);
    }
    return left;
  }
  function andExpr(): Pred {
    let left = unary();
    while (word('and')) {
      p += 1;
      const a = left;
      const b = unary();
      left = (f) => a(f) && b(f);
    }
    return left;
  }
  function unary(): Pred {
    if (word('not')) {
      p += 1;
      const inner = unary();
      return (f) => !inner(f);
    }
    if (peek()?.t === 'lp') {
      p += 1;
      const e = orExpr();
      if (next().t !== 'rp') invalidQuery(q);
      return e;
    }
    return term();
  }
  function value(): string | boolean {
    const t = next();
    if (t.t === 'str') return t.v;
    if (t.t === 'word' && /^(true|false)$/i.test(t.v)) return t.v.toLowerCase() === 'true';
    return invalidQuery(q);
  }
  function compare(actual: string | boolean | undefined, op: string, expected: string | boolean): boolean {
    switch (op) {
      case '=':
        return actual === expected;
      case '!=':
      case '<>':
        return actual !== expected;
      case '<':
        return actual !== undefined && actual < expected;
      case '<=':
        return actual !== undefined && actual <= expected;
      case '>':
        return actual !== undefined && actual > expected;
      case '>=':
        return actual !== undefined && actual >= expected;
      default:
        return invalidQuery(q);
    }
  }
  function hasClause(field: 'appProperties' | 'properties'): Pred {
    if (next().t !== 'lb') invalidQuery(q);
    let key: string | undefined;
    let val: string | undefined;
    while (peek() && peek()!.t !== 'rb') {
      const t = next();
      if (t.t === 'word' && t.v.toLowerCase() === 'and') continue;
      if (t.t !== 'word') invalidQuery(q);
      if (next().v !== '=') invalidQuery(q);
      const v = value();
      if (t.v === 'key') key = String(v);
      else if (t.v === 'value') val = String(v);
      else invalidQuery(q);
    }
    if (next().t !== 'rb' || key === undefined) invalidQuery(q);
    return (f) => {
      const map = f[field] ?? {};
      return Object.prototype.hasOwnProperty.call(map, key!) && (val === undefined || map[key!] === val);
    };
  }
  function term(): Pred {
    const first = next();
    if (first.t === 'str') {
      // 'x' in parents / owners / writers / readers
      if (!word('in')) invalidQuery(q);
      p += 1;
      const coll = next();
      if (coll.t !== 'word') invalidQuery(q);
      const v = first.v === 'me' && coll.v !== 'parents' ? ctx.me : first.v;
      switch (coll.v) {
        case 'parents':
          return (f) => (v === 'root' ? ctx.isRoot(f) : f.parents.includes(v));
        case 'owners':
          return (f) => f.owner.toLowerCase() === v.toLowerCase();
        case 'writers':
          return (f) => ctx.hasRole(f, v, 'writer');
        case 'readers':
          return (f) => ctx.hasRole(f, v, 'reader');
        default:
          return invalidQuery(q);
      }
    }
    if (first.t !== 'word') return invalidQuery(q);
    const field = first.v;
    if (field === 'sharedWithMe') {
      if (peek()?.t === 'op') {
        const op = next().v;
        const want = value();
        return (f) => (op === '=' ? ctx.sharedWithMe(f) === want : ctx.sharedWithMe(f) !== want);
      }
      return (f) => ctx.sharedWithMe(f);
    }
    if (field === 'appProperties' || field === 'properties') {
      if (!word('has')) invalidQuery(q);
      p += 1;
      return hasClause(field);
    }
    let op: string;
    if (word('contains')) {
      p += 1;
      op = 'contains';
    } else {
      const t = next();
      if (t.t !== 'op') invalidQuery(q);
      op = t.v;
    }
    const v = value();
    const get = (f: DriveFile): string | boolean | undefined => {
      switch (field) {
        case 'name':
        case 'title':
          return f.name;
        case 'mimeType':
          return f.mimeType;
        case 'trashed':
          return f.trashed;
        case 'starred':
          return f.starred;
        case 'modifiedTime':
          return f.modifiedTime;
        case 'createdTime':
          return f.createdTime;
        case 'fullText':
          return `${f.name}\n${f.description ?? ''}`;
        default:
          return invalidQuery(q);
      }
    };
    if (op === 'contains') {
      const needle = String(v).toLowerCase();
      // Drive's name contains is a prefix match on words; we accept any substring (documented superset).
      return (f) => String(get(f) ?? '').toLowerCase().includes(needle);
    }
    return (f) => compare(get(f), op, v);
  }

  if (toks.length === 0) return () => true;
  const pred = orExpr();
  if (p !== toks.length) invalidQuery(q);
  return pred;
}
