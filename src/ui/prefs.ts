/**
 * The device preferences (UI language, receipt paper, idle-lock minutes), read once from the
 * settings store and shared by every screen. The language in the URL (`?lang=`) wins and is remembered,
 * and it is known synchronously, so the first paint is already in the right language.
 */
import { useEffect, useState } from 'preact/hooks';
import { AUTO_LOCK_DEFAULT_MIN, getSetting, setSetting } from '../db/settings';
import { langFromSearch, type Lang } from './i18n';

export type Paper = 'a4' | 'thermal';
export type Prefs = { lang?: Lang; paper: Paper; autoLockMinutes: number; loaded: boolean };

let prefs: Prefs = { lang: langFromSearch(location.search), paper: 'a4', autoLockMinutes: AUTO_LOCK_DEFAULT_MIN, loaded: false };
const subscribers = new Set<(p: Prefs) => void>();
const update = (patch: Partial<Prefs>) => {
  prefs = { ...prefs, ...patch };
  document.documentElement.lang = prefs.lang ?? 'hi';
  subscribers.forEach((s) => s(prefs));
};

/** Reads the stored preferences; a language given in the URL is stored instead of read. */
async function load(): Promise<void> {
  const fromUrl = prefs.lang;
  const [lang, thermal, autoLock] = await Promise.all([
    fromUrl ? setSetting('lang', fromUrl).then(() => fromUrl) : getSetting<Lang>('lang'),
    getSetting<boolean>('thermal'),
    getSetting<number>('autoLockMinutes'),
  ]).catch(() => [fromUrl, undefined, undefined] as const); // storage blocked: still usable, in Hindi
  update({ lang: prefs.lang ?? lang ?? 'hi', paper: thermal === true ? 'thermal' : 'a4', autoLockMinutes: autoLock ?? AUTO_LOCK_DEFAULT_MIN, loaded: true });
}
const loading = load();
// Never leave the screen blank: if storage does not answer, carry on with the defaults.
setTimeout(() => { if (!prefs.loaded) update({ lang: prefs.lang ?? 'hi', loaded: true }); }, 1500);

/** The current preferences; re-renders on change. */
export function usePrefs(): Prefs {
  const [p, setP] = useState(prefs);
  useEffect(() => {
    subscribers.add(setP);
    setP(prefs);
    return () => void subscribers.delete(setP);
  }, []);
  return p;
}

/** Switches the UI language and remembers it on this device. */
export function setLang(lang: Lang): void {
  if (lang === prefs.lang) return;
  update({ lang });
  void loading.then(() => setSetting('lang', lang));
}

/** Sets the idle time after which the screen locks (the tabs' idle lock reads it at each check). */
export async function setAutoLockMinutes(minutes: number): Promise<void> {
  update({ autoLockMinutes: minutes });
  await setSetting('autoLockMinutes', minutes);
}

/** Chooses the receipt paper: A4 or an 80 mm thermal roll. */
export async function setPaper(paper: Paper): Promise<void> {
  update({ paper });
  await setSetting('thermal', paper === 'thermal');
}
