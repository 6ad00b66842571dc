/**
 * Valid grievance submissions built from the schema's rules (src/domain/schemas.ts): a Crockford ULID
 * clientId, a receipt number made by the domain's own receiptNumber(), a 5-character Crockford device id,
 * an ISO createdAt with an offset, consent given. Each call gives a new clientId and receipt number.
 */
import { ulid } from 'ulidx';
import { receiptNumber } from '../../src/domain/numbers';
import type { GrievanceSubmission } from '../../src/domain/schemas';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let seq = 0;

export const VALID_AADHAAR = '234123412346'; // Verhoeff-valid (PRODUCT.md)
export const INVALID_AADHAAR = '234123412347'; // wrong check digit

export function deviceId(): string {
  return Array.from({ length: 5 }, () => CROCKFORD[Math.floor(Math.random() * 32)]).join('');
}

export const DEVICE = deviceId();

/** A submission that GrievanceSubmission accepts; `overrides` replace fields (undefined removes one). */
export function submission(overrides: Partial<GrievanceSubmission> = {}): GrievanceSubmission {
  const created = new Date('2026-11-28T10:15:00+05:30');
  const base: GrievanceSubmission = {
    clientId: ulid(),
    receiptNumber: receiptNumber(overrides.kioskCode ?? 'K1023456', created, DEVICE, ++seq), // made at the record's kiosk
    kioskCode: 'K1023456',
    deviceId: DEVICE,
    operatorId: 'op.meena',
    createdAt: '2026-11-28T10:15:00.000+05:30',
    lang: 'hi',
    name: 'सुनीता देवी',
    mobile: '9876543210',
    address: 'वार्ड 7, गाँव खेड़ा',
    pin: '303001',
    areaType: 'rural',
    districtCode: 'jaipur',
    departmentCode: 'phed',
    categoryCode: 'no-supply',
    description: 'गाँव में पंद्रह दिनों से पीने का पानी नहीं आ रहा है, हैंडपंप भी खराब है।',
    consent: true,
  };
  const out: Record<string, unknown> = { ...base, ...overrides };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as GrievanceSubmission;
}

/** `n` distinct valid submissions. */
export const submissions = (n: number, overrides: Partial<GrievanceSubmission> = {}) =>
  Array.from({ length: n }, () => submission(overrides));
