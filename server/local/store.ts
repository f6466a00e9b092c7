// Crash-safe persistence of the workspace: one JSON file per Drive file (spreadsheet/document/folder metadata),
// one blob per uploaded binary, one state file for script properties. Every write goes to a temp file, is
// fsynced, renamed over the old one, and the directory is fsynced — before the request is acknowledged.
import fs from 'node:fs';
import path from 'node:path';
import type { FileRecord } from './model.ts';

export interface StoreState {
  properties: Record<string, Record<string, string>>;
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some filesystems refuse fsync on directories; the rename is still atomic
  }
}

export function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

const safeName = (id: string): string => {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`unsafe file id: ${id}`);
  return id;
};

export class Store {
  readonly filesDir: string;
  readonly blobsDir: string;
  readonly stateFile: string;

  constructor(readonly dir: string) {
    this.filesDir = path.join(dir, 'files');
    this.blobsDir = path.join(dir, 'blobs');
    this.stateFile = path.join(dir, 'state.json');
    fs.mkdirSync(this.filesDir, { recursive: true });
    fs.mkdirSync(this.blobsDir, { recursive: true });
  }

  load(): { files: FileRecord[]; state: StoreState } {
    const files: FileRecord[] = [];
    for (const name of fs.readdirSync(this.filesDir)) {
      const full = path.join(this.filesDir, name);
      if (name.endsWith('.tmp')) {
        fs.rmSync(full, { force: true }); // an unacknowledged write interrupted by a crash
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        files.push(JSON.parse(fs.readFileSync(full, 'utf8')) as FileRecord);
      } catch (err) {
        throw new Error(`Tệp dữ liệu hỏng: ${full}: ${(err as Error).message}`);
      }
    }
    let state: StoreState = { properties: {} };
    if (fs.existsSync(this.stateFile)) state = JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as StoreState;
    return { files, state };
  }

  saveFile(rec: FileRecord): void {
    writeAtomic(path.join(this.filesDir, `${safeName(rec.file.id)}.json`), JSON.stringify(rec));
  }

  removeFile(id: string): void {
    fs.rmSync(path.join(this.filesDir, `${safeName(id)}.json`), { force: true });
    fs.rmSync(path.join(this.blobsDir, safeName(id)), { force: true });
    fsyncDir(this.filesDir);
  }

  saveBlob(id: string, data: Uint8Array): void {
    writeAtomic(path.join(this.blobsDir, safeName(id)), data);
  }

  readBlob(id: string): Buffer {
    const p = path.join(this.blobsDir, safeName(id));
    return fs.existsSync(p) ? fs.readFileSync(p) : Buffer.alloc(0);
  }

  saveState(state: StoreState): void {
    writeAtomic(this.stateFile, JSON.stringify(state));
  }
}
