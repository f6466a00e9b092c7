// Reading single cells of a book (values as Sheets returns them with UNFORMATTED_VALUE, or Apps Script
// getValues). Marks go through the engine's own parser (strict: a number cell, never text), so the sheet and the
// engine can never disagree on what a mark is.
import { parseCommentMark, parseMarkTenths } from '../marks.ts';
import { foldVietnamese } from '../curriculum/fold.ts';
import type { Regulation } from './types.ts';

export type CellRead<T> = { ok: true; value: T } | { ok: false; message: string };

function isFormulaError(v: unknown): v is string {
  return typeof v === 'string' && /^#(REF!|N\/A|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|ERROR!)/.test(v.trim());
}

function formulaError(v: string): string {
  return `Ô bị lỗi công thức (${v.trim()}), cần nhập lại giá trị`;
}

/** A score mark 0–10 with one decimal; blank → null. Text "7,5" in a number cell is an error (typed as text). */
export function readMark(v: unknown): CellRead<number | null> {
  if (isFormulaError(v)) return { ok: false, message: formulaError(v) };
  if (v instanceof Date || typeof v === 'boolean') return { ok: false, message: `"${String(v)}" không phải là điểm từ 0 đến 10` };
  const t = parseMarkTenths(v, true);
  if (typeof t === 'string') {
    const hint = typeof v === 'string' && /^\s*\d{1,2}([.,]\d+)?\s*$/.test(v) ? ' — hãy nhập lại dưới dạng số (ví dụ 7,5)' : ' — điểm là số từ 0 đến 10, tối đa một chữ số thập phân';
    return { ok: false, message: `Điểm không hợp lệ: ${t}${hint}` };
  }
  return { ok: true, value: t === null ? null : t / 10 };
}

/** A comment mark Đ/CĐ; blank → null. Returned in the engine's accepted spelling "Đ" / "CĐ". */
export function readCommentMark(v: unknown): CellRead<'Đ' | 'CĐ' | null> {
  if (isFormulaError(v)) return { ok: false, message: formulaError(v) };
  const r = parseCommentMark(v);
  if (!r.ok) return { ok: false, message: `Mức đánh giá không hợp lệ: ${r.message}` };
  return { ok: true, value: r.value === null ? null : r.value === 'D' ? 'Đ' : 'CĐ' };
}

const CONDUCT_TT22: Record<string, string> = { tot: 'TOT', kha: 'KHA', dat: 'DAT', chuadat: 'CHUA_DAT', chuadat_: 'CHUA_DAT' };
const CONDUCT_TT58: Record<string, string> = { tot: 'TOT', kha: 'KHA', trungbinh: 'TB', tb: 'TB', yeu: 'YEU' };

/** A conduct level ("Tốt", "Khá", "Đạt", "Chưa đạt"; TT58 "Trung bình", "Yếu") → engine code; blank → null. */
export function readConduct(v: unknown, regulation: Regulation): CellRead<string | null> {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return { ok: true, value: null };
  if (isFormulaError(v)) return { ok: false, message: formulaError(v) };
  const table = regulation === 'TT22' ? CONDUCT_TT22 : CONDUCT_TT58;
  const code = typeof v === 'string' ? table[foldVietnamese(v)] : undefined;
  if (code) return { ok: true, value: code };
  const allowed = regulation === 'TT22' ? 'Tốt, Khá, Đạt, Chưa đạt' : 'Tốt, Khá, Trung bình, Yếu';
  return { ok: false, message: `Mức rèn luyện không hợp lệ: "${String(v)}" — chỉ nhập một trong: ${allowed}` };
}

/** A number of sessions absent (0–31 per month); blank → 0 (no absence recorded). */
export function readCount(v: unknown): CellRead<number> {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return { ok: true, value: 0 };
  if (isFormulaError(v)) return { ok: false, message: formulaError(v) };
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 31) return { ok: false, message: `Số buổi nghỉ không hợp lệ: "${String(v)}" — nhập số nguyên từ 0 đến 31` };
  return { ok: true, value: n };
}

/** "x", "có", "1", TRUE → true; blank → false. */
export function readFlag(v: unknown): boolean {
  if (v === true) return true;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return false;
  const f = foldVietnamese(v);
  return f === 'x' || f === 'co' || f === '1' || f === 'true';
}

/** A cell as display text; Dates (Apps Script) become dd/mm/yyyy. */
export function readText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const d = String(v.getDate()).padStart(2, '0');
    const m = String(v.getMonth() + 1).padStart(2, '0');
    return `${d}/${m}/${v.getFullYear()}`;
  }
  return String(v).trim();
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}
