// The stored model of the local workspace. Shapes follow Google's REST resources where they are stored as-is
// (formats, validation rules, chart specs are kept as the JSON the API received).
import type { DocsDocument } from './docs/index.ts';

export type Json = Record<string, unknown>;
export type Scalar = number | string | boolean;

/** One cell: what the user entered (a scalar, or a formula in `f`), plus note, format and validation. */
export interface Cell {
  v?: Scalar;
  /** A formula as entered, starting with "=". Formulas are stored, not evaluated (see docs/local-workspace.md). */
  f?: string;
  note?: string;
  /** userEnteredFormat as the API sent it. */
  fmt?: Json;
  /** dataValidation rule as the API sent it. */
  dv?: Json;
}

/** Google's GridRange: 0-based, end exclusive; a missing bound is unbounded. */
export interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export interface DimMeta {
  hiddenByUser?: boolean;
  pixelSize?: number;
  developerMetadata?: unknown;
}

export interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  sheetType: 'GRID';
  hidden?: boolean;
  rightToLeft?: boolean;
  tabColor?: Json;
  tabColorStyle?: Json;
  gridProperties: {
    rowCount: number;
    columnCount: number;
    frozenRowCount?: number;
    frozenColumnCount?: number;
    hideGridlines?: boolean;
  };
}

export interface ProtectedRangeModel {
  protectedRangeId: number;
  range: GridRange;
  namedRangeId?: string;
  description?: string;
  warningOnly: boolean;
  unprotectedRanges: GridRange[];
  editors: { users: string[]; groups: string[]; domainUsersCanEdit?: boolean };
}

export interface SheetModel {
  properties: SheetProperties;
  /** rows[r][c]; missing rows/cells are empty. */
  rows: (Array<Cell | null> | null)[];
  rowMeta: (DimMeta | null)[];
  colMeta: (DimMeta | null)[];
  protectedRanges: ProtectedRangeModel[];
  merges: GridRange[];
  charts: Json[];
  conditionalFormats: Json[];
  bandedRanges: Json[];
  basicFilter?: Json;
}

export interface NamedRangeModel {
  namedRangeId: string;
  name: string;
  range: GridRange;
}

export interface DeveloperMetadataModel {
  metadataId: number;
  metadataKey: string;
  metadataValue?: string;
  visibility: string;
  location: Json;
}

export interface SpreadsheetModel {
  spreadsheetId: string;
  properties: { title: string; locale: string; timeZone: string; autoRecalc: string; [k: string]: unknown };
  sheets: SheetModel[];
  namedRanges: NamedRangeModel[];
  developerMetadata: DeveloperMetadataModel[];
  /** Counter for sheet ids, protected range ids, chart ids, metadata ids. */
  nextId: number;
}

export type Role = 'owner' | 'organizer' | 'fileOrganizer' | 'writer' | 'commenter' | 'reader';

export interface Permission {
  id: string;
  type: 'user' | 'group' | 'domain' | 'anyone';
  role: Role;
  emailAddress?: string;
  domain?: string;
  displayName?: string;
  allowFileDiscovery?: boolean;
}

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  owner: string;
  permissions: Permission[];
  appProperties: Record<string, string>;
  properties: Record<string, string>;
  description?: string;
  trashed: boolean;
  starred: boolean;
  createdTime: string;
  modifiedTime: string;
  version: number;
  size?: number;
  md5Checksum?: string;
}

export interface FileRecord {
  file: DriveFile;
  sheet?: SpreadsheetModel;
  doc?: DocsDocument;
}

export const MIME = {
  folder: 'application/vnd.google-apps.folder',
  spreadsheet: 'application/vnd.google-apps.spreadsheet',
  document: 'application/vnd.google-apps.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export const ROLE_RANK: Record<Role, number> = {
  owner: 6,
  organizer: 5,
  fileOrganizer: 4,
  writer: 3,
  commenter: 2,
  reader: 1,
};
