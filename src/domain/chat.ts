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
  messages: z.array(z.object({ text: z.string(), choices: z.optional(z.array(z.string())) })),
});
export type ChatReply = z.infer<typeof ChatReply>;

/** How long a conversation (and a hand-off to 181) is kept after its last message. */
export const CHAT_KEEP_DAYS = 30;
