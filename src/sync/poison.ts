/**
 * The outbox's second line of defence: a record the server cannot take (whatever the cause) must not hold
 * back the others. Only answers a record can cause count (policy.ts recordMayCause: 500, 502, without
 * Retry-After). Busy (503, 429, any Retry-After), timeouts and a network that is down say nothing about
 * the records and never lead here.
 *
 *   1. A batch answered so POISON_STRIKES times in a row is split in halves, each sent; a failing half is
 *      split again, down to single records (`bisect`). Before the first split, GET /api/health must say
 *      `ok` (or another batch must have gone in during this replay): a server that is down is left alone.
 *   2. A level of BLIND_GROUPS or more groups that all failed, with nothing accepted in this replay, means
 *      the server fails everything: the replay stops and backs off; nobody is blamed.
 *   3. A record that failed alone is sent alone from then on, after its own backoff. Its failure counts
 *      when the server has shown it takes other work (another batch went in during the replay), or, for a
 *      record that was the whole batch, when /api/health says ok. After POISON_STRIKES counted failures it
 *      goes to Needs attention ('poison'); "Send again" gives it one more try (`resendPoisoned`).
 */
import { type OutboxRow, POISON_KEY } from '../db/db';
import { updateRow, write } from '../db/outbox';
import { type BatchContext, type Item, postBatch, restore, settleResults } from './batch';
import { backoffDelay, type BatchVerdict } from './policy';

/** Failures in a row before a batch is split, and counted failures alone before a record is set aside. */
export const POISON_STRIKES = 3;
/** A level with this many groups, all failed and nothing accepted yet, ends the split: the server is down. */
export const BLIND_GROUPS = 4;
export { POISON_KEY };

/** How a group fared: each record got its answer, failed in a way a record may cause, or anything else. */
export type GroupAnswer = 'ok' | 'fault' | 'stop';

export interface Bisection<T> {
  /** Records that failed when sent alone. */
  lone: T[];
  /** Records not decided (the split stopped): they wait like after any transient failure. */
  unresolved: T[];
  /** Some group went in. */
  accepted: boolean;
}

const halves = <T>(items: readonly T[]): T[][] => {
  const mid = Math.ceil(items.length / 2);
  return [items.slice(0, mid), items.slice(mid)];
};

/**
 * Splits `items` (a batch that keeps failing) breadth first: each level's groups are sent with `post`;
 * those that fail are halved for the next level, until single records are left.
 */
export async function bisect<T>(items: readonly T[], post: (group: T[]) => Promise<GroupAnswer>): Promise<Bisection<T>> {
  if (items.length <= 1) return { lone: [...items], unresolved: [], accepted: false };
  const lone: T[] = [];
  let accepted = false;
  let level = halves(items);
  while (level.length > 0) {
    const next: T[][] = [];
    for (let i = 0; i < level.length; i++) {
      const answer = await post(level[i]);
      if (answer === 'stop') return { lone, unresolved: [...level.slice(i).flat(), ...next.flat()], accepted };
      if (answer === 'ok') accepted = true;
      else if (level[i].length === 1) lone.push(level[i][0]);
      else next.push(...halves(level[i]));
    }
    if (!accepted && level.length >= BLIND_GROUPS) return { lone: [], unresolved: [...lone, ...next.flat()], accepted };
    level = next;
  }
  return { lone, unresolved: [], accepted };
}

/** Records that failed alone are sent alone (and after every other record). */
export const isolated = (row: Pick<OutboxRow, 'alone'>): boolean => (row.alone ?? 0) > 0;

/**
 * "Send again" on a record set aside as poison: it goes back to the queue, alone, with one try left (a
 * server fixed meanwhile takes it; otherwise it is back in Needs attention after that one try).
 */
export async function resendPoisoned(clientId: string): Promise<boolean> {
  return updateRow(clientId, (row) => (row.state === 'attention' && row.lastError?.key === POISON_KEY
    ? { ...row, state: 'saved', nextAttemptAt: 0, alone: POISON_STRIKES - 1 } : undefined));
}

/** GET /api/health answers `ok`: the server can take work (a failure of one batch is then about its records). */
export async function serverHealthy(doFetch: typeof fetch, baseUrl = '', timeoutMs = 10_000): Promise<boolean> {
  try {
    const res = await doFetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(timeoutMs), credentials: 'same-origin' });
    const body = (await res.json().catch(() => undefined)) as { status?: unknown } | undefined;
    return res.ok && body?.status === 'ok';
  } catch {
    return false;
  }
}

type Transient = Extract<BatchVerdict, { kind: 'transient' }>;

/** Counts one more failure a record may cause on each record of a group. */
const strike = (items: readonly Item[]) => { for (const s of items) s.row = { ...s.row, strikes: (s.row.strikes ?? 0) + 1 }; };

/**
 * A batch was just answered in a way one of its records may cause (`verdict.suspect`). Counts it on each
 * record; once the batch has failed POISON_STRIKES times in a row (a single record: at once) and the
 * server otherwise works, splits it so the good records go in and each record that fails alone waits on
 * its own, or is set aside. Answers the records still undecided, which wait like after any transient
 * failure (a global backoff), with the verdict to report; none left: the replay goes on.
 */
export async function isolatePoison(send: Item[], verdict: Transient, ctx: BatchContext): Promise<{ items: Item[]; verdict: Transient } | 'signIn'> {
  strike(send);
  if (send.length > 1 && Math.max(...send.map((s) => s.row.strikes ?? 0)) < POISON_STRIKES) return { items: send, verdict };
  let healthy: boolean | undefined;
  const isHealthy = async () => (healthy ??= await serverHealthy(ctx.run.doFetch, ctx.run.baseUrl));
  if (!ctx.accepted && !(await isHealthy())) return { items: send, verdict };

  let last = verdict;
  let signIn = false;
  const split = await bisect(send, async (group) => {
    const v = await postBatch(group, ctx);
    if (v === 'signIn') { signIn = true; return 'stop'; }
    if (v.kind === 'results') { await settleResults(group, v, ctx); return 'ok'; }
    if (v.kind === 'transient') last = v;
    if (v.kind === 'transient' && v.suspect) { strike(group); return 'fault'; }
    return 'stop'; // busy, network, refused: not a record's doing; the rest waits
  });
  if (signIn) {
    await restore([...split.unresolved, ...split.lone]);
    return 'signIn';
  }
  // A lone failure is the record's doing only if the server takes other work (or it was the whole batch).
  const counted = ctx.accepted || (send.length === 1 && (await isHealthy()));
  if (!counted) return { items: [...split.unresolved, ...split.lone], verdict: last };
  const rows = split.lone.map(({ row }): OutboxRow => {
    const alone = (row.alone ?? 0) + 1;
    const attempts = row.attempts + 1;
    return alone >= POISON_STRIKES
      ? { ...row, state: 'attention', attempts, alone, lastError: { key: POISON_KEY } }
      : { ...row, state: 'saved', attempts, alone, lastError: verdict.error, nextAttemptAt: ctx.now() + backoffDelay(alone, ctx.random) };
  });
  await write(rows);
  for (const r of rows) {
    ctx.held.add(r.clientId);
    if (r.state === 'attention') ctx.tally.attention++;
  }
  return { items: split.unresolved, verdict: last };
}
