// Text folding for tolerant matching of Vietnamese words. Kept apart from the curriculum module so code that only
// needs this (e.g. the Apps Script add-on via gradebook/cells.ts) does not pull zod into its bundle.

/** Lower case, no diacritics, đ → d, only letters and digits: "Ngữ văn" → "nguvan". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
