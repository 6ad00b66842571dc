/**
 * Every answer of a test server checked against the OpenAPI document (/api/openapi.json): the status
 * must be documented for the route, and a JSON body must match the documented schema (Ajv, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses). The harness installs it on each server it starts and fails the test file
 * at close when anything did not match, so the document cannot drift from what the routes really answer.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>; components: { schemas: Record<string, object> } };

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

export function checkResponses(app: FastifyInstance): { violations: string[] } {
  const violations: string[] = [];
  let doc: Promise<Doc> | undefined;
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  const compiled = new Map<string, ValidateFunction>();

  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (!route || route === '/api/openapi.json' || !/^\/(api|open311)\//.test(route)) return payload;
    // In memory, from an address of its own, so it does not count against the limits the test is checking.
    doc ??= app.inject({ method: 'GET', url: '/api/openapi.json', remoteAddress: '192.0.2.250' }).then((r) => r.json() as Doc);
    const d = await doc;
    const op = d.paths[openApiPath(route)]?.[request.method.toLowerCase()];
    const where = `${request.method} ${route} → ${reply.statusCode}`;
    if (!op) { violations.push(`${where}: route not in the document`); return payload; }
    const documented = op.responses[String(reply.statusCode)];
    if (!documented) { violations.push(`${where}: status not documented`); return payload; }
    const type = String(reply.getHeader('content-type') ?? '').split(';')[0];
    const content = documented.content;
    if (!content) return payload;
    if (!content[type]) { violations.push(`${where}: content-type ${type} not documented (${Object.keys(content).join(', ')})`); return payload; }
    const schema = content[type].schema;
    if (type !== 'application/json' || !schema || typeof payload !== 'string') return payload;
    const key = `${where} ${type}`;
    let validate = compiled.get(key);
    if (!validate) {
      const inlined = JSON.parse(JSON.stringify(schema).replace(/\{"\$ref":"#\/components\/schemas\/(\w+)"\}/g, (_, name: string) => JSON.stringify(d.components.schemas[name])));
      validate = ajv.compile(inlined);
      compiled.set(key, validate);
    }
    if (!validate(JSON.parse(payload))) violations.push(`${where}: body does not match the document: ${ajv.errorsText(validate.errors)}`);
    return payload;
  });
  return { violations };
}
