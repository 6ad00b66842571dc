/**
 * The citizen assistant's API (ACCEPTANCE.md, "Citizen assistant"): POST /api/chat/messages takes what
 * the citizen typed in a conversation and answers the assistant's replies, each with optional buttons.
 * No sign-in; `conversationId` is made by the client (random, at least 8 characters) and names the
 * conversation for 30 days after its last message.
 */
import * as z from 'zod/mini';
import { freeText } from './text';

export const ConversationId = z.string({ error: 'chat.conversation' }).check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'chat.conversation'));

export const ChatRequest = z.strictObject({
  conversationId: ConversationId,
  /** What the citizen typed or the label of the button they pressed; empty opens the conversation. */
  text: freeText(0, 1000, 'chat.text'),
  lang: z.enum(['hi', 'en'], { error: 'chat.lang' }),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

export const ChatReply = z.object({
  messages: z.array(z.object({
    text: z.string(), choices: z.optional(z.array(z.string())),
    /** This reply asks for the optional photo of a registration (POST /api/chat/conversations/:id/photo); its first choice adds it. */
    photo: z.optional(z.boolean()),
  })),
});
export type ChatReply = z.infer<typeof ChatReply>;

/**
 * The citizen's optional photo of a registration: `POST /api/chat/conversations/:conversationId/photo`,
 * the image's bytes as the body (the page shrinks it first, as a kiosk does). Read up to this many bytes;
 * the photo kept must also meet the kiosk's attachment rule for its type (src/domain/attachments.ts).
 */
export const CHAT_PHOTO_BODY_BYTES = 5 * 1024 * 1024;
/** The types a chat photo may be, sniffed from its bytes. */
export const CHAT_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const ChatPhotoParams = z.strictObject({ conversationId: ConversationId });
export const ChatPhoto = z.object({ sha256: z.string(), bytes: z.number(), type: z.enum(CHAT_PHOTO_TYPES) });
export type ChatPhoto = z.infer<typeof ChatPhoto>;

/** How long a conversation (and a hand-off to 181) is kept after its last message. */
export const CHAT_KEEP_DAYS = 30;
