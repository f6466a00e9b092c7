// The unlock petition (Đơn đề nghị mở khóa, quy chế Điều 10.2) as data and as a state machine.
// Pure: the service stores petitions, signs decisions and opens the protected-range windows.
import { z } from 'zod';
import { canonicalJson } from './canonical.ts';

export const TERMS = ['HK1', 'HK2', 'CN'] as const;
export type Term = (typeof TERMS)[number];

/** A cell value as the Sheets API returns it (FORMULA render) or null for a blank. */
export const CellValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof CellValueSchema>;

export const PetitionCellSchema = z.object({
  spreadsheetId: z.string().min(1),
  /** One cell in A1 with its sheet: `'Toán'!E7`. */
  range: z.string().min(1),
  /** Student id (Mã HS) and column label, for the biên bản; optional because the service fills them in. */
  studentId: z.string().optional(),
  studentName: z.string().optional(),
  column: z.string().optional(),
  /** The locked value; may be left out in a request (the service fills it from the snapshot). */
  old: CellValueSchema.optional(),
  new: CellValueSchema,
});
export type PetitionCell = Omit<z.infer<typeof PetitionCellSchema>, 'old'> & { old: CellValue };

/** What a teacher files. The teacher's identity is NOT part of it: it comes from authentication. */
export const PetitionRequestSchema = z.object({
  year: z.string().regex(/^\d{4}-\d{4}$/, 'năm học dạng 2025-2026'),
  term: z.enum(TERMS),
  classId: z.string().min(1),
  subject: z.string().min(1),
  students: z.array(z.string().min(1)).default([]),
  cells: z.array(PetitionCellSchema).min(1, 'đơn phải nêu ít nhất một ô cần sửa').max(200),
  reason: z.string().trim().min(5, 'lý do phải rõ ràng (ít nhất 5 ký tự)').max(2000),
});
export type PetitionRequest = z.infer<typeof PetitionRequestSchema>;

export type PetitionStatus = 'submitted' | 'rejected' | 'open' | 'closed';

export const STATUS_LABEL: Record<PetitionStatus, string> = {
  submitted: 'Chờ duyệt',
  rejected: 'Từ chối',
  open: 'Đã duyệt — đang mở sửa',
  closed: 'Đã đóng',
};

export interface Decision {
  petitionId: string;
  approved: boolean;
  by: string;
  at: string;
  note: string;
  /** ISO time the window closes (approved only). */
  expiresAt?: string;
  /** Single-use random value: a decision opens at most one window. */
  nonce: string;
  /** HMAC-SHA256 (hex) of decisionPayload() under the service secret. */
  mac: string;
}

export interface Petition extends Omit<PetitionRequest, 'cells'> {
  cells: PetitionCell[];
  id: string;
  teacher: string;
  createdAt: string;
  status: PetitionStatus;
  decision?: Decision;
  window?: { openedAt: string; expiresAt: string; closedAt?: string; closeReason?: CloseReason };
  /** What the window ended with, per cell (value read when it closed). */
  outcome?: Array<{ range: string; spreadsheetId: string; value: CellValue; accepted: boolean }>;
  /** Drive id of the Biên bản điều chỉnh điểm. */
  bienBanFileId?: string;
}

export type CloseReason = 'expired' | 'relock' | 'manual';

/** The exact bytes a decision's MAC covers: petition, teacher, cells with old→new values, expiry, nonce. */
export function decisionPayload(p: Pick<Petition, 'id' | 'teacher' | 'cells'>, d: Omit<Decision, 'mac'>): string {
  return canonicalJson({
    petitionId: p.id,
    teacher: p.teacher,
    cells: p.cells.map((c) => ({ spreadsheetId: c.spreadsheetId, range: c.range, old: c.old, new: c.new })),
    approved: d.approved,
    by: d.by,
    at: d.at,
    expiresAt: d.expiresAt ?? null,
    nonce: d.nonce,
    decisionFor: d.petitionId,
  });
}

export class PetitionError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid' | 'forbidden' | 'conflict' | 'not-found' = 'invalid',
  ) {
    super(message);
  }
}

/** Who may decide: an admin who is not the petitioner (a principal who also teaches cannot approve their own). */
export function assertMayDecide(p: Petition, decider: { email: string; isAdmin: boolean }): void {
  if (!decider.isAdmin) throw new PetitionError('Chỉ Hiệu trưởng/Ban quản trị được duyệt đơn mở khóa.', 'forbidden');
  if (decider.email.toLowerCase() === p.teacher.toLowerCase()) {
    throw new PetitionError('Không ai được tự duyệt đơn của chính mình (Điều 10.2: đơn trình cấp có thẩm quyền).', 'forbidden');
  }
  if (p.status !== 'submitted') {
    throw new PetitionError(`Đơn ${p.id} đã ở trạng thái "${STATUS_LABEL[p.status]}", không thể duyệt lại.`, 'conflict');
  }
}

/** Windows that must close now. */
export function isExpired(p: Petition, now: Date): boolean {
  return p.status === 'open' && !!p.window && Date.parse(p.window.expiresAt) <= now.getTime();
}

/** Window length limits (minutes): long enough to type a fix, short enough to stay a window. */
export const WINDOW_MINUTES = { default: 60, min: 1, max: 7 * 24 * 60 } as const;

export function clampWindowMinutes(m: number | undefined): number {
  if (m === undefined || !Number.isFinite(m)) return WINDOW_MINUTES.default;
  return Math.min(WINDOW_MINUTES.max, Math.max(WINDOW_MINUTES.min, Math.round(m)));
}

/** Same cell value, with numbers compared exactly and blank = "" = null. */
export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const na = a === undefined || a === '' ? null : a;
  const nb = b === undefined || b === '' ? null : b;
  return na === nb;
}
