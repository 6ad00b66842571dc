/**
 * A grievance's attachments on the receipt and in the outbox: a printed line with how many files went with
 * it, and (on screen only) a thumbnail or icon and the name of each. Thumbnails are kept on the device
 * after a confirmed grievance's files are pruned, so this works for old grievances too.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AttachmentView } from '../../db/attachments';
import { ATTACHMENT_TYPES } from '../../domain/attachments';
import { attachmentsOf } from '../device';
import { t, type Lang } from '../i18n';
import './attachments.css';

export function AttachmentThumbs({ clientId, count, lang }: { clientId: string; count: number; lang: Lang }) {
  const [list, setList] = useState<AttachmentView[]>();
  useEffect(() => {
    let live = true;
    void attachmentsOf(clientId).then((l) => live && setList(l), () => undefined);
    return () => { live = false; };
  }, [clientId]);
  return (
    <div class="thumbs">
      <p class="thumbs__count">{t(lang, 'receipt.attachmentCount', { n: count })}</p>
      {list && list.length > 0 && (
        <ul class="thumbs__list no-print" aria-label={t(lang, 'receipt.attachments')}>
          {list.map((a) => {
            const kind = ATTACHMENT_TYPES[a.type].kind;
            const label = a.name ?? t(lang, kind === 'image' ? 'att.photo' : kind === 'audio' ? 'att.audio' : 'att.document');
            return (
              <li key={a.sha256} class="thumbs__item">
                {a.thumbnail ? <img class="attachment__thumb" src={a.thumbnail} alt="" width={48} height={48} /> : kind === 'audio' ? <VoiceIcon /> : <DocumentIcon />}
                <span class="thumbs__name">{label}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function VoiceIcon() {
  return (
    <svg class="attachment__icon" viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11z" />
    </svg>
  );
}

/** The icon of a document (PDF). */
export function DocumentIcon() {
  return (
    <svg class="attachment__icon" viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M6 2h8l6 6v14H6zM13 3.5V9h5.5zM8 13h8v1.5H8zm0 3h8v1.5H8z" />
    </svg>
  );
}
