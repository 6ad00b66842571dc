/**
 * Places below the tehsil from the Local Government Directory: gram panchayats, villages (rural) and wards
 * (urban), imported per district from the CSV files a district IT cell downloads from lgdirectory.gov.in,
 * kept in table lgd_places (migration 80) and served to devices per district (GET /api/places/:district).
 *
 * Columns are found by their header names (LGD's downloads have changed names over the years, so each has
 * a few accepted spellings, compared without case, spaces or punctuation). Villages belong to the district
 * whose tehsils they lie in (the tehsils of src/domain/reference/places.json, which already places tehsils
 * in the districts of 2023-2024), so a statewide file can be imported district by district; wards carry no
 * district in LGD's files, so a ward file is taken whole for the district named.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import placesJson from '../../src/domain/reference/places.json' with { type: 'json' };
import type { DistrictLocalPlaces } from '../../src/domain/admin';
import type { Db, Queryable } from '../store/db';

type Kind = 'gp' | 'village' | 'ward';
export interface LgdPlaceRow { kind: Kind; code: string; district: string; parent: string | null; block: string | null; tehsil: string | null; en: string; hi: string | null }

const key = (h: string) => h.toLowerCase().replace(/[^a-z0-9]+/g, '');
/** Accepted header names per field (after `key`). */
const VILLAGE_COLUMNS = {
  code: ['villagecode', 'villagelgdcode'],
  en: ['villagenameinenglish', 'villagename'],
  hi: ['villagenameinlocal', 'villagenamelocal'],
  tehsil: ['subdistrictcode', 'subdistrictlgdcode', 'tehsilcode'],
  block: ['blockcode', 'blocklgdcode'],
  gp: ['localbodycode', 'grampanchayatcode', 'villagepanchayatcode', 'gpcode'],
  gpEn: ['localbodynameinenglish', 'localbodyname', 'grampanchayatname', 'villagepanchayatname', 'gpname'],
  gpHi: ['localbodynameinlocal', 'grampanchayatnameinlocal', 'gpnameinlocal'],
} as const;
const WARD_COLUMNS = {
  code: ['wardcode', 'wardlgdcode'],
  number: ['wardnumber', 'wardno'],
  en: ['wardnameinenglish', 'wardname'],
  hi: ['wardnameinlocal'],
  ulb: ['localbodycode', 'urbanlocalbodycode', 'ulbcode'],
} as const;

export class LgdFileError extends Error {}

function readTable<C extends Record<string, readonly string[]>>(text: string, columns: C, required: readonly (keyof C)[], what: string) {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new LgdFileError(`${what}: not a CSV file (${(err as Error).message})`);
  }
  const header = (rows.shift() ?? []).map(key);
  const index = Object.fromEntries(Object.entries(columns).map(([f, names]) => [f, header.findIndex((h) => names.includes(h))])) as Record<keyof C, number>;
  const missing = required.filter((f) => index[f] < 0);
  if (missing.length > 0) throw new LgdFileError(`${what}: no column for ${missing.map((m) => `${String(m)} (${columns[m].join(' / ')})`).join(', ')}`);
  const cell = (r: string[], f: keyof C) => (index[f] >= 0 ? (r[index[f]] ?? '').trim() : '');
  return { rows, cell };
}

const code = (v: string) => (/^\d{1,7}$/.test(v) ? String(Number(v)) : null);

/** The district's gram panchayats and villages from an LGD village file (the rows of other districts are left out). */
export function villagesOf(text: string, district: string): LgdPlaceRow[] {
  const tehsils = new Set(placesJson.tehsils.filter((t) => t.district === district).map((t) => t.code));
  const { rows, cell } = readTable(text, VILLAGE_COLUMNS, ['code', 'en', 'tehsil'], 'village file');
  const out = new Map<string, LgdPlaceRow>();
  for (const r of rows) {
    const tehsil = code(cell(r, 'tehsil'));
    const village = code(cell(r, 'code'));
    if (!tehsil || !tehsils.has(tehsil) || !village || !cell(r, 'en')) continue;
    const gp = code(cell(r, 'gp'));
    const block = code(cell(r, 'block'));
    if (gp && cell(r, 'gpEn')) out.set(`gp:${gp}`, { kind: 'gp', code: gp, district, parent: null, block, tehsil: null, en: cell(r, 'gpEn'), hi: cell(r, 'gpHi') || null });
    out.set(`village:${village}`, { kind: 'village', code: village, district, parent: gp, block, tehsil, en: cell(r, 'en'), hi: cell(r, 'hi') || null });
  }
  return [...out.values()];
}

/** The wards of an LGD ward file (one or more urban bodies of the district). */
export function wardsOf(text: string, district: string): LgdPlaceRow[] {
  const { rows, cell } = readTable(text, WARD_COLUMNS, ['code', 'ulb'], 'ward file');
  const ulbs = new Map(placesJson.ulbs.map((u) => [u.code, u]));
  const out: LgdPlaceRow[] = [];
  for (const r of rows) {
    const ward = code(cell(r, 'code'));
    const ulb = code(cell(r, 'ulb'));
    if (!ward || !ulb) continue;
    const body = ulbs.get(ulb);
    const number = cell(r, 'number');
    const en = cell(r, 'en') || `${body?.en ?? ulb} ward ${number}`;
    const hi = cell(r, 'hi') || (body && /^\d+$/.test(number) ? `${body.hi} वार्ड ${number}` : null);
    out.push({ kind: 'ward', code: ward, district, parent: ulb, block: null, tehsil: null, en, hi });
  }
  return out;
}

/** Replaces the district's places with `rows` in one transaction and records the import; returns its version. */
export async function replaceDistrictPlaces(db: Db, district: string, rows: readonly LgdPlaceRow[], source: { name: string; bytes: string }, by: string, now: Date): Promise<string> {
  const version = createHash('sha256').update(source.bytes).digest('hex').slice(0, 12);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM lgd_places WHERE district_code = $1', [district]);
    for (let i = 0; i < rows.length; i += 5000) {
      await tx.query(
        `INSERT INTO lgd_places (kind, code, district_code, parent_code, block_code, tehsil_code, name_en, name_hi)
         SELECT kind, code, district, parent, block, tehsil, en, hi FROM jsonb_to_recordset($1::jsonb)
           AS r(kind text, code text, district text, parent text, block text, tehsil text, en text, hi text)
         ON CONFLICT (kind, code) DO UPDATE SET district_code = excluded.district_code, parent_code = excluded.parent_code,
           block_code = excluded.block_code, tehsil_code = excluded.tehsil_code, name_en = excluded.name_en, name_hi = excluded.name_hi`,
        [JSON.stringify(rows.slice(i, i + 5000))]);
    }
    await tx.query(`INSERT INTO reference_imports (dataset, district_code, version, source, rows, imported_at, imported_by) VALUES ('lgd-places', $1, $2, $3, $4, $5, $6)`,
      [district, version, source.name, rows.length, now.toISOString(), by]);
  });
  return version;
}

/** What a device gets for one district; undefined when nothing was imported for it. */
export async function districtPlaces(q: Queryable, district: string): Promise<DistrictLocalPlaces | undefined> {
  const [latest] = await q.query<{ version: string }>(
    `SELECT version FROM reference_imports WHERE dataset = 'lgd-places' AND district_code = $1 ORDER BY id DESC LIMIT 1`, [district]);
  if (!latest) return undefined;
  const rows = await q.query<{ kind: Kind; code: string; parent_code: string | null; block_code: string | null; tehsil_code: string | null; name_en: string; name_hi: string | null }>(
    `SELECT kind, code, parent_code, block_code, tehsil_code, name_en, name_hi FROM lgd_places WHERE district_code = $1 ORDER BY name_en, code`, [district]);
  const named = (r: (typeof rows)[number]) => ({ code: r.code, en: r.name_en, hi: r.name_hi });
  return {
    district, version: latest.version,
    gramPanchayats: rows.filter((r) => r.kind === 'gp').map((r) => ({ ...named(r), block: r.block_code })),
    villages: rows.filter((r) => r.kind === 'village').map((r) => ({ ...named(r), gp: r.parent_code, block: r.block_code, tehsil: r.tehsil_code })),
    wards: rows.filter((r) => r.kind === 'ward').map((r) => ({ ...named(r), ulb: r.parent_code })),
  };
}
