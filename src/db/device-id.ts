/** This device's own id: 5 Crockford base32 characters made once (in receipt numbers, and sign-in binds tokens to it). */
import { db } from './db';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
}

/** The device id, made on first use; call inside a readwrite transaction that includes `meta`. */
export async function deviceIdIn(): Promise<string> {
  const id = (await db.meta.get('deviceId'))?.value as string | undefined;
  if (id) return id;
  const made = randomDeviceId();
  await db.meta.put({ key: 'deviceId', value: made });
  return made;
}

/** The device id, made on first use (its own transaction). */
export const ensureDeviceId = (): Promise<string> => db.transaction('rw', db.meta, deviceIdIn);
