/**
 * Issue 16: no import cycle in src, server or sw (madge --circular over runtime imports; see
 * scripts/check-cycles.cjs for why type-only and dynamic imports are left out).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

describe('module graph', () => {
  it('has no import cycle in src, server or sw', () => {
    let out: string;
    try {
      out = execFileSync(process.execPath, ['scripts/check-cycles.cjs'], { cwd: root, encoding: 'utf8' });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      throw new Error(`madge found cycles or failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
    expect(out).toMatch(/^no import cycle in \d+ modules/);
    expect(Number(/in (\d+) modules/.exec(out)?.[1])).toBeGreaterThan(100);
  }, 120_000);
});
