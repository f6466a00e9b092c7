// GET /api/me — who the service thinks the caller is (the add-on's admin sidebar uses it to show its tabs).
import type { FastifyPluginAsync } from 'fastify';
import { currentUser } from '../context.ts';

export const whoamiRoutes: FastifyPluginAsync = async (api) => {
  api.get('/me', async (request) => ({ user: currentUser(request), mode: api.service.mode }));
};
