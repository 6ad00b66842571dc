import { describe, expect, it } from 'vitest';
import { parseIntake } from '../../src/domain/intake';
import { GrievanceSubmission, SyncRequest } from '../../src/domain/schemas';
import { grievanceNumber, parseGrievanceNumber, formatGrievanceNumber, receiptNumber, RECEIPT_PATTERN } from '../../src/domain/numbers';
import { MESSAGES } from '../../src/domain/messages';

const typed = {
  name: 'सीता देवी', mobile: '+91 ९८७६५-४३२१०', areaType: 'rural', districtCode: 'jaipur', departmentCode: 'phed',
  categoryCode: undefined, description: 'गाँव में तीन दिन से पीने का पानी नहीं आ रहा है', consent: true,
};

describe('intake', () => {
  it('normalises typed values and accepts a complete form', () => {
    const r = parseIntake(typed);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.mobile).toBe('9876543210');
  });
  it('names each wrong field with a message key that exists in both languages', () => {
    const r = parseIntake({ ...typed, mobile: '12345', description: 'short', districtCode: 'atlantis', consent: false, name: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({ mobile: 'err.mobile', description: 'err.description', districtCode: 'err.district', consent: 'err.consent', name: 'err.required' });
    for (const key of Object.values(r.errors)) expect(MESSAGES).toHaveProperty(key!);
  });
  it('refuses a category of another department', () => {
    const r = parseIntake({ ...typed, categoryCode: 'power-cut' });
    expect(r.ok || r.errors.categoryCode).toBe('err.category');
  });
  it('refuses digits in a name, in either script', () => {
    expect(parseIntake({ ...typed, name: 'Ram 2' }).ok).toBe(false);
    expect(parseIntake({ ...typed, name: 'राम २' }).ok).toBe(false);
  });
});

describe('wire schema', () => {
  const base = {
    ...((parseIntake(typed) as { value: object }).value), clientId: '01JDQ3V6X8K2M4N5P6Q7R8S9TV', receiptNumber: 'K1023456-261128-7QX2M-0042',
    kioskCode: 'K1023456', deviceId: '7QX2M', createdAt: '2026-11-28T10:15:00+05:30', lang: 'hi',
  };
  it('accepts a well-formed submission', () => expect(GrievanceSubmission.safeParse(base).success).toBe(true));
  it('refuses unknown fields, wrong types and a full Aadhaar', () => {
    expect(GrievanceSubmission.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(GrievanceSubmission.safeParse({ ...base, mobile: 9876543210 }).success).toBe(false);
    expect(GrievanceSubmission.safeParse({ ...base, aadhaar: '234123412346' }).success).toBe(false);
    expect(GrievanceSubmission.safeParse({ ...base, aadhaarLast4: '2346' }).success).toBe(false); // without its sealed form
  });
  it('limits a batch to 1..100 records', () => {
    expect(SyncRequest.safeParse({ grievances: [] }).success).toBe(false);
    expect(SyncRequest.safeParse({ grievances: Array(101).fill({}) }).success).toBe(false);
    expect(SyncRequest.safeParse({ grievances: [{}] }).success).toBe(true);
  });
});

describe('numbers', () => {
  it('official numbers are 13 digits with a check digit that catches a typo', () => {
    const n = grievanceNumber(new Date('2026-11-28T00:00:00Z'), 'jaipur', 42);
    expect(n).toMatch(/^26\d{11}$/);
    expect(parseGrievanceNumber(formatGrievanceNumber(n))).toBe(n);
    const typo = n.slice(0, 5) + ((Number(n[5]) + 1) % 10) + n.slice(6);
    expect(parseGrievanceNumber(typo)).toBeNull();
  });
  it('receipt numbers carry kiosk, local date, device and sequence', () => {
    const r = receiptNumber('K1023456', new Date(2026, 10, 28, 9), '7QX2M', 7);
    expect(r).toBe('K1023456-261128-7QX2M-0007');
    expect(r).toMatch(RECEIPT_PATTERN);
  });
});

describe('tehsil and block codes', () => {
  const base = { name: 'Sita Devi', mobile: '9876543210', areaType: 'rural', districtCode: 'bhilwara', departmentCode: 'energy', description: 'Transformer burnt for a week.', consent: true } as const;
  it('keeps a block code apart from a tehsil code (LGD codes overlap)', () => {
    const block = parseIntake({ ...base, blockCode: '629' });
    const tehsil = parseIntake({ ...base, tehsilCode: '629' });
    expect(block.ok && block.value).toMatchObject({ blockCode: '629' });
    expect(block.ok && block.value.tehsilCode).toBeUndefined();
    expect(tehsil.ok && tehsil.value).toMatchObject({ tehsilCode: '629' });
    expect(parseIntake({ ...base, blockCode: 'x1' })).toMatchObject({ ok: false, errors: { blockCode: 'err.tehsil' } });
  });
});
