/**
 * Gram panchayats, villages and wards of one district (LGD, GET /api/places/:district), fetched the first
 * time the district is chosen and kept in the Cache Storage so the pickers work offline afterwards; the
 * server's answer replaces the kept copy whenever the network is there.
 */
import { DistrictLocalPlaces } from '../domain/local-places';

const CACHE = 'sampark-lgd-places-v1';
export type LocalPlaces = { state: 'ready'; data: DistrictLocalPlaces } | { state: 'none' };

const parse = async (res: Response): Promise<LocalPlaces | undefined> => {
  const p = DistrictLocalPlaces.safeParse(await res.json().catch(() => undefined));
  if (!p.success) return undefined;
  const { villages, wards } = p.data;
  return villages.length + wards.length > 0 ? { state: 'ready', data: p.data } : { state: 'none' };
};

export async function localPlacesOf(district: string): Promise<LocalPlaces> {
  const url = `/api/places/${encodeURIComponent(district)}`;
  try {
    const res = await fetch(url, { credentials: 'same-origin', signal: AbortSignal.timeout(20_000) });
    if (res.ok) {
      const copy = res.clone();
      const got = await parse(res);
      if (got) { await caches.open(CACHE).then((c) => c.put(url, copy)).catch(() => undefined); return got; }
    }
  } catch { /* offline: the kept copy below */ }
  const kept = await caches.open(CACHE).then((c) => c.match(url)).catch(() => undefined);
  return (kept && (await parse(kept))) || { state: 'none' };
}

/** Names compared as typed: lower case, no marks or spaces, so "namoona kalan" finds "Namoona Kalan". */
export const searchKey = (s: string) => s.toLowerCase().normalize('NFC').replace(/[\s.\-()]/g, '');
