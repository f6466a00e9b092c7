// Where the service's Google calls go: real Google (credentials configured), a running local workspace
// (--workspace URL), or the embedded local workspace on a loopback port (the default).
// Everything else in server/ talks to Google only through the googleapis clients this returns.
import { google, type sheets_v4, type drive_v3, type docs_v1 } from 'googleapis';
import { OAuth2Client } from 'google-auth-library';

export type BackendKind = 'embedded' | 'remote' | 'google';

export interface BackendOptions {
  /** --data DIR: state folder of the embedded local workspace. */
  dataDir?: string;
  /** --workspace URL: a running `hoso workspace` server. */
  workspaceUrl?: string;
}

export interface Backend {
  kind: BackendKind;
  /** Base URL of the local workspace (embedded or remote); undefined for Google. */
  rootUrl?: string;
  /** The admin (service) account that owns every file. */
  admin: string;
  /** Clients acting as `user` (default: the admin). Locally the bearer token is the email. */
  sheets(user?: string): sheets_v4.Sheets;
  drive(user?: string): drive_v3.Drive;
  docs(user?: string): docs_v1.Docs;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = '.hoso/workspace';
export const DEFAULT_LOCAL_ADMIN = 'admin@thpt-hbt.edu.vn';

function localAuth(email: string): OAuth2Client {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: email });
  return auth;
}

function localBackend(kind: 'embedded' | 'remote', rootUrl: string, close: () => Promise<void>): Backend {
  const admin = process.env.HOSO_ADMIN ?? DEFAULT_LOCAL_ADMIN;
  const root = rootUrl.endsWith('/') ? rootUrl : rootUrl + '/';
  return {
    kind,
    rootUrl: root,
    admin,
    sheets: (user = admin) => google.sheets({ version: 'v4', auth: localAuth(user), rootUrl: root }),
    drive: (user = admin) => google.drive({ version: 'v3', auth: localAuth(user), rootUrl: root }),
    docs: (user = admin) => google.docs({ version: 'v1', auth: localAuth(user), rootUrl: root }),
    close,
  };
}

/** Opens the backend named by the options and the environment, and says on stderr which one it is. */
export async function openBackend(opts: BackendOptions = {}, say: (m: string) => void = (m) => process.stderr.write(m + '\n')): Promise<Backend> {
  if (opts.workspaceUrl) {
    say(`Dùng local workspace tại ${opts.workspaceUrl}`);
    return localBackend('remote', opts.workspaceUrl, async () => {});
  }
  if (process.env.GOOGLE_APPLICATION_CREDENTIALS || process.env.HOSO_GOOGLE_OAUTH) {
    const { openGoogleBackend } = await import('./google-backend.ts');
    say('Dùng Google Workspace thật');
    return openGoogleBackend();
  }
  const dataDir = opts.dataDir ?? process.env.HOSO_DATA ?? DEFAULT_DATA_DIR;
  const { startWorkspaceServer } = await import('../local/server.ts');
  const server = await startWorkspaceServer({ port: 0, dataDir });
  say(`Dùng local workspace nhúng (dữ liệu: ${dataDir})`);
  return localBackend('embedded', server.url, () => server.close());
}
