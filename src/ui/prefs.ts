/**
 * The operator's device preferences (UI language, kiosk code, receipt paper), read once from the
 * settings store and shared by every screen. The language in the URL (`?lang=`) wins and is remembered,
 * and it is known synchronously, so the first paint is already in the right language.
 */
import { useEffect, useState } from 'preact/hooks';
import { getSetting, setSetting } from '../db/settings';
import { langFromSearch, type Lang } from './i18n';

export type Paper = 'a4' | 'thermal';
export type Prefs = { lang?: Lang; kioskCode?: string; paper: Paper; loaded: boolean };

let prefs: Prefs = { lang: langFromSearch(location.search), paper: 'a4', loaded: false };
const subscribers = new Set<(p: Prefs) => void>();
const update = (patch: Partial<Prefs>) => {
  prefs = { ...prefs, ...patch };
  document.documentElement.lang = prefs.lang ?? 'hi';
  subscribers.forEach((s) => s(prefs));
};

/** Reads the stored preferences; a language given in the URL is stored instead of read. */
async function load(): Promise<void> {
  const fromUrl = prefs.lang;
  const [lang, kioskCode, thermal] = await Promise.all([
    fromUrl ? setSetting('lang', fromUrl).then(() => fromUrl) : getSetting<Lang>('lang'),
    getSetting<string>('kioskCode'),
    getSetting<boolean>('thermal'),
  ]).catch(() => [fromUrl, undefined, undefined] as const); // storage blocked: still usable, in Hindi
  update({ lang: prefs.lang ?? lang ?? 'hi', kioskCode, paper: thermal === true ? 'thermal' : 'a4', loaded: true });
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

/** Stores the kiosk code (already normalised by normalizeKioskCode). */
export async function setKioskCode(kioskCode: string): Promise<void> {
  await setSetting('kioskCode', kioskCode);
  update({ kioskCode });
}

/** Chooses the receipt paper: A4 or an 80 mm thermal roll. */
export async function setPaper(paper: Paper): Promise<void> {
  update({ paper });
  await setSetting('thermal', paper === 'thermal');
}
