/** A few device settings (language, receipt paper, idle lock, server config) in idb-keyval: not in localStorage. */
import { get, set } from 'idb-keyval';

/** `authHint`: who was at the keyboard when the page last knew (no tokens), to draw the first screen early. */
export type SettingKey = 'lang' | 'serverConfig' | 'thermal' | 'autoLockMinutes' | 'authHint' | 'attachmentRetentionDays';

/** The screen locks after this many minutes without a key or pointer use, unless set otherwise in Settings. */
export const AUTO_LOCK_DEFAULT_MIN = 10;
/** The choices Settings offers, in minutes. */
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30] as const;
/** The files of confirmed grievances are removed from the device after this many days (thumbnails stay), unless set otherwise. */
export const RETENTION_DEFAULT_DAYS = 7;
/** The choices Settings offers, in days. */
export const RETENTION_CHOICES = [1, 3, 7, 14, 30] as const;

export const getSetting = <T>(key: SettingKey) => get<T>(key);
export const setSetting = (key: SettingKey, value: unknown) => set(key, value);
