// googleapis builds media-upload URLs from Google's host even when a client has a local rootUrl; the transport
// must rebase them so uploads reach the local workspace (and never leave the machine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openBackend, type Backend } from '../../server/google/backend.ts';

describe('media uploads through the backend clients', () => {
  let dir: string;
  let backend: Backend;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hoso-upload-'));
    backend = await openBackend({ dataDir: dir }, () => {});
  });
  afterAll(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('files.create with media lands in the local workspace and reads back byte for byte', async () => {
    const body = 'Sổ điểm — bản sao lưu';
    const created = await backend.drive().files.create({
      requestBody: { name: 'sao-luu.txt', mimeType: 'text/plain' },
      media: { mimeType: 'text/plain', body: Readable.from([body]) },
      fields: 'id',
    });
    expect(created.data.id).toBeTruthy();
    const got = await backend.drive().files.get({ fileId: created.data.id!, alt: 'media' }, { responseType: 'text' });
    expect(got.data).toBe(body);
    // A teacher who was not given access cannot read it (403, as the local-workspace contract says).
    await expect(backend.drive('gv.toan@thpt-hbt.edu.vn').files.get({ fileId: created.data.id! })).rejects.toMatchObject({ code: 403 });
  });
});
