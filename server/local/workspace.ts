// The local workspace: every Drive file (folders, spreadsheets, documents, binary uploads) with owners and
// permissions, the Sheets/Docs operations behind access checks, and persistence after each acknowledged change.
// Both the REST front (routes.ts) and the Apps Script facade (apps-script/) call this one implementation.
import { createHash, randomBytes } from 'node:crypto';
import { ApiError, invalidArgument, notFound, permissionDenied } from './errors.ts';
import { MIME, ROLE_RANK, type DriveFile, type FileRecord, type Json, type Permission, type Role, type SpreadsheetModel } from './model.ts';
import { Store, type StoreState } from './store.ts';
import type { Actor } from './protection.ts';
import {
  applyClear,
  applyWrite,
  getValues,
  insertRowsForAppend,
  newSpreadsheet,
  planAppend,
  planClear,
  planWrite,
  spreadsheetResource,
  writeResult,
  type MajorDimension,
  type ValueRange,
} from './sheets.ts';
import { batchUpdate, matchesLookup } from './batch.ts';
import { compileQuery } from './drive-query.ts';
import type { InputOption, RenderOption } from './values.ts';
import * as docs from './docs/index.ts';
import { exportSpreadsheet } from './export.ts';

export type Need = 'read' | 'comment' | 'write' | 'owner';

const NEED_RANK: Record<Need, number> = { read: 1, comment: 2, write: 3, owner: 6 };

export interface OpenOptions {
  /** Time source (tests); defaults to Date.now. */
  now?: () => number;
}

const insufficient = (): ApiError =>
  new ApiError(403, 'PERMISSION_DENIED', 'The user does not have sufficient permissions for this file.', 'insufficientFilePermissions');
const driveNotFound = (id: string): ApiError => new ApiError(404, 'NOT_FOUND', `File not found: ${id}.`, 'notFound');

function newId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function permissionIdFor(email: string): string {
  // Google gives each user one numeric permission id across files.
  const h = createHash('sha256').update(email.toLowerCase()).digest();
  return (h.readBigUInt64BE(0) % 10n ** 20n).toString().padStart(20, '0');
}

const lower = (s: string): string => s.toLowerCase();

export class Workspace {
  readonly files = new Map<string, FileRecord>();
  private state: StoreState = { properties: {} };
  private readonly now: () => number;

  constructor(
    readonly store: Store | undefined,
    opts: OpenOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    if (store) {
      const loaded = store.load();
      for (const rec of loaded.files) this.files.set(rec.file.id, rec);
      this.state = loaded.state;
      this.state.properties ??= {};
    }
  }

  // ---------- persistence ----------

  private save(rec: FileRecord): void {
    this.store?.saveFile(rec);
  }

  private touch(rec: FileRecord): void {
    rec.file.modifiedTime = new Date(this.now()).toISOString();
    rec.file.version += 1;
    this.save(rec);
  }

  /** Stores a changed spreadsheet model (the facade and REST both end writes here). */
  commitSpreadsheet(id: string, next?: SpreadsheetModel): void {
    const rec = this.files.get(id);
    if (!rec) throw notFound();
    if (next) rec.sheet = next;
    this.touch(rec);
  }

  // ---------- properties (Apps Script PropertiesService) ----------

  getProperties(scope: string): Record<string, string> {
    return { ...(this.state.properties[scope] ?? {}) };
  }

  setProperties(scope: string, props: Record<string, string>): void {
    this.state.properties[scope] = { ...props };
    this.store?.saveState(this.state);
  }

  // ---------- access ----------

  /** Effective Drive role: owner, or the best permission on the file or any folder above it. */
  roleOf(user: string, file: DriveFile, seen = new Set<string>()): Role | undefined {
    if (lower(file.owner) === lower(user)) return 'owner';
    let best: Role | undefined;
    const consider = (r: Role | undefined): void => {
      if (r && (!best || ROLE_RANK[r] > ROLE_RANK[best])) best = r === 'owner' ? 'writer' : r;
    };
    const domain = lower(user.slice(user.lastIndexOf('@') + 1));
    for (const p of file.permissions) {
      if (p.type === 'anyone') consider(p.role);
      else if (p.type === 'domain' && p.domain && lower(p.domain) === domain) consider(p.role);
      else if ((p.type === 'user' || p.type === 'group') && p.emailAddress && lower(p.emailAddress) === lower(user)) consider(p.role);
    }
    seen.add(file.id);
    for (const parentId of file.parents) {
      if (seen.has(parentId)) continue;
      const parent = this.files.get(parentId);
      if (parent) {
        const r = this.roleOf(user, parent.file, seen);
        consider(r === 'owner' ? 'writer' : r);
      }
    }
    return best;
  }

  actorFor(user: string, rec: FileRecord): Actor {
    return { user, role: this.roleOf(user, rec.file) ?? 'reader', owner: rec.file.owner };
  }

  /** Finds a file the user may use as `need`, with the contract's 404/403. */
  access(user: string, id: string, need: Need, kind?: 'spreadsheet' | 'document'): FileRecord {
    const rec = this.files.get(id);
    const mime = kind === 'spreadsheet' ? MIME.spreadsheet : kind === 'document' ? MIME.document : undefined;
    if (!rec || (mime && rec.file.mimeType !== mime)) throw kind ? notFound() : driveNotFound(id);
    const role = this.roleOf(user, rec.file);
    if (!role) throw permissionDenied();
    if (ROLE_RANK[role] < NEED_RANK[need]) throw kind ? permissionDenied() : insufficient();
    return rec;
  }

  private newFile(user: string, meta: Json, mimeType: string, id: string): DriveFile {
    const t = new Date(this.now()).toISOString();
    return {
      id,
      name: typeof meta.name === 'string' ? meta.name : 'Untitled',
      mimeType,
      parents: [],
      owner: user,
      permissions: [{ id: permissionIdFor(user), type: 'user', role: 'owner', emailAddress: user }],
      appProperties: stringMap(meta.appProperties),
      properties: stringMap(meta.properties),
      ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
      trashed: false,
      starred: meta.starred === true,
      createdTime: t,
      modifiedTime: t,
      version: 1,
    };
  }

  private resolveParents(user: string, parents: unknown): string[] {
    if (parents === undefined) return [];
    if (!Array.isArray(parents)) throw invalidArgument('Invalid Value: parents');
    return parents
      .map((p) => String(p))
      .filter((p) => p !== 'root')
      .map((p) => {
        const rec = this.files.get(p);
        if (!rec || rec.file.mimeType !== MIME.folder || !this.roleOf(user, rec.file)) throw driveNotFound(p);
        if (ROLE_RANK[this.roleOf(user, rec.file)!] < ROLE_RANK.writer) throw insufficient();
        return p;
      });
  }

  // ---------- Sheets ----------

  createSpreadsheet(user: string, body: Json, meta: Json = {}): Json {
    const id = newId(33);
    let sheet = newSpreadsheet(id, body);
    const file = this.newFile(user, { ...meta, name: meta.name ?? sheet.properties.title }, MIME.spreadsheet, id);
    file.parents = this.resolveParents(user, meta.parents);
    sheet.properties.title = file.name;
    // Protections, named ranges, merges and metadata given at creation go through the batchUpdate handlers.
    const extra = creationRequests(sheet, body);
    if (extra.length) sheet = batchUpdate(sheet, { user, role: 'owner', owner: user }, extra).next;
    const rec: FileRecord = { file, sheet };
    this.files.set(id, rec);
    this.save(rec);
    return spreadsheetResource(sheet, this.actorFor(user, rec));
  }

  private sheetOf(rec: FileRecord): SpreadsheetModel {
    // Keep the spreadsheet title in sync with the Drive name (one name on Google).
    rec.sheet!.properties.title = rec.file.name;
    return rec.sheet!;
  }

  getSpreadsheet(user: string, id: string, opts: { includeGridData?: boolean; ranges?: string[] } = {}): Json {
    const rec = this.access(user, id, 'read', 'spreadsheet');
    return spreadsheetResource(this.sheetOf(rec), this.actorFor(user, rec), opts);
  }

  getValues(user: string, id: string, range: string, opts: { valueRenderOption?: RenderOption; majorDimension?: MajorDimension } = {}): ValueRange {
    const rec = this.access(user, id, 'read', 'spreadsheet');
    return getValues(this.sheetOf(rec), range, renderOpt(opts.valueRenderOption), majorOpt(opts.majorDimension));
  }

  batchGetValues(user: string, id: string, ranges: string[], opts: { valueRenderOption?: RenderOption; majorDimension?: MajorDimension } = {}): Json {
    const rec = this.access(user, id, 'read', 'spreadsheet');
    const ss = this.sheetOf(rec);
    return {
      spreadsheetId: id,
      valueRanges: ranges.map((r) => getValues(ss, r, renderOpt(opts.valueRenderOption), majorOpt(opts.majorDimension))),
    };
  }

  updateValues(
    user: string,
    id: string,
    range: string,
    body: Json,
    opts: { valueInputOption?: string; includeValuesInResponse?: boolean; responseValueRenderOption?: RenderOption },
  ): Json {
    const rec = this.access(user, id, 'write', 'spreadsheet');
    const ss = this.sheetOf(rec);
    const input = inputOpt(opts.valueInputOption);
    const plan = planWrite(ss, this.actorFor(user, rec), range, body.values, majorOpt(body.majorDimension as MajorDimension | undefined));
    applyWrite(ss, plan.sheet, plan.cells, input);
    this.touch(rec);
    return { ...writeResult(ss, plan.sheet, plan.rect, plan.cells.length, opts.includeValuesInResponse === true, renderOpt(opts.responseValueRenderOption)) };
  }

  batchUpdateValues(user: string, id: string, body: Json): Json {
    const rec = this.access(user, id, 'write', 'spreadsheet');
    const input = inputOpt(body.valueInputOption as string | undefined);
    const data = Array.isArray(body.data) ? (body.data as Json[]) : [];
    const ss = this.sheetOf(rec);
    const actor = this.actorFor(user, rec);
    // All ranges are checked before any is written: nothing of a refused batch lands.
    const plans = data.map((vr) => {
      if (typeof vr.range !== 'string') throw invalidArgument('Invalid data[].range: a range is required');
      return planWrite(ss, actor, vr.range, vr.values, majorOpt(vr.majorDimension as MajorDimension | undefined));
    });
    for (const p of plans) applyWrite(ss, p.sheet, p.cells, input);
    if (plans.length) this.touch(rec);
    const responses = plans.map((p) => writeResult(ss, p.sheet, p.rect, p.cells.length, body.includeValuesInResponse === true, renderOpt(body.responseValueRenderOption as RenderOption | undefined)));
    return {
      spreadsheetId: id,
      totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
      totalUpdatedColumns: responses.reduce((n, r) => n + r.updatedColumns, 0),
      totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
      totalUpdatedSheets: new Set(plans.map((p) => p.sheet.properties.sheetId)).size,
      responses,
    };
  }

  appendValues(user: string, id: string, range: string, body: Json, opts: { valueInputOption?: string; insertDataOption?: string; includeValuesInResponse?: boolean; responseValueRenderOption?: RenderOption }): Json {
    const rec = this.access(user, id, 'write', 'spreadsheet');
    const ss = this.sheetOf(rec);
    const input = inputOpt(opts.valueInputOption);
    const actor = this.actorFor(user, rec);
    const major = majorOpt(body.majorDimension as MajorDimension | undefined);
    const first = planAppend(ss, actor, range, body.values, major, opts.insertDataOption === 'INSERT_ROWS');
    let plan = first.plan;
    if (first.insertAt !== undefined && first.insertCount > 0) {
      // Insert on a copy so a refused write leaves nothing behind.
      const copy = JSON.parse(JSON.stringify(ss)) as SpreadsheetModel;
      const sheet = copy.sheets.find((s) => s.properties.sheetId === plan.sheet.properties.sheetId)!;
      insertRowsForAppend(copy, sheet, first.insertAt, first.insertCount);
      plan = planAppend(copy, actor, range, body.values, major, false).plan;
      applyWrite(copy, plan.sheet, plan.cells, input);
      rec.sheet = copy;
    } else {
      applyWrite(ss, plan.sheet, plan.cells, input);
    }
    this.touch(rec);
    return {
      spreadsheetId: id,
      ...(first.tableRange ? { tableRange: first.tableRange } : {}),
      updates: writeResult(rec.sheet!, plan.sheet, plan.rect, plan.cells.length, opts.includeValuesInResponse === true, renderOpt(opts.responseValueRenderOption)),
    };
  }

  clearValues(user: string, id: string, range: string): Json {
    const res = this.batchClearValues(user, id, [range]);
    return { spreadsheetId: id, clearedRange: (res.clearedRanges as string[])[0] };
  }

  batchClearValues(user: string, id: string, ranges: string[]): Json {
    const rec = this.access(user, id, 'write', 'spreadsheet');
    const ss = this.sheetOf(rec);
    const actor = this.actorFor(user, rec);
    const plans = ranges.map((r) => planClear(ss, actor, r));
    for (const p of plans) applyClear(p.sheet, p.rect);
    if (plans.length) this.touch(rec);
    return {
      spreadsheetId: id,
      clearedRanges: plans.map((p) => getValues(ss, `${quote(p.sheet.properties.title)}!${cellsOf(p.rect)}`).range),
    };
  }

  batchUpdate(user: string, id: string, body: Json): Json {
    const rec = this.access(user, id, 'write', 'spreadsheet');
    const { next, replies } = batchUpdate(this.sheetOf(rec), this.actorFor(user, rec), body.requests);
    if (next.properties.title !== rec.file.name) rec.file.name = next.properties.title;
    rec.sheet = next;
    this.touch(rec);
    const out: Json = { spreadsheetId: id, replies };
    if (body.includeSpreadsheetInResponse === true) {
      out.updatedSpreadsheet = spreadsheetResource(next, this.actorFor(user, rec), {
        includeGridData: body.responseIncludeGridData === true,
        ranges: Array.isArray(body.responseRanges) ? (body.responseRanges as string[]) : undefined,
      });
    }
    return out;
  }

  searchDeveloperMetadata(user: string, id: string, body: Json): Json {
    const rec = this.access(user, id, 'read', 'spreadsheet');
    const filters = Array.isArray(body.dataFilters) ? (body.dataFilters as Json[]) : [];
    const ss = this.sheetOf(rec);
    const found = ss.developerMetadata.filter((m) => filters.some((f) => matchesLookup(m, f.developerMetadataLookup as Json | undefined)));
    return found.length ? { matchedDeveloperMetadata: found.map((m) => ({ developerMetadata: m, dataFilters: filters })) } : {};
  }

  getDeveloperMetadata(user: string, id: string, metadataId: number): Json {
    const rec = this.access(user, id, 'read', 'spreadsheet');
    const m = rec.sheet!.developerMetadata.find((x) => x.metadataId === metadataId);
    if (!m) throw notFound(`No developer metadata with ID: ${metadataId}`);
    return m as unknown as Json;
  }

  /** sheets.copyTo: copies one sheet into another spreadsheet the user can edit. */
  copySheetTo(user: string, id: string, sheetId: number, destinationSpreadsheetId: string): Json {
    const src = this.access(user, id, 'read', 'spreadsheet');
    const dst = this.access(user, destinationSpreadsheetId, 'write', 'spreadsheet');
    const sheet = src.sheet!.sheets.find((s) => s.properties.sheetId === sheetId);
    if (!sheet) throw notFound(`No sheet with id: ${sheetId}`);
    const { next, replies } = batchUpdate(dst.sheet!, this.actorFor(user, dst), [{ addSheet: { properties: { title: uniqueTitle(dst.sheet!, `Copy of ${sheet.properties.title}`) } } }]);
    const props = (replies[0] as { addSheet: { properties: { sheetId: number } } }).addSheet.properties;
    const target = next.sheets.find((s) => s.properties.sheetId === props.sheetId)!;
    target.rows = structuredClone(sheet.rows);
    target.rowMeta = structuredClone(sheet.rowMeta);
    target.colMeta = structuredClone(sheet.colMeta);
    target.merges = sheet.merges.map((m) => ({ ...m, sheetId: target.properties.sheetId }));
    target.properties.gridProperties = { ...sheet.properties.gridProperties };
    dst.sheet = next;
    this.touch(dst);
    return structuredClone(target.properties) as unknown as Json;
  }

  // ---------- Drive ----------

  fileResource(user: string, rec: FileRecord): Json {
    const f = rec.file;
    const role = this.roleOf(user, f);
    const canWrite = !!role && ROLE_RANK[role] >= ROLE_RANK.writer;
    const out: Json = {
      kind: 'drive#file',
      id: f.id,
      name: f.name,
      mimeType: f.mimeType,
      // My Drive: Google names the owner's root folder; we answer the 'root' alias (usable in q and addParents).
      parents: f.parents.length ? [...f.parents] : lower(f.owner) === lower(user) ? ['root'] : undefined,
      owners: [{ kind: 'drive#user', emailAddress: f.owner, displayName: f.owner.split('@')[0], me: lower(f.owner) === lower(user), permissionId: permissionIdFor(f.owner) }],
      ownedByMe: lower(f.owner) === lower(user),
      appProperties: { ...f.appProperties },
      properties: { ...f.properties },
      description: f.description,
      trashed: f.trashed,
      starred: f.starred,
      createdTime: f.createdTime,
      modifiedTime: f.modifiedTime,
      version: String(f.version),
      shared: f.permissions.length > 1,
      webViewLink: webLink(f),
      permissionIds: f.permissions.map((p) => p.id),
      capabilities: {
        canEdit: canWrite,
        canShare: canWrite,
        canCopy: true,
        canDelete: role === 'owner',
        canTrash: role === 'owner',
        canAddChildren: canWrite && f.mimeType === MIME.folder,
        canComment: !!role && ROLE_RANK[role] >= ROLE_RANK.commenter,
        canDownload: true,
      },
    };
    if (canWrite) out.permissions = f.permissions.map(permissionResource);
    if (f.size !== undefined) {
      out.size = String(f.size);
      out.md5Checksum = f.md5Checksum;
    }
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  }

  createFile(user: string, meta: Json, media?: { mimeType: string; data: Uint8Array }): Json {
    const mimeType = typeof meta.mimeType === 'string' ? meta.mimeType : media?.mimeType ?? 'application/octet-stream';
    if (mimeType === MIME.spreadsheet) {
      const res = this.createSpreadsheet(user, { properties: { title: meta.name ?? 'Untitled spreadsheet' } }, meta);
      const rec = this.files.get(res.spreadsheetId as string)!;
      return this.fileResource(user, rec);
    }
    const id = newId(25);
    const file = this.newFile(user, meta, mimeType, id);
    file.parents = this.resolveParents(user, meta.parents);
    const rec: FileRecord = { file };
    if (mimeType === MIME.document) {
      rec.doc = docs.createDocument(id, file.name);
    } else if (mimeType !== MIME.folder) {
      const data = media?.data ?? new Uint8Array();
      file.size = data.byteLength;
      file.md5Checksum = createHash('md5').update(data).digest('hex');
      this.store?.saveBlob(id, data);
      if (!this.store) this.memBlobs.set(id, data);
    }
    this.files.set(id, rec);
    this.save(rec);
    return this.fileResource(user, rec);
  }

  private readonly memBlobs = new Map<string, Uint8Array>();

  blob(id: string): Uint8Array {
    return this.store ? this.store.readBlob(id) : this.memBlobs.get(id) ?? new Uint8Array();
  }

  getFile(user: string, id: string): Json {
    return this.fileResource(user, this.access(user, id, 'read'));
  }

  download(user: string, id: string): { mimeType: string; data: Uint8Array } {
    const rec = this.access(user, id, 'read');
    if (rec.file.mimeType.startsWith('application/vnd.google-apps.')) {
      throw new ApiError(403, 'PERMISSION_DENIED', 'Only files with binary content can be downloaded. Use Export with Docs Editors files.', 'fileNotDownloadable');
    }
    return { mimeType: rec.file.mimeType, data: this.blob(id) };
  }

  listFiles(user: string, params: { q?: string; pageSize?: number; pageToken?: string; orderBy?: string }): Json {
    const pred = compileQuery(params.q ?? '', {
      me: user,
      hasRole: (f, email, min) => {
        const r = this.roleOf(email, f);
        return !!r && ROLE_RANK[r] >= ROLE_RANK[min];
      },
      isRoot: (f) => f.parents.length === 0 && lower(f.owner) === lower(user),
      sharedWithMe: (f) => lower(f.owner) !== lower(user),
    });
    let list = [...this.files.values()].filter((rec) => this.roleOf(user, rec.file) && pred(rec.file));
    list = sortFiles(list, params.orderBy);
    const size = Math.max(1, Math.min(params.pageSize ?? 100, 1000));
    const start = params.pageToken ? Number(Buffer.from(params.pageToken, 'base64url').toString()) || 0 : 0;
    const page = list.slice(start, start + size);
    const out: Json = { kind: 'drive#fileList', incompleteSearch: false, files: page.map((r) => this.fileResource(user, r)) };
    if (start + size < list.length) out.nextPageToken = Buffer.from(String(start + size)).toString('base64url');
    return out;
  }

  updateFile(user: string, id: string, meta: Json, params: { addParents?: string; removeParents?: string }, media?: { mimeType: string; data: Uint8Array }): Json {
    const rec = this.access(user, id, 'write');
    const f = rec.file;
    const add = splitIds(params.addParents);
    const remove = splitIds(params.removeParents);
    if (add.length) this.resolveParents(user, add);
    if (add.includes(id) || add.some((p) => this.isAncestor(id, p))) throw invalidArgument('A folder cannot be moved into itself or its descendants.');
    if (meta.trashed !== undefined && lower(f.owner) !== lower(user)) throw insufficient();
    if (typeof meta.name === 'string') f.name = meta.name;
    if (typeof meta.description === 'string') f.description = meta.description;
    if (typeof meta.trashed === 'boolean') f.trashed = meta.trashed;
    if (typeof meta.starred === 'boolean') f.starred = meta.starred;
    if (typeof meta.mimeType === 'string' && !f.mimeType.startsWith('application/vnd.google-apps.')) f.mimeType = meta.mimeType;
    mergeProps(f.appProperties, meta.appProperties);
    mergeProps(f.properties, meta.properties);
    f.parents = [...f.parents.filter((p) => !remove.includes(p)), ...add.filter((p) => !f.parents.includes(p))];
    if (media) {
      if (f.mimeType.startsWith('application/vnd.google-apps.')) throw invalidArgument('The file content of a Google Docs Editors file cannot be replaced by an upload.');
      f.size = media.data.byteLength;
      f.md5Checksum = createHash('md5').update(media.data).digest('hex');
      if (this.store) this.store.saveBlob(id, media.data);
      else this.memBlobs.set(id, media.data);
    }
    if (rec.sheet) rec.sheet.properties.title = f.name;
    if (rec.doc) rec.doc.title = f.name;
    this.touch(rec);
    return this.fileResource(user, rec);
  }

  private isAncestor(ancestor: string, id: string, seen = new Set<string>()): boolean {
    const rec = this.files.get(id);
    if (!rec || seen.has(id)) return false;
    seen.add(id);
    return rec.file.parents.some((p) => p === ancestor || this.isAncestor(ancestor, p, seen));
  }

  deleteFile(user: string, id: string): void {
    const rec = this.access(user, id, 'read');
    if (lower(rec.file.owner) !== lower(user)) throw insufficient();
    const doomed = [id];
    // Deleting a folder deletes what only lives inside it (as Drive does for the owner's files).
    for (let i = 0; i < doomed.length; i += 1) {
      for (const child of this.files.values()) {
        if (child.file.parents.includes(doomed[i]!) && !doomed.includes(child.file.id)) {
          const others = child.file.parents.filter((p) => !doomed.includes(p));
          if (others.length === 0) doomed.push(child.file.id);
        }
      }
    }
    for (const d of doomed) {
      this.files.delete(d);
      this.memBlobs.delete(d);
      this.store?.removeFile(d);
    }
    for (const other of this.files.values()) {
      if (other.file.parents.some((p) => doomed.includes(p))) {
        other.file.parents = other.file.parents.filter((p) => !doomed.includes(p));
        this.save(other);
      }
    }
  }

  copyFile(user: string, id: string, meta: Json): Json {
    const src = this.access(user, id, 'read');
    if (src.file.mimeType === MIME.folder) throw new ApiError(403, 'PERMISSION_DENIED', 'This file cannot be copied by the user.', 'cannotCopyFile');
    const newIdStr = src.sheet ? newId(33) : newId(25);
    const file = this.newFile(user, { ...meta, name: meta.name ?? `Copy of ${src.file.name}` }, src.file.mimeType, newIdStr);
    file.appProperties = meta.appProperties !== undefined ? stringMap(meta.appProperties) : { ...src.file.appProperties };
    file.properties = meta.properties !== undefined ? stringMap(meta.properties) : { ...src.file.properties };
    if (meta.description === undefined && src.file.description) file.description = src.file.description;
    if (meta.parents !== undefined) file.parents = this.resolveParents(user, meta.parents);
    else
      file.parents = src.file.parents.filter((p) => {
        const parent = this.files.get(p);
        const r = parent && this.roleOf(user, parent.file);
        return !!r && ROLE_RANK[r] >= ROLE_RANK.writer;
      });
    const rec: FileRecord = { file };
    if (src.sheet) {
      rec.sheet = structuredClone(src.sheet);
      rec.sheet.spreadsheetId = newIdStr;
      rec.sheet.properties.title = file.name;
    }
    if (src.doc) {
      rec.doc = structuredClone(src.doc);
      rec.doc.documentId = newIdStr;
      rec.doc.title = file.name;
    }
    if (src.file.size !== undefined) {
      const data = this.blob(id);
      file.size = src.file.size;
      file.md5Checksum = src.file.md5Checksum;
      if (this.store) this.store.saveBlob(newIdStr, data);
      else this.memBlobs.set(newIdStr, data);
    }
    this.files.set(newIdStr, rec);
    this.save(rec);
    return this.fileResource(user, rec);
  }

  async exportFile(user: string, id: string, mimeType: string): Promise<{ mimeType: string; data: Uint8Array }> {
    const rec = this.access(user, id, 'read');
    if (rec.sheet) {
      const data = await exportSpreadsheet(rec.sheet, mimeType);
      if (data) return { mimeType, data };
    }
    if (rec.doc && mimeType === MIME.pdf) return { mimeType, data: await docs.renderDocumentPdf(rec.doc) };
    if (rec.doc && mimeType === 'application/json') return { mimeType, data: Buffer.from(JSON.stringify(rec.doc)) };
    if (!rec.file.mimeType.startsWith('application/vnd.google-apps.')) {
      throw new ApiError(403, 'PERMISSION_DENIED', 'Export only supports Docs Editors files.', 'fileNotExportable');
    }
    throw new ApiError(400, 'INVALID_ARGUMENT', 'The requested conversion is not supported.', 'badRequest');
  }

  // ---------- permissions ----------

  createPermission(user: string, fileId: string, body: Json, params: { transferOwnership?: boolean }): Json {
    const rec = this.access(user, fileId, 'write');
    const type = body.type as Permission['type'];
    const role = body.role as Role;
    if (!['user', 'group', 'domain', 'anyone'].includes(type)) throw invalidArgument('Invalid Value: type. Expected one of user, group, domain, anyone.');
    if (!(role in ROLE_RANK)) throw invalidArgument(`Invalid Value: role (${String(role)})`);
    const f = rec.file;
    if (role === 'owner') {
      if (lower(f.owner) !== lower(user)) throw insufficient();
      if (!params.transferOwnership) throw new ApiError(403, 'PERMISSION_DENIED', 'The transferOwnership parameter must be enabled when the permission role is \'owner\'.', 'forbidden');
    }
    let perm: Permission;
    if (type === 'user' || type === 'group') {
      const email = typeof body.emailAddress === 'string' ? body.emailAddress.trim() : '';
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalidArgument('The permission emailAddress field is required and must be a valid email address.');
      perm = { id: permissionIdFor(email), type, role, emailAddress: email };
    } else if (type === 'domain') {
      if (typeof body.domain !== 'string') throw invalidArgument('The permission domain field is required.');
      perm = { id: `${permissionIdFor('@' + body.domain)}k`, type, role, domain: body.domain };
    } else {
      perm = { id: 'anyoneWithLink', type, role, allowFileDiscovery: body.allowFileDiscovery === true };
    }
    if (role === 'owner') {
      // transfer: the old owner stays a writer
      const old = f.owner;
      f.permissions = f.permissions.filter((p) => p.id !== perm.id).map((p) => (p.role === 'owner' ? { ...p, role: 'writer' as Role } : p));
      f.owner = perm.emailAddress!;
      void old;
    } else {
      const existing = f.permissions.find((p) => p.id === perm.id);
      if (existing?.role === 'owner') throw invalidArgument('The owner of a file cannot be downgraded.');
    }
    f.permissions = [...f.permissions.filter((p) => p.id !== perm.id), perm];
    this.touch(rec);
    return permissionResource(perm);
  }

  listPermissions(user: string, fileId: string): Json {
    const rec = this.access(user, fileId, 'read');
    const role = this.roleOf(user, rec.file)!;
    if (ROLE_RANK[role] < ROLE_RANK.writer) throw insufficient();
    return { kind: 'drive#permissionList', permissions: rec.file.permissions.map(permissionResource) };
  }

  getPermission(user: string, fileId: string, permissionId: string): Json {
    const rec = this.access(user, fileId, 'read');
    const p = rec.file.permissions.find((x) => x.id === permissionId);
    if (!p) throw new ApiError(404, 'NOT_FOUND', `Permission not found: ${permissionId}.`, 'notFound');
    return permissionResource(p);
  }

  updatePermission(user: string, fileId: string, permissionId: string, body: Json): Json {
    const rec = this.access(user, fileId, 'write');
    const p = rec.file.permissions.find((x) => x.id === permissionId);
    if (!p) throw new ApiError(404, 'NOT_FOUND', `Permission not found: ${permissionId}.`, 'notFound');
    if (p.role === 'owner') throw new ApiError(403, 'PERMISSION_DENIED', 'The owner of a file cannot be changed this way.', 'forbidden');
    if (typeof body.role === 'string') {
      if (!(body.role in ROLE_RANK) || body.role === 'owner') throw invalidArgument(`Invalid Value: role (${body.role})`);
      p.role = body.role as Role;
    }
    this.touch(rec);
    return permissionResource(p);
  }

  deletePermission(user: string, fileId: string, permissionId: string): void {
    const rec = this.access(user, fileId, 'read');
    const f = rec.file;
    const p = f.permissions.find((x) => x.id === permissionId);
    const role = this.roleOf(user, f)!;
    const self = p && p.emailAddress && lower(p.emailAddress) === lower(user);
    if (ROLE_RANK[role] < ROLE_RANK.writer && !self) throw insufficient();
    if (!p) throw new ApiError(404, 'NOT_FOUND', `Permission not found: ${permissionId}.`, 'notFound');
    if (p.role === 'owner') throw new ApiError(403, 'PERMISSION_DENIED', 'The owner of a file cannot be removed.', 'cannotRemoveOwner');
    f.permissions = f.permissions.filter((x) => x.id !== permissionId);
    this.touch(rec);
  }

  // ---------- Docs ----------

  createDocument(user: string, body: Json): docs.DocsDocument {
    const res = this.createFile(user, { name: typeof body.title === 'string' ? body.title : 'Untitled document', mimeType: MIME.document });
    return this.files.get(res.id as string)!.doc!;
  }

  getDocument(user: string, id: string): docs.DocsDocument {
    const rec = this.access(user, id, 'read', 'document');
    return rec.doc!;
  }

  batchUpdateDocument(user: string, id: string, body: Json): Json {
    const rec = this.access(user, id, 'write', 'document');
    const requests = Array.isArray(body.requests) ? body.requests : [];
    try {
      const { doc, replies } = docs.applyRequests(structuredClone(rec.doc!), requests);
      rec.doc = doc;
    this.touch(rec);
      return { documentId: id, replies, writeControl: { requiredRevisionId: String(rec.file.version) } };
    } catch (err) {
      if (err instanceof docs.DocsRequestError) throw invalidArgument(err.message);
      throw err;
    }
  }
}

function creationRequests(ss: SpreadsheetModel, body: Json): Json[] {
  const reqs: Json[] = [];
  const sheets = Array.isArray(body.sheets) ? (body.sheets as Json[]) : [];
  sheets.forEach((s, i) => {
    const sheetId = ss.sheets[i]?.properties.sheetId ?? 0;
    const withSheet = (r: unknown): Json => ({ ...((r ?? {}) as Json), sheetId });
    for (const pr of (s.protectedRanges ?? []) as Json[]) {
      reqs.push({ addProtectedRange: { protectedRange: { ...pr, range: withSheet(pr.range), unprotectedRanges: ((pr.unprotectedRanges ?? []) as Json[]).map(withSheet) } } });
    }
    for (const m of (s.merges ?? []) as Json[]) reqs.push({ mergeCells: { range: withSheet(m), mergeType: 'MERGE_ALL' } });
    for (const rule of (s.conditionalFormats ?? []) as Json[]) reqs.push({ addConditionalFormatRule: { rule, index: 0 } });
    for (const md of (s.developerMetadata ?? []) as Json[]) reqs.push({ createDeveloperMetadata: { developerMetadata: { ...md, location: { sheetId } } } });
    for (const gd of (Array.isArray(s.data) ? s.data : []) as Json[]) {
      const dims: [string, string, number][] = [['rowMetadata', 'ROWS', Number(gd.startRow ?? 0)], ['columnMetadata', 'COLUMNS', Number(gd.startColumn ?? 0)]];
      for (const [key, dimension, start] of dims) {
        ((gd[key] ?? []) as Json[]).forEach((m, k) => {
          const properties: Json = {};
          if (typeof m.pixelSize === 'number') properties.pixelSize = m.pixelSize;
          if (m.hiddenByUser === true) properties.hiddenByUser = true;
          if (Object.keys(properties).length) {
            reqs.push({ updateDimensionProperties: { range: { sheetId, dimension, startIndex: start + k, endIndex: start + k + 1 }, properties, fields: Object.keys(properties).join(',') } });
          }
        });
      }
    }
  });
  for (const nr of (body.namedRanges ?? []) as Json[]) reqs.push({ addNamedRange: { namedRange: nr } });
  for (const md of (body.developerMetadata ?? []) as Json[]) reqs.push({ createDeveloperMetadata: { developerMetadata: md } });
  return reqs;
}

function renderOpt(x: unknown): RenderOption {
  if (x === undefined) return 'FORMATTED_VALUE';
  if (x === 'FORMATTED_VALUE' || x === 'UNFORMATTED_VALUE' || x === 'FORMULA') return x;
  throw invalidArgument(`Invalid value at 'value_render_option' (${String(x)})`);
}

function majorOpt(x: unknown): MajorDimension {
  if (x === undefined || x === 'ROWS' || x === 'DIMENSION_UNSPECIFIED') return 'ROWS';
  if (x === 'COLUMNS') return 'COLUMNS';
  throw invalidArgument(`Invalid value at 'major_dimension' (${String(x)})`);
}

function inputOpt(x: unknown): InputOption {
  if (x === 'RAW' || x === 'USER_ENTERED') return x;
  if (x === undefined || x === 'INPUT_VALUE_OPTION_UNSPECIFIED') throw invalidArgument("'valueInputOption' is required but not specified");
  throw invalidArgument(`Invalid value at 'value_input_option' (${String(x)})`);
}

function stringMap(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (x && typeof x === 'object') for (const [k, v] of Object.entries(x as Json)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

function mergeProps(target: Record<string, string>, patch: unknown): void {
  if (!patch || typeof patch !== 'object') return;
  for (const [k, v] of Object.entries(patch as Json)) {
    if (v === null) delete target[k];
    else target[k] = String(v);
  }
}

function splitIds(s: string | undefined): string[] {
  return (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
}

function sortFiles(list: FileRecord[], orderBy: string | undefined): FileRecord[] {
  if (!orderBy) return list.sort((a, b) => a.file.createdTime.localeCompare(b.file.createdTime));
  const keys = orderBy.split(',').map((k) => k.trim().split(/\s+/));
  const collator = new Intl.Collator('vi');
  return list.sort((a, b) => {
    for (const [key = '', dir] of keys) {
      let d = 0;
      if (key === 'folder') d = Number(b.file.mimeType === MIME.folder) - Number(a.file.mimeType === MIME.folder);
      else if (key === 'name' || key === 'name_natural') d = collator.compare(a.file.name, b.file.name);
      else if (key === 'createdTime') d = a.file.createdTime.localeCompare(b.file.createdTime);
      else if (key === 'modifiedTime' || key === 'recency') d = a.file.modifiedTime.localeCompare(b.file.modifiedTime);
      if (dir === 'desc') d = -d;
      if (d) return d;
    }
    return 0;
  });
}

function webLink(f: DriveFile): string {
  if (f.mimeType === MIME.spreadsheet) return `https://docs.google.com/spreadsheets/d/${f.id}/edit`;
  if (f.mimeType === MIME.document) return `https://docs.google.com/document/d/${f.id}/edit`;
  if (f.mimeType === MIME.folder) return `https://drive.google.com/drive/folders/${f.id}`;
  return `https://drive.google.com/file/d/${f.id}/view`;
}

export function permissionResource(p: Permission): Json {
  return { kind: 'drive#permission', ...p, ...(p.emailAddress ? { displayName: p.displayName ?? p.emailAddress.split('@')[0] } : {}) };
}

function uniqueTitle(ss: SpreadsheetModel, base: string): string {
  let t = base;
  let i = 2;
  while (ss.sheets.some((s) => s.properties.title.toLowerCase() === t.toLowerCase())) t = `${base} ${i++}`;
  return t;
}

function quote(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

function cellsOf(rect: { r0: number; r1: number; c0: number; c1: number }): string {
  const col = (i: number): string => {
    let n = i + 1;
    let s = '';
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  return `${col(rect.c0)}${rect.r0 + 1}:${col(Math.max(rect.c1, rect.c0 + 1) - 1)}${Math.max(rect.r1, rect.r0 + 1)}`;
}

export function openWorkspace(dataDir: string | undefined, options: OpenOptions = {}): Workspace {
  return new Workspace(dataDir ? new Store(dataDir) : undefined, options);
}
