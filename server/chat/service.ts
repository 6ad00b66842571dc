/**
 * The citizen assistant on the server: one message of a conversation in, the engine's replies out.
 * The conversation (the engine's state and what was said, mobile numbers and codes masked) is kept in
 * `chat_conversations` for CHAT_KEEP_DAYS after its last message, then swept by the `chat-sweep` job.
 * Limits: messages per conversation and per address per minute (429 with Retry-After), counted in each
 * process like the API's own per-address limit (they protect its capacity; a database counter would cost
 * a durable commit per message); codes per mobile and per conversation per hour are the one-time code
 * service's own, counted in the database across processes. Two messages of one conversation at the same
 * moment: the second is a 429.
 */
import { CHAT_KEEP_DAYS, type ChatReply, type ChatRequest } from '../../src/domain/chat';
import { step } from '../../src/chat/engine';
import { maskNumbersIn } from '../../src/domain/identity';
import type { ChatState } from '../../src/chat/types';
import { ApiProblem } from '../errors';
import { rateLimiter } from '../rate-limit';
import type { Db, Queryable } from '../store/db';
import { type ChatDeps, chatEffects } from './effects';
import type { BlobStore } from '../attachments/blob-store';
import { dropUnreferenced } from './photo';

export interface ChatLimits {
  /** Messages one conversation may send per minute (CHAT_PER_CONVERSATION_PER_MIN). */
  perConversationPerMin: number;
  /** Messages from one address per minute (CHAT_PER_ADDRESS_PER_MIN). */
  perAddressPerMin: number;
}
export const DEFAULT_CHAT_LIMITS: ChatLimits = { perConversationPerMin: 20, perAddressPerMin: 60 };

/** At most this many lines of a conversation are kept (the oldest go first). */
const MAX_TRANSCRIPT = 200;

/** Mobile and Aadhaar numbers (src/domain/identity.ts maskNumbersIn) and codes (6 digits) are never kept as typed. */
export function maskForTranscript(text: string): string {
  return maskNumbersIn(text).replace(/(?<!\d)\d{6}(?!\d)/g, '******');
}

type Line = { at: string; from: 'citizen' | 'assistant'; text: string };

/** Questions whose answer may register a grievance or act on one (each in a transaction of its own). */
const OWN_TRANSACTIONS = new Set<ChatState['await']>(['confirm', 'satisfied', 'reason', 'reopen']);

export function createChatService(deps: ChatDeps & { limits?: Partial<ChatLimits> }) {
  const { db, clock } = deps;
  const limits = { ...DEFAULT_CHAT_LIMITS, ...deps.limits };
  const minute = { windowMs: 60_000, clock };
  const byConversation = rateLimiter({ limit: limits.perConversationPerMin, ...minute });
  const byAddress = rateLimiter({ limit: limits.perAddressPerMin, ...minute });

  /** `webhook`: from a messaging platform's servers (one address for every citizen): limited per conversation only. */
  /** Counts one call of conversation `conversationId` from `ip` against the limits (a message or a photo); 429 past them. */
  function limit(conversationId: string, ip: string, opts: { webhook?: boolean } = {}): void {
    for (const v of [opts.webhook ? undefined : byAddress.hit(ip), byConversation.hit(conversationId)]) {
      if (!v) continue;
      if (!v.ok) throw new ApiProblem(429, 'api.rateLimited', undefined, { 'retry-after': String(v.retryAfterS) });
    }
  }

  async function handle(req: ChatRequest, ip: string, opts: { webhook?: boolean } = {}): Promise<ChatReply> {
    limit(req.conversationId, ip, opts);
    const [row] = await db.query<{ state: ChatState; transcript: Line[]; version: number }>(
      'SELECT state, transcript, version FROM chat_conversations WHERE id = $1', [req.conversationId]);
    const now = clock();
    const transcript: Line[] = [...(row?.transcript ?? [])];
    if (req.text) transcript.push({ at: now.toISOString(), from: 'citizen', text: maskForTranscript(req.text) });
    const turn = async (d: ChatDeps, q: Queryable) => {
      const fx = chatEffects(d, req.conversationId, ip, () => transcript);
      const { state, messages } = await step(row?.state ?? null, { text: req.text, lang: req.lang }, fx);
      for (const m of messages) transcript.push({ at: now.toISOString(), from: 'assistant', text: maskForTranscript(m.text) });
      await save(q, state);
      return messages;
    };
    const save = async (q: Queryable, state: ChatState) => {
      const kept = JSON.stringify(transcript.slice(-MAX_TRANSCRIPT));
      if (!row) {
        const made = await q.query(
          `INSERT INTO chat_conversations (id, state, transcript, lang, version, created_at, updated_at) VALUES ($1, $2::jsonb, $3::jsonb, $4, 1, $5, $5)
           ON CONFLICT (id) DO NOTHING RETURNING id`, [req.conversationId, JSON.stringify(state), kept, req.lang, now.toISOString()]);
        if (made.length === 0) throw new ApiProblem(429, 'api.rateLimited', undefined, { 'retry-after': '1' });
        await deps.audit.append({ action: 'chat.start', target: req.conversationId, actorId: `chat:${req.conversationId}`, actorRole: 'citizen', ip, details: { lang: req.lang } }, q);
      } else {
        const saved = await q.query(
          `UPDATE chat_conversations SET state = $2::jsonb, transcript = $3::jsonb, lang = $4, version = version + 1, updated_at = $5
            WHERE id = $1 AND version = $6 RETURNING id`, [req.conversationId, JSON.stringify(state), kept, req.lang, now.toISOString(), row.version]);
        if (saved.length === 0) throw new ApiProblem(429, 'api.rateLimited', undefined, { 'retry-after': '1' });
      }
    };
    // An answer that may act through the workflow or the ingest (their own transactions): as it comes.
    if (row && OWN_TRANSACTIONS.has(row.state.await)) return { messages: await turn(deps, db) };
    // Otherwise one durable commit for the whole message: codes, audit and the conversation together
    // (a lost race rolls all of it back). PGlite holds the whole database in a transaction, so nothing
    // in it may reach the database but through `tx`: the triage model is read before it begins.
    const model = await deps.models.current();
    let soon = false;
    const messages = await db.transaction((tx) => turn({
      ...deps,
      db: { kind: db.kind, query: (sql, params) => tx.query(sql, params), exec: (sql) => tx.exec(sql), transaction: (fn) => fn(tx), close: () => Promise.resolve() },
      audit: { ...deps.audit, append: (entries, q) => deps.audit.append(entries, q ?? tx) },
      models: { ...deps.models, current: async () => model },
      sendSoon: () => { soon = true; },
      // Never reached from these questions; were they, their own transactions would wait for this one.
      workflow: { ...deps.workflow, act: () => Promise.reject(new Error('chat: a workflow action inside the message transaction')) },
    }, tx));
    if (soon) deps.sendSoon?.(); // after the commit, so the sender finds the code
    return { messages };
  }

  return { handle, limit };
}

/** Drops conversations and hand-offs whose last message is older than CHAT_KEEP_DAYS (the `chat-sweep` job). */
export async function sweepConversations(db: Db, now: Date, blobs?: BlobStore): Promise<{ conversations: number; handoffs: number; photos: number }> {
  const before = new Date(now.getTime() - CHAT_KEEP_DAYS * 86_400_000).toISOString();
  // The photos of conversations that never registered go with them (their rows by the foreign key's
  // cascade, their blobs here when nothing else refers to them).
  const photos = await db.query<{ sha256: string }>(
    'SELECT p.sha256 FROM chat_photos p JOIN chat_conversations c ON c.id = p.conversation_id WHERE c.updated_at < $1::timestamptz', [before]);
  const conversations = await db.query('DELETE FROM chat_conversations WHERE updated_at < $1::timestamptz RETURNING 1', [before]);
  const handoffs = await db.query('DELETE FROM chat_handoffs WHERE created_at < $1::timestamptz RETURNING 1', [before]);
  const removed = blobs ? await dropUnreferenced(db, blobs, photos.map((p) => p.sha256)) : 0;
  return { conversations: conversations.length, handoffs: handoffs.length, photos: removed };
}
