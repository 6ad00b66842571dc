/**
 * Where notifications go: a provider sends one message or throws. The default writes each message as a
 * JSON line to DATA_DIR/notifications.log (to standard output when the database is PostgreSQL, where
 * there is no data directory), with the mobile number masked; a real SMS/WhatsApp gateway is reached
 * through the generic HTTP provider, set up by NOTIFY_HTTP_URL (and NOTIFY_HTTP_TOKEN).
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { maskMobile } from '../../src/domain/identity';
import type { DbLocation } from '../store/open-db';
import type { DueNotification } from './outbox';

export interface NotificationProvider {
  readonly name: string;
  /** Resolves once the message is accepted; throws (with a short reason) to have it retried. */
  send(message: DueNotification): Promise<void>;
}

const line = (m: DueNotification) =>
  `${JSON.stringify({ at: new Date().toISOString(), id: m.id, channel: m.channel, to: maskMobile(m.mobile), kind: m.kind, number: m.number, lang: m.lang, body: m.body })}\n`;

/** Appends each message to `file` (a development and audit stand-in for a gateway). */
export function logFileProvider(file: string): NotificationProvider {
  let ready: Promise<unknown> | undefined;
  return {
    name: `log file ${file}`,
    async send(m) {
      await (ready ??= mkdir(dirname(file), { recursive: true }));
      await appendFile(file, line(m), 'utf8');
    },
  };
}

export function stdoutProvider(out: NodeJS.WritableStream = process.stdout): NotificationProvider {
  return { name: 'standard output', send: async (m) => void out.write(line(m)) };
}

/**
 * POSTs `{ id, to, channel, kind, lang, text, grievanceNumber }` as JSON to `url`, with
 * `Authorization: Bearer <token>` when a token is set and `Idempotency-Key: sampark-notification-<id>`
 * so a gateway can drop a resend after a lost answer. Any 2xx is success; anything else is retried.
 */
export function httpProvider(opts: { url: string; token?: string; timeoutMs?: number; fetch?: typeof fetch }): NotificationProvider {
  const doFetch = opts.fetch ?? fetch;
  return {
    name: `HTTP ${new URL(opts.url).host}`,
    async send(m) {
      const res = await doFetch(opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `sampark-notification-${m.id}`,
          ...(opts.token && { authorization: `Bearer ${opts.token}` }),
        },
        body: JSON.stringify({ id: m.id, to: `+91${m.mobile}`, channel: m.channel, kind: m.kind, lang: m.lang, text: m.body, grievanceNumber: m.number }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`gateway answered ${res.status}`);
    },
  };
}

/** NOTIFY_HTTP_URL (+ NOTIFY_HTTP_TOKEN) → the HTTP provider; otherwise the log file in DATA_DIR, or stdout on PostgreSQL. */
export function providerFromEnv(env: NodeJS.ProcessEnv, location: DbLocation): NotificationProvider {
  if (env.NOTIFY_HTTP_URL) {
    try {
      new URL(env.NOTIFY_HTTP_URL);
    } catch {
      throw new Error(`NOTIFY_HTTP_URL must be a URL, not "${env.NOTIFY_HTTP_URL}"`);
    }
    return httpProvider({ url: env.NOTIFY_HTTP_URL, token: env.NOTIFY_HTTP_TOKEN || undefined });
  }
  return location.kind === 'embedded' ? logFileProvider(join(location.dataDir, 'notifications.log')) : stdoutProvider();
}
