/**
 * The app shell: waits for the stored preferences (a few milliseconds of IndexedDB, so the first paint is
 * already in the right language), then renders the header, the navigation and the screen for the path.
 */
import { useEffect, useRef } from 'preact/hooks';
import { AppHeader } from './components/app-header';
import { langFromSearch, t, type Key, type Lang } from './i18n';
import { setLang, usePrefs } from './prefs';
import { Link, useRoute } from './router';
import { lazyComponent } from './lazy';
import { IntakeScreen } from './screens/intake-screen';
import './styles.css';

const OutboxScreen = lazyComponent(() => import('./screens/outbox-screen').then((m) => m.OutboxScreen));
const SettingsScreen = lazyComponent(() => import('./screens/settings-screen').then((m) => m.SettingsScreen));

const TITLES: Record<string, Key> = { '/': 'intake.title', '/outbox': 'nav.outbox', '/settings': 'settings.title' };

export function App() {
  const prefs = usePrefs();
  const route = useRoute();
  const firstPath = useRef(true);
  const lang: Lang = prefs.lang ?? 'hi';

  // `?lang=` in any URL switches the language and is remembered.
  useEffect(() => {
    const l = langFromSearch(route.search);
    if (l) setLang(l);
  }, [route.search]);

  useEffect(() => {
    document.title = `${t(lang, TITLES[route.path] ?? 'notFound.title')} — ${t(lang, 'app.name')}`;
  }, [route.path, lang]);

  // After an in-app navigation, focus the new screen's heading so a screen reader starts there.
  useEffect(() => {
    if (!prefs.loaded) return;
    if (firstPath.current) { firstPath.current = false; return; }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route.path, prefs.loaded]);

  if (!prefs.loaded) return null;

  const screen =
    route.path === '/' ? <IntakeScreen lang={lang} prefs={prefs} />
    : route.path === '/outbox' ? <OutboxScreen lang={lang} prefs={prefs} />
    : route.path === '/settings' ? <SettingsScreen lang={lang} prefs={prefs} />
    : <NotFound lang={lang} />;

  return (
    <>
      <a class="skip-link no-print" href="#main">{t(lang, 'app.skip')}</a>
      <AppHeader lang={lang} route={route} />
      <main id="main" class="main" tabIndex={-1}>
        {screen}
      </main>
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
