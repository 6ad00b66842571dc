/**
 * Headers on every response. The CSP allows only this origin: the built PWA has no inline script or
 * style (Vite emits files; Preact sets styles through the CSSOM, which CSP does not govern), blob:/data:
 * cover camera snapshots and attachment previews, and nothing may frame the kiosk.
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY', // frame-ancestors for the old browsers some kiosk PCs still run
};

export function addSecurityHeaders(app: FastifyInstance): void {
  // onSend runs for every reply, errors and 404s included.
  app.addHook('onSend', async (request, reply, payload) => {
    // A route may set a stricter CSP of its own (served attachments: a sandbox) and its own caching.
    for (const [name, value] of Object.entries(HEADERS)) if (name !== 'content-security-policy' || !reply.hasHeader(name)) reply.header(name, value);
    // API answers are per request and may carry personal data: no cache, not even the service worker's.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
