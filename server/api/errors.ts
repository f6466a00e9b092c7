// One JSON error shape for the whole API: { "error": { "code", "message" } }, messages in Vietnamese.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { ApiError } from './context.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Status code carried by a googleapis (gaxios) error, if any. */
function upstreamStatus(err: unknown): number | undefined {
  const e = err as { status?: unknown; response?: { status?: unknown } };
  const s = typeof e?.response?.status === 'number' ? e.response.status : typeof e?.status === 'number' ? e.status : undefined;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
}

export function zodMessage(err: ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') : '(gốc)'}: ${i.message}`).join('; ');
}

export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof ApiError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: err.statusCode, body };
  }
  if (err instanceof ZodError) {
    return {
      status: 400,
      body: { error: { code: 'INVALID_ARGUMENT', message: `Dữ liệu gửi lên không hợp lệ — ${zodMessage(err)}`, details: err.issues } },
    };
  }
  const fe = err as FastifyError;
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, body: { error: { code: 'INVALID_ARGUMENT', message: 'Chỉ nhận dữ liệu JSON (Content-Type: application/json).' } } };
  }
  if (fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe as { type?: string })?.type === 'entity.parse.failed' || fe instanceof SyntaxError) {
    return { status: 400, body: { error: { code: 'INVALID_ARGUMENT', message: 'Nội dung gửi lên không phải JSON hợp lệ.' } } };
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: { code: 'INVALID_ARGUMENT', message: `Yêu cầu không hợp lệ: ${fe.message}` } } };
  }
  const up = upstreamStatus(err);
  if (up === 404) return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Không tìm thấy tệp trên Google Drive/Sheets.' } } };
  if (up === 403) return { status: 502, body: { error: { code: 'UPSTREAM_PERMISSION_DENIED', message: 'Google từ chối quyền truy cập của tài khoản dịch vụ.' } } };
  if (up === 429) return { status: 503, body: { error: { code: 'RESOURCE_EXHAUSTED', message: 'Google đang giới hạn số lượt gọi; hãy thử lại sau ít phút.' } } };
  if (up !== undefined && up >= 500) return { status: 502, body: { error: { code: 'UPSTREAM_UNAVAILABLE', message: 'Google tạm thời không phản hồi; hãy thử lại.' } } };
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Lỗi máy chủ. Chi tiết đã được ghi vào nhật ký dịch vụ.' } } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) request.log.error({ err }, 'API error');
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  });
}
