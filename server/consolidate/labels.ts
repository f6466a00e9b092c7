// Vietnamese names of the engine's level/award/outcome codes, in display order (best first), for both
// regulation families (TT22 and TT58). Codes the engine may return: evaluate.md. The names are the core's (the
// same words as the books' Tổng hợp tab and the sidebars); only the display order is the summary's own.
import { AWARD_LABELS, LEVEL_LABELS, OUTCOME_LABELS, PENDING_LABEL } from '../../src/core/labels.ts';

export { AWARD_LABELS, OUTCOME_LABELS, PENDING_LABEL };

export const LEARNING_LABELS: Record<string, string> = LEVEL_LABELS;
export const LEARNING_ORDER = ['TOT', 'GIOI', 'KHA', 'DAT', 'TB', 'CHUA_DAT', 'YEU', 'KEM'];

export const CONDUCT_LABELS: Record<string, string> = LEVEL_LABELS;
export const CONDUCT_ORDER = ['TOT', 'KHA', 'DAT', 'TB', 'CHUA_DAT', 'YEU'];

export const AWARD_ORDER = ['XUAT_SAC', 'GIOI', 'TIEN_TIEN'];

export const OUTCOME_ORDER = ['LEN_LOP', 'DANH_GIA_LAI', 'KIEM_TRA_LAI', 'REN_LUYEN_HE', 'O_LAI', 'MANUAL'];

export function label(table: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return PENDING_LABEL;
  return table[code] ?? code;
}
