/**
 * The app shell: waits for the stored preferences and the session (a few milliseconds of IndexedDB, so the
 * first paint is already in the right language and never shows a form to someone not signed in), then
 * renders the header and either the sign-in or locked screen, or the screen for the path.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentType, VNode } from 'preact';
import { ADMIN_SCREENS } from './admin/admin-paths';
import { AppHeader, homeOf } from './components/app-header';
import type { Role } from '../domain/accounts';
import { authState, whenDeviceOpen } from './device';
import type { AuthState, SessionInfo } from '../sync/auth-client';
import { langFromSearch, t, type Key, type Lang } from './i18n';
import { setLang, usePrefs } from './prefs';
import { Link, navigate, useRoute } from './router';
import { lazyComponent, whenIdle } from './lazy';
import { SignInScreen } from './screens/sign-in-screen';
import { UnlockScreen } from './screens/unlock-screen';
import { useObservable } from './use-observable';
import './styles.css';

// The intake form (with the shared schemas) is not needed to draw the sign-in page of a first visit: it is
// fetched when the page is idle after the first screen, or at once when it is the first screen.
const IntakeScreen = lazyComponent(() => import('./screens/intake-screen').then((m) => m.IntakeScreen));
const OutboxScreen = lazyComponent(() => import('./screens/outbox-screen').then((m) => m.OutboxScreen));
const SettingsScreen = lazyComponent(() => import('./screens/settings-screen').then((m) => m.SettingsScreen));
// Camp mode (issue 12): the entrance desk's tokens and the hall screen.
const TokensScreen = lazyComponent(() => import('./screens/tokens-screen').then((m) => m.TokensScreen));
const HallScreen = lazyComponent(() => import('./screens/hall-screen').then((m) => m.HallScreen));
const CampDisposeScreen = lazyComponent(() => import('./screens/camp-dispose-screen').then((m) => m.CampDisposeScreen));
// The workflow screens (issue 7): officers', secretaries' and the kiosk's status lookup, each its own chunk.
const QueueScreen = lazyComponent(() => import('./screens/queue-screen').then((m) => m.QueueScreen));
const GrievanceScreen = lazyComponent(() => import('./screens/grievance-screen').then((m) => m.GrievanceScreen));
const StatusScreen = lazyComponent(() => import('./screens/status-screen').then((m) => m.StatusScreen));
const ReviewScreen = lazyComponent(() => import('./screens/review-screen').then((m) => m.ReviewScreen));
const ReportsScreen = lazyComponent(() => import('./screens/reports-screen').then((m) => m.ReportsScreen));
// First run and administration (issue 15), each its own chunk.
const SetupScreen = lazyComponent(() => import('./admin/setup-screen').then((m) => m.SetupScreen));
// The public citizen assistant (issue 13): no sign-in, like /setup.
const ChatScreen = lazyComponent(() => import('./chat/chat-screen').then((m) => m.ChatScreen));
// Its kiosk guided mode (operators, offline) and the 181 desk (agents, admins).
const GuidedScreen = lazyComponent(() => import('./chat/guided-screen').then((m) => m.GuidedScreen));
const HandoffsScreen = lazyComponent(() => import('./chat/handoffs-screen').then((m) => m.HandoffsScreen));
const ADMIN_COMPONENTS: Record<string, ComponentType<{ lang: Lang; session: SessionInfo }>> = {
  '/admin/accounts': lazyComponent(() => import('./admin/accounts-screen').then((m) => m.AccountsScreen)),
  '/admin/routing': lazyComponent(() => import('./admin/routing-screen').then((m) => m.RoutingScreen)),
  '/admin/time-limits': lazyComponent(() => import('./admin/calendar-screens').then((m) => m.TimeLimitsScreen)),
  '/admin/holidays': lazyComponent(() => import('./admin/calendar-screens').then((m) => m.HolidaysScreen)),
  '/admin/reference': lazyComponent(() => import('./admin/records-screens').then((m) => m.ReferenceScreen)),
  '/admin/audit': lazyComponent(() => import('./admin/records-screens').then((m) => m.AuditScreen)),
  '/admin/camps': lazyComponent(() => import('./admin/camps-screen').then((m) => m.CampsScreen)),
};

const TITLES: Record<string, Key> = {
  '/': 'intake.title', '/outbox': 'nav.outbox', '/settings': 'settings.title', '/sign-in': 'auth.title',
  '/queue': 'nav.queue', '/status': 'nav.status', '/review': 'nav.review', '/reports': 'nav.reports', '/setup': 'nav.setup', '/tokens': 'nav.tokens', '/hall': 'nav.hall', '/chat': 'nav.chat', '/guided': 'nav.guided', '/handoffs': 'nav.handoffs', '/camp-dispose': 'nav.campDispose',
  ...Object.fromEntries(ADMIN_SCREENS.map((s) => [s.path, 'nav.accounts' as Key])),
};
/** The workflow screens each role may open (the server checks again). */
const ROLES_OF: Record<string, readonly Role[]> = {
  '/queue': ['officer', 'nodal'], '/status': ['operator'], '/guided': ['operator'], '/handoffs': ['agent', 'admin'], '/tokens': ['operator'], '/hall': ['operator'], '/camp-dispose': ['operator', 'officer', 'nodal'], '/review': ['secretary'], '/reports': ['nodal', 'secretary', 'minister', 'admin'],
  ...Object.fromEntries(ADMIN_SCREENS.map((s) => [s.path, s.roles])),
};
const GRIEVANCE_PATH = /^\/grievances\/(\d{13})$/;

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

  // Once the device is open (at once on a used device; on a first visit, at the first key or touch).
  useEffect(() => void whenDeviceOpen().then(() => whenIdle(() => void IntakeScreen.preload())), []);

  // `?lang=` in any URL switches the language and is remembered.
  useEffect(() => {
    const l = langFromSearch(route.search);
    if (l) setLang(l);
  }, [route.search]);

  useEffect(() => {
    const path = route.path === '/' && session && session.role !== 'operator' ? homeOf(session.role) : route.path;
    const title: Key = route.path === '/setup' ? 'nav.setup' : route.path === '/chat' ? 'nav.chat' : gate === 'locked' ? 'lock.title' : gate !== 'in' ? 'auth.title' : GRIEVANCE_PATH.test(path) ? 'nav.grievance' : TITLES[path] ?? 'notFound.title';
    document.title = `${t(lang, title)} — ${t(lang, 'app.name')}`;
  }, [route.path, lang, gate, session?.role]);

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
    route.path === '/setup' ? <SetupScreen lang={lang} />
    : route.path === '/chat' ? <ChatScreen lang={lang} />
    : gate === 'signed-out' ? <SignInScreen lang={lang} onDone={leaveSignIn} />
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

function screenFor(path: string, lang: Lang, prefs: ReturnType<typeof usePrefs>, session: SessionInfo, leaveSignIn: () => void): VNode {
  const number = GRIEVANCE_PATH.exec(path)?.[1];
  if (number) return <GrievanceScreen key={`${session.operatorKey} ${number}`} lang={lang} session={session} number={number} />;
  if (ROLES_OF[path] && !ROLES_OF[path].includes(session.role)) return <NotFound lang={lang} session={session} />;
  const Admin = ADMIN_COMPONENTS[path];
  if (Admin) return <Admin key={`${session.operatorKey} ${path}`} lang={lang} session={session} />;
  switch (path) {
    // Keyed by operator: nothing typed or listed for one operator survives into another's session.
    // Home is the intake form for an operator and each other role's own screen (My queue, Review, Reports).
    case '/': return session.role === 'operator' && session.kioskCode ? <IntakeScreen key={session.operatorKey} lang={lang} prefs={prefs} session={session} />
      : session.role === 'operator' ? <NotFound lang={lang} session={session} /> : screenFor(homeOf(session.role), lang, prefs, session, leaveSignIn);
    case '/queue': return <QueueScreen key={session.operatorKey} lang={lang} session={session} />;
    case '/status': return <StatusScreen key={session.operatorKey} lang={lang} session={session} />;
    case '/review': return <ReviewScreen key={session.operatorKey} lang={lang} session={session} />;
    case '/reports': return <ReportsScreen key={session.operatorKey} lang={lang} session={session} />;
    case '/outbox': return <OutboxScreen key={session.operatorKey} lang={lang} prefs={prefs} session={session} />;
    case '/settings': return <SettingsScreen lang={lang} prefs={prefs} session={session} />;
    case '/tokens': return <TokensScreen key={session.operatorKey} lang={lang} session={session} />;
    case '/hall': return <HallScreen lang={lang} />;
    case '/guided': return <GuidedScreen key={session.operatorKey} lang={lang} prefs={prefs} session={session} />;
    case '/handoffs': return <HandoffsScreen key={session.operatorKey} lang={lang} session={session} />;
    case '/camp-dispose': return <CampDisposeScreen key={session.operatorKey} lang={lang} session={session} prefs={prefs} />;
    // "Sign in again": the server refused this operator's session; the same operator signs in online.
    case '/sign-in': return <SignInScreen key="again" lang={lang} presetId={session.operatorId} again={session.needsSignIn ? session.signInReason ?? 'auth.invalid' : undefined} onDone={leaveSignIn} />;
    default: return <NotFound lang={lang} session={session} />;
  }
}

function NotFound({ lang, session }: { lang: Lang; session: SessionInfo }) {
  return (
    <>
      <h1 tabIndex={-1}>{t(lang, 'notFound.title')}</h1>
      <p><Link href="/">{t(lang, session.role === 'operator' ? 'notFound.home' : 'notFound.start')}</Link></p>
    </>
  );
}
