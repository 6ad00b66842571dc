/**
 * The HTTP application: the API routes of ./routes, the PWA from dist/, security headers, and one error
 * policy: every failure is an ApiError JSON with a message key, English and Hindi; bad input is a 4xx,
 * never a 500; a real internal error is a 500 `api.internal` with details only in the log.
 */
import { resolve } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { loadAadhaarVault } from './aadhaar/vault';
import { ApiProblem, apiError } from './errors';
import { servePwa } from './pwa';
import { configRoute } from './routes/config';
import { healthRoute } from './routes/health';
import { openApiRoute } from './routes/openapi';
import { type ApiRoute, registerApiRoutes } from './routes/registry';
import { syncGrievancesRoute } from './routes/sync-grievances';
import { addSecurityHeaders } from './security-headers';
import type { Db } from './store/db';
import { createGrievanceStore } from './store/grievances';
import { migrate } from './store/migrations';

export interface AppOptions {
  db: Db;
  /** The built PWA (default ./dist); not served when it has no index.html. */
  distDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** The server's notion of now, for receivedAt and the year in grievance numbers. */
  clock?: () => Date;
}

/** Small on purpose: only the sync route takes big bodies, and it sets its own limit. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Fastify's own request errors, by code, as our message keys. */
const REQUEST_ERRORS: Record<string, [number, 'api.badJson' | 'api.tooLarge' | 'api.mediaType']> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'api.mediaType'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'api.tooLarge'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'api.badJson'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'api.badJson'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'api.badJson'],
};

/** Migrates the database, loads the server keys and builds the app (not yet listening). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  await migrate(db);
  const vault = await loadAadhaarVault(db);
  const grievances = createGrievanceStore(db, { vault, clock: options.clock });

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    forceCloseConnections: true, // a kiosk browser holding a keep-alive socket must not stall shutdown
    // Errors Fastify raises before routing (e.g. a malformed URL) follow the same policy.
    frameworkErrors: (error, request, reply) => {
      request.log.info({ err: error }, 'request rejected before routing');
      void (reply as FastifyReply).code(400).send(apiError('api.invalid'));
    },
  });
  // Fastify parses text/plain by default; the API takes JSON only, so anything else is a 415.
  app.removeContentTypeParser('text/plain');
  addSecurityHeaders(app);

  app.setErrorHandler((error: FastifyError | ApiProblem, request, reply) => {
    if (error instanceof ApiProblem) return reply.code(error.statusCode).send(apiError(error.key, error.fields));
    const known = error.code !== undefined ? REQUEST_ERRORS[error.code] : undefined;
    if (known) return reply.code(known[0]).send(apiError(known[1]));
    // JSON.parse failures (incl. prototype poisoning) come without one of the codes above, as a 400.
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
      return reply.code(error.statusCode).send(apiError(error instanceof SyntaxError || error.statusCode === 400 ? 'api.badJson' : 'api.invalid'));
    request.log.error({ err: error }, 'internal error');
    return reply.code(500).send(apiError('api.internal'));
  });

  const routes: ApiRoute[] = [];
  routes.push(healthRoute(db), configRoute(vault), syncGrievancesRoute(grievances), openApiRoute(() => routes));
  registerApiRoutes(app, routes);
  await servePwa(app, resolve(options.distDir ?? 'dist'));
  return app;
}
