/**
 * Dexie's schema strings, read the way Dexie 4 reads them (`'clientId, state, *clientIds, [a+b]'`): the
 * first entry is the primary key (`++` auto-increment, `&` unique), the rest are indexes (`*` multiEntry,
 * `&` unique, `[a+b]` compound, named as written without the prefix). The lite engine only needs the
 * names (to check the page has created them) and the primary key path (to tell rows apart).
 */
export interface TableSchema {
  name: string;
  /** The primary key path; undefined for out-of-line keys. */
  primKey: string | string[] | undefined;
  /** Index names as IndexedDB knows them (Dexie's: `clientIds` for `*clientIds`, `[a+b]` for a compound). */
  indexes: string[];
}

const stripPrefix = (spec: string) => spec.replace(/^(\+\+|&|\*)/, '');

const keyPathOf = (name: string): string | string[] | undefined =>
  name === '' ? undefined : name.startsWith('[') ? name.slice(1, -1).split('+').map((s) => s.trim()) : name;

export function parseStores(stores: Record<string, string | null>): TableSchema[] {
  return Object.entries(stores).filter((e): e is [string, string] => e[1] !== null).map(([name, spec]) => {
    const [prim = '', ...rest] = spec.split(',').map((s) => s.trim());
    return { name, primKey: keyPathOf(stripPrefix(prim)), indexes: rest.filter(Boolean).map(stripPrefix) };
  });
}

/** The value at `path` of `row` (a dotted path, or an array of them for a compound key). */
export function valueAt(row: unknown, path: string | string[]): unknown {
  if (Array.isArray(path)) return path.map((p) => valueAt(row, p));
  return path.split('.').reduce<unknown>((v, part) => (v == null ? undefined : (v as Record<string, unknown>)[part]), row);
}

/**
 * What Dexie 4 broadcasts after a write transaction commits (`x-storagemutated-1`, dexie.mjs "mutatedParts"):
 * per table, the primary key part (`idb://<db>/<table>/`), the deletions part (`…/:dels`) and one part per
 * index, each a Dexie RangeSet node. The lite engine does not track which keys changed: it reports the
 * whole range of each table it wrote (MIN_KEY -Infinity to MAX_KEY `[[]]`, as Dexie does for a clear()),
 * so every live query on those tables in every page re-reads; pages' queries on other tables do not.
 */
export const STORAGE_MUTATED_CHANNEL = 'x-storagemutated-1';

export interface RangeNode { d: number; from: unknown; to: unknown }

export function mutatedParts(dbName: string, tables: readonly TableSchema[]): Record<string, RangeNode> {
  const parts: Record<string, RangeNode> = {};
  for (const t of tables) {
    for (const part of ['', ':dels', ...t.indexes]) parts[`idb://${dbName}/${t.name}/${part}`] = { d: 1, from: -Infinity, to: [[]] };
  }
  return parts;
}
