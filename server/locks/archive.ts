// The admin-only archive of a school year in Drive: lock state, snapshots, the audit mirror, xlsx backups of the
// books and the biên bản. Teachers with writer access to a spreadsheet can read every tab of it, so nothing a
// teacher must not read or forge lives in a spreadsheet they share: it lives in a folder shared with nobody,
// which is checked (permissions read back) before anything is written there.
import { Readable } from 'node:stream';
import type { drive_v3 } from 'googleapis';
import type { Backend } from '../google/backend.ts';
import { driveQuote, listAllFiles, tagClause } from '../google/drive-query.ts';

export const ARCHIVE_FOLDER_NAME = 'Khóa sổ, sao lưu và nhật ký (chỉ Ban quản trị)';
const FOLDER_MIME = 'application/vnd.google-apps.folder';

export type ArchiveKind = 'lockArchive' | 'lockState' | 'lockSnapshot' | 'auditMirror' | 'bookBackup' | 'bienBan' | 'auditExport';

export interface ArchiveFile {
  id: string;
  name: string;
  appProperties: Record<string, string>;
}

const listAll = (drive: drive_v3.Drive, q: string) => listAllFiles(drive, q, 'id, name, parents, appProperties, mimeType');

/** Throws unless `fileId` is shared with nobody but `admin`. */
export async function assertAdminOnly(drive: drive_v3.Drive, fileId: string, admin: string, what: string): Promise<void> {
  const res = await drive.permissions.list({ fileId, fields: 'permissions(id, type, role, emailAddress)' });
  const others = (res.data.permissions ?? []).filter(
    (p) => !(p.type === 'user' && (p.emailAddress ?? '').toLowerCase() === admin.toLowerCase()),
  );
  if (others.length) {
    const who = others.map((p) => `${p.emailAddress ?? p.type} (${p.role})`).join(', ');
    throw new Error(`${what} đang được chia sẻ cho ${who}: nơi lưu khóa sổ phải chỉ Ban quản trị truy cập được.`);
  }
}

export class Archive {
  private cache?: ArchiveFile[];
  constructor(
    private readonly backend: Backend,
    readonly year: string,
    readonly folderId: string,
  ) {}

  private get drive(): drive_v3.Drive {
    return this.backend.drive();
  }

  /** Opens (creating on first use) the year's archive folder. It goes in the year folder only when that folder is
   * shared with nobody (Drive shares a folder's children with the folder's audience); else in the admin's root. */
  static async open(backend: Backend, year: string, controlSpreadsheetId?: string): Promise<Archive> {
    const drive = backend.drive();
    const found = (
      await listAll(
        drive,
        `mimeType = '${FOLDER_MIME}' and ${tagClause('hosoKind', 'lockArchive')} and ${tagClause('hosoYear', year)} and trashed = false`,
      )
    ).filter((f) => f.appProperties?.hosoYear === year);
    let folderId = found[0]?.id ?? undefined;
    if (!folderId) {
      let parent: string | undefined;
      if (controlSpreadsheetId) {
        const ctl = await drive.files.get({ fileId: controlSpreadsheetId, fields: 'parents' });
        const yearFolder = ctl.data.parents?.[0];
        if (yearFolder) {
          try {
            await assertAdminOnly(drive, yearFolder, backend.admin, 'Thư mục năm học');
            parent = yearFolder;
          } catch {
            parent = undefined; // shared year folder: keep the archive out of it
          }
        }
      }
      const res = await drive.files.create({
        requestBody: {
          name: `${ARCHIVE_FOLDER_NAME} ${year}`,
          mimeType: FOLDER_MIME,
          parents: parent ? [parent] : undefined,
          appProperties: { hosoYear: year, hosoKind: 'lockArchive' },
        },
        fields: 'id',
      });
      folderId = res.data.id!;
    }
    await assertAdminOnly(drive, folderId, backend.admin, 'Thư mục lưu trữ khóa sổ');
    return new Archive(backend, year, folderId);
  }


  async list(kind?: ArchiveKind, refresh = false): Promise<ArchiveFile[]> {
    if (!this.cache || refresh) {
      const files = await listAll(this.drive, `'${driveQuote(this.folderId)}' in parents and trashed = false`);
      this.cache = files.map((f) => ({ id: f.id!, name: f.name ?? '', appProperties: (f.appProperties ?? {}) as Record<string, string> }));
    }
    return kind ? this.cache.filter((f) => f.appProperties.hosoKind === kind) : this.cache;
  }

  async find(kind: ArchiveKind, key: string): Promise<ArchiveFile | undefined> {
    return (await this.list(kind)).find((f) => f.appProperties.hosoKey === key);
  }

  /** Drive's version counter of a file (changes on every content or metadata write). */
  async version(fileId: string): Promise<string | undefined> {
    const res = await this.drive.files.get({ fileId, fields: 'version' });
    return res.data.version ?? undefined;
  }

  async readText(fileId: string): Promise<string> {
    const res = await this.drive.files.get({ fileId, alt: 'media' }, { responseType: 'text' });
    return typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
  }

  async readJson<T>(kind: ArchiveKind, key: string): Promise<{ id: string; value: T } | undefined> {
    const f = await this.find(kind, key);
    if (!f) return undefined;
    const text = await this.readText(f.id);
    try {
      return { id: f.id, value: JSON.parse(text) as T };
    } catch {
      throw new Error(`Tệp lưu trữ "${f.name}" (${f.id}) không phải JSON hợp lệ.`);
    }
  }

  /** Creates or replaces the JSON file for (kind, key) and checks it is shared with nobody. */
  async writeJson(kind: ArchiveKind, key: string, name: string, value: unknown): Promise<string> {
    return this.writeFile(kind, key, name, 'application/json', Buffer.from(JSON.stringify(value, null, 1), 'utf8'));
  }

  async writeFile(kind: ArchiveKind, key: string, name: string, mimeType: string, data: Buffer, replace = true): Promise<string> {
    const existing = replace ? await this.find(kind, key) : undefined;
    let id: string;
    if (existing) {
      await this.drive.files.update({ fileId: existing.id, media: { mimeType, body: Readable.from([data]) }, fields: 'id' });
      id = existing.id;
    } else {
      const res = await this.drive.files.create({
        requestBody: { name, mimeType, parents: [this.folderId], appProperties: { hosoYear: this.year, hosoKind: kind, hosoKey: key } },
        media: { mimeType, body: Readable.from([data]) },
        fields: 'id',
      });
      id = res.data.id!;
      this.cache?.push({ id, name, appProperties: { hosoYear: this.year, hosoKind: kind, hosoKey: key } });
      await assertAdminOnly(this.drive, id, this.backend.admin, `Tệp "${name}"`);
    }
    return id;
  }
}
