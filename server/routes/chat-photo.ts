/**
 * The citizen's optional photo of a registration by chat (no sign-in, like POST /api/chat/messages):
 *   POST   /api/chat/conversations/:conversationId/photo   the image's bytes → { sha256, bytes, type }
 *   DELETE /api/chat/conversations/:conversationId/photo   the citizen pressed Remove → { removed }
 * Counted against the chat's per-address and per-conversation limits; see ../chat/photo.ts.
 */
import * as z from 'zod/mini';
import { CHAT_PHOTO_BODY_BYTES, CHAT_PHOTO_TYPES, ChatPhoto, ChatPhotoParams } from '../../src/domain/chat';
import type { ChatPhotos } from '../chat/photo';
import type { createChatService } from '../chat/service';
import { ApiProblem, fieldErrorsFromZod } from '../errors';
import type { ApiRoute } from './registry';

const URL = '/api/chat/conversations/:conversationId/photo';

/** The :conversationId parameter, or a 400 naming it. */
function conversationOf(params: unknown): string {
  const p = ChatPhotoParams.safeParse(params, { reportInput: true });
  if (!p.success) throw new ApiProblem(400, 'chat.conversation', fieldErrorsFromZod(p.error.issues));
  return p.data.conversationId;
}

const NOT_LIVE = '`chat.photoConversation`: no such conversation, or its last message is more than 30 days old';

export function chatPhotoRoutes(deps: { chat: ReturnType<typeof createChatService>; photos: ChatPhotos }): ApiRoute[] {
  return [
    {
      method: 'POST',
      url: URL,
      summary: "The citizen's optional photo for the grievance being registered in this chat conversation (no sign-in): JPEG, PNG or WebP, the type sniffed from the bytes, within the kiosk's photo limit (1 MB; the page shrinks photos first); a second photo replaces the first. Attached to the grievance when the conversation registers it; removed with the conversation otherwise (30 days)",
      params: ChatPhotoParams,
      rawBody: {
        types: ['application/octet-stream', ...CHAT_PHOTO_TYPES],
        description: "The image's bytes. Content-Type application/octet-stream or an image type (the type is decided by the content either way)",
      },
      bodyLimit: CHAT_PHOTO_BODY_BYTES,
      response: ChatPhoto,
      // A photo in flight holds its bytes (≤ 5 MB) while it is checked: more at once are a 503 + Retry-After.
      maxInFlight: 8,
      errors: {
        400: '`chat.conversation` (the conversation id is malformed), `err.attachmentEmpty` (no bytes)',
        404: NOT_LIVE,
        409: '`chat.photoNotAsked`: the conversation is not registering a grievance',
        413: '`chat.photoTooLarge`: over 1 MB (or the body over 5 MB: `api.tooLarge`)',
        415: '`chat.photoType`: not a JPEG, PNG or WebP image (or a Content-Type other than those: `api.mediaType`)',
        422: '`err.attachmentCorrupt` (a damaged or incomplete image), `err.attachmentDimensions` (too large in pixels)',
        429: 'too many messages and photos from this address or in this conversation (per minute)',
      },
      async handler(request) {
        const conversationId = conversationOf(request.params);
        if (!Buffer.isBuffer(request.body)) throw new ApiProblem(415, 'api.mediaType');
        deps.chat.limit(conversationId, request.ip);
        return (await deps.photos.keep(conversationId, request.body, 'web', request.ip)).photo;
      },
    },
    {
      method: 'DELETE',
      url: URL,
      summary: "Removes this chat conversation's photo (the citizen pressed Remove); the grievance is then registered without one",
      params: ChatPhotoParams,
      response: z.object({ removed: z.boolean() }),
      errors: { 400: '`chat.conversation`: the conversation id is malformed', 404: NOT_LIVE, 429: 'too many calls from this address or in this conversation (per minute)' },
      async handler(request) {
        const conversationId = conversationOf(request.params);
        deps.chat.limit(conversationId, request.ip);
        return deps.photos.remove(conversationId, request.ip);
      },
    },
  ];
}
