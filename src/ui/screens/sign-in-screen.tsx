/**
 * Sign-in: Operator ID, Password, Sign in (ACCEPTANCE.md's names). Online first; without the network the
 * same operator signs in against the verifier kept from their last online sign-in on this device
 * (src/sync/auth.ts). Each error is shown next to its field, in the UI language, and focus goes there.
 * Also used to sign in again when the server refused the session (`presetId`), and for "Sign in as
 * someone else" from the locked screen (`onBack`).
 */
import { useEffect, useState } from 'preact/hooks';
import { signIn, syncStatus } from '../device';
import type { SyncStatus } from '../../sync/client';
import { Field } from '../components/field';
import { messageText, t, type Key, type Lang, type Vars } from '../i18n';
import { useObservable } from '../use-observable';

type Failure = { key: string; field: 'operatorId' | 'password' | 'form' };

/** The lead of the "sign in again" screen for each reason a sign-in is needed. */
export function againLead(reason: string): Key {
  switch (reason) {
    case 'auth.expired': return 'auth.again.expired';
    case 'auth.disabled': return 'auth.again.disabled';
    case 'auth.noCredential': return 'auth.again.noCredential';
    default: return 'auth.again.ended';
  }
}

/** navigator.onLine, following the online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(navigator.onLine);
    addEventListener('online', on);
    addEventListener('offline', on);
    return () => { removeEventListener('online', on); removeEventListener('offline', on); };
  }, []);
  return online;
}

export function SignInScreen({ lang, presetId, again, onDone, onBack }: {
  lang: Lang;
  presetId?: string;
  /** Why this operator signs in again (SessionRow.signInReason): the screen says what is true in that case. */
  again?: string;
  onDone?: () => void;
  onBack?: () => void;
}) {
  const [id, setId] = useState(presetId ?? '');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<Failure>();
  const [busy, setBusy] = useState(false);
  const [focusField, setFocusField] = useState(0);
  const online = useOnline();
  const status = useObservable<SyncStatus | undefined>(syncStatus, undefined);
  const L = (k: Key, vars?: Vars) => t(lang, k, vars);
  const waiting = status ? status.saved + status.sending : 0;

  useEffect(() => {
    if (!focusField || !failure) return;
    document.getElementById(failure.field === 'password' ? 'si-password' : failure.field === 'operatorId' ? 'si-id' : 'si-submit')?.focus();
  }, [focusField]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const r = await signIn(id, password);
      if (r.ok) {
        setPassword('');
        onDone?.();
        return;
      }
      setFailure(r);
      if (r.field === 'password') setPassword('');
      setFocusField((n) => n + 1);
    } catch {
      setFailure({ key: 'auth.failed', field: 'form' });
      setFocusField((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (f: Failure['field']) => (failure?.field === f ? messageText(lang, failure.key) : undefined);

  return (
    <>
      <h1 tabIndex={-1}>{L('auth.title')}</h1>
      <form class="sign-in" noValidate onSubmit={submit} aria-busy={busy ? 'true' : undefined}>
        <p>{again ? L(againLead(again)) : L('auth.lead')}</p>
        {!online && <p class="note">{L('auth.offline')}</p>}
        <Field id="si-id" label={L('auth.operatorId')} error={errorOf('operatorId')}>
          {(p) => (
            <input {...p} type="text" value={id} autoComplete="username" autoCapitalize="none" spellcheck={false} maxLength={64}
              autoFocus={!presetId} onInput={(e) => setId(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="si-password" label={L('auth.password')} error={errorOf('password')}>
          {(p) => (
            <input {...p} type="password" value={password} autoComplete="current-password" maxLength={256}
              autoFocus={!!presetId} onInput={(e) => setPassword(e.currentTarget.value)} />
          )}
        </Field>
        {failure?.field === 'form' && <p class="form-alert" role="alert">{messageText(lang, failure.key)}</p>}
        <div class="actions">
          <button type="submit" id="si-submit" class="btn btn--primary btn--big" aria-disabled={busy ? 'true' : undefined}>{L('auth.submit')}</button>
          {onBack && <button type="button" class="btn" onClick={onBack}>{L('auth.back')}</button>}
        </div>
        <p class="sr-only" role="status">{busy ? L('auth.busy') : ''}</p>
      </form>
      {waiting > 0 && !again && <p class="note">{L('auth.waiting', { n: waiting })}</p>}
    </>
  );
}
