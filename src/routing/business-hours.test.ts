import { describe, expect, it } from 'vitest';
import { BusinessHoursSchema, isOpenAt } from './business-hours.ts';

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
});
