/** The server's config for this device (the Aadhaar sealing key): fetched when online, kept for offline use. */
import { ServerConfig } from '../domain/schemas';
import { setSealKey } from '../domain/seal';
import { getSetting, setSetting } from '../db/settings';

/** Loads the cached config, then refreshes it from the server if it can; never throws. */
export async function loadServerConfig(): Promise<ServerConfig | undefined> {
  let config = ServerConfig.safeParse(await getSetting('serverConfig').catch(() => undefined)).data;
  setSealKey(config?.aadhaarKey);
  try {
    const res = await fetch('/api/config', { signal: AbortSignal.timeout(10_000) });
    const fresh = ServerConfig.safeParse(await res.json());
    if (res.ok && fresh.success) {
      config = fresh.data;
      setSealKey(config.aadhaarKey);
      await setSetting('serverConfig', config);
    }
  } catch {
    // Offline or server down: the cached config (if any) stays in force.
  }
  return config;
}
