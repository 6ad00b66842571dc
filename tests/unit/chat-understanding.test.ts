/**
 * How well the assistant understands a first message (issue 13 target: the triage model's own figures):
 * a held-out set written for the chat (tests/fixtures/chat-first-messages.jsonl, never used in training),
 * read as the registration flow reads it: the triage model's department, and its district or one named
 * (src/chat/nlu.ts). Prints the figures; fails only below a floor, so a worse model is noticed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import model from '../../src/triage/model.json';
import { createTriage } from '../../src/triage/triage';
import type { ModelJson } from '../../src/triage/model';
import { districtIn } from '../../src/chat/nlu';

const set = readFileSync(new URL('../fixtures/chat-first-messages.jsonl', import.meta.url), 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l) as { text: string; department: string; district: string | null });

describe('chat: understanding the first message', () => {
  it('department and district from one sentence (Hindi, English, Hinglish)', () => {
    const triage = createTriage(model as unknown as ModelJson);
    let dept = 0, districts = 0, withDistrict = 0;
    const misses: string[] = [];
    for (const ex of set) {
      const r = triage.classify(ex.text);
      if (r.department === ex.department) dept++; else misses.push(`${ex.text} → ${r.department}`);
      if (ex.district) {
        withDistrict++;
        if ((r.districts[0] ?? districtIn(ex.text)) === ex.district) districts++; else misses.push(`${ex.text} → district ${r.districts[0] ?? districtIn(ex.text)}`);
      }
    }
    console.log(`chat first messages: department ${dept}/${set.length}, district ${districts}/${withDistrict}${misses.length ? `; missed: ${misses.join(' | ')}` : ''}`);
    expect(dept / set.length).toBeGreaterThanOrEqual(0.8);
    expect(districts / withDistrict).toBeGreaterThanOrEqual(0.9);
  });
});
