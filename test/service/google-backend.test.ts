// Real-Google credentials (no network here): which account acts, domain-wide delegation subjects, clear errors for
// a bad key file — and the clients point at Google's own hosts.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openGoogleBackend } from '../../server/google/google-backend.ts';

const dir = mkdtempSync(join(tmpdir(), 'hoso-cred-'));
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyFile = join(dir, 'sa.json');
writeFileSync(keyFile, JSON.stringify({ type: 'service_account', client_email: 'hoso@school-project.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) }));

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['GOOGLE_APPLICATION_CREDENTIALS', 'HOSO_GOOGLE_SUBJECT', 'HOSO_GOOGLE_OAUTH', 'HOSO_ADMIN']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

type WithAuth = { context: { _options: { auth: { subject?: string; email?: string }; rootUrl?: string } } };

describe('service account', () => {
  it('acts as itself without delegation, and refuses to act as a teacher', async () => {
    process.env.GOOGLE_APPLICATION_CREDENTIALS = keyFile;
    delete process.env.HOSO_GOOGLE_SUBJECT;
    const b = await openGoogleBackend();
    expect(b.kind).toBe('google');
    expect(b.admin).toBe('hoso@school-project.iam.gserviceaccount.com');
    const auth = (b.sheets() as unknown as WithAuth).context._options.auth;
    expect(auth.email).toBe(b.admin);
    expect(auth.subject).toBeUndefined();
    expect(() => b.sheets('gv.toan@thpt-hbt.edu.vn')).toThrow(/ủy quyền toàn miền/);
  });

  it('with HOSO_GOOGLE_SUBJECT acts as that admin and as any teacher through JWT subjects', async () => {
    process.env.GOOGLE_APPLICATION_CREDENTIALS = keyFile;
    process.env.HOSO_GOOGLE_SUBJECT = 'admin@thpt-hbt.edu.vn';
    const b = await openGoogleBackend();
    expect(b.admin).toBe('admin@thpt-hbt.edu.vn');
    expect((b.drive() as unknown as WithAuth).context._options.auth.subject).toBe('admin@thpt-hbt.edu.vn');
    expect((b.sheets('gv.toan@thpt-hbt.edu.vn') as unknown as WithAuth).context._options.auth.subject).toBe('gv.toan@thpt-hbt.edu.vn');
    expect(b.rootUrl).toBeUndefined();
  });

  it('names the variable and the problem for a bad key file', async () => {
    process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, 'missing.json');
    await expect(openGoogleBackend()).rejects.toThrow(/GOOGLE_APPLICATION_CREDENTIALS.*missing\.json/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ type: 'service_account', client_email: 'x@y' }));
    process.env.GOOGLE_APPLICATION_CREDENTIALS = bad;
    await expect(openGoogleBackend()).rejects.toThrow(/private_key/);
  });
});

describe('OAuth user', () => {
  it('acts only as the token\'s user and names a missing field', async () => {
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const f = join(dir, 'oauth.json');
    writeFileSync(f, JSON.stringify({ type: 'authorized_user', client_id: 'id', client_secret: 'secret', refresh_token: 'rt', email: 'admin@thpt-hbt.edu.vn' }));
    process.env.HOSO_GOOGLE_OAUTH = f;
    const b = await openGoogleBackend();
    expect(b.admin).toBe('admin@thpt-hbt.edu.vn');
    expect(() => b.sheets('gv@thpt-hbt.edu.vn')).toThrow(/không thể hành động thay/);
    writeFileSync(f, JSON.stringify({ client_id: 'id', client_secret: 'secret' }));
    await expect(openGoogleBackend()).rejects.toThrow(/refresh_token/);
  });
});
