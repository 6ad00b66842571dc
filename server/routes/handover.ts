/**
 * Camp mode's hand-over file (issue 12 item 4; format in src/domain/handover.ts):
 *   POST /api/devices/key  a device registers its ECDSA P-256 public key at its first online sign-in; the
 *                          key is tied to the device id and kiosk of the caller's token.
 *   POST /api/handover     another device, signed in online, posts a file a camp device exported. The
 *                          whole file is refused (4xx, nothing written) when it is malformed or truncated,
 *                          not exactly its canonical form, signed by no key this server knows for that
 *                          device and kiosk, or with a signature that does not verify. Otherwise its
 *                          attachments are stored as held by the originating kiosk and its grievances go
 *                          through the sync's own exactly-once ingest (./sync-grievances.ts) as registered
 *                          by that kiosk and its operators: a record already here is a `duplicate`, so
 *                          importing twice, or after the camp device synced, changes nothing. Queued
 *                          workflow actions are then applied, each once by its actionId, as the account
 *                          that took it.
 */
import { webcrypto } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { operatorKey } from '../../src/domain/accounts';
import {
  base64ToBytes, canonicalJson, DeviceKeyRequest, DeviceKeyResponse, ECDSA, ECDSA_SIGN, HANDOVER_MAX_BYTES, HANDOVER_MEDIA_TYPE,
  HandoverFile, HandoverResponse, keyIdOf, signedText, type HandoverAction,
} from '../../src/domain/handover';
import type { MessageKey } from '../../src/domain/messages';
import { MAX_BATCH, type SyncResult } from '../../src/domain/schemas';
import { checkWhole } from '../attachments/service';
import { principalOf } from '../auth/guard';
import { ApiProblem, fieldErrorsFromZod, parseBody } from '../errors';
import { findAccount, toAccount } from '../store/accounts';
import type { Workflow } from '../workflow/service';
import type { ApiRoute } from './registry';
import { ingestSubmissions, type IngestDeps, type Sender } from './sync-grievances';

/** The refusal of a whole file, audited with its reason. */
class Refused extends ApiProblem {
  constructor(status: number, key: MessageKey, readonly reason: string, fields?: ConstructorParameters<typeof ApiProblem>[2]) {
    super(status, key, fields);
  }
}

export function handoverRoutes(deps: IngestDeps & { workflow: Pick<Workflow, 'prepareRouting' | 'onRegistered' | 'act'>; clock: () => Date }): ApiRoute[] {
  const { db, audit, clock } = deps;

  async function registerKey(request: FastifyRequest): Promise<DeviceKeyResponse> {
    const caller = principalOf(request);
    if (caller.account.role !== 'operator') throw new Error('unreachable: the guard admits operators only');
    const kiosk = caller.account.kioskCode;
    const { publicKey } = parseBody(DeviceKeyRequest, request.body);
    const spki = base64ToBytes(publicKey);
    try {
      const key = await webcrypto.subtle.importKey('spki', spki, ECDSA, true, ['verify']);
      if ((key.algorithm as { namedCurve?: string }).namedCurve !== 'P-256') throw new Error('curve');
    } catch {
      throw new ApiProblem(400, 'api.invalid', [{ path: 'publicKey', code: 'err.invalid', message: 'Not an ECDSA P-256 public key (SPKI).', messageHi: 'यह ECDSA P-256 सार्वजनिक कुंजी (SPKI) नहीं है।' }]);
    }
    const keyId = await keyIdOf(spki);
    const now = clock().toISOString();
    await db.query(
      `INSERT INTO device_keys (key_id, kiosk_code, device_id, public_key, registered_by, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key_id) DO NOTHING`, [keyId, kiosk, caller.deviceId, publicKey, caller.account.id, now]);
    const [row] = await db.query<{ kiosk_code: string; device_id: string; registered_at: Date | string }>(
      'SELECT kiosk_code, device_id, registered_at FROM device_keys WHERE key_id = $1', [keyId]);
    if (row.kiosk_code !== kiosk || row.device_id !== caller.deviceId) throw new ApiProblem(409, 'handover.keyTaken');
    const registeredAt = new Date(row.registered_at).toISOString();
    if (registeredAt === now) {
      await audit.append({ action: 'device.key', actorId: caller.account.id, actorRole: caller.role, target: keyId, deviceId: caller.deviceId, ip: request.ip, details: { kioskCode: kiosk } });
    }
    return { keyId, deviceId: row.device_id, kioskCode: row.kiosk_code, registeredAt };
  }

  /** The file, checked whole: exact canonical bytes, a known key of that device and kiosk, a valid signature. */
  async function verified(raw: Buffer): Promise<HandoverFile> {
    let text: string;
    let json: unknown;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
      json = JSON.parse(text);
    } catch {
      throw new Refused(400, 'handover.malformed', 'not-json');
    }
    const parsed = HandoverFile.safeParse(json, { reportInput: true });
    if (!parsed.success) throw new Refused(400, 'handover.malformed', 'schema', fieldErrorsFromZod(parsed.error.issues));
    // The exact bytes that were exported: any edit, even of white space or key order, is a change.
    if (canonicalJson(json) !== text) throw new Refused(422, 'handover.changed', 'not-canonical');
    const file = parsed.data;
    const [key] = await db.query<{ kiosk_code: string; device_id: string; public_key: string }>(
      'SELECT kiosk_code, device_id, public_key FROM device_keys WHERE key_id = $1', [file.keyId]);
    if (!key || key.kiosk_code !== file.kioskCode || key.device_id !== file.deviceId) throw new Refused(422, 'handover.unknownDevice', 'unknown-device');
    const publicKey = await webcrypto.subtle.importKey('spki', base64ToBytes(key.public_key), ECDSA, false, ['verify']);
    // Canonical, so `signature` is its last member: what was signed is the text without it (no second pass).
    const signed = signedText(text);
    if (signed === null) throw new Refused(422, 'handover.changed', 'not-canonical');
    const ok = await webcrypto.subtle.verify(ECDSA_SIGN, publicKey, base64ToBytes(file.signature), new TextEncoder().encode(signed));
    if (!ok) throw new Refused(422, 'handover.changed', 'signature');
    return file;
  }

  async function applyActions(actions: readonly HandoverAction[], origin: { deviceId: string; ip: string }) {
    const out: HandoverResponse['actions'] = [];
    const versions = new Map<string, number>();
    for (const a of actions) {
      const row = await findAccount(db, operatorKey(a.operatorId));
      const expectedVersion = a.expectedVersion ?? (a.after ? versions.get(a.after) : undefined);
      if (!row || row.disabled) { out.push({ actionId: a.actionId, status: 'refused', error: 'wf.role' }); continue; }
      try {
        const r = await deps.workflow.act(a.number, { actionId: a.actionId, expectedVersion, action: a.action, code: a.code },
          { kind: 'account', account: toAccount(row) }, { deviceId: origin.deviceId, ip: origin.ip });
        versions.set(a.actionId, r.version);
        out.push({ actionId: a.actionId, status: 'applied' });
      } catch (err) {
        if (!(err instanceof ApiProblem)) throw err;
        out.push({ actionId: a.actionId, status: 'refused', error: err.key });
      }
    }
    return out;
  }

  async function importFile(request: FastifyRequest): Promise<HandoverResponse> {
    const caller = principalOf(request);
    const who: Sender = { actorId: caller.account.id, actorRole: caller.role, deviceId: caller.deviceId, ip: request.ip };
    const refuse = (reason: string, details: Record<string, unknown> = {}) =>
      audit.append({ ...who, action: 'handover.refused', target: caller.account.id, details: { reason, ...details } }).catch(() => undefined);
    if (!Buffer.isBuffer(request.body)) throw new ApiProblem(415, 'api.mediaType'); // JSON parsed as such loses the exact bytes
    let file: HandoverFile;
    try {
      file = await verified(request.body as Buffer);
    } catch (err) {
      if (err instanceof Refused) await refuse(err.reason, { bytes: (request.body as Buffer).length });
      throw err;
    }
    const origin = { kioskCode: file.kioskCode, deviceId: file.deviceId };
    // Every attachment is checked before anything is written: one that fails refuses the whole file.
    const files = file.attachments.map((a) => ({ ...a, bytes: Buffer.from(base64ToBytes(a.data)) }));
    for (const a of files) {
      const checked = checkWhole(a.sha256, a.bytes, a.type);
      if (typeof checked !== 'string') {
        await refuse(`attachment-${checked.reason}`, { ...origin, sha256: a.sha256 });
        throw new ApiProblem(checked.status === 413 ? 413 : 422, checked.key);
      }
    }
    const holder = { accountId: file.exportedBy, kioskCode: file.kioskCode, deviceId: file.deviceId, ip: request.ip };
    for (const a of files) await deps.attachments.storeWhole(a.sha256, a.bytes, a.type, holder);

    const via = { handover: { ...origin, keyId: file.keyId, exportedAt: file.exportedAt, importedBy: caller.account.id } };
    const results: SyncResult[] = [];
    for (let i = 0; i < file.grievances.length; i += MAX_BATCH)
      results.push(...await ingestSubmissions(deps, file.kioskCode, who, file.grievances.slice(i, i + MAX_BATCH), via));
    const actions = await applyActions(file.actions, { deviceId: file.deviceId, ip: request.ip });
    const counts = { created: 0, duplicate: 0, conflict: 0, invalid: 0 };
    for (const r of results) counts[r.status]++;
    await audit.append({ ...who, action: 'handover.import', target: file.keyId, details: { ...origin, exportedAt: file.exportedAt, ...counts, attachments: files.length, actions: actions.length } });
    return { fromKiosk: file.kioskCode, fromDevice: file.deviceId, exportedAt: file.exportedAt, counts, attachments: files.length, results, actions };
  }

  return [
    {
      method: 'POST',
      url: '/api/devices/key',
      summary: "Register this device's ECDSA P-256 public key (SPKI, base64) for hand-over files; tied to the token's device id and kiosk; idempotent",
      body: DeviceKeyRequest,
      response: DeviceKeyResponse,
      auth: { roles: ['operator'] },
      errors: { 409: '`handover.keyTaken`: this key is registered to another device or kiosk' },
      handler: registerKey,
    },
    {
      method: 'POST',
      url: '/api/handover',
      summary: 'Import a hand-over file exported by a camp device: verified whole against its registered key, then its grievances go in exactly once, as registered by the originating kiosk',
      rawBody: { types: [HANDOVER_MEDIA_TYPE], description: 'The hand-over file exactly as exported (src/domain/handover.ts)' },
      response: HandoverResponse,
      bodyLimit: HANDOVER_MAX_BYTES,
      auth: { roles: ['operator', 'nodal', 'admin'] },
      errors: {
        400: '`handover.malformed`: not a complete hand-over file (truncated, damaged, wrong shape); nothing written',
        413: 'The file, or an attachment in it, is larger than the limit',
        415: 'Send the file as ' + HANDOVER_MEDIA_TYPE + '; `err.attachmentType`: an attachment is not of an accepted type',
        422: '`handover.changed` (edited after export: not canonical or the signature fails), `handover.unknownDevice` (no registered key of that device and kiosk), or an attachment that fails its checks; nothing written',
      },
      handler: importFile,
    },
  ];
}
