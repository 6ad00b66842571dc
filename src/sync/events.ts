/**
 * Camps and Sampark Diwas on the device (issue 12 item 1; shapes in src/domain/events.ts). An operator
 * downloads, before leaving for the camp, the events they take part in (kept in `meta`, usable offline),
 * and chooses the one they are at: every grievance they register then carries its `eventId`
 * (src/db/grievances.ts, registerForCurrentOperator). Admins and nodal officers create events online.
 */
import { liveQuery, type Observable } from 'dexie';
import { db } from '../db/db';
import { deleteMeta, getMeta, putMeta } from '../db/meta';
import { CAMP_EVENT_KEY } from '../db/grievances';
import { CampEventList, type CampEvent } from '../domain/events';
import { authorizedFetch } from './auth';

const LIST_KEY = 'campEvents' as const;

export interface CampState { events: CampEvent[]; savedAt?: string; chosen?: CampEvent }

/** The downloaded events and the chosen one, live. */
export function campState(): Observable<CampState> {
  return liveQuery(async () => {
    const [kept, chosen] = await Promise.all([getMeta(LIST_KEY), getMeta(CAMP_EVENT_KEY)]);
    return { events: kept?.events ?? [], savedAt: kept?.savedAt, chosen };
  });
}

/** Downloads the signed-in person's events; false when the server could not be reached or refused. */
export async function downloadEvents(now = new Date()): Promise<boolean> {
  let res: Response;
  try {
    res = await authorizedFetch('/api/events', { signal: AbortSignal.timeout(15_000) });
  } catch {
    return false;
  }
  if (!res.ok) return false;
  const parsed = CampEventList.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) return false;
  await db.transaction('rw', db.meta, async () => {
    await putMeta(LIST_KEY, { events: parsed.data.events, savedAt: now.toISOString() });
    // The chosen event follows what the server now says of it (or is dropped if it is gone).
    const chosen = await getMeta(CAMP_EVENT_KEY);
    if (chosen) {
      const fresh = parsed.data.events.find((e) => e.id === chosen.id);
      if (fresh) await putMeta(CAMP_EVENT_KEY, fresh);
      else await deleteMeta(CAMP_EVENT_KEY);
    }
  });
  return true;
}

/** Chooses the event new grievances are registered at (undefined: none). */
export async function chooseEvent(id: string | undefined): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const kept = await getMeta(LIST_KEY);
    const event = id ? kept?.events.find((e) => e.id === id) : undefined;
    if (event) await putMeta(CAMP_EVENT_KEY, event);
    else await deleteMeta(CAMP_EVENT_KEY);
  });
}
