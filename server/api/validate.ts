// zod schemas for API inputs, with Vietnamese messages.
import { z } from 'zod';
import { badRequest } from './context.ts';
import { zodMessage } from './errors.ts';

const VI = z.locales.vi();

export const YEAR_RE = /^(\d{4})-(\d{4})$/;

export const yearSchema = z
  .string({ error: 'cần năm học dạng 2025-2026' })
  .regex(YEAR_RE, { error: 'năm học phải có dạng 2025-2026' })
  .refine((y) => Number(y.slice(5)) === Number(y.slice(0, 4)) + 1, { error: 'năm sau phải lớn hơn năm trước đúng 1 (vd. 2025-2026)' });

export const yearQuery = z.object({ year: yearSchema.optional() });
export const yearBody = z.object({ year: yearSchema }).strict();

/** Parses `input` or throws a 400 ApiError naming every bad field (query/body JSON path). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: 'query' | 'body' | 'params'): z.infer<T> {
  const r = schema.safeParse(input ?? {}, { error: VI.localeError });
  if (!r.success) {
    const prefixed = new z.ZodError(r.error.issues.map((i) => ({ ...i, path: [where, ...i.path] })));
    throw badRequest(`Dữ liệu gửi lên không hợp lệ — ${zodMessage(prefixed)}`, prefixed.issues);
  }
  return r.data;
}
