/**
 * What the service worker's build resolves `dexie` to (vite.config.ts): the subset of Dexie 4's API the
 * data modules use (src/db/lite/engine.ts). The modules are type-checked against Dexie's own types.
 */
export { Dexie, DatabaseNotReadyError } from './engine';
export { Table, WhereClause, Collection } from './table';
export { liveQuery, type Observable } from './live';
export type { Table as EntityTable } from './table';
