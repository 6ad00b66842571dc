/**
 * GET /api/health: ok once the database answers (the app is built only after migrations ran), degraded
 * (503, with the reason) while free disk space is too low to take new data (../disk-space.ts).
 */
import * as z from 'zod/mini';
import { ApiError, Health } from '../../src/domain/schemas';
import type { DiskWatch } from '../disk-space';
import { ApiProblem } from '../errors';
import type { Db } from '../store/db';
import type { ApiRoute } from './registry';

export const healthRoute = (db: Db, disk?: DiskWatch): ApiRoute => ({
  method: 'GET',
  url: '/api/health',
  summary: 'Whether the server can take work: `ok`, or `degraded` with the reasons (free disk space below MIN_FREE_MB), then with 503',
  response: Health,
  errors: { 503: '`api.busy` (an ApiError: the database does not answer), or `{ "status": "degraded", "reasons": [...] }`' },
  errorBody: z.union([ApiError, Health]),
  async handler(_request, reply) {
    try {
      await db.query('SELECT 1');
    } catch {
      throw new ApiProblem(503, 'api.busy');
    }
    const space = await disk?.check();
    if (space && !space.ok) {
      reply.code(503);
      return { status: 'degraded', reasons: space.low.map((l) => ({ code: 'disk.low', where: l.name, freeMb: l.freeMb, minFreeMb: l.minFreeMb })) };
    }
    return { status: 'ok' };
  },
});
