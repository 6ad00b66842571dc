/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import model from '../../src/triage/model.json';
import { createTriage, DUPLICATE_THRESHOLD } from '../../src/triage/triage';
import type { ModelJson } from '../../src/triage/model';

const triage = createTriage(model as ModelJson);
/** Hand-labelled pairs: the same citizen describing the same problem again, or another problem. */
const pairs: { a: string; b: string; duplicate: boolean }[] = readFileSync(new URL('../../src/triage/corpus/duplicate-pairs.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((l) => JSON.parse(l));

describe('triage duplicate check', () => {
  it('scores a text against itself 1 and unrelated texts near 0', () => {
    expect(triage.similarity('ट्रांसफार्मर जल गया है', 'ट्रांसफार्मर जल गया है')).toBeCloseTo(1, 2);
    expect(triage.similarity('ट्रांसफार्मर जल गया है', 'मेरी पेंशन नहीं आई')).toBeLessThan(0.1);
  });

  it('is symmetric and between 0 and 1', () => {
    for (const p of pairs.slice(0, 10)) {
      const s = triage.similarity(p.a, p.b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(triage.similarity(p.b, p.a)).toBeCloseTo(s, 3);
    }
  });

  it('separates the labelled pairs at the tuned threshold (≥ 95% right, no false alarm on another problem of the same citizen)', () => {
    let right = 0, falseAlarm = 0;
    for (const p of pairs) {
      const dup = triage.similarity(p.a, p.b) >= DUPLICATE_THRESHOLD;
      if (dup === p.duplicate) right++;
      else if (dup) falseAlarm++;
    }
    expect(right / pairs.length).toBeGreaterThanOrEqual(0.95);
    expect(falseAlarm).toBe(0);
  });

  it('finds the matching candidates above the threshold, best first, across scripts', () => {
    const candidates = [
      { id: 'g1', text: 'गाँव रामपुरा का ट्रांसफार्मर जल गया है, बिजली नहीं आ रही' },
      { id: 'g2', text: 'राशन डीलर गेहूं नहीं दे रहा' },
      { id: 'g3', text: 'rampura me transformer jal gaya hai 5 din se' },
    ];
    const found = triage.findDuplicates('transformer jal gaya rampura gaon me, bijli nahi', candidates);
    expect(found.map((m) => m.id).sort()).toEqual(['g1', 'g3']);
    expect(found[0].score).toBeGreaterThanOrEqual(found[1].score);
    for (const m of found) expect(m.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('takes the threshold from the caller', () => {
    const candidates = [{ id: 'x', text: 'bijli ka bill jyada aaya hai' }];
    expect(triage.findDuplicates('bijli nahi aa rahi', candidates)).toEqual([]);
    expect(triage.findDuplicates('bijli nahi aa rahi', candidates, 0)).toHaveLength(1);
    expect(triage.findDuplicates('bijli nahi aa rahi', candidates, 1.01)).toEqual([]);
  });

  it('copes with bad input: empty text, no candidates, malformed candidates', () => {
    expect(triage.findDuplicates('', [{ id: 'a', text: '' }])).toEqual([]);
    expect(triage.findDuplicates('bijli nahi', [])).toEqual([]);
    expect(triage.findDuplicates('bijli nahi', null as never)).toEqual([]);
    const found = triage.findDuplicates('bijli nahi aa rahi', [null, { id: 'n' }, { id: 'ok', text: 'bijli nahi aa rahi' }] as never);
    expect(found.map((m) => m.id)).toEqual(['ok']);
    expect(found[0].score).toBeGreaterThan(0.9);
  });
});
