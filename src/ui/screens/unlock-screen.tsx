/**
 * The locked screen (the Lock button or the idle timer): the locked operator's password unlocks it,
 * checked on the device, no network needed; or someone else signs in (the locked operator's grievances
 * stay on the device and are still sent as theirs).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { unlock } from '../device';
import type { SessionInfo } from '../../sync/auth-client';
import { Field } from '../components/field';
import { messageText, t, type Key, type Lang, type Vars } from '../i18n';

export function UnlockScreen({ lang, session, onSomeoneElse }: { lang: Lang; session: SessionInfo; onSomeoneElse: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [tries, setTries] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const L = (k: Key, vars?: Vars) => t(lang, k, vars);

  useEffect(() => { if (tries) input.current?.focus(); }, [tries]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await unlock(password);
      if (r.ok) return;
      setError(r.key);
    } catch {
      setError('auth.failed');
    } finally {
      setBusy(false);
      setPassword('');
      setTries((n) => n + 1);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>{L('lock.title')}</h1>
      <form class="sign-in" noValidate onSubmit={submit} aria-busy={busy ? 'true' : undefined}>
        <p>{L('lock.who', { name: session.name, id: session.operatorId })}</p>
        <Field id="un-password" label={L('auth.password')} error={error && messageText(lang, error)}>
          {(p) => (
            <input {...p} ref={input} type="password" value={password} autoComplete="current-password" maxLength={256} autoFocus
              onInput={(e) => setPassword(e.currentTarget.value)} />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="btn btn--primary btn--big" aria-disabled={busy ? 'true' : undefined}>{L('lock.unlock')}</button>
          <button type="button" class="btn" onClick={onSomeoneElse}>{L('lock.someoneElse')}</button>
        </div>
        <p class="sr-only" role="status">{busy ? L('auth.busy') : ''}</p>
      </form>
    </>
  );
}
