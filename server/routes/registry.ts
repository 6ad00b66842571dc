/**
 * The API's route registry: one list of route definitions both registers the routes with Fastify and
 * generates the OpenAPI document, so a route cannot exist without being documented. Schemas are the
 * shared zod schemas of src/domain, turned into JSON Schema with `z.toJSONSchema`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { ApiError } from '../../src/domain/schemas';

export interface ApiRoute {
  method: 'GET' | 'POST';
  url: `/api/${string}`;
  summary: string;
  /** The request body as documented (the handler parses it with the shared schemas). */
  body?: z.ZodMiniType;
  /** The 200 response. */
  response: z.ZodMiniType;
  /** This route's own request body limit in bytes (the app-wide one is small). */
  bodyLimit?: number;
  /** Returns the 200 body; throws ApiProblem for an expected failure. */
  handler(request: FastifyRequest): Promise<unknown>;
}

export function registerApiRoutes(app: FastifyInstance, routes: readonly ApiRoute[]): void {
  for (const r of routes) {
    app.route({ method: r.method, url: r.url, bodyLimit: r.bodyLimit, handler: (request) => r.handler(request) });
  }
}

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};
const json = (schema: object) => ({ 'application/json': { schema } });
const errorRef = { $ref: '#/components/schemas/ApiError' };

/** OpenAPI 3.1 (whose schemas are JSON Schema 2020-12, what z.toJSONSchema emits) for `routes`. */
export function openApiDocument(routes: readonly ApiRoute[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const errors: Record<string, unknown> = {
      ...(r.body && {
        400: { description: 'Malformed JSON, or the body does not match the schema (see `fields`)', content: json(errorRef) },
        413: { description: 'Body larger than the limit', content: json(errorRef) },
        415: { description: 'Content-Type is not application/json', content: json(errorRef) },
      }),
      500: { description: 'Internal error', content: json(errorRef) },
    };
    (paths[r.url] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      operationId: `${r.method.toLowerCase()}${r.url.replace(/^\/api/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string = '') => c.toUpperCase())}`,
      ...(r.body && { requestBody: { required: true, content: json(jsonSchema(r.body, 'input')) } }),
      responses: { 200: { description: 'OK', content: json(jsonSchema(r.response, 'output')) }, ...errors },
    };
  }
  return { openapi: '3.1.0', info, paths, components: { schemas: { ApiError: jsonSchema(ApiError, 'output') } } };
}
