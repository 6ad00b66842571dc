/**
 * The citizen assistant's HTTP channel (ACCEPTANCE.md, "Citizen assistant"):
 *   POST /api/chat/messages { conversationId, text, lang } → { messages: [{ text, choices? }] }
 * No sign-in; limited per address and per conversation (../chat/service.ts) besides the general
 * per-address limit of calls without a token.
 */
import { ChatReply, ChatRequest } from '../../src/domain/chat';
import type { createChatService } from '../chat/service';
import { parseBody } from '../errors';
import type { ApiRoute } from './registry';

export function chatRoutes(chat: ReturnType<typeof createChatService>): ApiRoute[] {
  return [{
    method: 'POST',
    url: '/api/chat/messages',
    summary: "The citizen assistant (no sign-in): what the citizen typed, or a button's label, in conversation `conversationId` (made by the client, kept 30 days after its last message); answers the assistant's replies, each with optional buttons (`choices`, sent back as `text`). A grievance number (or receipt) with the grievance's mobile number asks for a 6-digit code sent to that mobile; with it the reply states the status in words. Also registers a grievance (channel `chat`), takes feedback verified by the code, answers common questions and hands the conversation to 181",
    body: ChatRequest,
    response: ChatReply,
    errors: { 429: 'too many messages from this address or in this conversation (per minute), or two at once in one conversation' },
    async handler(request) {
      return chat.handle(parseBody(ChatRequest, request.body), request.ip);
    },
  }];
}
