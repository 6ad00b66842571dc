/**
 * What reference data this server runs with: the files built into the app and the server (their content
 * hash is their version), the LGD places imported per district, and the triage model devices get.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ReferenceVersions } from '../../src/domain/admin';
import type { Queryable } from '../store/db';

const BUNDLED = [
  { name: 'departments', file: 'departments.json', count: (j: { departments: unknown[] }) => j.departments.length, source: 'reference/departments.json (Sampark department and category codes)' },
  { name: 'districts', file: 'districts.json', count: (j: { districts: unknown[] }) => j.districts.length, source: 'reference/rajasthan_districts_current.csv (41 districts, 2024)' },
  { name: 'tehsils, blocks, urban bodies', file: 'places.json', count: (j: { tehsils: unknown[]; blocks: unknown[]; ulbs: unknown[] }) => j.tehsils.length + j.blocks.length + j.ulbs.length, source: 'LGD extracts 2022 (GODL-India), reference/README.md' },
] as const;

let bundled: ReferenceVersions['bundled'] | undefined;
function bundledVersions(): ReferenceVersions['bundled'] {
  return (bundled ??= BUNDLED.map((b) => {
    const text = readFileSync(new URL(`../../src/domain/reference/${b.file}`, import.meta.url), 'utf8');
    return { name: b.name, version: createHash('sha256').update(text).digest('hex').slice(0, 12), rows: (b.count as (j: unknown) => number)(JSON.parse(text)), source: b.source };
  }));
}

export async function referenceVersions(q: Queryable): Promise<ReferenceVersions> {
  const imports = await q.query<{ dataset: string; district_code: string | null; version: string; source: string; rows: number; imported_at: Date; imported_by: string | null }>(
    `SELECT dataset, district_code, version, source, rows, imported_at, imported_by FROM reference_imports ORDER BY id DESC LIMIT 200`);
  const [model] = await q.query<{ version: string; created_at: Date }>(
    `SELECT version, created_at FROM triage_models WHERE published ORDER BY created_at DESC LIMIT 1`);
  return {
    bundled: bundledVersions(),
    imports: imports.map((r) => ({ dataset: r.dataset, districtCode: r.district_code, version: r.version, source: r.source, rows: r.rows, importedAt: r.imported_at.toISOString(), importedBy: r.imported_by })),
    triageModel: model ? { version: model.version, createdAt: model.created_at.toISOString() } : null,
  };
}
