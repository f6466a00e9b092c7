// Exact arithmetic on marks kept as integer tenths (7.5 → 75). Every average of the regulations is a
// non-negative rational num/den; rounding it half-up to one decimal is done in integers, never in floats
// (rules §1.3, pitfall §6.1: 7.25 must give 7.3, not 7.2).

/** round(num / den) half-up, for num ≥ 0 and den > 0, in integers: floor((2·num + den) / (2·den)). */
export function divHalfUp(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/** Tenths → the number shown to people and written to JSON (75 → 7.5). Exact: n/10 prints as one decimal. */
export function fromTenths(t: number): number {
  return t / 10;
}
