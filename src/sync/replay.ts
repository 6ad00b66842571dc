/**
 * The replay engine: sends what was saved on this device to the server and records what it answered. It
 * runs in the service worker (sync event, REPLAY message, worker start) or, where no service worker
 * controls the page, in the page itself. One replay at a time across tabs and the service worker (Web Lock
 * OUTBOX_LOCK); the server is idempotent on clientId and actionId as the backstop, so a replay killed at
 * any point (tab closed, SW stopped, power cut) only causes a re-send that the server answers the same way.
 *
 * One run (src/sync/replay-run.ts: trigger, options and their defaults, the authorised fetch, the retry of
 * a lost connection) goes through two record kinds in turn, each load → adopt → upload → post → settle:
 *   1. grievances (src/sync/replay-grievances.ts; the outbox through src/db/outbox.ts), in batches;
 *   2. workflow actions (src/sync/actions.ts; the queue through src/db/actions.ts), one at a time.
 * Neither kind imports the other or this module.
 */
import { withLock } from './locks';
import { OUTBOX_LOCK } from './names';
import { sendActions, type ActionReport } from './actions';
import { replayGrievances } from './replay-grievances';
import { replayTokenLog } from './camp-tokens';
import { type ReplayOptions, type ReplayReport, startRun, type Trigger } from './replay-run';

export { SIGN_IN_ERROR, type ReplayOptions, type ReplayReport, type Trigger } from './replay-run';
export type { Backoff } from '../db/meta';

export async function replay(trigger: Trigger, opts: ReplayOptions = {}): Promise<ReplayReport> {
  return withLock(OUTBOX_LOCK, async () => {
    const run = startRun(trigger, opts);
    const grievances = await replayGrievances(run);
    const report = withActions(grievances, await sendActions(run));
    if (!report.error) await replayTokenLog(opts).catch(() => 0); // and a camp desk's token log (src/sync/camp-tokens.ts)
    return report;
  });
}

/** The grievances' report with the actions' added in (one report for the service worker and the header). */
export function withActions(r: ReplayReport, a: ActionReport): ReplayReport {
  return { ...r, requests: r.requests + a.requests, synced: r.synced + a.done, attention: r.attention + a.attention, waiting: r.waiting + a.waiting, error: a.error ?? r.error };
}
