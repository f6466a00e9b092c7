// Real Google. Credentials, in this order:
//   1. GOOGLE_APPLICATION_CREDENTIALS = path of a service-account key (JSON). The service account owns the files,
//      unless HOSO_GOOGLE_SUBJECT names a Workspace user to impersonate through domain-wide delegation (then that
//      user is the admin/owner). Acting as another user (`backend.sheets('gv@…')`) uses a JWT with that user as
//      subject, which needs domain-wide delegation for the scopes below.
//   2. HOSO_GOOGLE_OAUTH = path of an OAuth user JSON { client_id, client_secret, refresh_token[, email] } (the
//      `authorized_user` file `gcloud auth application-default login` writes). Acts only as that one user.
// The rate limits, retries and call counting of transport.ts apply to every client (see backend.ts).
import { readFileSync } from 'node:fs';
import { google } from 'googleapis';
import { backendFromAuth, transportDeps, type Backend, type BackendOptions } from './backend.ts';

export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/documents',
];

function readJson(path: string, envName: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${envName}: không đọc được tệp "${path}" (${(err as Error).message})`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${envName}: tệp "${path}" không phải JSON hợp lệ`);
  }
}

function str(obj: Record<string, unknown>, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v === '') throw new Error(`${where}: thiếu trường "${key}"`);
  return v;
}

export async function openGoogleBackend(opts: BackendOptions = {}): Promise<Backend> {
  const deps = transportDeps(opts);
  const keyPath = process.env.GOOGLE_APPLICATION_CREDENTIALS;
  if (keyPath) {
    const key = readJson(keyPath, 'GOOGLE_APPLICATION_CREDENTIALS');
    const where = `GOOGLE_APPLICATION_CREDENTIALS (${keyPath})`;
    const email = str(key, 'client_email', where);
    const privateKey = str(key, 'private_key', where);
    const subject = process.env.HOSO_GOOGLE_SUBJECT || undefined;
    const admin = subject ?? email;
    return backendFromAuth({ kind: 'google', admin, close: async () => {} }, deps, (user, transporter) => {
      if (user !== email && !subject) {
        throw new Error(`Không thể hành động thay ${user}: tài khoản dịch vụ cần ủy quyền toàn miền (đặt HOSO_GOOGLE_SUBJECT)`);
      }
      return new google.auth.JWT({
        email,
        key: privateKey,
        scopes: GOOGLE_SCOPES,
        subject: user === email ? undefined : user,
        transporterOptions: transporter as never,
      }) as unknown as InstanceType<typeof google.auth.OAuth2>;
    });
  }
  const oauthPath = process.env.HOSO_GOOGLE_OAUTH;
  if (!oauthPath) throw new Error('Chưa cấu hình tài khoản Google (GOOGLE_APPLICATION_CREDENTIALS hoặc HOSO_GOOGLE_OAUTH)');
  const cred = readJson(oauthPath, 'HOSO_GOOGLE_OAUTH');
  const where = `HOSO_GOOGLE_OAUTH (${oauthPath})`;
  const clientId = str(cred, 'client_id', where);
  const clientSecret = str(cred, 'client_secret', where);
  const refreshToken = str(cred, 'refresh_token', where);
  let admin = typeof cred.email === 'string' ? cred.email : process.env.HOSO_ADMIN;
  const make = (transporter: unknown) => {
    const auth = new google.auth.OAuth2({ clientId, clientSecret, transporterOptions: transporter as never });
    auth.setCredentials({ refresh_token: refreshToken });
    return auth;
  };
  if (!admin) {
    // One Drive call to learn whose token this is.
    const about = await google.drive({ version: 'v3', auth: make({}) }).about.get({ fields: 'user(emailAddress)' });
    admin = about.data.user?.emailAddress ?? undefined;
    if (!admin) throw new Error(`${where}: không xác định được email của tài khoản (thêm trường "email")`);
  }
  const owner = admin;
  return backendFromAuth({ kind: 'google', admin: owner, close: async () => {} }, deps, (user, transporter) => {
    if (user !== owner) throw new Error(`Tài khoản OAuth ${owner} không thể hành động thay ${user} (cần tài khoản dịch vụ có ủy quyền toàn miền)`);
    return make(transporter);
  });
}
