// HTTP routes of the lock work, mounted by the service app under /api (server/api/app.ts looks for `lockRoutes`).
// The caller's identity is `request.user` (set by the auth hook from the bearer token: the email in local mode,
// a verified Google ID token in production) — never a field of the request body.
//
//   GET  /api/locks?year=Y                       lock state (admin)
//   POST /api/locks            {year,term,classId?,force?}   lock a term (admin)
//   POST /api/locks/verify     {year,revert?}                verify / revert (admin)
//   POST /api/locks/unlock     {year,term,classId?,reason}   unlock a whole term (admin, Điều 4.3)
//   GET  /api/petitions?year=Y                   petitions: all (admin) or the caller's own
//   POST /api/petitions        {year,term,classId,subject,students,cells,reason}   file a petition (teacher)
//   GET  /api/petitions/:id?year=Y               one petition (admin or its teacher)
//   POST /api/petitions/:id/approve {year,minutes?,note?}    approve: opens the window (admin, not one's own)
//   POST /api/petitions/:id/reject  {year,note?}             reject (admin, not one's own)
//   POST /api/petitions/:id/close   {year}                   close the window now (admin)
//   GET  /api/audit/verify?year=Y                hash-chain check of the audit log (admin)
//   GET  /api/audit/export?year=Y                "Nhật ký sửa điểm" as xlsx (admin)
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, currentUser, requireRole, type ServiceContext } from '../api/context.ts';
import { LockError, LockService } from './service.ts';
import type { Petition } from '../../src/core/locks/petition.ts';

const YearSchema = z.string().regex(/^\d{4}-\d{4}$/, 'năm học dạng 2025-2026');

function toApiError(err: unknown): never {
  if (err instanceof LockError) {
    const status = { input: 400, forbidden: 403, conflict: 409, 'not-found': 404, failure: 500 }[err.kind];
    const code = { input: 'INVALID_ARGUMENT', forbidden: 'PERMISSION_DENIED', conflict: 'FAILED_PRECONDITION', 'not-found': 'NOT_FOUND', failure: 'INTERNAL' }[err.kind];
    throw new ApiError(status, code, err.message);
  }
  throw err;
}

/** One LockService per year, reopened every minute (classes and assignments may change). */
function serviceCache(ctx: ServiceContext) {
  const cache = new Map<string, { at: number; svc: Promise<LockService> }>();
  return {
    get(year: string): Promise<LockService> {
      const hit = cache.get(year);
      if (hit && Date.now() - hit.at < 60_000) return hit.svc;
      const svc = LockService.open({ backend: ctx.backend, year, dataDir: ctx.dataDir });
      svc.catch(() => cache.delete(year));
      cache.set(year, { at: Date.now(), svc });
      return svc;
    },
    years(): string[] {
      return [...cache.keys()];
    },
    /** The cached instance whatever its age (the timer must not reopen years by itself). */
    peek(year: string): Promise<LockService> | undefined {
      return cache.get(year)?.svc;
    },
  };
}

async function yearOf(ctx: ServiceContext, request: FastifyRequest): Promise<string> {
  const q = (request.query as Record<string, unknown> | undefined)?.year;
  const b = (request.body as Record<string, unknown> | undefined | null)?.year;
  const raw = typeof b === 'string' ? b : typeof q === 'string' ? q : await ctx.school.latestYear();
  const parsed = YearSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'INVALID_ARGUMENT', 'Thiếu hoặc sai năm học (year, dạng 2025-2026).');
  return parsed.data;
}

/** A teacher sees their own petitions; the decision's MAC and nonce stay with the service. */
function forTeacher(p: Petition): Petition {
  if (!p.decision) return p;
  const { mac: _mac, nonce: _nonce, ...rest } = p.decision;
  return { ...p, decision: { ...rest, mac: '', nonce: '' } };
}

const LockBody = z.object({ year: YearSchema.optional(), term: z.enum(['HK1', 'HK2', 'CN']), classId: z.string().min(1).optional(), force: z.boolean().optional() });
const VerifyBody = z.object({ year: YearSchema.optional(), revert: z.boolean().optional(), classId: z.string().optional() });
const UnlockBody = z.object({ year: YearSchema.optional(), term: z.enum(['HK1', 'HK2', 'CN']), classId: z.string().min(1).optional(), reason: z.string().trim().min(5).max(2000) });
const DecideBody = z.object({ year: YearSchema.optional(), minutes: z.number().positive().max(7 * 24 * 60).optional(), note: z.string().max(1000).optional() });

export const lockRoutes: FastifyPluginAsync = async (app: FastifyInstance) => {
  const ctx: ServiceContext = app.service;
  const services = serviceCache(ctx);
  const svcFor = async (request: FastifyRequest) => services.get(await yearOf(ctx, request)).catch(toApiError);

  // Windows close on time even when nobody runs a command: a periodic sweep of the years in use.
  const sweepMs = Number(process.env.HOSO_LOCK_SWEEP_MS ?? 30_000);
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    (async () => {
      // Only years this service has worked on, and only while they may have open windows: an idle service makes
      // no calls (windows approved from the CLI are closed by the next command, or here once the year is used).
      for (const y of services.years()) {
        const svc = await services.peek(y)?.catch(() => undefined);
        if (!svc || svc.openWindowCount === 0) continue;
        await svc.closeExpired().catch((err) => app.log.warn({ err }, 'closeExpired failed'));
      }
    })().finally(() => {
      sweeping = false;
    });
  }, sweepMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  app.get('/locks', { preHandler: requireRole('admin') }, async (request) => {
    const svc = await svcFor(request);
    return { year: svc.year, books: await svc.status().catch(toApiError) };
  });

  app.post('/locks', { preHandler: requireRole('admin') }, async (request, reply) => {
    const body = LockBody.parse(request.body ?? {});
    const svc = await svcFor(request);
    const result = await svc.lock({ term: body.term, classId: body.classId, force: body.force, actor: currentUser(request).email }).catch(toApiError);
    if (!result.ok) reply.code(409);
    return result;
  });

  app.post('/locks/verify', { preHandler: requireRole('admin') }, async (request) => {
    const body = VerifyBody.parse(request.body ?? {});
    const svc = await svcFor(request);
    return svc.verify({ revert: body.revert, classId: body.classId, actor: currentUser(request).email }).catch(toApiError);
  });

  app.post('/locks/unlock', { preHandler: requireRole('admin') }, async (request) => {
    const body = UnlockBody.parse(request.body ?? {});
    const svc = await svcFor(request);
    return svc.unlock({ term: body.term, classId: body.classId, reason: body.reason, actor: currentUser(request).email }).catch(toApiError);
  });

  app.get('/petitions', async (request) => {
    const user = currentUser(request);
    const svc = await svcFor(request);
    const admin = svc.isAdmin(user.email);
    const res = await svc.listPetitions({ teacher: admin ? undefined : user.email }).catch(toApiError);
    return { year: svc.year, petitions: admin ? res.petitions : res.petitions.map(forTeacher), tampered: admin ? res.tampered : [] };
  });

  app.post('/petitions', { preHandler: requireRole('gvbm', 'gvcn') }, async (request, reply) => {
    const user = currentUser(request);
    const svc = await svcFor(request);
    const body = { ...((request.body as Record<string, unknown>) ?? {}), year: svc.year };
    // Identity from authentication only: a "teacher" field in the body is ignored.
    delete (body as Record<string, unknown>).teacher;
    const p = await svc.createPetition(user.email, body).catch(toApiError);
    reply.code(201);
    return forTeacher(p);
  });

  app.get('/petitions/:id', async (request) => {
    const user = currentUser(request);
    const svc = await svcFor(request);
    const p = await svc.getPetition((request.params as { id: string }).id).catch(toApiError);
    if (svc.isAdmin(user.email)) return p;
    if (p.teacher !== user.email.toLowerCase()) throw new ApiError(403, 'PERMISSION_DENIED', 'Đây không phải đơn của bạn.');
    return forTeacher(p);
  });

  const decide = (approve: boolean) => async (request: FastifyRequest) => {
    const body = DecideBody.parse(request.body ?? {});
    const svc = await svcFor(request);
    return svc.decide((request.params as { id: string }).id, currentUser(request).email, approve, { note: body.note, minutes: body.minutes }).catch(toApiError);
  };
  app.post('/petitions/:id/approve', { preHandler: requireRole('admin') }, decide(true));
  app.post('/petitions/:id/reject', { preHandler: requireRole('admin') }, decide(false));

  app.post('/petitions/:id/close', { preHandler: requireRole('admin') }, async (request) => {
    const svc = await svcFor(request);
    return svc.closeWindowNow((request.params as { id: string }).id, currentUser(request).email).catch(toApiError);
  });

  app.get('/audit/verify', { preHandler: requireRole('admin') }, async (request) => {
    const svc = await svcFor(request);
    return svc.auditCheck().catch(toApiError);
  });

  app.get('/audit/export', { preHandler: requireRole('admin') }, async (request, reply) => {
    const svc = await svcFor(request);
    const r = await svc.auditExport().catch(toApiError);
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="nhat-ky-sua-diem-${svc.year}.xlsx"`);
    return reply.send(r.xlsx);
  });
};

export default lockRoutes;
