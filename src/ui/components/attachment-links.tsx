/**
 * A grievance's attachments for the officer: each is fetched on request with the signed-in person's token
 * (GET /api/attachments/:sha256; a plain link could not carry it) and shown from a blob: URL: photos
 * inline, voice notes with a player, PDFs as a link that opens in a new tab. URLs are revoked on leaving.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Attachment } from '../../domain/workflow-api';
import { fetchAttachment } from '../../sync/workflow-client';
import { type Key, type Lang, strings } from '../i18n';
import { WORKFLOW_UI } from '../workflow-strings';
import { errorText } from './workflow-bits';

const t = strings(WORKFLOW_UI);

const kindOf = (type: string): Key => (type.startsWith('image/') ? 'att.photo' : type.startsWith('audio/') ? 'att.audio' : 'att.document');

export function AttachmentLinks({ attachments, lang }: { attachments: readonly Attachment[]; lang: Lang }) {
  if (attachments.length === 0) return <p class="empty">{t(lang, 'gv.noAttachments')}</p>;
  return (
    <ul class="wk-files">
      {attachments.map((a, i) => <AttachmentItem key={a.sha256} a={a} name={t(lang, 'gv.attachment', { kind: t(lang, kindOf(a.type)), i: i + 1, size: Math.max(1, Math.round(a.bytes / 1024)) })} lang={lang} />)}
    </ul>
  );
}

function AttachmentItem({ a, name, lang }: { a: Attachment; name: string; lang: Lang }) {
  const [url, setUrl] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => () => { if (url) URL.revokeObjectURL(url); }, [url]);

  async function open() {
    setBusy(true);
    setError(undefined);
    const got = await fetchAttachment(a.sha256);
    setBusy(false);
    if (got instanceof Blob) setUrl(URL.createObjectURL(got));
    else setError(t(lang, 'gv.fileFailed', { msg: errorText(got, lang) }));
  }

  return (
    <li class="wk-files__item">
      {!url ? (
        <button type="button" class="btn btn--small" onClick={() => void open()} aria-disabled={busy ? 'true' : undefined}>
          {t(lang, 'gv.show', { name })}
        </button>
      ) : (
        <>
          <a href={url} target="_blank" rel="noopener">{t(lang, 'gv.openFile', { name })}</a>
          {a.type.startsWith('image/') && <img class="wk-files__img" src={url} alt={name} />}
          {a.type.startsWith('audio/') && <audio controls src={url} aria-label={name} />}
        </>
      )}
      {busy && <span role="status"> {t(lang, 'gv.fetching')}</span>}
      {error && <p class="error" role="alert">{error}</p>}
    </li>
  );
}
