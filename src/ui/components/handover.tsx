/**
 * Camp mode's hand-over file in the UI: the Outbox's button **Export hand-over file** (works offline: the
 * file is made and signed on this device and saved as a download) and Settings' file field **Import
 * hand-over file** (online: posted as it is; the answer, or the reason it was refused, in the UI language).
 * The work is in src/sync/handover.ts, loaded on first use.
 */
import { useEffect, useState } from 'preact/hooks';
import './handover.css';
import { type KeyOf, type Lang, strings } from '../i18n';
import { CAMP_UI } from '../camp-strings';

const t = strings(CAMP_UI);

const handover = () => import('../../sync/handover');

type Note = { kind: 'status' | 'alert'; text: string };

/** The words of a HandoverError: the server's own when it gave them, else its key's. */
function errorText(err: unknown, lang: Lang, fallback: KeyOf<typeof t>): string {
  const e = err as { name?: string; key?: string; words?: { message: string; messageHi: string } };
  if (e?.name !== 'HandoverError' || !e.key) return t(lang, fallback);
  if (e.words) return lang === 'hi' ? e.words.messageHi : e.words.message;
  return t.has(e.key) ? t(lang, e.key) : t(lang, fallback);
}

function NoteLine({ note }: { note?: Note }) {
  // Both live regions exist from the start so that screen readers announce what appears in them.
  return (
    <>
      <p role="status" class="handover__note">{note?.kind === 'status' ? note.text : ''}</p>
      <div role="alert">{note?.kind === 'alert' && <p class="form-alert">{note.text}</p>}</div>
    </>
  );
}

export function HandoverExport({ lang }: { lang: Lang }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();

  async function run() {
    if (busy) return;
    setBusy(true);
    setNote({ kind: 'status', text: t(lang, 'handover.exporting') });
    try {
      const out = await (await handover()).exportHandover();
      if (out.grievances === 0 && out.actions === 0) {
        setNote({ kind: 'status', text: t(lang, 'handover.nothing') });
        return;
      }
      const url = URL.createObjectURL(new Blob([out.text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = out.fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setNote({ kind: 'status', text: t(lang, 'handover.exported', { file: out.fileName, n: out.grievances, f: out.attachments, a: out.actions }) });
    } catch (err) {
      setNote({ kind: 'alert', text: errorText(err, lang, 'handover.exportFailed') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="handover no-print" aria-labelledby="handover-export-title">
      <h2 id="handover-export-title" class="sr-only">{t(lang, 'handover.export')}</h2>
      <p class="hint" id="handover-export-hint">{t(lang, 'handover.exportHint')}</p>
      <button type="button" class="btn" aria-describedby="handover-export-hint" aria-disabled={busy} onClick={() => void run()}>
        {t(lang, 'handover.export')}
      </button>
      <NoteLine note={note} />
    </section>
  );
}

export function HandoverImport({ lang }: { lang: Lang }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const [keyState, setKeyState] = useState<'none' | 'made' | 'registered'>();

  useEffect(() => {
    void handover().then((m) => m.deviceKeyState()).then(setKeyState, () => undefined);
  }, []);

  async function take(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file || busy) return;
    setBusy(true);
    setNote({ kind: 'status', text: t(lang, 'handover.importing') });
    try {
      const r = await (await handover()).importHandover(file);
      const applied = r.actions.filter((a) => a.status === 'applied').length;
      const text = t(lang, 'handover.imported', { kiosk: r.fromKiosk, device: r.fromDevice, created: r.counts.created, duplicate: r.counts.duplicate, invalid: r.counts.invalid + r.counts.conflict })
        + (r.actions.length ? ` ${t(lang, 'handover.importedActions', { applied, refused: r.actions.length - applied })}` : '');
      setNote({ kind: 'status', text });
    } catch (err) {
      setNote({ kind: 'alert', text: errorText(err, lang, 'handover.offline') });
    } finally {
      input.value = ''; // the same file may be chosen again
      setBusy(false);
    }
  }

  return (
    <section class="handover" aria-labelledby="handover-import-title">
      <h2 id="handover-import-title">{t(lang, 'handover.importTitle')}</h2>
      {keyState && keyState !== 'none' && (
        <p class="hint">{t(lang, 'handover.keyState')}: {t(lang, keyState === 'registered' ? 'handover.keyRegistered' : 'handover.keyMissing')}</p>
      )}
      <div class="field">
        <label for="handover-file">{t(lang, 'handover.import')}</label>
        <p id="handover-file-hint" class="hint">{t(lang, 'handover.importHint')}</p>
        <input id="handover-file" type="file" accept=".json,application/json" aria-describedby="handover-file-hint" disabled={busy}
          onChange={(e) => void take(e.currentTarget)} />
      </div>
      <NoteLine note={note} />
    </section>
  );
}
