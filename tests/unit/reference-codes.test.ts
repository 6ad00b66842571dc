/** The codes-only reference (src/domain/reference-codes.ts, what the service worker carries) is exactly the JSON's. */
import { describe, expect, it } from 'vitest';
import { categoryCodesOf, DEPARTMENT_CODES, DISTRICT_CODES } from '../../src/domain/reference-codes';
import { DEPARTMENTS, DISTRICTS } from '../../src/domain/reference';
import { grievanceNumber } from '../../src/domain/numbers';

describe('reference codes', () => {
  it('lists the districts of districts.json, in its order', () => {
    expect(DISTRICT_CODES).toEqual(DISTRICTS.map((d) => d.code));
  });
  it('lists the departments and each one\'s categories of departments.json, in its order', () => {
    expect(DEPARTMENT_CODES).toEqual(DEPARTMENTS.map((d) => d.code));
    for (const d of DEPARTMENTS) expect(categoryCodesOf(d.code)).toEqual(d.categories.map((c) => c.code));
    expect(categoryCodesOf('no-such-department')).toEqual([]);
    expect(categoryCodesOf('__proto__')).toEqual([]);
  });
  it('gives the grievance number its district index from the same order', () => {
    DISTRICTS.forEach((d, i) => expect(grievanceNumber(new Date('2026-12-03T10:00:00Z'), d.code, 1).slice(2, 4)).toBe(String(i + 1).padStart(2, '0')));
  });
});
