/**
 * The citizen's optional photo of a registration by chat (issue 13, 2a): one per conversation, kept in
 * `chat_photos` until the registration links it to the grievance (in the transaction that registers it:
 * ./effects.ts) or the conversation is swept after 30 days. Its bytes are an attachment blob held by the
 * chat "kiosk" (CHAT_KIOSK), stored and checked exactly as a kiosk's upload is (../attachments/service.ts
 * checkWhole: type sniffed from the bytes, size, dimensions, a complete image), so officers open it, it is
 * counted in exports, and pruned, like a kiosk's. Only JPEG, PNG and WebP are taken.
 *
 * Taken only for a live conversation (its last message within CHAT_KEEP_DAYS) that is registering a
 * grievance; a second photo replaces the first (the first's blob is removed when nothing else refers to it).
 * Every refusal is a 4xx in words and leaves nothing behind; every photo kept or refused is audited.
 */
import { createHash } from 'node:crypto';
import { SNIFF_BYTES, sniffType } from '../../src/domain/attachment-sniff';
import { ATTACHMENT_TYPES } from '../../src/domain/attachments';
import { CHAT_KEEP_DAYS, CHAT_PHOTO_BODY_BYTES, CHAT_PHOTO_TYPES, type ChatPhoto } from '../../src/domain/chat';
import type { MessageKey } from '../../src/domain/messages';
import type { ChatState } from '../../src/chat/types';
import { type AttachmentService, checkWhole } from '../attachments/service';
import type { BlobStore } from '../attachments/blob-store';
import { ApiProblem } from '../errors';
import type { AuditLog } from '../store/audit';
import type { Db, Queryable } from '../store/db';
import { CHAT_ACCOUNT, CHAT_DEVICE, CHAT_KIOSK } from './register';

type PhotoType = ChatPhoto['type'];
export type PhotoRefusal = { status: number; key: MessageKey; reason: string };

const isPhotoType = (t: string | null): t is PhotoType => t !== null && (CHAT_PHOTO_TYPES as readonly string[]).includes(t);

/** Whether `data` is a photo the chat keeps: its SHA-256 and sniffed type, or why not. */
export function checkPhoto(data: Buffer): { sha256: string; type: PhotoType } | PhotoRefusal {
  if (data.length === 0) return { status: 400, key: 'err.attachmentEmpty', reason: 'empty' };
  if (data.length > CHAT_PHOTO_BODY_BYTES) return { status: 413, key: 'chat.photoTooLarge', reason: 'size' };
  const type = sniffType(data.subarray(0, SNIFF_BYTES));
  if (!isPhotoType(type)) return { status: 415, key: 'chat.photoType', reason: 'type' };
  if (data.length > ATTACHMENT_TYPES[type].maxBytes) return { status: 413, key: 'chat.photoTooLarge', reason: 'size' };
  const sha256 = createHash('sha256').update(data).digest('hex');
  const checked = checkWhole(sha256, data, type);
  if (typeof checked !== 'string') return checked;
  return { sha256, type };
}

/** The photo a conversation holds, if any. */
export async function photoOf(q: Queryable, conversationId: string): Promise<(ChatPhoto & { name: string }) | null> {
  const [row] = await q.query<{ sha256: string; bytes: number; type: PhotoType }>(
    'SELECT sha256, bytes, type FROM chat_photos WHERE conversation_id = $1', [conversationId]);
  return row ? { ...row, name: `photo.${ATTACHMENT_TYPES[row.type].extensions[0]}` } : null;
}

/**
 * Removes the blobs among `shas` that nothing refers to any more: no grievance, no chat's photo, and no
 * kiosk but the chat's own holds (a kiosk may have uploaded the same bytes for a grievance it has yet to send).
 * A racing link makes the DELETE fail on its foreign key: then the blob stays (prune-attachments sees to it).
 */
export async function dropUnreferenced(db: Db, blobs: BlobStore, shas: readonly string[]): Promise<number> {
  if (shas.length === 0) return 0;
  let removed: { sha256: string }[];
  try {
    removed = await db.query<{ sha256: string }>(
      `DELETE FROM attachments a WHERE a.sha256 = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM grievance_attachments ga WHERE ga.sha256 = a.sha256)
          AND NOT EXISTS (SELECT 1 FROM chat_photos cp WHERE cp.sha256 = a.sha256)
          AND NOT EXISTS (SELECT 1 FROM attachment_holders h WHERE h.sha256 = a.sha256 AND h.kiosk_code <> $2)
        RETURNING a.sha256`, [[...new Set(shas)], CHAT_KIOSK]);
  } catch {
    return 0;
  }
  for (const r of removed) await blobs.remove(r.sha256);
  return removed.length;
}

export interface ChatPhotoDeps { db: Db; audit: AuditLog; clock: () => Date; attachments: Pick<AttachmentService, 'storeWhole'>; blobs: BlobStore }

export function createChatPhotos(deps: ChatPhotoDeps) {
  const { db, audit, clock } = deps;
  const who = (conversationId: string, ip: string) => ({ actorId: `chat:${conversationId}`, actorRole: 'citizen', ip, target: conversationId });

  /** The conversation, when it is live; a 404 in words otherwise. */
  async function live(conversationId: string): Promise<ChatState> {
    const [row] = await db.query<{ state: ChatState; updated_at: Date | string }>('SELECT state, updated_at FROM chat_conversations WHERE id = $1', [conversationId]);
    if (!row || clock().getTime() - new Date(row.updated_at).getTime() > CHAT_KEEP_DAYS * 86_400_000) throw new ApiProblem(404, 'chat.photoConversation');
    return row.state;
  }

  return {
    /**
     * Keeps `data` as the conversation's photo (replacing one it had). Its answer, and what the
     * conversation is waiting for (WhatsApp goes on with the dialogue when that is the photo).
     */
    async keep(conversationId: string, data: Buffer, via: 'web' | 'whatsapp', ip: string): Promise<{ photo: ChatPhoto; awaiting: ChatState['await'] }> {
      const state = await live(conversationId);
      const refuse = async (p: PhotoRefusal): Promise<never> => {
        await audit.append({ action: 'chat.photo.refused', ...who(conversationId, ip), details: { reason: p.reason, bytes: data.length, via } }).catch(() => undefined);
        throw new ApiProblem(p.status, p.key);
      };
      if (state.flow !== 'register') await refuse({ status: 409, key: 'chat.photoNotAsked', reason: 'not registering' });
      const checked = checkPhoto(data);
      if ('status' in checked) return refuse(checked);
      const { sha256, type } = checked;
      // The file and its attachment row first (as a kiosk's upload): a chat_photos row never names a missing file.
      await deps.attachments.storeWhole(sha256, data, type, { accountId: CHAT_ACCOUNT.id, kioskCode: CHAT_KIOSK, deviceId: CHAT_DEVICE, ip });
      const previous = await db.transaction(async (tx) => {
        const [prev] = await tx.query<{ sha256: string }>('SELECT sha256 FROM chat_photos WHERE conversation_id = $1', [conversationId]);
        await tx.query(
          `INSERT INTO chat_photos (conversation_id, sha256, bytes, type, via, created_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (conversation_id) DO UPDATE SET sha256 = EXCLUDED.sha256, bytes = EXCLUDED.bytes, type = EXCLUDED.type, via = EXCLUDED.via, created_at = EXCLUDED.created_at`,
          [conversationId, sha256, data.length, type, via, clock().toISOString()]);
        await audit.append({ action: 'chat.photo', ...who(conversationId, ip), details: { sha256, bytes: data.length, type, via, replaced: prev?.sha256 ?? null } }, tx);
        return prev?.sha256;
      });
      if (previous && previous !== sha256) await dropUnreferenced(db, deps.blobs, [previous]);
      return { photo: { sha256, bytes: data.length, type }, awaiting: state.await };
    },

    /** Removes the conversation's photo (the citizen pressed Remove): the registration goes on without one. */
    async remove(conversationId: string, ip: string): Promise<{ removed: boolean }> {
      await live(conversationId);
      const gone = await db.transaction(async (tx) => {
        const rows = await tx.query<{ sha256: string }>('DELETE FROM chat_photos WHERE conversation_id = $1 RETURNING sha256', [conversationId]);
        // A photo already accepted in the dialogue: the read-back then says "none".
        await tx.query(
          `UPDATE chat_conversations SET state = jsonb_set(state, '{draft,photo}', '"skipped"'::jsonb)
            WHERE id = $1 AND state->'draft'->>'photo' = 'added'`, [conversationId]);
        if (rows.length > 0) await audit.append({ action: 'chat.photo.removed', ...who(conversationId, ip), details: { sha256: rows[0].sha256 } }, tx);
        return rows.map((r) => r.sha256);
      });
      await dropUnreferenced(db, deps.blobs, gone);
      return { removed: gone.length > 0 };
    },
  };
}
export type ChatPhotos = ReturnType<typeof createChatPhotos>;
