/**
 * A citizen's photo sent on WhatsApp during a registration (issue 13, 2a). With WHATSAPP_TOKEN set, the
 * image message's media id is looked up on the Graph API (GET {WHATSAPP_GRAPH_URL}/{media-id} with the
 * bearer token → a `url`), the bytes fetched from that url with the same token, and kept as that
 * conversation's photo (./photo.ts: size and type checked as on the chat page). The citizen is told it was
 * received; at the photo question the dialogue goes on as if "Add a photo" had been pressed.
 *
 * A Graph failure (a timeout, a 4xx or 5xx, a wrong type, too many bytes) is answered to the citizen in
 * plain words and audited; it never fails the webhook (WhatsApp retries a non-2xx, which would repeat it).
 */
import * as z from 'zod/mini';
import { CHAT_PHOTO_BODY_BYTES } from '../../src/domain/chat';
import type { Lang } from '../../src/domain/messages';
import { say } from '../../src/chat/strings';
import { ApiProblem } from '../errors';
import type { AuditLog } from '../store/audit';
import type { ChatPhotos } from './photo';
import type { createChatService } from './service';

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v21.0';
/** How long each of the two Graph calls may take. */
export const GRAPH_TIMEOUT_MS = 10_000;

export interface GraphConfig { token: string; baseUrl: string; timeoutMs?: number }

const MediaInfo = z.object({ url: z.string(), file_size: z.optional(z.number()), mime_type: z.optional(z.string()) });

type Fetched = { ok: true; data: Buffer } | { ok: false; reason: string };

/** Reads at most `max` bytes of a response body; null when it has more. */
async function readCapped(res: Response, max: number): Promise<Buffer | null> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) { await res.body?.cancel().catch(() => undefined); return null; }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) { await reader.cancel().catch(() => undefined); return null; }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The bytes of WhatsApp media `mediaId`, or why they could not be had (a short reason for the audit log). */
export async function fetchWhatsAppMedia(cfg: GraphConfig, mediaId: string): Promise<Fetched> {
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(mediaId)) return { ok: false, reason: 'media id' };
  const auth = { authorization: `Bearer ${cfg.token}` };
  const timeout = cfg.timeoutMs ?? GRAPH_TIMEOUT_MS;
  try {
    const meta = await fetch(`${cfg.baseUrl.replace(/\/+$/, '')}/${mediaId}`, { headers: auth, signal: AbortSignal.timeout(timeout), redirect: 'error' });
    if (!meta.ok) { await meta.body?.cancel().catch(() => undefined); return { ok: false, reason: `graph ${meta.status}` }; }
    const raw = await readCapped(meta, 64 * 1024);
    let info: z.infer<typeof MediaInfo> | undefined;
    try { info = raw ? MediaInfo.parse(JSON.parse(raw.toString('utf8'))) : undefined; } catch { info = undefined; }
    if (!info || !/^https?:\/\//i.test(info.url)) return { ok: false, reason: 'graph answer' };
    if (info.file_size !== undefined && info.file_size > CHAT_PHOTO_BODY_BYTES) return { ok: false, reason: 'size' };
    const file = await fetch(info.url, { headers: auth, signal: AbortSignal.timeout(timeout), redirect: 'follow' });
    if (!file.ok) { await file.body?.cancel().catch(() => undefined); return { ok: false, reason: `media ${file.status}` }; }
    const data = await readCapped(file, CHAT_PHOTO_BODY_BYTES);
    return data ? { ok: true, data } : { ok: false, reason: 'size' };
  } catch (err) {
    return { ok: false, reason: err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'network' };
  }
}

/** What a citizen is told when their photo could not be fetched from WhatsApp. */
export const PHOTO_FAILED: Record<Lang, string> = {
  hi: 'माफ़ कीजिए, आपकी फ़ोटो अभी नहीं ली जा सकी। कृपया फ़ोटो फिर से भेजें, या "छोड़ें" लिखकर बिना फ़ोटो आगे बढ़ें।',
  en: 'Sorry, your photo could not be taken just now. Please send it again, or type "Skip" to go on without a photo.',
};

export interface ImageDeps {
  chat: ReturnType<typeof createChatService>;
  photos: ChatPhotos;
  audit: AuditLog;
  graph: GraphConfig;
}

/**
 * One image message of conversation `conversationId`: fetched, kept, and the replies to send the citizen.
 * Never throws for what the citizen or Graph did; a 429 (too many from this number) is no reply at all.
 */
export async function answerImage(deps: ImageDeps, img: { conversationId: string; mediaId: string; lang: Lang; ip: string }): Promise<string[]> {
  const { conversationId, lang, ip } = img;
  const audit = (details: Record<string, unknown>) => deps.audit.append({
    action: 'chat.whatsapp.image', target: conversationId, actorId: `chat:${conversationId}`, actorRole: 'citizen', ip, details: { mediaId: img.mediaId.slice(0, 128), ...details },
  });
  try {
    deps.chat.limit(conversationId, ip, { webhook: true });
  } catch (err) {
    if (err instanceof ApiProblem && err.statusCode === 429) return [];
    throw err;
  }
  const fetched = await fetchWhatsAppMedia(deps.graph, img.mediaId);
  if (!fetched.ok) {
    await audit({ fetched: false, reason: fetched.reason });
    return [PHOTO_FAILED[lang]];
  }
  let awaiting: string;
  try {
    ({ awaiting } = await deps.photos.keep(conversationId, fetched.data, 'whatsapp', ip));
  } catch (err) {
    if (!(err instanceof ApiProblem) || err.statusCode >= 500) throw err;
    await audit({ fetched: true, kept: false, reason: err.key });
    if (err.key === 'chat.photoNotAsked' || err.key === 'chat.photoConversation') return [say('reg.photoNotRegistering', lang)];
    return [PHOTO_FAILED[lang]];
  }
  await audit({ fetched: true, kept: true, bytes: fetched.data.length });
  if (awaiting !== 'photo') return [say('reg.photoReceived', lang)];
  // At the photo question: on as if "Add a photo" had been pressed (the engine finds the photo kept).
  try {
    const { messages } = await deps.chat.handle({ conversationId, text: say('choice.addPhoto', lang), lang }, ip, { webhook: true });
    return messages.map((m) => (m.choices?.length ? `${m.text}\n${m.choices.map((c, i) => `${i + 1}. ${c}`).join('\n')}` : m.text));
  } catch (err) {
    if (err instanceof ApiProblem && err.statusCode === 429) return [say('reg.photoReceived', lang)];
    throw err;
  }
}
