import { describe, expect, it } from 'vitest';
import { acceptance } from '../../src/ui/components/triage-suggestion';
import { TRIAGE_MESSAGES } from '../../src/triage/messages';
import type { TriageResult } from '../../src/triage/triage';

const result = { department: 'energy', category: 'transformer', districts: ['jaipur', 'tonk'], tehsil: null } as TriageResult;

describe('triage suggestion: what accepting sets', () => {
  it('fills department, category and the first district when the form is empty', () => {
    expect(acceptance(result, 'energy', {})).toEqual({ departmentCode: 'energy', categoryCode: 'transformer', districtCode: 'jaipur' });
  });
  it('never overwrites a district the operator chose', () => {
    expect(acceptance(result, 'energy', { districtCode: 'ajmer' })).toEqual({ departmentCode: 'energy', categoryCode: 'transformer' });
  });
  it('keeps the operator category when the department stays the same', () => {
    expect(acceptance(result, 'energy', { departmentCode: 'energy', categoryCode: 'billing' })).toEqual({ departmentCode: 'energy', districtCode: 'jaipur' });
  });
  it('fills the tehsil named in the text with its district', () => {
    const r = { ...result, tehsil: { code: '7157', name: 'Phagi', kind: 'tehsil', district: 'jaipur', surface: 'फागी' } } as TriageResult;
    expect(acceptance(r, 'energy', {})).toMatchObject({ districtCode: 'jaipur', tehsilCode: '7157' });
    expect(acceptance(r, 'energy', { districtCode: 'jaipur' })).not.toHaveProperty('tehsilCode');
  });
  it('sets no category for an alternative department', () => {
    expect(acceptance(result, 'lsg', {})).toEqual({ departmentCode: 'lsg', districtCode: 'jaipur' });
  });
  it('has every visible string in Hindi and English', () => {
    for (const [k, v] of Object.entries(TRIAGE_MESSAGES)) { expect(v.hi, k).toBeTruthy(); expect(v.en, k).toBeTruthy(); }
  });
});
