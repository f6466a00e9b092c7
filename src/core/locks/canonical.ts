// Canonical JSON: object keys sorted, no whitespace, so a hash over a value does not depend on key order.
// Hand-written: ten lines, and the hash chain must not change if a library changes its output.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined) return 'null';
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** A hash function injected by the adapter (node:crypto in the service, Utilities.computeDigest in Apps Script). */
export type Sha256Hex = (text: string) => string;
