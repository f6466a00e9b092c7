// Values the add-on writes with Range.setValues / appendRow are parsed like typed input (USER_ENTERED): a string
// "=HYPERLINK(…)" would become a formula and "7,5" a number. Text from users or from the sheet is therefore written
// with a leading apostrophe, which Sheets stores as "this is text" and does not keep in the value (RAW semantics).

export function asText(value: string): string {
  return value === '' ? '' : `'${value}`;
}

/** A grid cell for setValues: strings become literal text, numbers/booleans/null stay as they are. */
export function asCell(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return asText(value);
  return value;
}

export function asRow(values: readonly unknown[]): unknown[] {
  return values.map(asCell);
}
