import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '../../src/domain/working-days';

// 2026-12-04 is a Friday; 10:00 India time is 04:30 UTC.
const friday10 = new Date('2026-12-04T04:30:00Z');

describe('working days (India time)', () => {
  it('skips Saturday and Sunday', () => {
    expect(addWorkingDays(friday10, 1, new Set())).toEqual(new Date('2026-12-07T04:30:00Z'));
    expect(addWorkingDays(friday10, 5, new Set())).toEqual(new Date('2026-12-11T04:30:00Z'));
  });
  it('skips a holiday: Monday off moves a 1-day limit from Monday to Tuesday', () => {
    expect(addWorkingDays(friday10, 1, new Set(['2026-12-07']))).toEqual(new Date('2026-12-08T04:30:00Z'));
  });
  it('counts by the India date, not the UTC date: 23:00 IST on Friday is still Friday', () => {
    const late = new Date('2026-12-04T17:30:00Z'); // Friday 23:00 IST, Friday in UTC too
    const afterMidnight = new Date('2026-12-04T19:00:00Z'); // Saturday 00:30 IST, still Friday in UTC
    expect(addWorkingDays(late, 1, new Set())).toEqual(new Date('2026-12-07T17:30:00Z'));
    // From Saturday 00:30 IST the first working day is Monday.
    expect(addWorkingDays(afterMidnight, 1, new Set())).toEqual(new Date('2026-12-06T19:00:00Z'));
  });
  it('knows holidays and weekly offs by date', () => {
    expect(isWorkingDay('2026-12-05', new Set())).toBe(false);
    expect(isWorkingDay('2026-12-03', new Set(['2026-12-03']))).toBe(false);
    expect(isWorkingDay('2026-12-03', new Set())).toBe(true);
  });
});
