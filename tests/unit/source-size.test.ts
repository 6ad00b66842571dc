/**
 * Issue 16: no hand-written source file of the product, its tools or its tests over 400 lines (src, server,
 * sw, scripts, bench, tests). Data (JSON, JSONL, the trained model) is not source. A file that grows past the limit is
 * split by what it does, as the intake screen (src/ui/intake), the migrations (server/store/migrations-*.ts) and
 * the access matrix (tests/server/access-matrix*.ts: callers, table, test) were.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const LIMIT = 400;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(tsx?|[cm]js|css)$/.test(name) ? [path] : [];
  });
}

describe('source files stay small', () => {
  it(`no file of src, server, sw, scripts, bench or tests is over ${LIMIT} lines`, () => {
    const files = ['src', 'server', 'sw', 'scripts', 'bench', 'tests'].flatMap((d) => sources(join(root, d)));
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > LIMIT)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
