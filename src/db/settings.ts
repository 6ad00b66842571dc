/** A few device settings (language, kiosk code, server config) in idb-keyval: not in localStorage. */
import { get, set } from 'idb-keyval';

export type SettingKey = 'lang' | 'kioskCode' | 'serverConfig' | 'thermal';

export const getSetting = <T>(key: SettingKey) => get<T>(key);
export const setSetting = (key: SettingKey, value: unknown) => set(key, value);
