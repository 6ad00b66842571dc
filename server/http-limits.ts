/**
 * How long the HTTP server waits for a client, so that slow or silent clients cannot hold sockets and
 * load-shedding slots (SYNC_MAX_INFLIGHT) for ever:
 *   - a request whose headers and body have not fully arrived within REQUEST_TIMEOUT_S (default 30) is
 *     answered 408 `api.timeout` and its connection closed (Node's requestTimeout/headersTimeout, checked
 *     every 0.25–2 s instead of Node's default 30 s, so the limit holds to within that);
 *   - an idle keep-alive connection is closed after 10 s;
 *   - a connection on which nothing moves either way for max(60 s, 2 × REQUEST_TIMEOUT_S) is closed.
 * A device treats 408 like any transient failure: it keeps its records and tries again.
 */
import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import { apiError } from './errors';
import type { MessageKey } from '../src/domain/messages';

export const KEEP_ALIVE_TIMEOUT_S = 10;

/** Fastify's and Node's HTTP server options for a request timeout of `requestTimeoutS` seconds. */
export function httpTimeouts(requestTimeoutS: number): Pick<FastifyServerOptions, 'requestTimeout' | 'keepAliveTimeout' | 'connectionTimeout'> & { http: Record<string, number> } {
  const requestMs = requestTimeoutS * 1000;
  return {
    requestTimeout: requestMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_S * 1000,
    connectionTimeout: Math.max(60_000, 2 * requestMs),
    http: {
      requestTimeout: requestMs,
      headersTimeout: requestMs, // Node requires headersTimeout ≤ requestTimeout
      connectionsCheckingInterval: Math.max(250, Math.min(2000, Math.floor(requestMs / 5))),
    },
  };
}

const CLIENT_ERRORS: Record<string, [number, string, MessageKey]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'api.timeout'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'api.tooLarge'],
};

/**
 * Answers a client error Node reports before any route runs (a timed-out request, oversized headers,
 * unparsable HTTP) with an ApiError in both languages, then closes the connection.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text, key] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'Bad Request', 'api.invalid' as MessageKey];
  const body = JSON.stringify(apiError(key));
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent; // as Node's own handler
  if (socket.writable && !started) {
    socket.write(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
