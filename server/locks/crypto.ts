// Hashes and MACs of the lock work (node:crypto). The service secret signs decisions on unlock petitions; it is
// kept out of every place a teacher can read: env HOSO_SECRET, or a 0600 file next to the service's data.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

export function macMatches(secret: string, text: string, mac: string): boolean {
  const want = Buffer.from(hmacHex(secret, text), 'hex');
  const got = Buffer.from(/^[0-9a-f]{64}$/.test(mac) ? mac : '', 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

export interface SecretOptions {
  /** The service's data folder (--data DIR); the secret file lives there unless HOSO_SECRET(_FILE) is set. */
  dataDir?: string;
}

/**
 * The service secret: HOSO_SECRET, else the file HOSO_SECRET_FILE, else `<dataDir>/.hoso-secret` created on first
 * use (mode 0600). Google mode without a data folder must set HOSO_SECRET.
 */
export function loadSecret(opts: SecretOptions = {}): string {
  const env = process.env.HOSO_SECRET;
  if (env) {
    if (env.length < 16) throw new Error('HOSO_SECRET phải dài ít nhất 16 ký tự.');
    return env;
  }
  const dir = opts.dataDir ?? process.env.HOSO_DATA;
  const file = process.env.HOSO_SECRET_FILE ?? (dir ? path.join(dir, '.hoso-secret') : undefined);
  if (!file) throw new Error('Chưa có khóa bí mật của dịch vụ: đặt biến môi trường HOSO_SECRET.');
  if (existsSync(file)) {
    const s = readFileSync(file, 'utf8').trim();
    if (s.length >= 16) return s;
    throw new Error(`Tệp khóa bí mật ${file} không hợp lệ (quá ngắn).`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const s = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, s + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // another process created it first: use theirs
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw err;
  }
  return s;
}
