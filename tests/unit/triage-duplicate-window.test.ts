/// <reference types="node" />
/**
 * Duplicate warning on the device: the 30-day window, the threshold (inclusive), this device's candidates
 * by mobile number (outbox index, newest first, whole description), the triage record stored with each
 * grievance, the check a downloaded model must pass, and the lazily loaded strings.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import model from '../../src/triage/model.json';
import { createTriage, DUPLICATE_THRESHOLD } from '../../src/triage/triage';
import { usableModel, type ModelJson } from '../../src/triage/model';
import { DUPLICATE_WINDOW_DAYS, duplicateWindowStart, inDuplicateWindow, istDate, SimilarRequest } from '../../src/domain/duplicates';
import { GrievanceSubmission, type IntakeFields } from '../../src/domain/schemas';
import { parseIntake } from '../../src/domain/intake';
import { STATUSES } from '../../src/domain/workflow';
import { LAZY_TRIAGE_MESSAGES, lazyText, statusInSentence } from '../../src/triage/lazy-messages';
import { STATUS_LABELS } from '../../src/domain/labels';
import { db } from '../../src/db/db';
import { registerGrievance } from '../../src/db/grievances';
import { recentOfMobile } from '../../src/db/duplicate-candidates';
import { OPERATOR, seedSession } from './fake-server';

const triage = createTriage(model as ModelJson);
const DAY = 24 * 3600_000;
const NOW = new Date('2026-11-28T12:00:00+05:30');

describe('the 30-day window', () => {
  it('takes what was registered in the last 30 days, the boundary included', () => {
    expect(DUPLICATE_WINDOW_DAYS).toBe(30);
    expect(duplicateWindowStart(NOW)).toBe(NOW.getTime() - 30 * DAY);
    expect(inDuplicateWindow(new Date(NOW.getTime() - 29 * DAY).toISOString(), NOW)).toBe(true);
    expect(inDuplicateWindow(new Date(NOW.getTime() - 30 * DAY).toISOString(), NOW)).toBe(true);
    expect(inDuplicateWindow(new Date(NOW.getTime() - 30 * DAY - 1000).toISOString(), NOW)).toBe(false);
    expect(inDuplicateWindow(new Date(NOW.getTime() - 45 * DAY).toISOString(), NOW)).toBe(false);
  });
  it('reads times with their offset (a kiosk in IST, a server in UTC)', () => {
    // 30 days minus 1 hour before NOW, written once in IST and once in UTC: the same instant
    const t = NOW.getTime() - 30 * DAY + 3600_000;
    expect(inDuplicateWindow(new Date(t).toISOString(), NOW)).toBe(true);
    expect(inDuplicateWindow(new Date(t).toISOString().replace('Z', '+00:00'), NOW)).toBe(true);
    expect(istDate(new Date('2026-11-27T20:00:00Z'))).toBe('2026-11-28'); // 01:30 IST the next day
  });
  it('does not take a time in the future (beyond a few minutes of skew) or one it cannot read', () => {
    expect(inDuplicateWindow(new Date(NOW.getTime() + 60_000).toISOString(), NOW)).toBe(true);
    expect(inDuplicateWindow(new Date(NOW.getTime() + DAY).toISOString(), NOW)).toBe(false);
    expect(inDuplicateWindow('yesterday', NOW)).toBe(false);
    expect(inDuplicateWindow('', NOW)).toBe(false);
  });
});

describe('the threshold', () => {
  const a = 'हमारे गाँव में पाँच दिन से पीने का पानी नहीं आ रहा, हैंडपंप खराब है';
  const b = 'gaon me 5 din se peene ka pani nahi aa raha, handpump kharab';
  it('is inclusive: a score equal to the threshold is a duplicate, just below it is not', () => {
    const s = triage.similarity(a, b);
    expect(s).toBeGreaterThan(0);
    expect(triage.findDuplicates(a, [{ id: 'x', text: b }], s)).toEqual([{ id: 'x', score: s }]);
    expect(triage.findDuplicates(a, [{ id: 'x', text: b }], s + 0.001)).toEqual([]);
  });
  it('flags the same problem told again in another script, not another problem of the same citizen', () => {
    expect(triage.similarity(a, b)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(triage.similarity(a, 'मेरी वृद्धावस्था पेंशन तीन महीने से नहीं आई है')).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(triage.similarity(a, 'गाँव का ट्रांसफार्मर जल गया है, बिजली नहीं आ रही')).toBeLessThan(DUPLICATE_THRESHOLD);
  });
  it('halves the score when the texts name different districts', () => {
    const x = 'अजमेर जिले के गाँव में पीने का पानी नहीं आ रहा, हैंडपंप खराब';
    const same = triage.similarity(x, 'अजमेर के गाँव में पानी नहीं आ रहा, हैंडपंप खराब है');
    const apart = triage.similarity(x, 'कोटा के गाँव में पानी नहीं आ रहा, हैंडपंप खराब है');
    expect(apart).toBeLessThan(same);
  });
});

describe("this device's candidates (outbox by mobile, last 30 days)", () => {
  const fields = (mobile: string, description: string): IntakeFields => {
    const r = parseIntake({ name: 'सीता देवी', mobile, areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed', description, consent: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };
  const at = (daysAgo: number, mobile: string, description: string) =>
    registerGrievance(fields(mobile, description), { kioskCode: OPERATOR.kioskCode, operatorId: OPERATOR.id, lang: 'hi', now: new Date(NOW.getTime() - daysAgo * DAY) });

  beforeEach(async () => {
    await db.delete();
    await db.open();
    await seedSession();
  });

  it("finds only this citizen's grievances of the last 30 days, newest first, with the whole description", async () => {
    const long = `गाँव में पीने का पानी नहीं आ रहा है। ${'पाइपलाइन टूटी है और कोई सुनवाई नहीं हो रही। '.repeat(8)}अंत`;
    const old = await at(31, '9876543210', 'पुराना परिवाद: पानी नहीं आ रहा');
    const recent = await at(2, '9876543210', long);
    const older = await at(20, '9876543210', 'बीस दिन पहले: हैंडपंप खराब है');
    await at(1, '9123456789', 'दूसरे परिवादी का परिवाद: पानी नहीं');
    const found = await recentOfMobile('9876543210', NOW);
    expect(found.map((c) => c.row.clientId)).toEqual([recent.clientId, older.clientId]);
    expect(found.map((c) => c.row.clientId)).not.toContain(old.clientId);
    expect(found[0].text).toBe(long); // not the outbox's 200-character excerpt
    expect(found[0].row.description.length).toBe(200);
    expect(await recentOfMobile('9000000000', NOW)).toEqual([]);
  });

  it('scores them with the triage: the same problem again is found, another one is not', async () => {
    const water = await at(3, '9876543210', 'गाँव में पाँच दिन से पीने का पानी नहीं आ रहा है, हैंडपंप खराब है।');
    await at(5, '9876543210', 'मेरी वृद्धावस्था पेंशन तीन महीने से बंद है, कृपया चालू करवाएँ।');
    const candidates = (await recentOfMobile('9876543210', NOW)).map((c) => ({ id: c.row.clientId, text: c.text }));
    const found = triage.findDuplicates('peene ka pani 5 din se nahi aa raha gaon me, handpump bhi kharab hai', candidates);
    expect(found.map((m) => m.id)).toEqual([water.clientId]);
  });
});

describe('the triage record stored with a grievance', () => {
  const base = {
    clientId: '01JD0000000000000000000000', receiptNumber: 'K1023456-261128-ABCDE-0001', kioskCode: 'K1023456', deviceId: 'ABCDE',
    operatorId: 'op.meena', createdAt: '2026-11-28T10:15:00.000+05:30', lang: 'hi', name: 'सुनीता देवी', mobile: '9876543210',
    areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed', categoryCode: 'no-supply', description: 'गाँव में पीने का पानी नहीं आ रहा है।', consent: true,
  };
  const record = (over: Record<string, unknown> = {}) => ({ modelVersion: model.version, suggestedDepartment: 'phed', suggestedCategory: 'no-supply', confidence: 0.91, accepted: true, ...over });
  const errors = (triageRecord: unknown, over: Record<string, unknown> = {}) => {
    const r = GrievanceSubmission.safeParse({ ...base, ...over, triage: triageRecord });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.code === 'unrecognized_keys' ? `unknown ${i.keys.join()}` : i.message}`);
  };

  it('is optional, and accepted when the operator kept the suggestion', () => {
    expect(GrievanceSubmission.safeParse(base).success).toBe(true);
    expect(errors(record())).toEqual([]);
    expect(errors(record({ suggestedCategory: undefined }))).toEqual([]); // no category suggested: the department decides
  });
  it('says "changed" (accepted: false) when the operator chose another department or category, and must say so', () => {
    expect(errors(record({ suggestedDepartment: 'energy', suggestedCategory: 'transformer', accepted: false }))).toEqual([]);
    expect(errors(record({ suggestedCategory: 'leak', accepted: false }))).toEqual([]);
    expect(errors(record({ suggestedDepartment: 'energy', suggestedCategory: 'transformer', accepted: true }))).toEqual(['triage.accepted:err.invalid']);
    expect(errors(record({ accepted: false }))).toEqual(['triage.accepted:err.invalid']);
  });
  it('is a strict, checked object', () => {
    expect(errors(record({ extra: 1 }))).toEqual(['triage:unknown extra']);
    expect(errors(record({ modelVersion: 'v1' }))).toEqual(['triage.modelVersion:err.invalid']);
    expect(errors(record({ suggestedDepartment: 'nasa', accepted: false }))).toContain('triage.suggestedDepartment:err.department');
    expect(errors(record({ confidence: 1.5 }))).toEqual(['triage.confidence:err.invalid']);
    expect(errors(record({ suggestedCategory: 'transformer', accepted: false }))).toEqual(['triage.suggestedCategory:err.category']);
  });
});

describe('a model file from the server', () => {
  const m = model as ModelJson;
  it('is used only by code with the same feature hash, and only when well formed', () => {
    expect(m.features).toMatch(/^f-[0-9a-f]{12}$/);
    expect(usableModel(m, m.features)).toBe(m);
    expect(usableModel({ ...m, version: 'triage-r0123456789ab' }, m.features)).not.toBeNull();
    expect(usableModel(m, 'f-000000000000')).toBeNull();
    expect(usableModel({ ...m, version: 'evil' }, m.features)).toBeNull();
    expect(usableModel({ ...m, format: 2 }, m.features)).toBeNull();
    expect(usableModel({ ...m, department: { ...m.department, bias: [1] } }, m.features)).toBeNull();
    expect(usableModel({ ...m, category: { ...m.category, data: '<script>' } }, m.features)).toBeNull();
    for (const bad of [null, 1, 'x', [], {}]) expect(usableModel(bad, m.features)).toBeNull();
  });
});

describe('POST /api/grievances/similar request', () => {
  it('needs a mobile number and a description; the sealed Aadhaar travels with its last 4 digits', () => {
    expect(SimilarRequest.safeParse({ mobile: '9876543210', text: 'पानी नहीं आ रहा है गाँव में' }).success).toBe(true);
    expect(SimilarRequest.safeParse({ mobile: '12345', text: 'पानी नहीं आ रहा है गाँव में' }).success).toBe(false);
    expect(SimilarRequest.safeParse({ mobile: '9876543210', text: 'short' }).success).toBe(false);
    expect(SimilarRequest.safeParse({ mobile: '9876543210', text: 'पानी नहीं आ रहा है गाँव में', aadhaarLast4: '2346' }).success).toBe(false);
    expect(SimilarRequest.safeParse({ mobile: '9876543210', text: 'पानी नहीं आ रहा है गाँव में', name: 'x' }).success).toBe(false);
  });
});

describe('the lazily loaded triage strings', () => {
  const entries = Object.entries(LAZY_TRIAGE_MESSAGES);
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();
  it('have Hindi (in Devanagari) and English, with the same placeholders', () => {
    for (const [k, e] of entries) {
      expect(e.hi.trim() && e.en.trim(), k).toBeTruthy();
      expect(e.hi, k).toMatch(/[\u0900-\u097F]/);
      expect(placeholders(e.hi), k).toBe(placeholders(e.en));
    }
  });
  it('name every workflow status', () => {
    for (const s of STATUSES) expect(statusInSentence(s, 'en')).toBe(STATUS_LABELS[s].en.toLowerCase());
    expect(statusInSentence('assigned', 'en')).toBe('with the officer');
    expect(lazyText('en', 'dup.linkedLocal', { n: 'K1-1' })).toBe('Not registered again: this is the receipt of the existing grievance K1-1.');
    expect(statusInSentence('unknown-state', 'hi')).toBe('unknown-state');
  });
});
