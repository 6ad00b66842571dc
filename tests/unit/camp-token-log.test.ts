/** The camp token log sent to the server (src/sync/camp-tokens.ts): each token once, again only when it was called or served. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { callNext, issueToken } from '../../src/db/tokens';
import { CampTokenLog } from '../../src/domain/events';
import { replayTokenLog } from '../../src/sync/camp-tokens';

const EVENT = '01JCAMPEVENT00000000000001';
const T0 = Date.parse('2026-12-03T04:30:00.000Z');

beforeEach(async () => {
  await db.delete();
  await db.open();
  await db.meta.put({ key: 'deviceId', value: '7K3QX' });
  await db.session.put({
    operatorKey: 'op.meena', operatorId: 'op.meena', name: 'Meena', role: 'operator', kioskCode: 'K1023456',
    accessToken: 'at', accessExpiresAt: new Date(8.64e15).toISOString(), refreshToken: 'rt', locked: false, lastActivityAt: 0, needsSignIn: false,
  });
  await db.meta.put({ key: 'currentOperator', value: 'op.meena' });
});

function server(status = 200) {
  const posts: { url: string; log: CampTokenLog }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    posts.push({ url: String(input), log: CampTokenLog.parse(JSON.parse(String(init?.body))) });
    return Response.json({ received: 0, stored: 0 }, { status });
  };
  return { fetch, posts };
}

describe('camp token log', () => {
  it('sends the tokens of an event once, then only those called or served since; a failed send is tried again', async () => {
    await issueToken(T0, EVENT);
    await issueToken(T0 + 60_000, EVENT);
    await issueToken(T0 + 90_000); // no camp chosen: stays on the device
    const failing = server(503);
    expect(await replayTokenLog({ fetch: failing.fetch })).toBe(0);

    const s = server();
    expect(await replayTokenLog({ fetch: s.fetch })).toBe(2);
    expect(s.posts).toHaveLength(1);
    expect(s.posts[0].url).toBe(`/api/events/${EVENT}/tokens`);
    expect(s.posts[0].log.tokens.map((t) => t.label)).toEqual(['7K3QX-001', '7K3QX-002']);
    expect(new Set(s.posts[0].log.tokens.map((t) => t.id)).size).toBe(2);
    expect(await replayTokenLog({ fetch: s.fetch })).toBe(0);

    await callNext(1, T0 + 300_000);
    await callNext(1, T0 + 600_000); // the first is served when the counter calls the next
    expect(await replayTokenLog({ fetch: s.fetch })).toBe(2);
    expect(s.posts[1].log.tokens).toEqual([
      expect.objectContaining({ label: '7K3QX-001', calledAt: T0 + 300_000, servedAt: T0 + 600_000, counter: 1 }),
      expect.objectContaining({ label: '7K3QX-002', calledAt: T0 + 600_000, counter: 1 }),
    ]);
    expect(s.posts[1].log.tokens[0].id).toBe(s.posts[0].log.tokens[0].id);
  });
});
