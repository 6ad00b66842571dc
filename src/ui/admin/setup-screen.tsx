/**
 * First run (ACCEPTANCE.md): the page behind the one-time link the server prints (`/setup#<token>`), with
 * Admin ID, Name, Password and Create admin. The token stays in the URL's fragment, so it never reaches a
 * server log; after the admin is made, the page sends them to sign in.
 */
import { useState } from 'preact/hooks';
import { SetupResult } from '../../domain/admin';
import { Field } from '../components/field';
import { type KeyOf, type Lang, strings } from '../i18n';
import { ADMIN_UI } from './admin-strings';
import { navigate } from '../router';
import { adminCall, fieldMessage } from './admin-api';
import { Outcome } from './admin-frame';
import type { FieldError } from '../../domain/schemas';
import { enterMovesFocus } from '../enter-key';

const t = strings(ADMIN_UI);

/** The link's token, kept when the page moves on in place (e.g. switching the language drops the fragment). */
let remembered = '';

export function SetupScreen({ lang }: { lang: Lang }) {
  const fromLink = location.hash.replace(/^#(token=)?/, '');
  if (fromLink) remembered = fromLink;
  const token = remembered;
  const [f, setF] = useState({ id: '', name: '', password: '' });
  const [fields, setFields] = useState<FieldError[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const L = (k: KeyOf<typeof t>) => t(lang, k);
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await adminCall(lang, '/api/setup', SetupResult, { token, id: f.id.trim(), name: f.name, password: f.password }, true);
    setFields(r.ok ? [] : r.fields);
    setResult(r.ok ? { ok: true, text: L('setup.created') } : { ok: false, text: r.message });
    if (r.ok) history.replaceState(null, '', '/setup'); // the link is spent: drop the token from the address bar
  };
  return (
    <>
      <h1 tabIndex={-1}>{L('setup.title')}</h1>
      <p>{L('setup.intro')}</p>
      {!token && <p class="form-alert" role="alert">{L('setup.noToken')}</p>}
      <Outcome ok={!!result?.ok} text={result?.text} />
      {result?.ok
        ? <p><button type="button" class="btn btn--primary" onClick={() => navigate('/', true)}>{L('setup.toSignIn')}</button></p>
        : (
          <form class="wk-form" onSubmit={submit} onKeyDown={enterMovesFocus} noValidate>
            <Field id="setup-id" label={L('setup.id')} error={fieldMessage(fields, 'id', lang)} required>{(p) => <input {...p} value={f.id} onInput={(e) => setF({ ...f, id: e.currentTarget.value })} autoComplete="username" autoCapitalize="none" spellcheck={false} />}</Field>
            <Field id="setup-name" label={L('setup.name')} error={fieldMessage(fields, 'name', lang)} required>{(p) => <input {...p} value={f.name} onInput={(e) => setF({ ...f, name: e.currentTarget.value })} autoComplete="name" />}</Field>
            <Field id="setup-password" label={L('setup.password')} hint={L('setup.passwordHint')} error={fieldMessage(fields, 'password', lang)} required>{(p) => <input {...p} type="password" value={f.password} onInput={(e) => setF({ ...f, password: e.currentTarget.value })} autoComplete="new-password" />}</Field>
            <div><button type="submit" class="btn btn--primary btn--big">{L('setup.submit')}</button></div>
          </form>
        )}
    </>
  );
}
