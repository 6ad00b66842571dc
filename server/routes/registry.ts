/**
 * The API's route registry: one list of route definitions both registers the routes with Fastify and
 * generates the OpenAPI document, so a route cannot exist without being documented. Schemas are the
 * shared zod schemas of src/domain, turned into JSON Schema with `z.toJSONSchema`. Who may call a route
 * (`auth`) is part of its definition too: the guard enforces it and the document states it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onResponseHookHandler } from 'fastify';
import * as z from 'zod/mini';
import type { Role } from '../../src/domain/accounts';
import { ApiError } from '../../src/domain/schemas';
import { ApiProblem } from '../errors';
import { Readable } from 'node:stream';

/** The largest body kept raw when a route sets no bodyLimit of its own. */
const DEFAULT_RAW_LIMIT = 64 * 1024;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: `/api/${string}` | `/open311/${string}`;
  summary: string;
  /** The request body as documented (the handler parses it with the shared schemas). */
  body?: z.ZodMiniType;
  /** The body comes form-encoded (application/x-www-form-urlencoded, e.g. Open311) instead of JSON; the handler gets an object of strings. */
  formBody?: boolean;
  /** Callers identify with an `api_key` parameter (Open311 integrating systems) instead of a token. */
  apiKey?: boolean;
  /** The body may be left out altogether. */
  bodyOptional?: boolean;
  /** Path parameters (`:name` in `url`) and query parameters as documented (the handler parses them with these schemas). */
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  /** Request headers the route reads, as documented. */
  headers?: Record<string, { description: string; required?: boolean; example?: string }>;
  /** A raw (not JSON) request body of these media types: the handler gets a Buffer. */
  rawBody?: { types: readonly string[]; description: string };
  /** A raw (not JSON) 200 answer, e.g. a file: its media types. `response` then documents nothing. */
  rawResponse?: { types: readonly string[]; description: string };
  /** The 200 response. */
  response: z.ZodMiniType;
  /** This route's own request body limit in bytes (the app-wide one is small). */
  bodyLimit?: number;
  /**
   * Who may call it. Absent: anyone, no token. Otherwise a valid access token of one of `roles`;
   * `inactive` also lets an expired token, a revoked session or a disabled account through (sign-out).
   */
  auth?: { roles: readonly Role[]; inactive?: boolean };
  /** 'signIn': the strict per-address sign-in limit instead of the general one. */
  rateLimit?: 'signIn';
  /** Requests this route handles at once; more are answered 503 with Retry-After, never queued. */
  maxInFlight?: number;
  /** The body of this route's own `errors` when it is not an ApiError (Open311's `[{ code, description }]`); with rawResponse, they come in its media types. */
  errorBody?: z.ZodMiniType;
  /**
   * Whether the route stores data (default: every POST and PUT). While free disk space is below
   * MIN_FREE_MB such routes are answered 503 `api.diskFull` with Retry-After (server/disk-space.ts).
   */
  stores?: boolean;
  /** Further documented failures of this route, by status code (e.g. 409: why an action is refused). */
  errors?: Partial<Record<400 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503, string>>;
  /** Keeps the exact bytes of a JSON body as `request.rawBody` before it is parsed (a webhook's signature is over them). */
  keepRawBody?: boolean;
  /** Returns the 200 body; throws ApiProblem for an expected failure. */
  handler(request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}

/** Whether `route` stores data (see ApiRoute.stores). */
export const storesData = (route: Pick<ApiRoute, 'method' | 'stores'>): boolean => route.stores ?? route.method !== 'GET';

/** What the app puts in front of each route: authentication, rate limits, load shedding (server/auth/guard.ts). */
export interface RouteGuard {
  hooks(route: ApiRoute): { onRequest: onRequestHookHandler[]; onResponse: onResponseHookHandler[] };
}

export function registerApiRoutes(app: FastifyInstance, routes: readonly ApiRoute[], guard?: RouteGuard): void {
  const raw = routes.filter((r) => r.rawBody);
  if (raw.length > 0) {
    // Raw bodies only where a route asks for them: on any other route these media types stay a 415.
    const rawRoutes = new Set(raw.map((r) => `${r.method} ${r.url}`));
    app.addContentTypeParser([...new Set(raw.flatMap((r) => r.rawBody!.types))], { parseAs: 'buffer' }, (request, body, done) => {
      if (rawRoutes.has(`${request.method} ${request.routeOptions.url}`)) done(null, body);
      else done(new ApiProblem(415, 'api.mediaType'), undefined);
    });
  }
  const form = routes.filter((r) => r.formBody);
  if (form.length > 0) {
    const formRoutes = new Set(form.map((r) => `${r.method} ${r.url}`));
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
      if (!formRoutes.has(`${request.method} ${request.routeOptions.url}`)) return done(new ApiProblem(415, 'api.mediaType'), undefined);
      // Repeated fields keep the first value; values are strings, checked by the route's schema.
      const out: Record<string, string> = Object.create(null);
      for (const [k, v] of new URLSearchParams(body as string)) if (!(k in out)) out[k] = v;
      done(null, out);
    });
  }
  for (const r of routes) {
    const hooks = guard?.hooks(r) ?? { onRequest: [], onResponse: [] };
    app.route({
      method: r.method, url: r.url, bodyLimit: r.bodyLimit, ...hooks, handler: (request, reply) => r.handler(request, reply),
      ...(r.keepRawBody && {
        preParsing: async (request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) => {
          const chunks: Buffer[] = [];
          let size = 0;
          for await (const c of payload) {
            size += (c as Buffer).length;
            if (size > (r.bodyLimit ?? DEFAULT_RAW_LIMIT)) throw new ApiProblem(413, 'api.tooLarge');
            chunks.push(c as Buffer);
          }
          const raw = Buffer.concat(chunks);
          (request as FastifyRequest & { rawBody?: Buffer }).rawBody = raw;
          return Readable.from([raw]);
        },
      }),
    });
  }
}

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};
const json = (schema: object) => ({ 'application/json': { schema } });
const errorRef = { $ref: '#/components/schemas/ApiError' };
const binary = (types: readonly string[]) => Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]));
const error = (description: string) => ({ description, content: json(errorRef) });
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };
/** `/api/grievances/:number` as OpenAPI writes it: `/api/grievances/{number}`. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');
const parameters = (where: 'path' | 'query', schema: z.ZodMiniObject | undefined) => {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: where, required: where === 'path' || !!js.required?.includes(name), schema: s }));
};

/** OpenAPI 3.1 (whose schemas are JSON Schema 2020-12, what z.toJSONSchema emits) for `routes`. */
export function openApiDocument(routes: readonly ApiRoute[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const errors: Record<string, unknown> = {
      ...((r.params || r.query) && { 400: error('A path or query parameter does not match its schema (see `fields`)') }),
      ...(r.body && {
        400: error('Malformed JSON, or the body does not match the schema (see `fields`)'),
        413: error('Body larger than the limit'),
        415: error('Content-Type is not application/json'),
      }),
      ...(r.auth && {
        401: error('No valid access token: `auth.required`, `auth.expired` (refresh, then retry), `auth.invalid` or `auth.disabled` (sign in again)'),
        403: error('The account\'s role may not use this route (`auth.forbidden`)'),
      }),
      ...(r.errors && Object.fromEntries(Object.entries(r.errors).map(([code, description]) => [code, !r.errorBody ? error(description)
        : { description, content: r.rawResponse ? binary(r.rawResponse.types) : json(jsonSchema(r.errorBody, 'output')) }]))),
      ...(r.headers?.['if-none-match'] && { 304: { description: 'Not modified: the version named in If-None-Match is the current one (no body)' } }),
      ...(r.url === '/api/auth/login' && { 401: error('`auth.credentials` (wrong operator ID or password) or `auth.disabled`') }),
      ...(r.url === '/api/auth/refresh' && { 401: error('The refresh token is no longer valid (`auth.invalid`, `auth.expired`, `auth.disabled`): sign in again') }),
      429: { ...error(`Too many requests (\`api.rateLimited\`, \`auth.tooManyAttempts\`)${r.errors?.[429] ? `; ${r.errors[429]}` : ''}`), headers: retryAfter },
      ...((r.maxInFlight || storesData(r)) && {
        503: { ...error([r.maxInFlight && 'The server is busy (`api.busy`)', storesData(r) && 'free disk space is low (`api.diskFull`)'].filter(Boolean).join(', or ') + '; try again after Retry-After'), headers: retryAfter },
      }),
      ...(r.errors?.[503] && { 503: { ...error(r.errors[503]), ...(r.errorBody && { content: json(jsonSchema(r.errorBody, 'output')) }), headers: retryAfter } }),
      500: error('Internal error'),
    };
    const params = [
      ...parameters('path', r.params), ...parameters('query', r.query),
      ...Object.entries(r.headers ?? {}).map(([name, h]) => ({ name, in: 'header', required: !!h.required, description: h.description, schema: { type: 'string', ...(h.example && { examples: [h.example] }) } })),
    ];
    (paths[openApiPath(r.url)] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      ...(r.auth && { description: `Roles: ${r.auth.roles.join(', ')}.`, 'x-roles': r.auth.roles }),
      operationId: `${r.method.toLowerCase()}${r.url.replace(/^\/api/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string = '') => c.toUpperCase())}`,
      security: r.auth ? [{ bearer: [] }] : r.apiKey ? [{ apiKey: [] }] : [],
      ...(params.length > 0 && { parameters: params }),
      ...(r.body && { requestBody: { required: !r.bodyOptional, content: r.formBody ? { 'application/x-www-form-urlencoded': { schema: jsonSchema(r.body, 'input') } } : json(jsonSchema(r.body, 'input')) } }),
      ...(r.rawBody && { requestBody: { required: true, description: r.rawBody.description, content: binary(r.rawBody.types) } }),
      responses: {
        200: r.rawResponse ? { description: r.rawResponse.description, content: binary(r.rawResponse.types) } : { description: 'OK', content: json(jsonSchema(r.response, 'output')) },
        ...errors,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { ApiError: jsonSchema(ApiError, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The opaque access token from POST /api/auth/login or /api/auth/refresh' },
        apiKey: { type: 'apiKey', in: 'query', name: 'api_key', description: 'An integrating system\'s key (`npm run admin -- create-api-key`); in the form body for POST' },
      },
    },
  };
}
