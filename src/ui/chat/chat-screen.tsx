/**
 * The public chat page (/chat, no sign-in): the citizen assistant of issue 13 over POST /api/chat/messages.
 * The conversation is a log region (role="log", polite live region) so a screen reader reads each reply;
 * the assistant's choices are buttons that send their label; the message field has a visible label and
 * the page works at 360 px. The conversation id lives in sessionStorage, so a reload goes on where it was.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ChatReply } from '../../domain/chat';
import { ApiError } from '../../domain/schemas';
import { ChatLog, type ChatLine } from './chat-log';
import { ChatPhoto, type KeptPhoto } from './chat-photo';
import { type KeyOf, type Lang, strings } from '../i18n';
import { CHAT_UI } from './chat-strings';
import './chat.css';

const t = strings(CHAT_UI);

const KEY = 'sampark.chat.conversation';

function conversationId(fresh = false): string {
  const kept = fresh ? null : sessionStorage.getItem(KEY);
  if (kept) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  sessionStorage.setItem(KEY, id);
  return id;
}

export function ChatScreen({ lang }: { lang: Lang }) {
  const [id, setId] = useState(() => conversationId());
  const [lines, setLines] = useState<ChatLine[]>([]);
  // `/chat?q=<receipt or grievance number>` (the QR on a camp's disposal slip): the number is ready to send.
  const [text, setText] = useState(() => new URLSearchParams(location.search).get('q')?.slice(0, 40) ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [photo, setPhoto] = useState<KeptPhoto | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const L = (k: KeyOf<typeof t>) => t(lang, k);

  async function send(said: string, conv = id, image?: string) {
    setBusy(true);
    setError(undefined);
    if (said) setLines((ls) => [...ls, { from: 'person', text: said, ...(image && { image }) }]);
    try {
      const res = await fetch('/api/chat/messages', {
        method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'omit',
        body: JSON.stringify({ conversationId: conv, text: said, lang }), signal: AbortSignal.timeout(30_000),
      });
      const json: unknown = await res.json().catch(() => undefined);
      const ok = res.ok ? ChatReply.safeParse(json) : undefined;
      if (ok?.success) {
        setLines((ls) => [...ls, ...ok.data.messages.map((m) => ({ from: 'assistant' as const, ...m }))]);
        setText((typed) => (typed.trim() === said ? '' : typed)); // what was sent goes; a number from ?q= waits to be sent
      } else {
        const e = ApiError.safeParse(json);
        setError(e.success ? (lang === 'hi' ? e.data.messageHi : e.data.message) : L('chat.offline'));
      }
    } catch {
      setError(L('chat.offline'));
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  useEffect(() => { if (lines.length === 0) void send('', id); }, [id]);

  const submit = (e: Event) => {
    e.preventDefault();
    const said = text.trim();
    if (said && !busy) void send(said);
  };
  // The assistant asks for the optional photo: its first choice adds it, its second skips it.
  const last = lines.at(-1);
  const asking = last?.from === 'assistant' && !!last.photo && !!last.choices?.length;
  const choose = (label: string) => {
    if (asking && label === last.choices![0]) {
      // "Add a photo": with the photo uploaded, it is attached (shown in the log); without, the field is where to start.
      if (!photo) { document.getElementById('chat-photo-file')?.focus(); return; }
      const sent = photo.thumbnail;
      setPhoto(null);
      return void send(label, id, sent);
    }
    if (asking && photo && label === last.choices![1]) {
      // "Skip" with a photo uploaded: it is taken back first.
      setPhoto(null);
      void fetch(`/api/chat/conversations/${encodeURIComponent(id)}/photo`, { method: 'DELETE', credentials: 'omit' }).catch(() => undefined);
    }
    void send(label);
  };
  const restart = () => {
    setPhoto(null);
    setLines([]);
    setId(conversationId(true));
  };

  return (
    <section class="chat" aria-labelledby="chat-title">
      <h1 id="chat-title" tabIndex={-1}>{L('chat.title')}</h1>
      <p class="chat__intro">{L('chat.intro')}</p>
      <ChatLog lines={lines} lang={lang} busy={busy} youKey="chat.you" onChoice={choose}>
        {asking && <ChatPhoto lang={lang} conversationId={id} photo={photo} onPhoto={setPhoto} />}
      </ChatLog>
      {error && <p class="form-alert" role="alert">{error}</p>}
      <form class="chat__form" onSubmit={submit} noValidate>
        <label for="chat-input">{L('chat.input')}</label>
        <p id="chat-hint" class="chat__hint">{L('chat.hint')}</p>
        <textarea id="chat-input" ref={input} rows={2} maxLength={1000} value={text} aria-describedby="chat-hint"
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) submit(e); }} />
        <div class="chat__actions">
          <button type="submit" class="btn btn--primary" disabled={busy}>{busy ? L('chat.sending') : L('chat.send')}</button>
          <button type="button" class="btn" onClick={restart} disabled={busy}>{L('chat.restart')}</button>
        </div>
      </form>
    </section>
  );
}
