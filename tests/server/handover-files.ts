/** Hand-over files for tests: a fresh device public key, and a signed file from a key an operator registered. */
import { expect } from 'vitest';
import type { Session } from '../../src/domain/accounts';
import { bytesToBase64, ECDSA, HANDOVER_FORMAT, keyIdOf, signHandover } from '../../src/domain/handover';
import { DEVICE, submission } from './fixtures';
import { bearer, MEENA } from './harness';

/** A new ECDSA P-256 public key (SPKI, base64). */
export async function newSpki(): Promise<string> {
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  return bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
}

/** Registers a new key as `operator` (Meena, device DEVICE) and returns a file of one grievance signed with it. */
export async function handoverFile(url: string, operator: Session): Promise<Uint8Array<ArrayBuffer>> {
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const res = await fetch(`${url}/api/devices/key`, { method: 'POST', headers: { ...bearer(operator), 'content-type': 'application/json' }, body: JSON.stringify({ publicKey: bytesToBase64(spki) }) });
  expect(res.status).toBe(200);
  const text = await signHandover({
    format: HANDOVER_FORMAT, kioskCode: 'K1023456', deviceId: DEVICE, keyId: await keyIdOf(spki), exportedAt: '2026-12-03T10:00:00.000+05:30',
    exportedBy: MEENA.id, grievances: [submission()], attachments: [], actions: [],
  }, pair.privateKey);
  return new TextEncoder().encode(text);
}
