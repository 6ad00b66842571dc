/**
 * Open311 GeoReport v2 (src/domain/open311.ts has the mapping): services, filing a request, reading
 * requests back, each as .json and .xml. Filing and reading take the integrating system's `api_key`
 * (`npm run admin -- create-api-key`); refusals are GeoReport's `[{ code, description }]` list (English /
 * Hindi) with the HTTP status (400 bad field, 403 bad key, 404 unknown service or request).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import {
  Open311Created, Open311Errors, Open311KeyQuery, Open311NewRequest, Open311Query, Open311Requests, Open311Services, open311Services,
} from '../../src/domain/open311';
import { message } from '../../src/domain/messages';
import { fieldErrorsFromZod } from '../errors';
import { findApiKey } from '../open311/api-keys';
import { fileRequest, type Open311Deps, Open311Problem, problem, readRequests } from '../open311/service';
import { toXml } from '../open311/xml';
import type { ApiRoute } from './registry';

type Format = 'json' | 'xml';
const XML = { types: ['application/xml'], description: 'The same as the .json route, as GeoReport v2 XML' } as const;
const ERRORS = { 400: 'A field is missing or wrong: GeoReport `[{ code, description }]`', 403: 'The api_key is not valid', 404: 'No such service_code or service_request_id' } as const;

/** Runs `work`, answering in `format`; an Open311Problem becomes GeoReport's error list with its status. */
async function answer(reply: FastifyReply, format: Format, root: [string, string], work: () => Promise<Record<string, unknown>[]>): Promise<unknown> {
  let status = 200;
  let rows: Record<string, unknown>[];
  try {
    rows = await work();
  } catch (err) {
    if (!(err instanceof Open311Problem)) throw err;
    status = err.status;
    rows = err.items;
    root = ['errors', 'error'];
  }
  reply.code(status);
  if (format === 'json') return rows;
  return reply.type('application/xml; charset=utf-8').send(toXml(root[0], root[1], rows));
}

function parse<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const p = schema.safeParse(input ?? {}, { reportInput: true });
  if (!p.success) throw new Open311Problem(400, fieldErrorsFromZod(p.error.issues).map((e) => ({ code: 400, description: `${e.path}: ${message(e.code, 'en')} / ${message(e.code, 'hi')}` })));
  return p.data as z.infer<S>;
}

async function keyHolder(deps: Open311Deps, key: string) {
  const holder = await findApiKey(deps.db, key);
  if (!holder) throw problem(403, 'open311.apiKey', 'api_key');
  return holder;
}

export function open311Routes(deps: Open311Deps): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const format of ['json', 'xml'] as const) {
    const raw = format === 'xml' ? { rawResponse: XML } : {};
    routes.push(
      {
        method: 'GET', url: `/open311/v2/services.${format}`, summary: `Open311: the services (departments and their categories), ${format.toUpperCase()}`,
        response: Open311Services, ...raw,
        handler: (_req, reply) => answer(reply, format, ['services', 'service'], async () => open311Services()),
      },
      {
        method: 'POST', url: `/open311/v2/requests.${format}`, summary: `Open311: file a grievance (form-encoded, with api_key), ${format.toUpperCase()}`,
        body: Open311NewRequest, formBody: true, apiKey: true, response: Open311Created, errors: ERRORS, errorBody: Open311Errors, ...raw,
        handler: (req: FastifyRequest, reply) => answer(reply, format, ['service_requests', 'request'], async () => {
          const body = parse(Open311NewRequest, req.body);
          const holder = await keyHolder(deps, body.api_key);
          const number = await fileRequest(deps, holder, body, req.ip);
          return [{ service_request_id: number, service_notice: 'Registered with Rajasthan Sampark; the number is the official grievance number.', account_id: null }];
        }),
      },
      {
        method: 'GET', url: `/open311/v2/requests.${format}`, summary: `Open311: the requests this system filed (filters: ids, service, status, dates), ${format.toUpperCase()}`,
        query: Open311Query, apiKey: true, response: Open311Requests, errors: ERRORS, errorBody: Open311Errors, ...raw,
        handler: (req, reply) => answer(reply, format, ['service_requests', 'request'], async () => {
          const q = parse(Open311Query, req.query);
          const holder = await keyHolder(deps, q.api_key);
          return readRequests(deps.db, holder, {
            ids: q.service_request_id?.split(',').map((s) => s.trim()).filter(Boolean), serviceCode: q.service_code, status: q.status, start: q.start_date, end: q.end_date,
          });
        }),
      },
      {
        method: 'GET', url: `/open311/v2/requests/:id.${format}`, summary: `Open311: one request this system filed, ${format.toUpperCase()}`,
        params: z.object({ id: z.string() }), query: Open311KeyQuery, apiKey: true, response: Open311Requests, errors: ERRORS, errorBody: Open311Errors, ...raw,
        handler: (req, reply) => answer(reply, format, ['service_requests', 'request'], async () => {
          const q = parse(Open311KeyQuery, req.query);
          const holder = await keyHolder(deps, q.api_key);
          const found = await readRequests(deps.db, holder, { ids: [(req.params as { id: string }).id] });
          if (found.length === 0) throw problem(404, 'open311.notFound', 'service_request_id');
          return found;
        }),
      },
    );
  }
  return routes;
}
