/**
 * The citizen assistant on WhatsApp Business (Cloud API webhook): the same engine and service as
 * POST /api/chat/messages, one conversation per WhatsApp number.
 *   GET  /api/chat/whatsapp   Meta's verification: hub.mode=subscribe and hub.verify_token equal to
 *                             WHATSAPP_VERIFY_TOKEN → hub.challenge as text; otherwise 403.
 *   POST /api/chat/whatsapp   messages; X-Hub-Signature-256 must be `sha256=` + the HMAC-SHA256 of the exact
 *                             body under WHATSAPP_APP_SECRET (else 403, nothing read). Text messages,
 *                             button and list replies (their titles) go to the engine; its replies are
 *                             queued in the notification outbox (kind `chat`, channel whatsapp) to the
 *                             sender's mobile, choices as a numbered list ("2" picks the second). An image
 *                             message: with WHATSAPP_TOKEN, fetched from the Graph API and kept as the
 *                             conversation's photo of a registration (./whatsapp-media.ts); without it, its
 *                             media id is audited (`chat.whatsapp.image`) and the citizen told photos are
 *                             not taken on WhatsApp.
 * Without both settings the routes answer 403 to everyone.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { ChatRequest } from '../../src/domain/chat';
import { normalizeMobile } from '../../src/domain/identity';
import type { Lang } from '../../src/domain/messages';
import { ApiProblem } from '../errors';
import { enqueueNotifications } from '../notifications/outbox';
import type { AuditLog } from '../store/audit';
import type { Db } from '../store/db';
import type { ApiRoute } from '../routes/registry';
import type { createChatService } from './service';
import type { ChatPhotos } from './photo';
import { answerImage, DEFAULT_GRAPH_URL, type GraphConfig } from './whatsapp-media';

/** `graph`: with WHATSAPP_TOKEN, where photos are fetched from (WHATSAPP_GRAPH_URL, default the Graph API v21.0). */
export interface WhatsAppConfig { verifyToken: string; appSecret: string; graph?: GraphConfig }

export function whatsappConfigFromEnv(env: NodeJS.ProcessEnv): WhatsAppConfig | undefined {
  const verifyToken = env.WHATSAPP_VERIFY_TOKEN ?? '';
  const appSecret = env.WHATSAPP_APP_SECRET ?? '';
  const token = env.WHATSAPP_TOKEN ?? '';
  const graph = token ? { token, baseUrl: env.WHATSAPP_GRAPH_URL || DEFAULT_GRAPH_URL } : undefined;
  return verifyToken && appSecret ? { verifyToken, appSecret, ...(graph && { graph }) } : undefined;
}

/** Whether `header` is `sha256=<hex HMAC-SHA256 of raw under secret>`, compared in constant time. */
export function signatureOk(secret: string, raw: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const want = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const got = Buffer.from(header.slice(7).toLowerCase());
  return got.length === want.length && timingSafeEqual(got, want);
}

const Str = z.optional(z.string());
const Message = z.object({
  from: z.string(), type: Str,
  text: z.optional(z.object({ body: Str })),
  button: z.optional(z.object({ text: Str })),
  interactive: z.optional(z.object({ button_reply: z.optional(z.object({ title: Str })), list_reply: z.optional(z.object({ title: Str })) })),
  image: z.optional(z.object({ id: Str, mime_type: Str, caption: Str })),
});
/** The part of Meta's webhook payload read here (the rest is ignored). */
export const WhatsAppWebhook = z.object({
  object: Str,
  entry: z.optional(z.array(z.object({ changes: z.optional(z.array(z.object({ value: z.optional(z.object({ messages: z.optional(z.array(Message)) })) }))) }))),
});
const Verify = z.object({ 'hub.mode': Str, 'hub.verify_token': Str, 'hub.challenge': Str });

/** The text of each message: typed text, or the title of the button or list item pressed. */
export function incomingMessages(payload: z.infer<typeof WhatsAppWebhook>): { from: string; text: string }[] {
  return (payload.entry ?? []).flatMap((e) => (e.changes ?? []).flatMap((c) => c.value?.messages ?? []))
    .map((m) => ({ from: m.from, text: m.text?.body ?? m.button?.text ?? m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? '' }))
    .filter((m) => m.text.trim() !== '');
}

/** Photos sent as image messages: the sender and the media id (fetched from the Graph API with a token). */
export function incomingImages(payload: z.infer<typeof WhatsAppWebhook>): { from: string; mediaId: string }[] {
  return (payload.entry ?? []).flatMap((e) => (e.changes ?? []).flatMap((c) => c.value?.messages ?? []))
    .filter((m) => m.type === 'image' && m.image?.id).map((m) => ({ from: m.from, mediaId: m.image!.id! }));
}

/** What a citizen sending a photo is told when photos are not taken on WhatsApp (no WHATSAPP_TOKEN). */
export const PHOTO_REFUSED: Record<Lang, string> = {
  hi: 'माफ़ कीजिए, WhatsApp पर अभी फ़ोटो नहीं ली जाती। समस्या शब्दों में लिखें; फ़ोटो सम्पर्क सहायक के वेब पेज या ई-मित्र कियोस्क पर जोड़ी जा सकती है।',
  en: 'Sorry, photos are not accepted on WhatsApp yet. Describe the problem in words; a photo can be added on the Sampark assistant web page or at an e-Mitra kiosk.',
};

/** A reply as one WhatsApp text: the choices numbered below it. */
const asText = (m: { text: string; choices?: string[] }) => (m.choices?.length ? `${m.text}\n${m.choices.map((c, i) => `${i + 1}. ${c}`).join('\n')}` : m.text);

export function whatsappRoutes(deps: { chat: ReturnType<typeof createChatService>; photos: ChatPhotos; db: Db; audit: AuditLog; clock: () => Date; config?: WhatsAppConfig; sendSoon?: () => void }): ApiRoute[] {
  const { config } = deps;
  return [
    {
      method: 'GET',
      url: '/api/chat/whatsapp',
      summary: "WhatsApp Business webhook verification: with hub.mode=subscribe and hub.verify_token equal to WHATSAPP_VERIFY_TOKEN, answers hub.challenge as text/plain",
      query: Verify,
      response: z.string(),
      rawResponse: { types: ['text/plain'], description: 'hub.challenge, as sent' },
      errors: { 403: '`chat.webhook`: the verify token does not match (or WhatsApp is not set up)' },
      async handler(request, reply) {
        const q = Verify.parse(request.query);
        if (!config || q['hub.mode'] !== 'subscribe' || q['hub.verify_token'] !== config.verifyToken) throw new ApiProblem(403, 'chat.webhook');
        return reply.type('text/plain; charset=utf-8').send(q['hub.challenge'] ?? '');
      },
    },
    {
      method: 'POST',
      url: '/api/chat/whatsapp',
      summary: "WhatsApp Business webhook: messages (text, button and list replies) from citizens go to the citizen assistant, one conversation per number; its replies are queued as WhatsApp messages. X-Hub-Signature-256 (HMAC-SHA256 of the body under WHATSAPP_APP_SECRET) is required",
      body: WhatsAppWebhook,
      keepRawBody: true,
      headers: { 'x-hub-signature-256': { description: '`sha256=` and the hex HMAC-SHA256 of the exact body under the app secret', required: true } },
      response: z.object({ received: z.number() }),
      errors: { 403: '`chat.signature`: the signature is missing or wrong (or WhatsApp is not set up)' },
      async handler(request) {
        const raw = (request as typeof request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
        const header = request.headers['x-hub-signature-256'];
        if (!config || !signatureOk(config.appSecret, raw, Array.isArray(header) ? header[0] : header)) {
          await deps.audit.append({ action: 'chat.whatsapp.refused', actorRole: 'citizen', ip: request.ip, details: { reason: 'signature' } });
          throw new ApiProblem(403, 'chat.signature');
        }
        const parsed = WhatsAppWebhook.safeParse(request.body);
        const messages = parsed.success ? incomingMessages(parsed.data) : [];
        let received = 0;
        // A photo: with a token, fetched and kept for the registration; without, the citizen is told photos are not taken here.
        for (const img of parsed.success ? incomingImages(parsed.data) : []) {
          const mobile = normalizeMobile(img.from);
          if (!mobile) continue;
          const conversationId = `wa-${createHash('sha256').update(`whatsapp:${mobile}`).digest('base64url').slice(0, 40)}`;
          const [kept] = await deps.db.query<{ lang: Lang }>('SELECT lang FROM chat_conversations WHERE id = $1', [conversationId]);
          const lang: Lang = kept?.lang ?? 'hi';
          let texts: string[];
          if (config.graph) {
            texts = await answerImage({ chat: deps.chat, photos: deps.photos, audit: deps.audit, graph: config.graph }, { conversationId, mediaId: img.mediaId, lang, ip: request.ip });
          } else {
            await deps.audit.append({ action: 'chat.whatsapp.image', target: conversationId, actorId: `chat:${conversationId}`, actorRole: 'citizen', ip: request.ip, details: { mediaId: img.mediaId.slice(0, 128), fetched: false } });
            texts = [PHOTO_REFUSED[lang]];
          }
          if (texts.length === 0) continue;
          await enqueueNotifications(deps.db, texts.map((text) => ({ kind: 'chat' as const, lang, mobile, text })), deps.clock());
          received++;
        }
        for (const m of messages) {
          const mobile = normalizeMobile(m.from);
          if (!mobile) continue; // an Indian mobile only: the replies go by the outbox to such a number
          const conversationId = `wa-${createHash('sha256').update(`whatsapp:${mobile}`).digest('base64url').slice(0, 40)}`;
          // Devanagari: Hindi; Latin letters: English; a number or a button's number: as the conversation was.
          const [kept] = /[\u0900-\u097F]/.test(m.text) || /[A-Za-z]/.test(m.text) ? [] : await deps.db.query<{ lang: Lang }>('SELECT lang FROM chat_conversations WHERE id = $1', [conversationId]);
          const lang: Lang = /[\u0900-\u097F]/.test(m.text) ? 'hi' : kept ? kept.lang : /[A-Za-z]/.test(m.text) ? 'en' : 'hi';
          const req = ChatRequest.safeParse({ conversationId, text: m.text.slice(0, 1000), lang });
          if (!req.success) continue; // text no database can store: the same rule as the chat route
          try {
            const { messages: replies } = await deps.chat.handle(req.data, request.ip, { webhook: true });
            await enqueueNotifications(deps.db, replies.map((r) => ({ kind: 'chat' as const, lang, mobile, text: asText(r) })), deps.clock());
            received++;
          } catch (err) {
            if (!(err instanceof ApiProblem && err.statusCode === 429)) throw err; // too many from this number: not answered
          }
        }
        if (received > 0) deps.sendSoon?.();
        return { received };
      },
    },
  ];
}
