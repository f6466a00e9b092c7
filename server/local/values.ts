// Value input (RAW / USER_ENTERED with the spreadsheet's locale) and rendering (FORMATTED_VALUE /
// UNFORMATTED_VALUE / FORMULA). Formulas are stored, not evaluated: see docs/local-workspace.md.
import type { Cell, Json, Scalar } from './model.ts';

export type InputOption = 'RAW' | 'USER_ENTERED';
export type RenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';

interface LocaleSeparators {
  decimal: string;
  group: string;
}

/** Locales whose decimal separator is a comma (Google's behaviour for vi_VN, de_DE, fr_FR, …). */
const COMMA_DECIMAL = /^(vi|de|fr|es|it|pt|nl|ru|pl|id|tr|cs|da|fi|nb|sv|uk|ro|hu|el)(_|$)/;

const SEPARATORS = new Map<string, LocaleSeparators>();

export function separators(locale: string): LocaleSeparators {
  let s = SEPARATORS.get(locale);
  if (!s) {
    s = COMMA_DECIMAL.test(locale) ? { decimal: ',', group: '.' } : { decimal: '.', group: ',' };
    SEPARATORS.set(locale, s);
  }
  return s;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Parses a typed string as Google does for USER_ENTERED in `locale`: numbers with the locale's decimal and
 * (well-formed, groups of three) thousands separators, percentages, TRUE/FALSE, formulas, a leading apostrophe
 * forcing text. Under vi_VN "7,5" → 7.5 while "7.5" stays the text "7.5" (the dot is not a decimal point there and
 * "7.5" is not a valid thousands grouping). Dates are not parsed (kept as text) — a documented divergence.
 */
export function parseTyped(text: string, locale: string): { v?: Scalar; f?: string } {
  if (text === '') return {};
  if (text.startsWith("'")) return { v: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { f: text };
  const t = text.trim();
  const upper = t.toUpperCase();
  if (upper === 'TRUE') return { v: true };
  if (upper === 'FALSE') return { v: false };
  const { decimal, group } = separators(locale);
  const d = escapeRe(decimal);
  const g = escapeRe(group);
  const re = new RegExp(`^([+-]?)(\\d{1,3}(?:${g}\\d{3})+|\\d+)?(?:${d}(\\d+))?(?:[eE]([+-]?\\d+))?(%?)$`);
  const m = re.exec(t);
  if (m && (m[2] !== undefined || m[3] !== undefined)) {
    const [, sign = '', intPart = '0', frac, exp, pct] = m;
    const num = Number(`${sign}${intPart.split(group).join('')}${frac !== undefined ? '.' + frac : ''}${exp !== undefined ? 'e' + exp : ''}`);
    if (Number.isFinite(num)) return { v: pct ? num / 100 : num };
  }
  return { v: text };
}

/** One value from a request body's `values` array. `null`/undefined means "leave the cell as it is". */
export function parseInput(raw: unknown, option: InputOption, locale: string): { skip: true } | { skip: false; v?: Scalar; f?: string } {
  if (raw === null || raw === undefined) return { skip: true };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { skip: false, v: raw } : { skip: false, v: String(raw) };
  if (typeof raw === 'boolean') return { skip: false, v: raw };
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (option === 'RAW') return text === '' ? { skip: false } : { skip: false, v: text };
  return { skip: false, ...parseTyped(text, locale) };
}

/** Decimal rounding half up on the shortest decimal representation (so 8.05 → "8.1", as a person expects). */
export function toFixedHalfUp(n: number, digits: number): string {
  const neg = n < 0;
  const abs = Math.abs(n);
  const [mant, expStr] = abs.toPrecision(15).split('e');
  let s = mant!;
  if (expStr) s = Number(abs.toPrecision(15)).toFixed(20);
  let [ip = '0', fp = ''] = s.split('.');
  fp = fp.padEnd(digits + 1, '0');
  const keep = fp.slice(0, digits);
  const next = fp[digits] ?? '0';
  let digitsStr = ip + keep;
  if (next >= '5') {
    // add one unit in the last kept place
    const arr = digitsStr.split('').map(Number);
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i]! < 9) {
        arr[i]! += 1;
        break;
      }
      arr[i] = 0;
      i -= 1;
    }
    digitsStr = (i < 0 ? '1' : '') + arr.join('');
  }
  const intLen = digitsStr.length - digits;
  const out = digits > 0 ? `${digitsStr.slice(0, intLen)}.${digitsStr.slice(intLen)}` : digitsStr;
  const isZero = /^[0.]+$/.test(out);
  return (neg && !isZero ? '-' : '') + out;
}

function groupDigits(intPart: string, group: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/** Formats a number with a Sheets number-format pattern subset: 0, 0.0, #,##0.00, 0%, @, General. */
export function formatNumber(n: number, locale: string, pattern?: string): string {
  const { decimal, group } = separators(locale);
  if (!pattern || /^general$/i.test(pattern)) {
    // hot path: values.get renders every numeric cell through here
    if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
    let s = String(n);
    if (s.length > 11 || s.includes('e')) s = String(Number(n.toPrecision(10)));
    if (s.includes('e')) s = n.toExponential(2).toUpperCase();
    return decimal === '.' ? s : s.replace('.', decimal);
  }
  const p = pattern.split(';')[0]!.trim();
  if (p === '@') return String(n).replace('.', decimal);
  const percent = p.includes('%');
  const value = percent ? n * 100 : n;
  const m = /([#0,]*)(?:\.([0#]*))?/.exec(p.replace(/[^#0,.%]/g, ''));
  const intPat = m?.[1] ?? '0';
  const fracPat = m?.[2] ?? '';
  const minFrac = (fracPat.match(/0/g) ?? []).length;
  const maxFrac = fracPat.length;
  let s = toFixedHalfUp(value, maxFrac);
  if (maxFrac > minFrac && s.includes('.')) {
    let [ip, fp = ''] = s.split('.');
    while (fp.length > minFrac && fp.endsWith('0')) fp = fp.slice(0, -1);
    s = fp ? `${ip}.${fp}` : ip!;
  }
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  let [ip = '0', fp] = s.split('.');
  if (intPat.includes(',')) ip = groupDigits(ip, group);
  if (!intPat.includes('0') && ip === '0' && fp) ip = '';
  return (neg ? '-' : '') + ip + (fp ? decimal + fp : '') + (percent ? '%' : '');
}

function numberPattern(fmt: Json | undefined): string | undefined {
  const nf = fmt?.numberFormat as { pattern?: string; type?: string } | undefined;
  if (!nf) return undefined;
  if (nf.pattern) return nf.pattern;
  if (nf.type === 'PERCENT') return '0.00%';
  if (nf.type === 'NUMBER') return '#,##0.00';
  return undefined;
}

/** The value a cell renders to; empty cells render as "" (callers trim trailing empties). */
export function renderCell(cell: Cell | null | undefined, option: RenderOption, locale: string, evaluate?: (cell: Cell) => Scalar): Scalar {
  if (!cell) return '';
  let v = cell.v;
  if (cell.f !== undefined) {
    if (option === 'FORMULA') return cell.f;
    v = cell.v ?? (evaluate ? evaluate(cell) : ''); // computed by formula.ts when the caller can (it knows the sheet)
  }
  if (v === undefined) return '';
  if (option !== 'FORMATTED_VALUE') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return formatNumber(v, locale, numberPattern(cell.fmt));
  return v;
}

/** Google's ExtendedValue for a cell's userEnteredValue. */
export function extendedValue(cell: Cell): Json | undefined {
  if (cell.f !== undefined) return { formulaValue: cell.f };
  if (cell.v === undefined) return undefined;
  if (typeof cell.v === 'number') return { numberValue: cell.v };
  if (typeof cell.v === 'boolean') return { boolValue: cell.v };
  return { stringValue: cell.v };
}

/** Reads an ExtendedValue from a request (updateCells / repeatCell). */
export function fromExtendedValue(ev: Json | undefined): { v?: Scalar; f?: string } {
  if (!ev) return {};
  if (typeof ev.numberValue === 'number') return { v: ev.numberValue };
  if (typeof ev.boolValue === 'boolean') return { v: ev.boolValue };
  if (typeof ev.stringValue === 'string') return ev.stringValue === '' ? {} : { v: ev.stringValue };
  if (typeof ev.formulaValue === 'string') return { f: ev.formulaValue };
  return {};
}

export function isEmptyCell(cell: Cell | null | undefined): boolean {
  return !cell || (cell.v === undefined && cell.f === undefined && cell.note === undefined && cell.fmt === undefined && cell.dv === undefined);
}
