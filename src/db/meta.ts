/**
 * The device's `meta` table as a typed store: one known key, one known type (no `unknown` cast at reads).
 * The only module that reads or writes `meta` (tests/unit/outbox-owner.test.ts checks it). Every function
 * joins the transaction it is called in, so a value can still change together with the rows it describes
 * (the receipt sequence with the grievance, the backoff with the outbox rows).
 */
import { db } from './db';
import type { CampEvent } from '../domain/events';
import type { Queue } from './tokens';

/** Global backoff after a transient failure, so one failing server is not hit by every trigger. */
export interface Backoff { until: number; attempts: number }

/** CryptoKey where the runtime's types have it (this file is also compiled with the server's, which lack the DOM). */
type CryptoKeyLike = typeof globalThis extends { CryptoKey: { prototype: infer K } } ? K : object;

/** This device's hand-over key for one kiosk (src/sync/handover.ts). */
export interface HandoverKey {
  privateKey: CryptoKeyLike;
  /** SPKI, base64. */
  publicKey: string;
  keyId: string;
  deviceId: string;
  /** When the server confirmed it; unset until then. */
  registeredAt?: string;
}

/** Every key `meta` holds, with the type of its value. */
export interface MetaValues {
  /** 5 Crockford base32 characters, made once (src/db/device-id.ts). */
  deviceId: string;
  /** The last receipt sequence number given on this device. */
  receiptSeq: number;
  /** ISO 8601: when the server last confirmed a batch. */
  lastSyncAt: string;
  backoff: Backoff;
  /** The operatorKey of the operator using the device now (src/db/session.ts). */
  currentOperator: string;
  /** The camp or Sampark Diwas chosen for new grievances (src/sync/events.ts). */
  campEvent: CampEvent;
  /** The events downloaded for offline use. */
  campEvents: { events: CampEvent[]; savedAt: string };
  /** The camp's token queue (src/db/tokens.ts). */
  campQueue: Queue;
  /** Per camp token id, what the server was last sent of it (src/sync/camp-tokens.ts). */
  campTokensSent: Record<string, string>;
  /** The operator who called an officer to this camp device, to hand it back to (src/db/camp-disposal.ts). */
  campHandBack: string;
  /** Per kiosk: `handoverKey:<kiosk>`. */
  [kiosk: `handoverKey:${string}`]: HandoverKey;
}

export type MetaKey = keyof MetaValues & string;

/**
 * The value of `key`, or undefined. These return Dexie's own promises (no `async`): awaited inside a
 * transaction, a native promise would let IndexedDB commit it early.
 */
export function getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
  return db.meta.get(key).then((row) => row?.value as MetaValues[K] | undefined);
}

/** Several values in one request (a save reads its keys at once rather than one round trip each). */
export function getMetas<const K extends readonly MetaKey[]>(...keys: K): Promise<{ [I in keyof K]: MetaValues[K[I]] | undefined }> {
  return db.meta.bulkGet([...keys]).then((rows) => rows.map((row) => row?.value) as { [I in keyof K]: MetaValues[K[I]] | undefined });
}

export function putMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<string> {
  return db.meta.put({ key, value });
}

export function deleteMeta(key: MetaKey): Promise<void> {
  return db.meta.delete(key);
}
