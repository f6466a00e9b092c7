// Google ID tokens for tests: signed with a locally generated RSA key; google-auth-library's own verifier is fed
// that key instead of fetching Google's certificates (no network). Everything else of the verification is real.
import { generateKeyPairSync, createSign, type KeyObject } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';

type FederatedSignonCertsResponse = Awaited<ReturnType<OAuth2Client['getFederatedSignonCertsAsync']>>;

export const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'test-key-1';
export const AUD = '1234-addon.apps.googleusercontent.com';

export class LocalCertsClient extends OAuth2Client {
  override async getFederatedSignonCertsAsync(): Promise<FederatedSignonCertsResponse> {
    return { certs: { [KID]: publicKey.export({ type: 'spki', format: 'pem' }).toString() } } as unknown as FederatedSignonCertsResponse;
  }
}

function b64url(v: object | Buffer): string {
  return (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');
}

export function idToken(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const body = { iss: 'https://accounts.google.com', aud: AUD, iat: now, exp: now + 600, sub: '42', email_verified: true, ...claims };
  const signed = `${b64url({ alg: 'RS256', kid: KID, typ: 'JWT' })}.${b64url(body)}`;
  const sig = createSign('RSA-SHA256').update(signed).sign(key);
  return `${signed}.${b64url(sig)}`;
}
