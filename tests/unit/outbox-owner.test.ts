/**
 * Issue 16 item 1: the outbox has one owner. Only src/db/outbox.ts reads or writes `outbox`, only
 * src/db/actions.ts `actions`, only src/db/meta.ts `meta` (a typed store); everyone else uses their verbs.
 * Naming a table in a transaction's scope (`db.transaction('rw', db.outbox, …)`) is allowed: the verbs
 * called inside join that transaction.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const OWNERS: Record<string, string> = { outbox: 'src/db/outbox.ts', actions: 'src/db/actions.ts', meta: 'src/db/meta.ts' };
const RAW = /\bdb\.(outbox|actions|meta)\.|\.table\(\s*['"](outbox|actions|meta)['"]\s*\)/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the outbox, the action queue and meta have one owner each', () => {
  it('no other module of src, sw or server touches those tables directly', () => {
    const files = ['src', 'sw', 'server'].flatMap((d) => sources(join(root, d)));
    expect(files.length).toBeGreaterThan(50);
    const offences: string[] = [];
    for (const file of files) {
      const rel = relative(root, file);
      for (const m of readFileSync(file, 'utf8').matchAll(RAW)) {
        const table = m[1] ?? m[2];
        if (OWNERS[table] !== rel) offences.push(`${rel}: ${m[0]}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the owners exist and use their tables (the check above looks at the right names)', () => {
    for (const [table, file] of Object.entries(OWNERS)) expect(readFileSync(join(root, file), 'utf8')).toContain(`db.${table}.`);
  });
});
