/** The one formatter of numbers and dates on screen (src/ui/format.ts, issue 17 item 6). */
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatGrievanceNo, formatNumber, formatPercent, numberGroups } from '../../src/ui/format';

describe('format', () => {
  it('writes a grievance number in its groups of four, and leaves anything else as it is', () => {
    expect(formatGrievanceNo('2612000000427')).toBe('2612-0000-0042-7');
    expect(formatGrievanceNo('K1023456-261128-7QX2M-0042')).toBe('K1023456-261128-7QX2M-0042');
  });

  it('cuts receipt and grievance numbers only after a hyphen, and the groups read back as the number', () => {
    expect(numberGroups('K1023456-261128-7QX2M-0042')).toEqual(['K1023456-', '261128-', '7QX2M-', '0042']);
    expect(numberGroups('2612-0000-0042-7')).toEqual(['2612-', '0000-', '0042-', '7']);
    for (const n of ['K1-000101-ABCDE-123456789', '2612-0000-0042-7', 'plain']) expect(numberGroups(n).join('')).toBe(n);
    expect(numberGroups('')).toEqual([]);
  });

  it('writes a server day (YYYY-MM-DD) as words in each language, the same day everywhere', () => {
    expect(formatDay('2026-12-04', 'en')).toMatch(/^4 Dec 2026$/);
    expect(formatDay('2026-12-04', 'hi')).toMatch(/^४ दिस॰? २०२६$/);
    expect(formatDay('not a day', 'en')).toBe('not a day');
    // The day of a date-time shown elsewhere is the same day.
    expect(formatDateTime('2026-12-04T10:00:00+05:30', 'en')).toContain('4 Dec 2026');
  });

  it('writes counts and percentages in the UI language\'s digits', () => {
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber(1234, 'hi')).toBe('१,२३४');
    expect(formatPercent(0.874, 'en')).toBe('87%');
    expect(formatPercent(0.874, 'hi')).toBe('८७%');
    expect(formatPercent(1, 'en')).toBe('100%');
  });
});
