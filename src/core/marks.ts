// Parsing and formatting of marks (điểm) and comment marks (Đ/CĐ).
// A mark is 0–10 with at most one decimal (TT22 Điều 5; TT26 Điều 8 khoản 2). A blank means "not entered yet"
// and is never a 0 (rules §1.6).

export type MarkParse = { ok: true; value: number | null } | { ok: false; message: string };
export type CommentMark = 'D' | 'CD';
export type CommentParse = { ok: true; value: CommentMark | null } | { ok: false; message: string };

export interface ParseMarkOptions {
  /**
   * strict = true accepts only JSON numbers (and null / undefined as blank). Use it for a sheet cell read with
   * valueRenderOption RAW or UNFORMATTED_VALUE: a cell showing "7,5" that arrives as the *string* "7,5" was typed
   * as text, not as a number, and must be flagged. Default false: strings "7,5" and "7.5" are accepted
   * (the `hoso evaluate` JSON input allows both notations).
   */
  strict?: boolean;
}

const MARK_TEXT = /^(\d{1,2})(?:[.,](\d)0*)?$/;

function show(raw: unknown): string {
  return typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
}

/**
 * Parses one mark. Returns `{ok:true, value}` with value a number with at most one decimal (7.5) or null for a blank
 * (null, undefined, "" or whitespace), or `{ok:false, message}` with a Vietnamese message naming the bad value.
 * Use {@link markTenths} for arithmetic.
 */
export function parseMark(raw: unknown, options?: ParseMarkOptions): MarkParse {
  const t = parseMarkTenths(raw, options?.strict === true);
  if (typeof t === 'string') return { ok: false, message: t };
  return { ok: true, value: t === null ? null : t / 10 };
}

/**
 * Fast path used by the engine: the mark in integer tenths (7.5 → 75), null for a blank, or a Vietnamese
 * error message (a string) when the value is not a mark.
 */
export function parseMarkTenths(raw: unknown, strict = false): number | null | string {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0 || raw > 10) return `${show(raw)} không phải là điểm từ 0 đến 10`;
    const t = Math.round(raw * 10);
    if (Math.abs(raw * 10 - t) > 1e-7) return `${show(raw)} có nhiều hơn một chữ số thập phân`;
    return t;
  }
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (s === '') return null;
    if (strict) return `${show(raw)} là chuỗi ký tự, không phải số (ô nhập dạng văn bản)`;
    const m = MARK_TEXT.exec(s);
    if (m === null) {
      if (/^\d+[.,]\d{2,}$/.test(s)) return `${show(raw)} có nhiều hơn một chữ số thập phân`;
      return `${show(raw)} không phải là điểm từ 0 đến 10`;
    }
    const t = Number(m[1]) * 10 + (m[2] === undefined ? 0 : Number(m[2]));
    if (t > 100) return `${show(raw)} không phải là điểm từ 0 đến 10`;
    return t;
  }
  return `${show(raw)} không phải là điểm từ 0 đến 10`;
}

/** Accepted spellings of the two comment levels (rules §1.8), compared after NFC + upper-casing. */
const COMMENT_WORDS: Record<string, CommentMark> = {
  'Đ': 'D', D: 'D', 'ĐẠT': 'D', DAT: 'D', 'ĐẠT YÊU CẦU': 'D',
  'CĐ': 'CD', CD: 'CD', 'CHƯA ĐẠT': 'CD', CHUA_DAT: 'CD', 'CHUA DAT': 'CD', 'CHƯA ĐẠT YÊU CẦU': 'CD',
};

/** Fast path for the engine: 1 (Đ), 0 (CĐ), null (blank) or a Vietnamese error message. */
export function parseCommentCode(raw: unknown): 1 | 0 | null | string {
  if (raw === 'Đ') return 1; // the common spellings first, before any normalisation
  if (raw === 'CĐ') return 0;
  const r = parseCommentMark(raw);
  if (!r.ok) return r.message;
  return r.value === null ? null : r.value === 'D' ? 1 : 0;
}

/**
 * Parses a comment mark or comment result: "Đ" / "CĐ", "D" / "CD", "Đạt" / "Chưa đạt" (any case) → "D" | "CD";
 * blank → null; anything else → `{ok:false, message}`.
 */
export function parseCommentMark(raw: unknown): CommentParse {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (s === '') return { ok: true, value: null };
    const v = COMMENT_WORDS[s.normalize('NFC').toUpperCase()];
    if (v !== undefined) return { ok: true, value: v };
  }
  return { ok: false, message: `${show(raw)} không phải là mức đánh giá Đ (Đạt) hoặc CĐ (Chưa đạt)` };
}

/** Formats a mark the vi_VN way with one decimal: 7.5 → "7,5", 8 → "8,0"; null → "". */
export function formatMark(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  return formatTenths(Math.round(n * 10));
}

/** Formats integer tenths: 75 → "7,5". */
export function formatTenths(t: number): string {
  return `${Math.trunc(t / 10)},${t % 10}`;
}
