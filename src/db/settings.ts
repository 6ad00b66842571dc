/** A few device settings (language, receipt paper, idle lock, server config) in idb-keyval: not in localStorage. */
import { get, set } from 'idb-keyval';

export type SettingKey = 'lang' | 'serverConfig' | 'thermal' | 'autoLockMinutes';

/** The screen locks after this many minutes without a key or pointer use, unless set otherwise in Settings. */
export const AUTO_LOCK_DEFAULT_MIN = 10;
/** The choices Settings offers, in minutes. */
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30] as const;

export const getSetting = <T>(key: SettingKey) => get<T>(key);
export const setSetting = (key: SettingKey, value: unknown) => set(key, value);
