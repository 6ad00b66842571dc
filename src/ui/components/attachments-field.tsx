/**
 * The intake form's attachments: a file field named "Attachments" (photos and PDFs; on a tablet also
 * "Take photo" with the camera), a voice recorder, the files chosen so far with thumbnails and a Remove
 * button, and the per-grievance limits ("2 of 5 files, 0.6 of 10 MB") before the operator registers.
 * Each file is checked, compressed and hashed in the media worker (src/media/); what cannot go is refused
 * here, next to the field, in words. Loaded after the form is drawn (lazy-attachments.ts), with its worker
 * only on the first file.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, type AttachmentLimits } from '../../domain/attachments';
import { ServerConfig } from '../../domain/schemas';
import { getSetting } from '../../db/settings';
import { megabytes, refuseAddition, tally, type PreparedAttachment, type PrepareResult } from '../../media/attachment-rules';
import { ErrorText } from './field';
import { DocumentIcon } from './attachment-thumbs';
import { VoiceRecorder } from './voice-recorder';
import { type Key, type Lang, messageText, t, type Vars } from '../i18n';
import './attachments.css';

export type AttachmentsFieldProps = {
  lang: Lang;
  files: readonly PreparedAttachment[];
  onChange: (update: (files: PreparedAttachment[]) => PreparedAttachment[]) => void;
  /** True while a file is being prepared (the form waits before registering). */
  onBusy: (busy: boolean) => void;
  /** A message from the form about the attachments (e.g. wait until they are ready). */
  formError?: string;
};

const ID = 'f-attachments';

/** The server's advertised limits (GET /api/config, cached for offline use), else the built-in ones. */
async function loadLimits(): Promise<AttachmentLimits> {
  const c = ServerConfig.safeParse(await getSetting('serverConfig').catch(() => undefined));
  return (c.success && c.data.attachments) || ATTACHMENT_LIMITS;
}

const kb = (bytes: number) => String(Math.max(1, Math.round(bytes / 1024)));
const kindKey = (type: PreparedAttachment['type']): Key => (ATTACHMENT_TYPES[type].kind === 'image' ? 'att.photo' : ATTACHMENT_TYPES[type].kind === 'audio' ? 'att.audio' : 'att.document');

export function AttachmentsField({ lang, files, onChange, onBusy, formError }: AttachmentsFieldProps) {
  const [limits, setLimits] = useState<AttachmentLimits>(ATTACHMENT_LIMITS);
  const [busy, setBusy] = useState<string>();
  const [errors, setErrors] = useState<string[]>([]);
  const [announce, setAnnounce] = useState('');
  const current = useRef(files);
  current.current = files;
  const queue = useRef(Promise.resolve());
  const cameraRef = useRef<HTMLInputElement>(null);
  const L = (k: Key, vars?: Vars) => t(lang, k, vars);
  const coarse = useMemo(() => typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches, []);

  useEffect(() => { void loadLimits().then(setLimits); }, []);
  useEffect(() => { if (formError) setErrors([formError]); }, [formError]);
  useEffect(() => onBusy(!!busy), [busy]);

  /** Prepares files one at a time (so the limits are checked against what is really attached). */
  function add(list: readonly { blob: Blob; name: string; type: string }[]) {
    setErrors([]);
    queue.current = queue.current.then(async () => {
      const refused: string[] = [];
      for (const f of list) {
        if (current.current.length >= limits.maxPerGrievance) { refused.push(`${f.name}: ${L('err.attachmentCount')}`); continue; }
        setBusy(f.name);
        setAnnounce(L('att.preparing', { name: f.name }));
        let r: PrepareResult;
        try {
          r = await (await import('../../media/media-bridge')).prepareFile(f.blob, { name: f.name, type: f.type }, limits);
        } catch {
          r = { ok: false, key: 'att.failed' };
        }
        if (!r.ok) { refused.push(`${f.name}: ${messageText(lang, r.key, r.vars)}`); continue; }
        const prepared = r.attachment;
        const no = refuseAddition(current.current, prepared, limits);
        if (no) { refused.push(`${f.name}: ${messageText(lang, no.key, no.vars)}`); continue; }
        current.current = [...current.current, prepared];
        onChange((fs) => [...fs, prepared]);
        setAnnounce(L('att.added', { name: prepared.name, size: kb(prepared.bytes) }));
      }
      setBusy(undefined);
      setErrors(refused);
      if (refused.length) setAnnounce(refused.join(' '));
    });
    return queue.current;
  }

  const picked = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const list = [...(input.files ?? [])].map((f) => ({ blob: f as Blob, name: f.name, type: f.type }));
    input.value = ''; // the same file can be chosen again after a refusal
    if (list.length) void add(list);
  };

  function remove(p: PreparedAttachment) {
    current.current = current.current.filter((f) => f.sha256 !== p.sha256);
    onChange((fs) => fs.filter((f) => f.sha256 !== p.sha256));
    setAnnounce(L('att.removed', { name: p.name }));
    document.getElementById(ID)?.focus();
  }

  const count = tally(files, limits);
  const describedBy = [`${ID}-hint`, `${ID}-tally`, errors.length ? `${ID}-error` : ''].filter(Boolean).join(' ');

  return (
    <fieldset class="group attachments-group">
      <legend>{L('att.legend')}</legend>
      <div class={`field${errors.length ? ' field--invalid' : ''}`}>
        <label for={ID}>{L('f.attachments')}</label>
        <p id={`${ID}-hint`} class="hint">{L('f.attachments.hint')}</p>
        <p id={`${ID}-tally`} class="hint attachments__tally">
          {L('att.tally', { n: count.count, max: count.maxCount, mb: megabytes(count.bytes), maxMb: megabytes(count.maxBytes) })}
        </p>
        <div id={`${ID}-error`} class="attachments__errors">
          {errors.map((e, i) => <ErrorText key={i} id={`${ID}-error-${i}`}>{e}</ErrorText>)}
        </div>
        <div class="attachments__pickers">
          <input type="file" id={ID} multiple accept="image/*,application/pdf" aria-describedby={describedBy}
            aria-invalid={errors.length ? 'true' : undefined} onChange={picked} />
          {coarse && (
            <>
              <button type="button" class="btn" onClick={() => cameraRef.current?.click()}>{L('att.takePhoto')}</button>
              <input ref={cameraRef} type="file" accept="image/*" capture="environment" hidden tabIndex={-1} aria-label={L('att.takePhoto')} onChange={picked} />
            </>
          )}
        </div>
        {busy && <p class="attachments__busy" role="status">{L('att.preparing', { name: busy })}</p>}
      </div>

      <VoiceRecorder lang={lang} disabled={files.length >= limits.maxPerGrievance}
        onSave={(blob, name) => add([{ blob, name, type: blob.type }])} />

      {files.length > 0 && (
        <ul class="attachments__list" aria-label={L('att.list')}>
          {files.map((f) => (
            <li key={f.sha256} class="attachment">
              <Preview file={f} lang={lang} />
              <span class="attachment__text">
                <span class="attachment__name">{f.name}</span>
                <span class="attachment__meta">{L(kindKey(f.type))} · {kb(f.bytes)} KB{f.width ? ` · ${f.width}×${f.height}` : ''}</span>
              </span>
              <button type="button" class="btn btn--small" onClick={() => remove(f)}>
                {L('att.remove')}<span class="sr-only"> {f.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="sr-only" aria-live="polite">{announce}</p>
    </fieldset>
  );
}

/** A thumbnail for a photo, a player for a voice note, an icon for a document. */
function Preview({ file, lang }: { file: PreparedAttachment; lang: Lang }) {
  const kind = ATTACHMENT_TYPES[file.type].kind;
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (kind !== 'audio') return;
    const u = URL.createObjectURL(file.blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file.blob, kind]);
  if (kind === 'image' && file.thumbnail) return <img class="attachment__thumb" src={file.thumbnail} alt="" width={64} height={64} />;
  if (kind === 'audio') return url ? <audio class="attachment__audio" controls preload="metadata" src={url} aria-label={`${t(lang, 'att.audio')}: ${file.name}`} /> : null;
  return <DocumentIcon />;
}
