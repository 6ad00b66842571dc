/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryArgs } from '../support/bundles';

const root = new URL('../../', import.meta.url).pathname;
const run = (lines: string[]) => {
  const file = join(mkdtempSync(join(tmpdir(), 'triage-')), 'in.jsonl');
  writeFileSync(file, lines.join('\n'));
  return spawnSync(process.execPath, [...entryArgs('triage'), file], { cwd: root, encoding: 'utf8' });
};

describe('triage CLI', () => {
  it('writes one result per input line, in order, in the agreed shape', () => {
    const r = run([
      JSON.stringify({ id: 'a', text: 'गाँव रामपुरा तहसील फागी जिला जयपुर में तीन दिन से बिजली नहीं आ रही' }),
      JSON.stringify({ id: 'b', text: 'nahar me pani nahi aa raha, Hanumangarh' }),
      JSON.stringify({ id: 'c', text: '' }),
    ]);
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(out[0]).toMatchObject({ department: 'energy', category: 'power-cut', districts: ['jaipur'] });
    expect(out[1]).toMatchObject({ department: 'water-resources', districts: ['hanumangarh'] });
    for (const o of out) {
      expect(Object.keys(o).sort()).toEqual(['category', 'confidence', 'department', 'departmentTop3', 'districts', 'id']);
      expect(o.departmentTop3).toHaveLength(3);
      expect(o.departmentTop3[0]).toBe(o.department);
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
    }
    expect(out[2]).toMatchObject({ category: null, confidence: 0, districts: [] });
  });

  it('reports bad lines on stderr by number, goes on, and exits 1', () => {
    const r = run(['{"id":"1","text":"pension band"}', 'not json', '{"id":"2"}', '[1]', '', '{"id":"3","text":"ration nahi mila"}']);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['1', '3']);
    expect(r.stderr).toMatch(/line 2\b/);
    expect(r.stderr).toMatch(/line 3\b/);
    expect(r.stderr).toMatch(/line 4\b/);
    expect(r.stderr).not.toMatch(/line 5\b/);
  });
});
