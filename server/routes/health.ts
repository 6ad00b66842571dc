/** GET /api/health: ok once the database answers (the app is built only after migrations ran). */
import { Health } from '../../src/domain/schemas';
import { ApiProblem } from '../errors';
import type { Db } from '../store/db';
import type { ApiRoute } from './registry';

export const healthRoute = (db: Db): ApiRoute => ({
  method: 'GET',
  url: '/api/health',
  summary: 'Whether the server can take work',
  response: Health,
  async handler() {
    try {
      await db.query('SELECT 1');
    } catch {
      throw new ApiProblem(503, 'api.busy');
    }
    return { status: 'ok' };
  },
});
