/**
 * The optional photo on the public chat page (/chat), shown while the assistant asks for it: a file field
 * "Choose a photo" (and, on a phone, "Take a photo" with the camera), the photo shrunk and re-encoded in the
 * media worker exactly as a kiosk's attachment is (src/media, behind Comlink), uploaded to
 * POST /api/chat/conversations/:id/photo, and shown as a thumbnail with Remove (DELETE). The assistant's
 * "Add a photo" then attaches it; "Skip" drops one uploaded.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { ATTACHMENT_LIMITS } from '../../domain/attachments';
import { ApiError } from '../../domain/schemas';
import { prepareFile } from '../../media/media-bridge';
import { type KeyOf, type Lang, messageText, strings, type Vars } from '../i18n';
import { CHAT_UI } from './chat-strings';

const t = strings(CHAT_UI);

export interface KeptPhoto { thumbnail: string }

export function ChatPhoto({ lang, conversationId, photo, onPhoto }: {
  lang: Lang; conversationId: string;
  /** The photo uploaded for this conversation, if any. */
  photo: KeptPhoto | null;
  onPhoto: (photo: KeptPhoto | null) => void;
}) {
  const [working, setWorking] = useState<'prepare' | 'upload' | 'remove'>();
  const [error, setError] = useState<string>();
  const file = useRef<HTMLInputElement>(null);
  const L = (k: KeyOf<typeof t>, vars?: Vars) => t(lang, k, vars);
  const coarse = useMemo(() => typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches, []);
  const url = `/api/chat/conversations/${encodeURIComponent(conversationId)}/photo`;

  const problem = async (res: Response) => {
    const e = ApiError.safeParse(await res.json().catch(() => undefined));
    return e.success ? (lang === 'hi' ? e.data.messageHi : e.data.message) : L('chat.offline');
  };

  async function choose(input: HTMLInputElement) {
    const picked = input.files?.[0];
    input.value = '';
    if (!picked) return;
    setError(undefined);
    setWorking('prepare');
    try {
      const r = await prepareFile(picked, { name: picked.name, type: picked.type }, ATTACHMENT_LIMITS);
      if (!r.ok) { setError(messageText(lang, r.key, r.vars, t)); return; }
      setWorking('upload');
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': r.attachment.type }, body: r.attachment.blob, credentials: 'omit', signal: AbortSignal.timeout(60_000) });
      if (!res.ok) { setError(await problem(res)); return; }
      onPhoto({ thumbnail: r.attachment.thumbnail ?? '' });
    } catch {
      setError(L('chat.offline'));
    } finally {
      setWorking(undefined);
    }
  }

  async function remove() {
    setError(undefined);
    setWorking('remove');
    try {
      const res = await fetch(url, { method: 'DELETE', credentials: 'omit', signal: AbortSignal.timeout(30_000) });
      if (!res.ok && res.status !== 404) { setError(await problem(res)); return; }
      onPhoto(null);
      file.current?.focus();
    } catch {
      setError(L('chat.offline'));
    } finally {
      setWorking(undefined);
    }
  }

  return (
    <section class="chat__photo" aria-labelledby="chat-photo-title">
      <h2 id="chat-photo-title" class="chat__photo-title">{L('chat.photo.title')}</h2>
      {photo ? (
        <div class="chat__photo-kept">
          <img src={photo.thumbnail} alt={L('chat.photo.alt')} class="chat__thumb" />
          <p class="chat__photo-ready">{L('chat.photo.ready')}</p>
          <button type="button" class="btn" onClick={() => void remove()} disabled={!!working}>{L('chat.photo.remove')}</button>
        </div>
      ) : (
        <div class="chat__photo-pick">
          <label for="chat-photo-file">{L('chat.photo.choose')}</label>
          <input id="chat-photo-file" ref={file} type="file" accept="image/*" disabled={!!working} aria-describedby="chat-photo-hint"
            onChange={(e) => void choose(e.currentTarget)} />
          {coarse && (
            <>
              <label for="chat-photo-camera">{L('chat.photo.camera')}</label>
              <input id="chat-photo-camera" type="file" accept="image/*" capture="environment" disabled={!!working} onChange={(e) => void choose(e.currentTarget)} />
            </>
          )}
          <p id="chat-photo-hint" class="chat__hint">{L('chat.photo.hint')}</p>
        </div>
      )}
      <p role="status" class="chat__hint">{working ? L(`chat.photo.working.${working}`) : ''}</p>
      {error && <p class="form-alert" role="alert">{error}</p>}
    </section>
  );
}
