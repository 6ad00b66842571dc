/**
 * The hand-over file of camp mode, shared by the device that writes it and the server that takes it
 * (issue 12 item 4). A camp device that cannot reach the server exports what it has not synced as one
 * JSON file; another device, signed in online, posts the file to POST /api/handover.
 *
 * The file is the canonical JSON (canonicalJson below: keys sorted, no white space) of a HandoverFile:
 * its body plus `signature`, an ECDSA P-256 / SHA-256 signature (IEEE P1363, r‖s, base64) made with the
 * device's own non-extractable private key over the UTF-8 bytes of the canonical JSON of the body (every
 * field but `signature`). The device's public key (SPKI, base64) was registered with the server at its
 * first online sign-in (POST /api/devices/key); `keyId` is the SHA-256 (hex) of that SPKI. Because the
 * whole file must be exactly its own canonical form, any changed byte (even white space) is caught:
 * as malformed JSON, as a non-canonical file, or as a wrong signature.
 */
import * as z from 'zod/mini';
import { ATTACHMENT_TYPE_NAMES, Sha256 } from './attachments';
import { OtpCode } from './otp';
import { ClientId, DeviceId, KioskCode, OperatorId, SyncResult } from './schemas';
import { WorkflowAction } from './workflow';

export const HANDOVER_FORMAT = 'sampark-handover/1';
/** The media type the device posts the file with (the server reads the exact bytes). */
export const HANDOVER_MEDIA_TYPE = 'application/vnd.sampark.handover+json';
/** The largest file the server takes (500 grievances with 200 photos is ~60 MB of base64). */
export const HANDOVER_MAX_BYTES = 128 * 1024 * 1024;
export const HANDOVER_MAX_GRIEVANCES = 5000;
export const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

const Base64 = z.string({ error: 'handover.malformed' }).check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'handover.malformed'));

/** One attached file inside the hand-over file: the exact bytes, base64. */
export const HandoverAttachment = z.strictObject({
  sha256: Sha256,
  type: z.enum(ATTACHMENT_TYPE_NAMES),
  data: Base64,
});
export type HandoverAttachment = z.infer<typeof HandoverAttachment>;

/** One workflow action queued on the device (src/db/db.ts ActionRow), as it would be sent. */
export const HandoverAction = z.strictObject({
  actionId: ClientId,
  /** Who took it on the device; the server applies it as that account, with that account's rights. */
  operatorId: OperatorId,
  number: z.string().check(z.regex(/^\d{13}$/, 'err.invalid')),
  route: z.enum(['actions', 'feedback', 'reopen']),
  expectedVersion: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** An earlier action of the file on the same grievance whose result gives the version (src/db/db.ts ActionRow.after). */
  after: z.optional(ClientId),
  action: WorkflowAction,
  code: z.optional(OtpCode),
});
export type HandoverAction = z.infer<typeof HandoverAction>;

const bodyShape = {
  format: z.literal(HANDOVER_FORMAT, { error: 'handover.malformed' }),
  kioskCode: KioskCode,
  deviceId: DeviceId,
  keyId: Sha256,
  exportedAt: z.iso.datetime({ offset: true, error: 'handover.malformed' }),
  exportedBy: OperatorId,
  /** Each grievance is parsed on its own by the ingest (one bad record does not refuse the others). */
  grievances: z.array(z.unknown()).check(z.maxLength(HANDOVER_MAX_GRIEVANCES)),
  attachments: z.array(HandoverAttachment),
  actions: z.array(HandoverAction),
};
export const HandoverBody = z.strictObject(bodyShape);
export type HandoverBody = z.infer<typeof HandoverBody>;
export const HandoverFile = z.strictObject({ ...bodyShape, signature: Base64.check(z.minLength(1)) });
export type HandoverFile = z.infer<typeof HandoverFile>;

/** POST /api/devices/key: this device's public key (SPKI, base64); the device and kiosk come from the token. */
export const DeviceKeyRequest = z.strictObject({ publicKey: Base64.check(z.minLength(40), z.maxLength(400)) });
export type DeviceKeyRequest = z.infer<typeof DeviceKeyRequest>;
export const DeviceKeyResponse = z.object({ keyId: z.string(), deviceId: z.string(), kioskCode: z.string(), registeredAt: z.string() });
export type DeviceKeyResponse = z.infer<typeof DeviceKeyResponse>;

export const HandoverActionResult = z.object({
  actionId: z.string(),
  status: z.enum(['applied', 'refused']),
  error: z.optional(z.string()),
});
export const HandoverResponse = z.object({
  fromKiosk: z.string(),
  fromDevice: z.string(),
  exportedAt: z.string(),
  counts: z.object({ created: z.number(), duplicate: z.number(), conflict: z.number(), invalid: z.number() }),
  attachments: z.number(),
  results: z.array(SyncResult),
  actions: z.array(HandoverActionResult),
});
export type HandoverResponse = z.infer<typeof HandoverResponse>;

/** JSON with object keys sorted (by UTF-16 code units) and no white space: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    if (s === undefined) throw new TypeError('not representable in JSON');
    return s;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** The bytes the signature covers: the canonical JSON of the body (the file without `signature`). */
export function signedBytes(file: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  const { signature: _, ...body } = file;
  return new TextEncoder().encode(canonicalJson(body));
}

export function bytesToBase64(bytes: Uint8Array): string {
  // Native where the engine has it (Chromium 140+, Node 25+): several times faster on photos.
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The key's id: SHA-256 (hex) of its SPKI bytes. */
export async function keyIdOf(spki: Uint8Array<ArrayBuffer>): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A private key of WebCrypto (named so without the DOM types, which the server's build lacks). */
export type SigningKey = Parameters<typeof crypto.subtle.sign>[1];

/** The file's text: `body` with its signature by `privateKey` (the device's own), in canonical form. */
export async function signHandover(body: HandoverBody, privateKey: SigningKey): Promise<string> {
  // `signature` sorts after every key of the body, so the file is the body's canonical text with it added
  // last: one pass over a file that may be tens of megabytes, not two.
  const { signature: _, ...plain } = body as HandoverBody & { signature?: unknown };
  const text = canonicalJson(plain);
  const sig = new Uint8Array(await crypto.subtle.sign(ECDSA_SIGN, privateKey, new TextEncoder().encode(text)));
  return withSignature(text, bytesToBase64(sig));
}

const SIGNATURE_KEY = ',"signature":"';

function withSignature(bodyText: string, signature: string): string {
  if (!bodyText.endsWith('}') || bodyText === '{}') throw new TypeError('not a hand-over body');
  return `${bodyText.slice(0, -1)}${SIGNATURE_KEY}${signature}"}`;
}

/**
 * The signed text of a file already known to be canonical (its last key is then `signature`): the file
 * without that member. Null when it has no such last member.
 */
export function signedText(fileText: string): string | null {
  const i = fileText.lastIndexOf(SIGNATURE_KEY);
  if (i < 0 || !fileText.endsWith('"}') || fileText.indexOf('"', i + SIGNATURE_KEY.length) !== fileText.length - 2) return null;
  return `${fileText.slice(0, i)}}`;
}
