// Test helpers: a local workspace on a free port and a backend acting on it through googleapis.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkspaceServer, type WorkspaceServer } from '../../server/local/server.ts';
import { openBackend, type Backend } from '../../server/google/backend.ts';

export interface Env {
  server: WorkspaceServer;
  backend: Backend;
  dir: string;
  stats(): Promise<{ total: number; byMethod: Record<string, number>; byUser: Record<string, number> }>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

export async function startEnv(): Promise<Env> {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-prov-'));
  const server = await startWorkspaceServer({ port: 0, dataDir: join(dir, 'ws') });
  const backend = await openBackend({ workspaceUrl: server.url }, () => {});
  return {
    server,
    backend,
    dir,
    stats: async () => (await fetch(server.url + '_local/stats')).json() as never,
    resetStats: async () => void (await fetch(server.url + '_local/stats/reset', { method: 'POST' })),
    close: async () => {
      await backend.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SUBJECTS_10 = ['VAN', 'TOAN', 'NN', 'SU', 'GDTC', 'GDQP', 'HDTN', 'GDDP', 'LY', 'HOA', 'SINH', 'TIN'];
export const teacherOf = (cls: string, code: string) => `gv.${code.toLowerCase()}.${cls.toLowerCase()}@thpt-hbt.edu.vn`;
export const homeroomOf = (cls: string) => `gvcn.${cls.toLowerCase()}@thpt-hbt.edu.vn`;

export function rosterCsv(classes: Record<string, number>, extra: string[] = []): string {
  const fam = ['Nguyễn Văn', 'Trần Thị', 'Lê Minh', 'Phạm Thu', 'Hoàng Đức', 'Vũ Ngọc', 'Đặng Quốc', 'Bùi Thị'];
  const given = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Khoa', 'Lan', 'Minh', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Trang', 'Vy'];
  const lines = ['Mã HS,Lớp,Họ đệm,Tên,Ngày sinh,Giới tính,Dân tộc,Nơi sinh'];
  for (const [cls, n] of Object.entries(classes)) {
    for (let i = 1; i <= n; i++) {
      lines.push(`${cls}-${String(i).padStart(3, '0')},${cls},${fam[i % fam.length]},${given[(i * 5) % given.length]},${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2010,${i % 2 ? 'Nữ' : 'Nam'},Kinh,Đắk Lắk`);
    }
  }
  return [...lines, ...extra].join('\n') + '\n';
}

export function assignmentsCsv(classes: string[], codes = SUBJECTS_10): string {
  const lines = ['Lớp,Môn,Vai trò,Email,Họ tên giáo viên'];
  for (const cls of classes) {
    lines.push(`${cls},,GVCN,${homeroomOf(cls)},Giáo viên chủ nhiệm ${cls}`);
    for (const code of codes) lines.push(`${cls},${code},GVBM,${teacherOf(cls, code)},Giáo viên ${code} ${cls}`);
  }
  return lines.join('\n') + '\n';
}

export function writeTmp(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
