import { z } from 'zod';

/**
 * A team's business hours: a weekly schedule in the team's own IANA time zone, and the dates it is closed. Pure: the
 * caller says what time it is.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "09:00-17:30": opening and closing, local time, closing after opening ("24:00" is the end of the day). */
const SPAN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$/;

const SpanSchema = z
  .string()
  .regex(SPAN, 'must be HH:MM-HH:MM, e.g. 09:00-17:30')
  .refine((span) => {
    const match = SPAN.exec(span);
    // (a span that is no HH:MM-HH:MM is reported by the regex)
    if (!match) return true;
    const [, oh, om, ch, cm] = match;
    return Number(ch) * 60 + Number(cm) > Number(oh) * 60 + Number(om) && Number(ch) * 60 + Number(cm) <= 24 * 60;
  }, 'must close after it opens, by 24:00');

export const BusinessHoursSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Berlin'),
    weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(SpanSchema)),
    /** Dates (YYYY-MM-DD, local) the team is closed all day. */
    holidays: z.array(z.iso.date()).default([]),
  })
  .strict();

export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local date, weekday and minute of the day of an instant in a time zone. */
function localTime(at: Date, timeZone: string): { date: string; weekday: Weekday; minute: number } {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday!.toLowerCase().slice(0, 3) as Weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Whether the team is open at that instant. */
export function isOpenAt(hours: BusinessHours, at: Date): boolean {
  const local = localTime(at, hours.timeZone);
  if (hours.holidays.includes(local.date)) return false;
  for (const span of hours.weekly[local.weekday] ?? []) {
    const [, oh, om, ch, cm] = SPAN.exec(span)!;
    if (local.minute >= Number(oh) * 60 + Number(om) && local.minute < Number(ch) * 60 + Number(cm)) return true;
  }
  return false;
}

/** How far ahead an opening is looked for: a schedule with no opening in this long is closed for good. */
const OPENING_SEARCH_DAYS = 400;

/**
 * When the team next opens after `at` (the instant itself if open then); undefined when the schedule has no opening
 * in the next year (no weekly spans, or holidays all the way).
 */
export function nextOpening(hours: BusinessHours, at: Date): Date | undefined {
  if (isOpenAt(hours, at)) return at;
  const local = localTime(at, hours.timeZone);
  const [year, month, day] = local.date.split('-').map(Number) as [number, number, number];
  for (let offset = 0; offset < OPENING_SEARCH_DAYS; offset++) {
    // The local calendar date `offset` days on (UTC arithmetic on a date alone has no zone to trip on).
    const date = new Date(Date.UTC(year, month - 1, day + offset));
    const iso = date.toISOString().slice(0, 10);
    if (hours.holidays.includes(iso)) continue;
    const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7]!;
    const opens = (hours.weekly[weekday] ?? [])
      .map((span) => {
        const [, oh, om] = SPAN.exec(span)!;
        return Number(oh) * 60 + Number(om);
      })
      .sort((a, b) => a - b);
    for (const minute of opens) {
      if (offset === 0 && minute <= local.minute) continue;
      const instant = instantOf(iso, minute, hours.timeZone);
      if (instant.getTime() > at.getTime() && isOpenAt(hours, instant)) return instant;
    }
  }
  return undefined;
}

/** The instant a local date and minute of the day names in a time zone (the later one across a DST change). */
function instantOf(date: string, minute: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, Math.floor(minute / 60), minute % 60);
  // The zone's offset at a guess, then at the corrected instant (offsets differ only around a DST change).
  let instant = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  instant = asUtc - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** Local time minus UTC, in minutes, at that instant. */
function offsetMinutes(at: Date, timeZone: string): number {
  const local = localTime(at, timeZone);
  const [year, month, day] = local.date.split('-').map(Number) as [number, number, number];
  const localAsUtc = Date.UTC(year, month - 1, day, Math.floor(local.minute / 60), local.minute % 60);
  return Math.round((localAsUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** "Monday 09:00 (Europe/Berlin)": an opening time as the customer is told it, in the team's zone. */
export function describeOpening(at: Date, timeZone: string, now: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const sameDay = localTime(at, timeZone).date === localTime(now, timeZone).date;
  const tomorrow = localTime(new Date(now.getTime() + 86_400_000), timeZone).date === localTime(at, timeZone).date;
  const day = sameDay
    ? 'today'
    : tomorrow
      ? 'tomorrow'
      : new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(at);
  return `${day} at ${time} (${timeZone.replace(/_/g, ' ')} time)`;
}
