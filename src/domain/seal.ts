/**
 * Aadhaar sealing: the device never keeps the full number in readable form. At registration the 12
 * digits are encrypted with the server's RSA-OAEP public key (fetched once online, see
 * src/sync/config.ts); only the server can open it, and it keeps just the last 4 digits and a keyed hash.
 * WebCrypto exists in the page, workers, the service worker and Node, so this module is pure.
 */
import { normalizeAadhaar } from './identity';

let sealKey: string | undefined;

/** Sets the server's public key (SPKI, base64) used by sealAadhaar. */
export function setSealKey(spkiBase64: string | undefined): void {
  sealKey = spkiBase64;
}

export const hasSealKey = () => !!sealKey;

const b64 = (buf: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buf)));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** RSA-OAEP (SHA-256) over the UTF-8 bytes of `digits`, base64: what the server's vault opens. */
export async function sealDigits(spkiBase64: string, digits: string): Promise<string> {
  const key = await crypto.subtle.importKey('spki', unb64(spkiBase64), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
  return b64(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, new TextEncoder().encode(digits)));
}

/** Seals a typed Aadhaar number; null when it is invalid or no server key is known yet. */
export async function sealAadhaar(typed: string, spkiBase64 = sealKey): Promise<{ last4: string; sealed: string } | null> {
  const aadhaar = normalizeAadhaar(typed);
  if (!aadhaar || !spkiBase64) return null;
  return { last4: aadhaar.slice(-4), sealed: await sealDigits(spkiBase64, aadhaar) };
}
