/** The camp chosen on this device (src/sync/events.ts chooses it), as the header needs it: small, so the main bundle stays small. */
import { liveQuery, type Observable } from 'dexie';
import { db } from './db';

export interface ChosenCamp { id: string; officers: string[] }

export const chosenCamp = (): Observable<ChosenCamp | undefined> =>
  liveQuery(async () => (await db.meta.get('campEvent'))?.value as ChosenCamp | undefined); // src/db/grievances.ts CAMP_EVENT_KEY
