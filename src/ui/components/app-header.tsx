/**
 * The header on every screen: product name, the compact sync status and the language switch. For a
 * signed-in operator also their name, the "Sync now", "Lock" and "Sign out" buttons (on small screens
 * folded into a "Menu" disclosure button, so the header stays within about 120 px at 360 px wide), the request to sign
 * in again when the server refused the session, and the main navigation by role: an operator's "Outbox"
 * (with its count of unsent grievances) and "Status", an officer's "My queue", a secretary's "Review", the
 * "Reports" of nodal officers, secretaries and admins. Signed out or locked, the header names no one and offers no navigation.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyUpdate, chosenCamp, lock, onUpdateAvailable, signOut, storageAlerts, syncNow, syncStatus } from '../device';
import type { SyncStatus as Status } from '../../sync/client';
import type { SessionInfo } from '../../sync/auth-client';
import type { Role } from '../../domain/accounts';
import type { StorageAlerts } from '../../db/storage';
import { formatTime } from '../format';
import { t, type Lang } from '../i18n';
import { Link, type Route } from '../router';
import { useObservable } from '../use-observable';
import type { ChosenCamp } from '../../db/camp-chosen';

// The camp screen's own words load with it (../camp-disposal-strings); the menu needs its name only.

/** The storage warnings are re-checked at most this often (and once more after the last change). */
const ALERTS_EVERY_MS = 5_000;

export function AppHeader({ lang, route, session }: { lang: Lang; route: Route; session?: SessionInfo }) {
  const status = useObservable<Status | undefined>(syncStatus, undefined);
  const camp = useObservable<ChosenCamp | undefined>(chosenCamp, undefined);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [update, setUpdate] = useState(false);
  const [storage, setStorage] = useState<StorageAlerts>();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  /** Closes the small screens' menu; `refocus` (Escape) puts the keyboard back on its button. */
  const closeMenu = (refocus = false) => { setMenuOpen(false); if (refocus) menuButton.current?.focus(); };
  useEffect(() => setMenuOpen(false), [route.path, session?.operatorKey]);
  useEffect(() => onUpdateAvailable(setUpdate), []);
  // Re-checked when the outbox changes (warn before a grievance could not be saved or sits unsent), at most
  // once in ALERTS_EVERY_MS: a replay changes the synced count after every batch, and each check walks the unsent rows.
  const checked = useRef({ at: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined });
  useEffect(() => {
    const c = checked.current;
    const run = () => { c.at = Date.now(); c.timer = undefined; void storageAlerts().then(setStorage, () => undefined); };
    const wait = c.at + ALERTS_EVERY_MS - Date.now();
    if (wait <= 0) run();
    else c.timer ??= setTimeout(run, wait);
  }, [status?.total, status?.synced]);
  useEffect(() => () => clearTimeout(checked.current.timer), []);
  const other: Lang = lang === 'hi' ? 'en' : 'hi';
  const unsent = status ? status.saved + status.sending + status.attention : 0;
  const pending = status ? status.saved + status.sending : 0;

  const sync = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try { await syncNow(); } catch { setFailed(true); } finally { setBusy(false); }
  };

  return (
    <header class={`app-header no-print${session ? ' app-header--in' : ''}`} onKeyDown={(e) => { if (e.key === 'Escape' && menuOpen) closeMenu(true); }}>
      <div class="app-header__bar">
        <p class="brand">
          <svg class="brand__mark" viewBox="0 0 100 100" width="36" height="36" aria-hidden="true" focusable="false">
            <rect width="100" height="100" rx="20" fill="#7c2d12" stroke="#fff" stroke-width="5" />
            <path d="M24 12h36l14 14v60H24z" fill="#fff" /><path d="M60 12v14h14z" fill="#fed7aa" />
            <path d="M32 34h20v5H32zm0 12h34v5H32zm0 12h28v5H32z" fill="#9a3412" />
            <circle cx="73" cy="76" r="18.5" fill="#fff" /><circle cx="73" cy="76" r="15.5" fill="#15803d" />
            <path d="M64.5 76.5l6 6 10.5-12.5" fill="none" stroke="#fff" stroke-width="5.6" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
          <span class="brand__name">{t(lang, 'app.name')}</span>
        </p>
        <SyncSummary status={status} lang={lang} grievances={!session || session.role === 'operator'} />
        <Link class="lang-switch" href={`${route.path}?lang=${other}`} lang={other} hreflang={other} title={t(lang, 'lang.switchTitle')}>
          {t(lang, 'lang.other')}
        </Link>
        {session && (
          // Small screens: who is signed in, Sync now, Lock and Sign out fold into this disclosure (wide screens show them always).
          <button type="button" ref={menuButton} class="btn btn--small btn--light app-header__menu-button" aria-expanded={menuOpen ? 'true' : 'false'}
            aria-controls="app-menu" onClick={() => setMenuOpen(!menuOpen)}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
              <path fill="currentColor" d={menuOpen ? 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z' : 'M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z'} />
            </svg>
            {t(lang, 'menu.label')}
          </button>
        )}
      </div>
      {session && (
        <div id="app-menu" class={`app-header__who${menuOpen ? ' app-header__who--open' : ''}`}>
          <p class="app-header__operator">{t(lang, 'auth.signedIn', { name: session.name })} <span class="app-header__id">({session.operatorId})</span></p>
          <button type="button" class="btn btn--small btn--sync" onClick={sync} aria-busy={busy ? 'true' : undefined} aria-describedby={failed ? 'sync-failed' : undefined}>
            <svg class={`icon${busy ? ' icon--spin' : ''}`} viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M12 4V1L8 5l4 4V6a6 6 0 0 1 5.2 9l1.5 1.4A8 8 0 0 0 12 4zm-5.2 4.6L5.3 7.2A8 8 0 0 0 12 20v3l4-4-4-4v3a6 6 0 0 1-5.2-9.4z" />
            </svg>
            {t(lang, 'sync.now')}
          </button>
          <button type="button" class="btn btn--small btn--light" onClick={() => { closeMenu(); void lock(); }}>{t(lang, 'auth.lock')}</button>
          <button type="button" class="btn btn--small btn--light" onClick={() => { closeMenu(); void signOut(); }}>{t(lang, 'auth.signOut')}</button>
        </div>
      )}
      {session && status?.needsSignIn && pending > 0 && (
        <p class="app-header__alert">
          <Link href="/sign-in" class="btn btn--small btn--light">
            {pending === 1 ? t(lang, 'sync.signInAgainOne') : t(lang, 'sync.signInAgain', { n: pending })}
          </Link>
        </p>
      )}
      {update && (
        <p class="app-header__alert app-header__update">
          {t(lang, 'update.ready')}{' '}
          <button type="button" class="btn btn--small" onClick={applyUpdate}>{t(lang, 'update.apply')}</button>
        </p>
      )}
      {storage?.low && <p class="app-header__alert">{t(lang, 'storage.low')}</p>}
      {!!storage?.staleUnsent && <p class="app-header__alert">{t(lang, 'storage.stale', { n: storage.staleUnsent })}</p>}
      {failed && <p id="sync-failed" class="app-header__alert" role="alert">{t(lang, 'sync.failed')}</p>}
      {session && <nav class="app-nav" aria-label={t(lang, 'nav.label')}>
        {session.role === 'operator' && <>
          <NavLink href="/" route={route}>{t(lang, 'nav.intake')}</NavLink>
          <NavLink href="/outbox" route={route} describedBy={unsent ? 'outbox-unsent' : undefined}>
            {t(lang, 'nav.outbox')}
            {unsent > 0 && <span class="count" aria-hidden="true">{unsent}</span>}
          </NavLink>
          {unsent > 0 && <span id="outbox-unsent" class="sr-only">{t(lang, 'nav.unsent', { n: unsent })}</span>}
          <NavLink href="/status" route={route}>{t(lang, 'nav.status')}</NavLink>
          <NavLink href="/tokens" route={route}>{t(lang, 'nav.tokens')}</NavLink>
          {camp && <NavLink href="/camp-dispose" route={route}>{t(lang, 'nav.campDispose')}</NavLink>}
        </>}
        {camp && (session.role === 'officer' || session.role === 'nodal') && camp.officers.includes(session.operatorKey) && <NavLink href="/camp-dispose" route={route}>{t(lang, 'nav.campDispose')}</NavLink>}
        {(session.role === 'officer' || session.role === 'nodal') && <NavLink href="/queue" route={route} home={homeOf(session.role)}>{t(lang, 'nav.queue')}</NavLink>}
        {session.role === 'secretary' && <NavLink href="/review" route={route} home={homeOf(session.role)}>{t(lang, 'nav.review')}</NavLink>}
        {(session.role === 'agent' || session.role === 'admin') && <NavLink href="/handoffs" route={route} home={homeOf(session.role)}>{t(lang, 'nav.handoffs')}</NavLink>}
        {session.role !== 'operator' && session.role !== 'officer' && session.role !== 'agent' && <NavLink href="/reports" route={route} home={homeOf(session.role)}>{t(lang, 'nav.reports')}</NavLink>}
        {(session.role === 'admin' || session.role === 'nodal') && <NavLink href="/admin/accounts" route={route} section="/admin/">{t(lang, 'nav.accounts')}</NavLink>}
        <NavLink href="/settings" route={route}>{t(lang, 'nav.settings')}</NavLink>
      </nav>}
    </header>
  );
}

/** Where each role starts ('/' shows it): operators the intake form, officers their queue, secretaries their review, admins the reports. */
export function homeOf(role: Role): string {
  return role === 'operator' ? '/' : role === 'officer' || role === 'nodal' ? '/queue' : role === 'secretary' ? '/review' : role === 'agent' ? '/handoffs' : '/reports';
}

function NavLink({ href, route, describedBy, home, section, children }: { href: string; route: Route; describedBy?: string; home?: string; section?: string; children: ComponentChildren }) {
  const current = route.path === href || (route.path === '/' && home === href) || (!!section && route.path.startsWith(section));
  return (
    <Link href={href} class="app-nav__link" aria-current={current ? 'page' : undefined} aria-describedby={describedBy}>
      {children}
    </Link>
  );
}

/** "Offline · 3 waiting to send · Last sync 10:42" in a few words and icons ("No grievances yet" only where grievances are registered). */
function SyncSummary({ status, lang, grievances }: { status?: Status; lang: Lang; grievances: boolean }) {
  if (!status) return <p class="sync-summary" />;
  const pending = status.saved + status.sending;
  let progress: string;
  if (status.sending > 0) progress = t(lang, 'sync.sending', { n: pending, m: status.sending });
  else if (status.saved > 0) progress = t(lang, 'sync.waiting', { n: status.saved });
  else if (status.total === 0) progress = grievances ? t(lang, 'sync.nothing') : '';
  else progress = status.attention ? '' : t(lang, 'sync.allSynced');
  return (
    <p class="sync-summary">
      <span class={`sync-summary__net sync-summary__net--${status.online ? 'on' : 'off'}`}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          {status.online
            ? <path fill="currentColor" d="M12 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM2 8.8l1.7 1.7a12 12 0 0 1 16.6 0L22 8.8a14.4 14.4 0 0 0-20 0zm4 4 1.7 1.7a6 6 0 0 1 8.6 0l1.7-1.7a8.5 8.5 0 0 0-12 0z" />
            : <path fill="currentColor" d="M3.3 2 2 3.3l3.4 3.4A14 14 0 0 0 2 8.8l1.7 1.7a12 12 0 0 1 3.3-2.2l2.2 2.2a8.5 8.5 0 0 0-3.2 2.3l1.7 1.7a6 6 0 0 1 3.5-1.9L20.7 22l1.3-1.3zM12 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4z" />}
        </svg>
        {t(lang, status.online ? 'sync.online' : 'sync.offline')}
      </span>
      {progress && <span>{progress}</span>}
      {status.attention > 0 && <span class="sync-summary__attention">{t(lang, 'sync.attention', { n: status.attention })}</span>}
      <span class="sync-summary__last">
        {status.lastSyncAt ? t(lang, 'sync.last', { time: formatTime(status.lastSyncAt, lang) }) : ''}
      </span>
    </p>
  );
}
