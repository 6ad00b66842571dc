/**
 * The camp token log to the server (issue 12 item 5): the tokens this desk device gave at an event, with
 * the times they were called and served and the counter, go to POST /api/events/:id/tokens, which stores each
 * once by its id (a ULID made when the token was given). Run by the outbox replay after grievances and
 * actions, under the same lock and triggers. A token is sent again only when something new is known of it
 * (called, served); what was sent is remembered in `meta` (per token id, the times sent). A resend after a
 * lost answer is harmless: the server keeps one row per id.
 */
import { db } from '../db/db';
import { getMeta, putMeta } from '../db/meta';
import { readQueue, type Token } from '../db/tokens';
import type { CampTokenRecord } from '../domain/events';
import { authorizedFetch } from './auth';
import type { ReplayOptions } from './replay';

const SENT_KEY = 'campTokensSent' as const;
const stateOf = (t: Token) => `${t.calledAt ?? ''}|${t.servedAt ?? ''}|${t.counter ?? ''}`;

const recordOf = (t: Token & { id: string }): CampTokenRecord => ({
  id: t.id, label: t.label, n: t.n, issuedAt: t.issuedAt,
  ...(t.calledAt !== undefined && { calledAt: t.calledAt }), ...(t.servedAt !== undefined && { servedAt: t.servedAt }), ...(t.counter !== undefined && { counter: t.counter }),
});

/** Sends what the server does not yet know of this device's camp tokens; returns how many were sent (0 on any failure: tried again later). */
export async function replayTokenLog(opts: ReplayOptions = {}): Promise<number> {
  const q = await readQueue();
  const sent = (await getMeta(SENT_KEY)) ?? {};
  const due = q.tokens.filter((t): t is Token & { id: string; eventId: string } => !!t.id && !!t.eventId && sent[t.id] !== stateOf(t));
  let count = 0;
  for (const eventId of [...new Set(due.map((t) => t.eventId))]) {
    const tokens = due.filter((t) => t.eventId === eventId);
    for (let i = 0; i < tokens.length; i += 500) {
      const chunk = tokens.slice(i, i + 500);
      try {
        const res = await authorizedFetch(`${opts.baseUrl ?? ''}/api/events/${eventId}/tokens`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin',
          body: JSON.stringify({ deviceId: chunk[0].deviceId, tokens: chunk.map(recordOf) }), signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
        }, { fetch: opts.fetch, now: opts.now, baseUrl: opts.baseUrl });
        if (!res.ok) break; // refused (not taking part, an event gone) or the server failing: kept, tried at the next replay
      } catch {
        return count;
      }
      await db.transaction('rw', db.meta, async () => {
        const now = { ...((await getMeta(SENT_KEY)) ?? {}) };
        for (const t of chunk) now[t.id] = stateOf(t);
        await putMeta(SENT_KEY, now);
      });
      count += chunk.length;
    }
  }
  return count;
}
