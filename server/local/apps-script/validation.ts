// DataValidation and its builder ↔ the Sheets API rule JSON stored on cells (one representation for REST and
// Apps Script).
import type { Json } from '../model.ts';

/** Apps Script criteria ↔ Sheets API condition types. */
const CRITERIA: Record<string, string> = {
  VALUE_IN_LIST: 'ONE_OF_LIST',
  VALUE_IN_RANGE: 'ONE_OF_RANGE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQ',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQ',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_EQ',
  NUMBER_LESS_THAN: 'NUMBER_LESS',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_EQ',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_NOT_CONTAINS',
  TEXT_EQUAL_TO: 'TEXT_EQ',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_URL',
  CHECKBOX: 'BOOLEAN',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID',
};
const API_TO_CRITERIA = Object.fromEntries(Object.entries(CRITERIA).map(([k, v]) => [v, k]));

export const DataValidationCriteria = Object.freeze(Object.fromEntries(Object.keys(CRITERIA).map((k) => [k, k]))) as Record<string, string>;

interface RuleState {
  criteria?: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
  showDropdown: boolean;
}

export function ruleToJson(s: RuleState): Json {
  if (!s.criteria) throw new Error('You must specify a criteria type for the data validation rule.');
  const type = CRITERIA[s.criteria] ?? s.criteria;
  const values = s.criteria === 'VALUE_IN_LIST' ? (s.values[0] as unknown[]) : s.values;
  const rule: Json = {
    condition: { type, ...(values.length ? { values: values.map((v) => ({ userEnteredValue: String(v) })) } : {}) },
    strict: !s.allowInvalid,
  };
  if (s.criteria === 'VALUE_IN_LIST' || s.criteria === 'VALUE_IN_RANGE') rule.showCustomUi = s.showDropdown;
  if (s.helpText) rule.inputMessage = s.helpText;
  return rule;
}

export function jsonToState(rule: Json): RuleState {
  const cond = (rule.condition ?? {}) as { type?: string; values?: { userEnteredValue?: string }[] };
  const criteria = API_TO_CRITERIA[cond.type ?? ''] ?? cond.type;
  const raw = (cond.values ?? []).map((v) => v.userEnteredValue ?? '');
  const numeric = criteria?.startsWith('NUMBER_');
  const vals: unknown[] = numeric ? raw.map((v) => Number(v)) : raw;
  return {
    criteria,
    values: criteria === 'VALUE_IN_LIST' ? [vals, rule.showCustomUi !== false] : vals,
    allowInvalid: rule.strict !== true,
    helpText: typeof rule.inputMessage === 'string' ? rule.inputMessage : null,
    showDropdown: rule.showCustomUi !== false,
  };
}

export class DataValidation {
  constructor(readonly _rule: Json) {}
  getAllowInvalid(): boolean {
    return jsonToState(this._rule).allowInvalid;
  }
  getCriteriaType(): string {
    return jsonToState(this._rule).criteria ?? '';
  }
  getCriteriaValues(): unknown[] {
    return jsonToState(this._rule).values;
  }
  getHelpText(): string | null {
    return jsonToState(this._rule).helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder(jsonToState(this._rule));
  }
}

export class DataValidationBuilder {
  private s: RuleState;
  constructor(state?: RuleState) {
    this.s = state ? { ...state, values: [...state.values] } : { values: [], allowInvalid: true, helpText: null, showDropdown: true };
  }
  private set(criteria: string, values: unknown[]): this {
    this.s.criteria = criteria;
    this.s.values = values;
    return this;
  }
  build(): DataValidation {
    return new DataValidation(ruleToJson(this.s));
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this.s);
  }
  getAllowInvalid(): boolean {
    return this.s.allowInvalid;
  }
  getCriteriaType(): string {
    return this.s.criteria ?? '';
  }
  getCriteriaValues(): unknown[] {
    return this.s.values;
  }
  getHelpText(): string | null {
    return this.s.helpText;
  }
  requireValueInList(values: string[], showDropdown = true): this {
    this.s.showDropdown = showDropdown;
    return this.set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: { getA1Notation(): string; getSheet(): { getName(): string } }, showDropdown = true): this {
    this.s.showDropdown = showDropdown;
    return this.set('VALUE_IN_RANGE', [`='${range.getSheet().getName().replace(/'/g, "''")}'!${range.getA1Notation()}`]);
  }
  requireNumberBetween(a: number, b: number): this {
    return this.set('NUMBER_BETWEEN', [a, b]);
  }
  requireNumberNotBetween(a: number, b: number): this {
    return this.set('NUMBER_NOT_BETWEEN', [a, b]);
  }
  requireNumberEqualTo(n: number): this {
    return this.set('NUMBER_EQUAL_TO', [n]);
  }
  requireNumberNotEqualTo(n: number): this {
    return this.set('NUMBER_NOT_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): this {
    return this.set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): this {
    return this.set('NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this.set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireTextContains(t: string): this {
    return this.set('TEXT_CONTAINS', [t]);
  }
  requireTextDoesNotContain(t: string): this {
    return this.set('TEXT_DOES_NOT_CONTAIN', [t]);
  }
  requireTextEqualTo(t: string): this {
    return this.set('TEXT_EQUAL_TO', [t]);
  }
  requireTextIsEmail(): this {
    return this.set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this.set('TEXT_IS_VALID_URL', []);
  }
  requireCheckbox(): this {
    return this.set('CHECKBOX', []);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.set('CUSTOM_FORMULA', [formula]);
  }
  requireDate(): this {
    return this.set('DATE_IS_VALID_DATE', []);
  }
  setAllowInvalid(allow: boolean): this {
    this.s.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string): this {
    this.s.helpText = text;
    return this;
  }
  withCriteria(criteria: string, args: unknown[]): this {
    return this.set(criteria, args);
  }
}

/** Whether a value passes a stored rule (used by onEdit-style checks; API writes are never rejected). */
export function passesRule(rule: Json, value: unknown): boolean {
  const s = jsonToState(rule);
  if (value === '' || value === null || value === undefined) return true;
  const n = typeof value === 'number' ? value : Number.NaN;
  const nums = s.values as number[];
  switch (s.criteria) {
    case 'VALUE_IN_LIST':
      return (s.values[0] as string[]).includes(String(value));
    case 'NUMBER_BETWEEN':
      return n >= nums[0]! && n <= nums[1]!;
    case 'NUMBER_NOT_BETWEEN':
      return !(n >= nums[0]! && n <= nums[1]!);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n >= nums[0]!;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n <= nums[0]!;
    case 'NUMBER_GREATER_THAN':
      return n > nums[0]!;
    case 'NUMBER_LESS_THAN':
      return n < nums[0]!;
    case 'NUMBER_EQUAL_TO':
      return n === nums[0];
    case 'CHECKBOX':
      return typeof value === 'boolean';
    default:
      return true;
  }
}
