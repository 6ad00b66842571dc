/**
 * A voice note of up to 2 minutes (MediaRecorder): record with a visible timer, stop, listen, then save
 * it to the grievance or discard it. Opus in WebM where the browser has it (Chrome, Edge, Firefox), else
 * the browser's own format; 32 kbit/s keeps 2 minutes near 0.5 MB, well under the 2 MB limit.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_VOICE_MS } from '../../media/attachment-rules';
import { t, type Key, type Lang } from '../i18n';

type State = { kind: 'idle' } | { kind: 'recording'; elapsed: number } | { kind: 'recorded'; blob: Blob; url: string; ms: number };

/** Preferred recording formats, best first; the first the browser supports is used. */
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];
const EXTENSION: Record<string, string> = { webm: 'webm', ogg: 'ogg', mp4: 'm4a' };

/** "1:05" */
export const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

type Props = {
  lang: Lang;
  /** Saving is refused while the grievance already has its maximum of files. */
  disabled?: boolean;
  /** Adds the recording to the grievance (it is checked and hashed like any file); resolves when done. */
  onSave: (blob: Blob, name: string) => Promise<void>;
};

export function VoiceRecorder({ lang, disabled, onSave }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [error, setError] = useState<Key>();
  const [announce, setAnnounce] = useState('');
  const rec = useRef<{ recorder: MediaRecorder; stream: MediaStream; started: number; timer: ReturnType<typeof setInterval>; byLimit: boolean } | undefined>(undefined);
  const recordRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const L = (k: Key, vars?: Record<string, string | number>) => t(lang, k, vars);

  // Leaving the form mid-recording releases the microphone; a recording not saved is dropped.
  useEffect(() => () => {
    const r = rec.current;
    if (r) { clearInterval(r.timer); r.recorder.ondataavailable = null; r.recorder.onstop = null; if (r.recorder.state !== 'inactive') r.recorder.stop(); r.stream.getTracks().forEach((tr) => tr.stop()); }
  }, []);
  useEffect(() => () => { if (state.kind === 'recorded') URL.revokeObjectURL(state.url); }, [state]);
  useEffect(() => {
    if (state.kind === 'recording') stopRef.current?.focus();
    if (state.kind === 'recorded') saveRef.current?.focus();
  }, [state.kind]);

  async function start() {
    setError(undefined);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') return setError('voice.unsupported');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      return setError('voice.noMic');
    }
    const mimeType = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m));
    const recorder = new MediaRecorder(stream, { ...(mimeType && { mimeType }), audioBitsPerSecond: 32_000 });
    const chunks: Blob[] = [];
    const started = performance.now();
    recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    recorder.onstop = () => {
      const r = rec.current;
      clearInterval(r?.timer);
      stream.getTracks().forEach((tr) => tr.stop());
      const blob = new Blob(chunks, { type: recorder.mimeType || mimeType || 'audio/webm' });
      const ms = Math.min(MAX_VOICE_MS, performance.now() - started);
      rec.current = undefined;
      setAnnounce(r?.byLimit ? L('voice.limit') : L('voice.recorded', { time: clock(ms) }));
      setState({ kind: 'recorded', blob, url: URL.createObjectURL(blob), ms });
    };
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (elapsed >= MAX_VOICE_MS) stop(true);
      else setState({ kind: 'recording', elapsed });
    }, 250);
    rec.current = { recorder, stream, started, timer, byLimit: false };
    recorder.start(1000); // a chunk a second: a recording cut short still has its data
    setAnnounce(L('voice.started'));
    setState({ kind: 'recording', elapsed: 0 });
  }

  function stop(byLimit = false) {
    const r = rec.current;
    if (!r || r.recorder.state === 'inactive') return;
    r.byLimit = byLimit;
    clearInterval(r.timer);
    r.recorder.stop();
  }

  async function save() {
    if (state.kind !== 'recorded') return;
    const ext = EXTENSION[state.blob.type.split(/[/;]/)[1] ?? 'webm'] ?? 'webm';
    const stamp = new Date().toTimeString().slice(0, 8).replace(/:/g, '');
    await onSave(state.blob, `voice-note-${stamp}.${ext}`);
    setState({ kind: 'idle' });
    recordRef.current?.focus();
  }

  function discard() {
    setState({ kind: 'idle' });
    setAnnounce(L('voice.discarded'));
    recordRef.current?.focus();
  }

  return (
    <div class="recorder" role="group" aria-labelledby="voice-title">
      <p id="voice-title" class="recorder__title">{L('voice.title')}</p>
      <p class="sr-only" aria-live="polite">{announce}</p>
      {state.kind === 'idle' && (
        <button ref={recordRef} type="button" class="btn" onClick={() => void start()} aria-describedby={error ? 'voice-error' : undefined}>
          <span class="recorder__dot" aria-hidden="true" /> {L('voice.record')}
        </button>
      )}
      {state.kind === 'recording' && (
        <div class="recorder__row">
          <p class="recorder__timer" role="timer">{L('voice.timer', { time: clock(state.elapsed) })}</p>
          <button ref={stopRef} type="button" class="btn btn--primary" onClick={() => stop()}>{L('voice.stop')}</button>
        </div>
      )}
      {state.kind === 'recorded' && (
        <div class="recorder__row">
          <audio class="recorder__audio" controls preload="metadata" src={state.url} aria-label={L('voice.playback')} />
          <button ref={saveRef} type="button" class="btn btn--primary" onClick={() => void save()} aria-disabled={disabled ? 'true' : undefined}>{L('voice.save')}</button>
          <button type="button" class="btn" onClick={discard}>{L('voice.discard')}</button>
        </div>
      )}
      {error && <p id="voice-error" class="error">{L(error)}</p>}
    </div>
  );
}
