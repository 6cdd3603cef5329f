import { describe, expect, it } from 'vitest';
import { BusinessHoursSchema, describeOpening, isOpenAt, nextOpening } from './business-hours.ts';

const berlin = BusinessHoursSchema.parse({
  timeZone: 'Europe/Berlin',
  weekly: { mon: ['09:00-12:00', '13:00-17:30'], tue: ['09:00-17:30'], sat: ['10:00-24:00'] },
  holidays: ['2026-12-28'],
});

describe('business hours', () => {
  it('is open within a span in the team\'s own time zone, closed outside it', () => {
    // Monday 30 Nov 2026: Berlin is UTC+1
    expect(isOpenAt(berlin, new Date('2026-11-30T08:00:00Z'))).toBe(true); // 09:00 local
    expect(isOpenAt(berlin, new Date('2026-11-30T07:59:00Z'))).toBe(false); // 08:59
    expect(isOpenAt(berlin, new Date('2026-11-30T11:30:00Z'))).toBe(false); // 12:30, lunch
    expect(isOpenAt(berlin, new Date('2026-11-30T16:29:00Z'))).toBe(true); // 17:29
    expect(isOpenAt(berlin, new Date('2026-11-30T16:30:00Z'))).toBe(false); // 17:30, closed
    expect(isOpenAt(berlin, new Date('2026-12-02T10:00:00Z'))).toBe(false); // a Wednesday: no hours
  });

  it('follows summer time', () => {
    // Monday 1 Jun 2026: Berlin is UTC+2
    expect(isOpenAt(berlin, new Date('2026-06-01T07:00:00Z'))).toBe(true); // 09:00 local
    expect(isOpenAt(berlin, new Date('2026-06-01T06:59:00Z'))).toBe(false);
  });

  it('is open until midnight on a span that ends at 24:00, and closed on a holiday', () => {
    expect(isOpenAt(berlin, new Date('2026-12-05T22:59:00Z'))).toBe(true); // Saturday 23:59 local
    expect(isOpenAt(berlin, new Date('2026-12-28T09:00:00Z'))).toBe(false); // a Monday, but a holiday
  });

  it('refuses a time zone, a span or a date that is not one', () => {
    expect(BusinessHoursSchema.safeParse({ timeZone: 'Mars/Olympus', weekly: {} }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ timeZone: 'UTC', weekly: { mon: ['9-5'] } }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ timeZone: 'UTC', weekly: { mon: ['17:00-09:00'] } }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ timeZone: 'UTC', weekly: { monday: ['09:00-17:00'] } }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ timeZone: 'UTC', weekly: {}, holidays: ['25/12/2026'] }).success).toBe(false);
  });

  it('finds the next opening: later today, after lunch, over a closed day, past a holiday, across a DST change', () => {
    const next = (at: string) => nextOpening(berlin, new Date(at))?.toISOString();
    expect(next('2026-11-30T08:30:00Z')).toBe('2026-11-30T08:30:00.000Z'); // open now: now
    expect(next('2026-11-30T06:00:00Z')).toBe('2026-11-30T08:00:00.000Z'); // Monday 07:00 -> 09:00
    expect(next('2026-11-30T11:15:00Z')).toBe('2026-11-30T12:00:00.000Z'); // lunch -> 13:00
    expect(next('2026-12-01T17:00:00Z')).toBe('2026-12-05T09:00:00.000Z'); // Tuesday evening -> Saturday 10:00
    expect(next('2026-12-27T23:30:00Z')).toBe('2026-12-29T08:00:00.000Z'); // Monday 28 is a holiday -> Tuesday
    // Sunday 29 March 2026: Berlin moves to UTC+2; Monday opens at 07:00 UTC
    expect(next('2026-03-29T12:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
    const never = BusinessHoursSchema.parse({ timeZone: 'UTC', weekly: {} });
    expect(nextOpening(never, new Date('2026-11-30T00:00:00Z'))).toBeUndefined();
  });

  it('tells an opening in the team\'s zone, as today, tomorrow or a date', () => {
    const now = new Date('2026-11-30T06:00:00Z');
    expect(describeOpening(new Date('2026-11-30T08:00:00Z'), 'Europe/Berlin', now)).toBe('today at 09:00 (Europe/Berlin time)');
    expect(describeOpening(new Date('2026-12-01T08:00:00Z'), 'Europe/Berlin', now)).toBe('tomorrow at 09:00 (Europe/Berlin time)');
    expect(describeOpening(new Date('2026-12-05T09:00:00Z'), 'Europe/Berlin', now)).toBe('Saturday 5 December at 10:00 (Europe/Berlin time)');
  });
});
