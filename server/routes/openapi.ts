/** GET /api/openapi.json: the OpenAPI document of every registered route, itself included. */
import * as z from 'zod/mini';
import { openApiDocument, type ApiRoute } from './registry';

const info = { title: 'Next Gen Rajasthan Sampark field kiosk API', version: '1' };

/** `routes` is read at request time, so the document lists this route too. */
export const openApiRoute = (routes: () => readonly ApiRoute[]): ApiRoute => {
  let doc: ReturnType<typeof openApiDocument> | undefined; // the routes never change after start
  return {
    method: 'GET',
    url: '/api/openapi.json',
    summary: 'This document',
    response: z.looseObject({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
    handler: async () => (doc ??= openApiDocument(routes(), info)),
  };
};
