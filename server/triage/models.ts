/**
 * The server's triage models: the one built into this release (src/triage/model.json) and those
 * `npm run admin -- retrain` published in the `triage_models` table. "Current" is the newest published
 * model made for this release's feature code (same `features` hash), else the built-in one. The similar
 * route scores with it and GET /api/triage/model hands it to devices, so a kiosk and the server always
 * compare descriptions with the same code and, once the device has picked it up, the same weights.
 */
import builtInJson from '../../src/triage/model.json' with { type: 'json' };
import type { ModelJson } from '../../src/triage/model';
import { createTriage, type Triage } from '../../src/triage/triage';
import type { Queryable } from '../store/db';

export const BUILT_IN = builtInJson as ModelJson;

export interface CurrentModel {
  version: string;
  source: 'built-in' | 'published';
  /** The model file as devices get it. */
  json: string;
  model: ModelJson;
  triage: Triage;
}

export interface TriageModels {
  /** The current model (cached; a newly published one is seen within `cacheMs`). */
  current(): Promise<CurrentModel>;
  /** The version current() would answer, read from the database at most once per `cacheMs`. */
  currentVersion(): Promise<string>;
}

/** The newest published model for this feature code, or undefined. */
export async function latestPublished(q: Queryable, features = BUILT_IN.features): Promise<string | undefined> {
  const rows = await q.query<{ version: string }>(
    `SELECT version FROM triage_models WHERE published AND features = $1 ORDER BY created_at DESC, version DESC LIMIT 1`, [features]);
  return rows[0]?.version;
}

export function createTriageModels(db: Queryable, opts: { cacheMs?: number; clock?: () => Date } = {}): TriageModels {
  const cacheMs = opts.cacheMs ?? 30_000;
  const now = () => (opts.clock ?? (() => new Date()))().getTime();
  let builtIn: CurrentModel | undefined;
  let loaded: CurrentModel | undefined;
  let checked: { at: number; version: string } | undefined;

  const builtInModel = () => (builtIn ??= { version: BUILT_IN.version, source: 'built-in', json: JSON.stringify(BUILT_IN), model: BUILT_IN, triage: createTriage(BUILT_IN) });

  async function currentVersion(): Promise<string> {
    if (checked && now() - checked.at < cacheMs) return checked.version;
    const version = (await latestPublished(db)) ?? BUILT_IN.version;
    checked = { at: now(), version };
    return version;
  }

  async function current(): Promise<CurrentModel> {
    const version = await currentVersion();
    if (version === BUILT_IN.version) return builtInModel();
    if (loaded?.version === version) return loaded;
    const [row] = await db.query<{ model: string | null }>('SELECT model FROM triage_models WHERE version = $1', [version]);
    if (!row?.model) return builtInModel();
    const model = JSON.parse(row.model) as ModelJson;
    loaded = { version, source: 'published', json: row.model, model, triage: createTriage(model) };
    return loaded;
  }

  return { current, currentVersion };
}
