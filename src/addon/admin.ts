// Server side of the "Quản trị" sidebar: everything goes to the service's HTTP API (the whole-school work lives
// there: Apps Script's 6-minute limit and per-user quotas rule it out here). The service checks the admin role.
import type { AdminData } from './api-types.ts';
import { callService, serviceUrl, SERVICE_PATHS, ServiceError } from './service.ts';
import { currentEmail } from './spreadsheet.ts';

function attempt<T>(errors: string[], what: string, body: () => T): T | null {
  try {
    return body();
  } catch (err) {
    if (err instanceof ServiceError && err.status === 404) errors.push(`${what}: máy chủ chưa có chức năng này.`);
    else errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

export function adminLoad(): AdminData {
  const errors: string[] = [];
  const url = serviceUrl();
  if (!url) {
    return { email: currentEmail(), serviceUrl: null, status: null, petitions: null, locks: null,
      errors: ['Chưa cấu hình địa chỉ máy chủ nhà trường: đặt thuộc tính HOSO_SERVICE_URL trong Cài đặt dự án Apps Script.'] };
  }
  const status = attempt(errors, 'Tình trạng lớp', () => callService('get', SERVICE_PATHS.status));
  const locks = attempt(errors, 'Khóa sổ', () => callService('get', SERVICE_PATHS.locks));
  const petitions = attempt(errors, 'Đơn mở khóa', () => callService('get', SERVICE_PATHS.petitions));
  return { email: currentEmail(), serviceUrl: url, status, petitions, locks, errors };
}

const YEAR = /^\d{4}-\d{4}$/;

/** The school year to act on: the one the sidebar shows, else the service's latest year (from /api/status). */
function yearOrLatest(year: unknown): string {
  if (typeof year === 'string' && YEAR.test(year)) return year;
  const status = callService<{ year?: string }>('get', SERVICE_PATHS.status);
  if (!status?.year) throw new Error('Máy chủ chưa có năm học nào.');
  return status.year;
}

export function adminConsolidate(year?: string): unknown {
  return callService('post', SERVICE_PATHS.consolidate, { year: yearOrLatest(year) });
}

export function adminReport(kind: string, year?: string): unknown {
  const query = { year: typeof year === 'string' && YEAR.test(year) ? year : undefined };
  if (kind === 'completion') return callService('get', SERVICE_PATHS.completion, undefined, query);
  if (kind === 'summary') return callService('get', SERVICE_PATHS.summary, undefined, query);
  throw new Error(`Không có báo cáo "${String(kind)}".`);
}

export function adminDecidePetition(id: string, decision: string, note: string, year?: string): unknown {
  if (typeof id !== 'string' || !id) throw new Error('Thiếu mã đơn.');
  if (decision !== 'approve' && decision !== 'reject') throw new Error('Quyết định phải là duyệt hoặc từ chối.');
  return callService('post', SERVICE_PATHS.petitionDecision(id, decision), { note: typeof note === 'string' ? note.slice(0, 1000) : '', ...(typeof year === 'string' && YEAR.test(year) ? { year } : {}) });
}

/** Closes an approved petition's editing window now (the service re-locks the cells and records the outcome). */
export function adminClosePetition(id: string, year?: string): unknown {
  if (typeof id !== 'string' || !id) throw new Error('Thiếu mã đơn.');
  return callService('post', SERVICE_PATHS.petitionClose(id), typeof year === 'string' && YEAR.test(year) ? { year } : {});
}
