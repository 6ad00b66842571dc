/** This device's own id: 5 Crockford base32 characters made once (in receipt numbers, and sign-in binds tokens to it). */
import { db } from './db';
import { getMeta, putMeta } from './meta';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
}

/** The device id, made on first use; call inside a readwrite transaction that includes `meta`. */
export async function deviceIdIn(): Promise<string> {
  const id = await getMeta('deviceId');
  if (id) return id;
  const made = randomDeviceId();
  await putMeta('deviceId', made);
  return made;
}

/** The device id, made on first use (its own transaction). */
export const ensureDeviceId = (): Promise<string> => db.transaction('rw', db.meta, deviceIdIn);
