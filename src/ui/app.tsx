/**
 * The app shell: waits for the stored preferences and the session (a few milliseconds of IndexedDB, so the
 * first paint is already in the right language and never shows a form to someone not signed in), then
 * renders the header and either the sign-in or locked screen, or the screen for the path.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AppHeader } from './components/app-header';
import { authState } from './device';
import type { AuthState, SessionInfo } from '../sync/auth-client';
import { langFromSearch, t, type Key, type Lang } from './i18n';
import { setLang, usePrefs } from './prefs';
import { Link, navigate, useRoute } from './router';
import { lazyComponent } from './lazy';
import { IntakeScreen } from './screens/intake-screen';
import { SignInScreen } from './screens/sign-in-screen';
import { UnlockScreen } from './screens/unlock-screen';
import { useObservable } from './use-observable';
import './styles.css';

const OutboxScreen = lazyComponent(() => import('./screens/outbox-screen').then((m) => m.OutboxScreen));
const SettingsScreen = lazyComponent(() => import('./screens/settings-screen').then((m) => m.SettingsScreen));

const TITLES: Record<string, Key> = { '/': 'intake.title', '/outbox': 'nav.outbox', '/settings': 'settings.title', '/sign-in': 'auth.title' };

/** Which door the operator is at: not signed in, locked, signing in over a locked screen, or in. */
type Gate = 'loading' | 'signed-out' | 'locked' | 'switching' | 'in';

export function App() {
  const prefs = usePrefs();
  const route = useRoute();
  const auth = useObservable<AuthState | undefined>(authState, undefined);
  const [switching, setSwitching] = useState(false);
  const firstPath = useRef(true);
  const firstGate = useRef(true);
  const lang: Lang = prefs.lang ?? 'hi';
  const session = auth?.session;
  const gate: Gate = !auth ? 'loading' : !session ? 'signed-out' : session.locked ? (switching ? 'switching' : 'locked') : 'in';

  // "Sign in as someone else" lasts until someone is in.
  useEffect(() => { if (gate === 'in' || gate === 'signed-out') setSwitching(false); }, [gate]);

  // `?lang=` in any URL switches the language and is remembered.
  useEffect(() => {
    const l = langFromSearch(route.search);
    if (l) setLang(l);
  }, [route.search]);

  useEffect(() => {
    const title: Key = gate === 'locked' ? 'lock.title' : gate !== 'in' ? 'auth.title' : TITLES[route.path] ?? 'notFound.title';
    document.title = `${t(lang, title)} — ${t(lang, 'app.name')}`;
  }, [route.path, lang, gate]);

  // After signing in, unlocking or locking, start at the new screen's heading (the first load keeps autofocus).
  useEffect(() => {
    if (gate === 'loading') return;
    if (firstGate.current) { firstGate.current = false; return; }
    if (gate === 'in') document.querySelector<HTMLElement>('main h1')?.focus();
  }, [gate]);

  // After an in-app navigation, focus the new screen's heading so a screen reader starts there.
  useEffect(() => {
    if (!prefs.loaded) return;
    if (firstPath.current) { firstPath.current = false; return; }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route.path, prefs.loaded]);

  if (!prefs.loaded || gate === 'loading') return null;

  const leaveSignIn = () => { if (route.path === '/sign-in') navigate('/', true); };
  const screen =
    gate === 'signed-out' ? <SignInScreen lang={lang} onDone={leaveSignIn} />
    : gate === 'locked' ? <UnlockScreen lang={lang} session={session!} onSomeoneElse={() => setSwitching(true)} />
    : gate === 'switching' ? <SignInScreen key="switching" lang={lang} onDone={leaveSignIn} onBack={() => setSwitching(false)} />
    : screenFor(route.path, lang, prefs, session!, leaveSignIn);

  return (
    <>
      <a class="skip-link no-print" href="#main">{t(lang, 'app.skip')}</a>
      <AppHeader lang={lang} route={route} session={gate === 'in' ? session : undefined} />
      <main id="main" class="main" tabIndex={-1}>
        {screen}
      </main>
    </>
  );
}

function screenFor(path: string, lang: Lang, prefs: ReturnType<typeof usePrefs>, session: SessionInfo, leaveSignIn: () => void) {
  switch (path) {
    // Keyed by operator: nothing typed or listed for one operator survives into another's session.
    case '/': return session.kioskCode ? <IntakeScreen key={session.operatorKey} lang={lang} prefs={prefs} session={session} /> : <NotOperator lang={lang} />;
    case '/outbox': return <OutboxScreen key={session.operatorKey} lang={lang} prefs={prefs} session={session} />;
    case '/settings': return <SettingsScreen lang={lang} prefs={prefs} session={session} />;
    // "Sign in again": the server refused this operator's session; the same operator signs in online.
    case '/sign-in': return <SignInScreen key="again" lang={lang} presetId={session.operatorId} again={session.needsSignIn} onDone={leaveSignIn} />;
    default: return <NotFound lang={lang} />;
  }
}

function NotOperator({ lang }: { lang: Lang }) {
  return (
    <>
      <h1 tabIndex={-1}>{t(lang, 'intake.title')}</h1>
      <p>{t(lang, 'intake.notOperator')}</p>
    </>
  );
}

function NotFound({ lang }: { lang: Lang }) {
  return (
    <>
      <h1 tabIndex={-1}>{t(lang, 'notFound.title')}</h1>
      <p><Link href="/">{t(lang, 'notFound.home')}</Link></p>
    </>
  );
}
