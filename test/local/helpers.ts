// Shared setup for local workspace tests: a real server on a free loopback port and googleapis clients.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { google } from 'googleapis';
import { localAuthClient, startWorkspaceServer, type WorkspaceServer, type WorkspaceServerOptions } from '../../server/local/server.ts';

export const ADMIN = 'admin@thpt-hbt.edu.vn';
export const GV_TOAN = 'gv.toan@thpt-hbt.edu.vn';
export const GV_VAN = 'gv.van@thpt-hbt.edu.vn';
export const OUTSIDER = 'nguoi.la@example.com';

export function tempDir(prefix = 'hoso-ws-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startServer(opts: Partial<WorkspaceServerOptions> = {}): Promise<WorkspaceServer & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tempDir();
  const server = await startWorkspaceServer({ port: 0, dataDir, ...opts });
  return Object.assign(server, { dataDir });
}

function auth(token: string | undefined, rootUrl: string) {
  return localAuthClient(token, rootUrl);
}

/** googleapis clients acting as `user` (retries off so error paths are seen once). */
export function clients(rootUrl: string, user: string | undefined) {
  const a = auth(user, rootUrl);
  const common = { auth: a, rootUrl, retry: false } as const;
  return {
    sheets: google.sheets({ version: 'v4', ...common }),
    drive: google.drive({ version: 'v3', ...common }),
    docs: google.docs({ version: 'v1', ...common }),
  };
}

/** The HTTP status and Google error of a failing call. */
export async function failure(p: Promise<unknown>): Promise<{ status: number; message: string; code: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { status?: number; response?: { status: number; data?: { error?: { message?: string; status?: string } } } };
    return {
      status: e.response?.status ?? e.status ?? 0,
      message: e.response?.data?.error?.message ?? '',
      code: e.response?.data?.error?.status ?? '',
    };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
