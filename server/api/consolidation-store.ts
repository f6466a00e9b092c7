// The result of the last consolidation per year, kept so that the summary page and GET /api/summary do not
// re-read every class book. In memory, and in local mode also on disk next to the workspace data (survives a
// restart). In Google mode the durable copy is the school summary spreadsheet itself.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredConsolidation {
  year: string;
  at: string;
  result: Record<string, unknown>;
}

export class ConsolidationStore {
  private readonly mem = new Map<string, StoredConsolidation>();
  constructor(private readonly dir?: string) {}

  private file(year: string): string | undefined {
    return this.dir ? join(this.dir, `consolidation-${year}.json`) : undefined;
  }

  async save(year: string, result: Record<string, unknown>): Promise<StoredConsolidation> {
    const entry = { year, at: new Date().toISOString(), result };
    this.mem.set(year, entry);
    const f = this.file(year);
    if (f && this.dir) {
      await mkdir(this.dir, { recursive: true });
      await writeFile(f + '.tmp', JSON.stringify(entry));
      await rename(f + '.tmp', f);
    }
    return entry;
  }

  async load(year: string): Promise<StoredConsolidation | undefined> {
    const hit = this.mem.get(year);
    if (hit) return hit;
    const f = this.file(year);
    if (!f) return undefined;
    try {
      const entry = JSON.parse(await readFile(f, 'utf8')) as StoredConsolidation;
      this.mem.set(year, entry);
      return entry;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}
