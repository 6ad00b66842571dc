/**
 * The 'sw-lite' vitest project (vite.config.ts) resolves `dexie` here, so the data modules (src/db) run on
 * the lite engine (src/db/lite) as they do in the service worker, and the same unit tests hold both engines
 * to the same behaviour. The engine never creates or upgrades the database: in the app the page's Dexie
 * does. This subclass plays that page: before it opens, the real Dexie (imported by its file, which the
 * project does not redirect) creates or upgrades the database from the same declarations and closes it.
 */
import { Dexie as RealDexie } from 'dexie/dist/dexie.mjs';
import { Dexie as LiteDexie } from '../../src/db/lite';

export * from '../../src/db/lite';

export class Dexie extends LiteDexie {
  private readonly declarations: [number, Record<string, string | null>][] = [];

  override version(n: number): { stores(spec: Record<string, string | null>): LiteDexie } {
    const declared = super.version(n);
    return { stores: (spec) => { this.declarations.push([n, spec]); return declared.stores(spec); } };
  }

  override async open(): Promise<this> {
    if (!this.isOpen()) {
      const page = new RealDexie(this.name);
      for (const [n, spec] of this.declarations) page.version(n).stores(spec);
      await page.open();
      page.close();
    }
    return super.open();
  }
}
