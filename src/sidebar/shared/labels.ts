// Vietnamese labels of the engine's codes (evaluate.md output vocabulary): the core's, so the sidebar says what the
// book's Tổng hợp tab says.
import { AWARD_LABELS, LEVEL_LABELS as ENGINE_LEVELS, OUTCOME_LABELS, PENDING_LABEL } from '../../core/labels.ts';

export { AWARD_LABELS, OUTCOME_LABELS };
/** CHUA_CO: the add-on's key for "no level yet" in the class statistics. */
export const LEVEL_LABELS: Record<string, string> = { ...ENGINE_LEVELS, CHUA_CO: 'Chưa xếp loại' };
export const TERM_LABELS: Record<string, string> = { HK1: 'Học kì I', HK2: 'Học kì II', CN: 'Cả năm', final: 'Sau hè' };

export function level(code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return LEVEL_LABELS[code] ?? code;
}
export function outcome(code: string | null | undefined): string {
  if (code === null || code === undefined) return PENDING_LABEL;
  return OUTCOME_LABELS[code] ?? code;
}
export function award(code: string | null | undefined): string {
  if (!code) return '';
  return AWARD_LABELS[code] ?? code;
}
