/**
 * The last copy of what the server showed, so a screen still has something to show offline: an
 * officer's queue and the grievances they opened (owned by that officer's operatorKey, never shown to
 * another person on the device), and the citizen-facing status a kiosk looked up (owned by the kiosk:
 * it is what any of its operators may see). Always shown with the time it was fetched.
 */
import { db } from './db';

export interface Kept<T> { data: T; savedAt: string }

const idOf = (owner: string, ref: string) => `${owner} ${ref}`;

/** Keeps `data` as `owner`'s copy of `ref` (e.g. 'queue', 'g:2612…'). */
export async function keepView(owner: string, ref: string, data: unknown, now = new Date()): Promise<void> {
  await db.views.put({ id: idOf(owner, ref), owner, savedAt: now.toISOString(), data });
}

/** `owner`'s copy of `ref`, if one was kept; `parse` checks it still fits the current shape. */
export async function keptView<T>(owner: string, ref: string, parse: (v: unknown) => T | undefined): Promise<Kept<T> | undefined> {
  const row = await db.views.get(idOf(owner, ref));
  const data = row && parse(row.data);
  return row && data !== undefined ? { data, savedAt: row.savedAt } : undefined;
}
