/** The camp chosen on this device (src/sync/events.ts chooses it), as the header needs it: small, so the main bundle stays small. */
import { liveQuery, type Observable } from 'dexie';
import { getMeta } from './meta';

export interface ChosenCamp { id: string; officers: string[] }

export const chosenCamp = (): Observable<ChosenCamp | undefined> =>
  liveQuery(() => getMeta('campEvent')); // src/db/grievances.ts CAMP_EVENT_KEY
