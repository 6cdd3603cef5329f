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
