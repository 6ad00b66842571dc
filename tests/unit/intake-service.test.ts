/**
 * The intake screen's model and page service (src/ui/intake): the form's lengths are the schema's, and
 * saving answers a typed refusal (never an exception to compare by name) with nothing written, or the
 * registered record with the triage suggestion that was on screen.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { parseIntake } from '../../src/domain/intake';
import { setSealKey } from '../../src/domain/seal';
import type { IntakeFields } from '../../src/domain/schemas';
import type { PreparedAttachment } from '../../src/media/attachment-rules';
import { EMPTY, MAX_LENGTH, toInput, validate, type Form } from '../../src/ui/intake/form-model';
import { canSealAadhaar, saveIntake, triageRecord } from '../../src/ui/intake/save-intake';
import { seedSession } from './fake-server';

const filled: Form = {
  ...EMPTY, name: 'सीता देवी', mobile: '९८७६५ ४३२१०', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed',
  description: 'हैंडपंप खराब है, दस दिन से पानी नहीं आ रहा', consent: true,
};
const fields = (f: Form = filled): IntakeFields => {
  const r = parseIntake(toInput(f));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
/** A valid Aadhaar number: 11 digits and the one Verhoeff check digit (with no seal key, only a valid one needs it). */
const validAadhaar = (() => {
  setSealKey(undefined);
  for (let d = 0; d <= 9; d++) if (!canSealAadhaar(`23412341234${d}`)) return `23412341234${d}`;
  throw new Error('no check digit');
})();
const pdf = (text: string): PreparedAttachment => {
  const bytes = Buffer.from(`%PDF-1.4\n${text}`);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, type: 'application/pdf', name: 'bill.pdf', blob: new Blob([bytes]), thumbnail: undefined };
};
const stored = () => db.outbox.count();

beforeEach(async () => {
  await db.delete();
  await db.open();
  setSealKey(undefined);
});

describe('the form model', () => {
  it('allows exactly the schema\'s lengths for free text', () => {
    const name = 'क'.repeat(MAX_LENGTH.name);
    expect(validate({ ...filled, name })).toEqual({});
    expect(validate({ ...filled, name: `${name}क` }).name).toBe('err.name');
    const description = 'अ'.repeat(MAX_LENGTH.description);
    expect(validate({ ...filled, description })).toEqual({});
    expect(validate({ ...filled, description: `${description}अ` }).description).toBe('err.description');
    expect(validate({ ...filled, address: 'ब'.repeat(MAX_LENGTH.address) })).toEqual({});
    expect(validate({ ...filled, address: 'ब'.repeat(MAX_LENGTH.address + 1) }).address).toBe('err.address');
  });

  it('puts the schema\'s tehsil and Aadhaar errors on the controls that show them', () => {
    expect(validate({ ...filled, tehsil: 't:x' }).tehsil).toBe('err.tehsil');
    expect(validate({ ...filled, aadhaar: '1234' }).aadhaar).toBe('err.aadhaar');
    expect(validate(EMPTY)).toMatchObject({ name: 'err.required', mobile: 'err.required', description: 'err.required', consent: 'err.consent' });
  });
});

describe('saving an intake', () => {
  it('refuses with a reason and writes nothing when nobody is signed in', async () => {
    const r = await saveIntake({ fields: fields(), aadhaar: '', triage: null, files: [], lang: 'hi' });
    expect(r).toEqual({ ok: false, refusal: { kind: 'form', key: 'intake.notSignedIn' } });
    expect(await stored()).toBe(0);
  });

  it('refuses an Aadhaar it cannot seal (no key on this device) and writes nothing', async () => {
    await seedSession();
    const r = await saveIntake({ fields: fields(), aadhaar: validAadhaar, triage: null, files: [], lang: 'hi' });
    expect(r).toEqual({ ok: false, refusal: { kind: 'aadhaarKey' } });
    expect(await stored()).toBe(0);
  });

  it('refuses files that cannot go together, next to Attachments, and writes nothing', async () => {
    await seedSession();
    const r = await saveIntake({ fields: fields(), aadhaar: '', triage: null, files: [pdf('a'), pdf('a')], lang: 'hi' });
    expect(r).toEqual({ ok: false, refusal: { kind: 'attachments', key: 'err.attachmentDuplicate' } });
    expect(await stored()).toBe(0);
  });

  it('a correction of a record that is not in Needs attention is refused in words', async () => {
    await seedSession();
    const r = await saveIntake({ fields: fields(), aadhaar: '', triage: null, files: [], lang: 'hi', correcting: { clientId: '01J0000000000000000000000A', receiptNumber: 'x', files: 0 } });
    expect(r).toEqual({ ok: false, refusal: { kind: 'form', key: 'correct.missing' } });
  });

  it('registers once, with the suggestion on screen and whether the operator kept it', async () => {
    await seedSession();
    const shown = { modelVersion: 'm1', department: 'phed', category: null, confidence: 0.9 };
    const r = await saveIntake({ fields: fields(), aadhaar: '', triage: shown, files: [], lang: 'hi' });
    if (!r.ok) throw new Error(JSON.stringify(r.refusal));
    expect(await stored()).toBe(1);
    const g = await db.grievances.get(r.item.clientId);
    expect(g?.submission.triage).toEqual({ modelVersion: 'm1', suggestedDepartment: 'phed', confidence: 0.9, accepted: true });
    expect(g?.submission.mobile).toBe('9876543210'); // Devanagari digits and spaces as typed
    // Another department chosen: the suggestion is recorded as not kept.
    expect(triageRecord({ ...shown, department: 'energy' }, fields()).accepted).toBe(false);
  });
});
