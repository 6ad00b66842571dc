import { describe, expect, it } from 'vitest';
import { normalizeAadhaar, normalizeJanAadhaar, normalizeKioskCode, normalizeMobile, normalizePin, maskAadhaar, maskMobile, maskNumbersIn } from '../../src/domain/identity';
import { verhoeffDigit, verhoeffValid } from '../../src/domain/verhoeff';
import { asciiDigits } from '../../src/domain/digits';

describe('mobile numbers', () => {
  it.each([
    ['9876543210', '9876543210'], ['+91 98765 43210', '9876543210'], ['+91-98765-43210', '9876543210'],
    ['09876543210', '9876543210'], ['919876543210', '9876543210'], ['९८७६५४३२१०', '9876543210'], ['6000000000', '6000000000'],
  ])('accepts %s as %s', (input, want) => expect(normalizeMobile(input)).toBe(want));
  it.each(['5876543210', '987654321', '98765432101', 'abcdefghij', '', '+92 9876543210'])('refuses %s', (input) =>
    expect(normalizeMobile(input)).toBeNull());
});

describe('Aadhaar', () => {
  it('accepts the Verhoeff test vectors that pass', () => {
    for (const n of ['234123412346', '999941057058', '499118665246']) expect(normalizeAadhaar(n)).toBe(n);
  });
  it('refuses a wrong check digit', () => expect(normalizeAadhaar('234123412347')).toBeNull());
  it('accepts spaces, hyphens and Devanagari digits', () => {
    expect(normalizeAadhaar('2341 2341 2346')).toBe('234123412346');
    expect(normalizeAadhaar('२३४१-२३४१-२३४६')).toBe('234123412346');
  });
  it('refuses numbers starting 0 or 1 and wrong lengths', () => {
    expect(normalizeAadhaar('134123412346')).toBeNull();
    expect(normalizeAadhaar('23412341234')).toBeNull();
  });
  it('masks all but the last 4 digits', () => expect(maskAadhaar('2346')).toBe('XXXX XXXX 2346'));
  it('computes check digits that validate', () => {
    for (const body of ['23412341234', '12345', '0315127000636'.slice(0, 12)]) expect(verhoeffValid(body + verhoeffDigit(body))).toBe(true);
  });
});

describe('other identifiers', () => {
  it('Jan Aadhaar: 10-digit family or 11-digit member ID', () => {
    expect(normalizeJanAadhaar('1234567890')).toBe('1234567890');
    expect(normalizeJanAadhaar('१२३४५६७८९०१')).toBe('12345678901');
    expect(normalizeJanAadhaar('123456789')).toBeNull();
  });
  it('PIN codes of Rajasthan start 30-34', () => {
    expect(normalizePin('302001')).toBe('302001');
    expect(normalizePin('३४५०२१')).toBe('345021');
    expect(normalizePin('350001')).toBeNull();
    expect(normalizePin('110001')).toBeNull();
  });
  it('kiosk codes are K and digits', () => {
    expect(normalizeKioskCode(' k1023456 ')).toBe('K1023456');
    expect(normalizeKioskCode('X123')).toBeNull();
  });
  it('maps every Devanagari digit', () => expect(asciiDigits('०१२३४५६७८९')).toBe('0123456789'));
});

describe('masking (one rule for the screens, the logs and the chat transcripts)', () => {
  it('shows a mobile by its last 4 digits only', () => expect(maskMobile('9829012345')).toBe('XXXXXX2345'));
  it('masks every mobile and Aadhaar-like number in free text, and leaves grievance numbers alone', () => {
    expect(maskNumbersIn('call +91 9829012345 or 09829012346 / 9829012347')).toBe('call XXXXXX2345 or XXXXXX2346 / XXXXXX2347');
    expect(maskNumbersIn('aadhaar 234123412346 given')).toBe('aadhaar XXXXXXXX2346 given');
    expect(maskNumbersIn('/api/status?q=2026081234567')).toBe('/api/status?q=2026081234567');
    expect(maskNumbersIn('PIN 302001, 5 din se')).toBe('PIN 302001, 5 din se');
  });
});
