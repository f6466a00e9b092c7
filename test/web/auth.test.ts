// Auth of the service API: local bearer emails, Google ID tokens (real google-auth-library verification with a
// locally generated signing key standing in for Google's published certificates), roles → 401/403 JSON.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AUD, idToken, LocalCertsClient } from './idtoken.ts';
import { googleTokenVerifier, localTokenVerifier } from '../../server/api/auth.ts';
import { rolesFromYear } from '../../server/api/roles.ts';
import type { Backend } from '../../server/google/backend.ts';

describe('Google ID token verification', () => {
  const verify = googleTokenVerifier({ audience: AUD, client: new LocalCertsClient() });

  it('accepts a valid token and returns its email', async () => {
    await expect(verify(idToken({ email: 'Hieu.Truong@thpt-hbt.edu.vn' }))).resolves.toBe('hieu.truong@thpt-hbt.edu.vn');
  });
  it('refuses another audience, an expired token, a foreign signature, an unverified email', async () => {
    await expect(verify(idToken({ email: 'a@b.vn', aud: 'other-client' }))).rejects.toMatchObject({ statusCode: 401 });
    const past = Math.floor(Date.now() / 1000) - 7200;
    await expect(verify(idToken({ email: 'a@b.vn', iat: past, exp: past + 600 }))).rejects.toMatchObject({ statusCode: 401 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await expect(verify(idToken({ email: 'a@b.vn' }, other))).rejects.toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await expect(verify(idToken({ email: 'a@b.vn', email_verified: false }))).rejects.toMatchObject({ statusCode: 401 });
    await expect(verify('not-a-jwt')).rejects.toMatchObject({ statusCode: 401 });
  });
  it('restricts to the school domain when configured', async () => {
    const v = googleTokenVerifier({ audience: AUD, hostedDomains: ['thpt-hbt.edu.vn'], client: new LocalCertsClient() });
    await expect(v(idToken({ email: 'x@gmail.com' }))).rejects.toMatchObject({ statusCode: 401 });
    await expect(v(idToken({ email: 'gv@thpt-hbt.edu.vn', hd: 'thpt-hbt.edu.vn' }))).resolves.toBe('gv@thpt-hbt.edu.vn');
  });
  it('needs an audience', () => {
    expect(() => googleTokenVerifier({ audience: [] })).toThrow(/audience/);
  });
});

describe('local bearer-email convention', () => {
  const verify = localTokenVerifier();
  it('takes the token as the email', async () => {
    await expect(verify('GV.Toan@thpt-hbt.edu.vn')).resolves.toBe('gv.toan@thpt-hbt.edu.vn');
    await expect(verify('nobody')).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe('roles from the control data', () => {
  const backend = { admin: 'admin@thpt-hbt.edu.vn' } as Backend;
  const year = {
    year: '2025-2026', controlSpreadsheetId: 'c', admins: ['hieutruong@thpt-hbt.edu.vn'],
    classes: [{ id: '10A1', name: '10A1', grade: 10, spreadsheetId: 's1', homeroomTeacher: 'GVCN@thpt-hbt.edu.vn' }],
    assignments: [{ classId: '10A1', subject: 'TOAN', teacher: 'gvcn@thpt-hbt.edu.vn' }, { classId: '10A1', subject: 'VAN', teacher: 'van@thpt-hbt.edu.vn' }],
  };
  it('admin, GVCN + GVBM, GVBM only, nobody', () => {
    expect(rolesFromYear('admin@thpt-hbt.edu.vn', backend, year, '2025-2026').roles).toEqual(['admin']);
    expect(rolesFromYear('hieutruong@thpt-hbt.edu.vn', backend, year).roles).toEqual(['admin']);
    const gvcn = rolesFromYear('gvcn@thpt-hbt.edu.vn', backend, year);
    expect(gvcn.roles).toEqual(['gvcn', 'gvbm']);
    expect(gvcn.homeroomClasses).toEqual(['10A1']);
    expect(rolesFromYear('van@thpt-hbt.edu.vn', backend, year).assignments).toEqual([{ classId: '10A1', subject: 'VAN' }]);
    expect(rolesFromYear('x@y.vn', backend, year).roles).toEqual([]);
  });
});
