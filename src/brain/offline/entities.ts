import type { Entity, EntityType } from '../brain.ts';

/**
 * Details in a customer's message that the brain can act on: order numbers, emails, phone numbers, amounts and
 * dates, each with its text as written and a normalised value. Regular expressions only, so it costs microseconds.
 *
 * Normalised values: order numbers as their digits; emails in lower case; phones as digits, with a leading '+' when
 * written internationally ('00' becomes '+'); amounts as "49.90 EUR"; dates as ISO days ("2026-11-12"), weeks and
 * other spans as ISO intervals ("2026-11-09/2026-11-15"), months as "2026-10". Relative dates are read against
 * `now`, in UTC calendar days.
 */
export function extractEntities(text: string, options: { now?: Date } = {}): Entity[] {
  const now = options.now ?? new Date();
  const found: Found[] = [];
  const hasDigit = DIGIT.test(text);
  // In this order: an earlier extractor claims its words, and later ones skip matches that overlap them (so the
  // digits of a phone number, an amount or a date are never also read as an order number).
  for (const extractor of EXTRACTORS) {
    if (!extractor.mayMatch(text, hasDigit)) continue;
    // exec() on the shared pattern rather than matchAll(), which copies the pattern every time: a third of the cost.
    const { pattern } = extractor;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index + (match.groups?.lead?.length ?? 0);
      const raw = match[0].slice(match.groups?.lead?.length ?? 0);
      const end = start + raw.length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      const value = extractor.normalize(match, now);
      if (value === undefined) continue;
      found.push({ start, end, entity: { type: extractor.type, text: raw, value } });
    }
  }
  return found.sort((a, b) => a.start - b.start).map((f) => f.entity);
}

interface Found {
  start: number;
  end: number;
  entity: Entity;
}

interface Extractor {
  type: EntityType;
  /**
   * Global, and never matches empty text (extractEntities would search on the spot for ever). A named group `lead` is
   * context that must precede the entity but is not part of its text.
   */
  pattern: RegExp;
  /**
   * A quick test that every text with a match passes: most messages have no detail at all, and running every pattern
   * over them would cost most of the time.
   */
  mayMatch(text: string, hasDigit: boolean): boolean;
  /** The normalised value, or undefined when the match turns out not to be one after all. */
  normalize(match: RegExpMatchArray, now: Date): string | undefined;
}

const DIGIT = /\d/;
/** Order numbers and phones are digits first of all. */
const needsDigit = (_text: string, hasDigit: boolean) => hasDigit;

// ---- order numbers, emails, phones ----------------------------------------------------------------------------------

/** Order numbers in the demo store are six to ten digits. */
const ORDER_DIGITS = String.raw`\d{6,10}`;
const ORDER_WORDS = String.raw`(?:order|purchase)(?:\s*(?:no\.?|nr\.?|number|num\.?|id|ref(?:erence)?))?\s*[:.]?\s*`;

const orderNumber = (match: RegExpMatchArray) => match[0].replace(/\D/g, '');

const EMAIL: Extractor = {
  type: 'email',
  pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g,
  mayMatch: (text) => text.includes('@'),
  normalize: (match) => match[0].toLowerCase(),
};

/** A number named as an order ("order no. 100234", "#100234") is one even where it could pass for something else. */
const NAMED_ORDER_NUMBER: Extractor = {
  type: 'order_number',
  pattern: new RegExp(String.raw`(?<lead>\b${ORDER_WORDS})#?${ORDER_DIGITS}(?!\d)|(?<![\w#])#${ORDER_DIGITS}(?!\d)`, 'gi'),
  mayMatch: needsDigit,
  normalize: orderNumber,
};

const BARE_ORDER_NUMBER: Extractor = {
  type: 'order_number',
  pattern: new RegExp(String.raw`(?<![\d+.,])${ORDER_DIGITS}(?![\d.,]\d|\d)`, 'g'),
  mayMatch: needsDigit,
  normalize: orderNumber,
};

const PHONE: Extractor = {
  type: 'phone',
  pattern: new RegExp(
    [
      // International: +44 20 7946 0958, +1 (555) 123-4567, 0049 30 1234567
      String.raw`(?:\+|\b00)[1-9]\d{0,2}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){5,12}\b`,
      // North American: (555) 123-4567, 555-123-4567, 555.123.4567
      String.raw`(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b`,
      // Local with a trunk 0: 020 7946 0958, 07700 900123, (030) 1234 5678, 07700900123
      String.raw`(?:\(0\d{1,4}\)|\b0\d{1,4})(?:[\s.-]?\d{2,4}){1,3}\b`,
    ].join('|'),
    'g',
  ),
  mayMatch: needsDigit,
  normalize(match) {
    const raw = match[0];
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 9 || digits.length > 15) return undefined;
    if (raw.startsWith('+')) return `+${digits}`;
    if (raw.startsWith('00')) return `+${digits.slice(2)}`;
    return digits;
  },
};

// ---- amounts --------------------------------------------------------------------------------------------------------

const CURRENCIES: Record<string, string> = {
  $: 'USD',
  usd: 'USD',
  'us$': 'USD',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  chf: 'CHF',
};

/** 49.90, 49,90, 1,299.00, 1.299,00, 1 299,00, 20 */
const NUMBER = String.raw`\d{1,3}(?:[,. ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SYMBOL = String.raw`us\$|[$€£]`;
const CODE = String.raw`usd|eur|gbp|chf`;
const WORD = String.raw`dollars?|bucks|euros?|pounds?|quid`;

/** Every amount the pattern below reads has a digit and one of these (a symbol, or the start of a code or word). */
const CURRENCY_HINT = /[$€£]|usd|eur|gbp|chf|dollar|bucks|pound|quid/i;

const AMOUNT: Extractor = {
  type: 'amount',
  pattern: new RegExp(
    [
      String.raw`(?<cur1>${SYMBOL})\s?(?<num1>${NUMBER})(?![\d.,]\d)`,
      String.raw`\b(?<cur2>${CODE})\s?(?<num2>${NUMBER})(?![\d.,]\d)`,
      String.raw`(?<![\d.,])(?<num3>${NUMBER})\s?(?:(?<cur3>${SYMBOL})|(?<cur4>${CODE}|${WORD})\b)`,
    ].join('|'),
    'gi',
  ),
  mayMatch: (text, hasDigit) => hasDigit && CURRENCY_HINT.test(text),
  normalize(match) {
    const g = match.groups ?? {};
    const currency = CURRENCIES[(g.cur1 ?? g.cur2 ?? g.cur3 ?? g.cur4 ?? '').toLowerCase()];
    const amount = parseAmount(g.num1 ?? g.num2 ?? g.num3 ?? '');
    if (!currency || amount === undefined) return undefined;
    return `${amount.toFixed(2)} ${currency}`;
  },
};

/** The last ',' or '.' followed by one or two digits is the decimal mark; any other separator groups thousands. */
function parseAmount(written: string): number | undefined {
  const decimal = /[.,](\d{1,2})$/.exec(written);
  const whole = (decimal ? written.slice(0, decimal.index) : written).replace(/[ ,.]/g, '');
  const value = Number(`${whole}.${decimal?.[1] ?? '0'}`);
  return Number.isFinite(value) ? value : undefined;
}

// ---- dates ----------------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH = String.raw`jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`;
const WEEKDAY = String.raw`mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?`;
const ORDINAL = String.raw`(?:st|nd|rd|th)?`;

/** Midnight UTC of `now`'s day, as a time value. */
const startOfDay = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const isoMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);

/** A valid calendar day, or undefined (30 February). */
function calendarDay(year: number, month: number, day: number): number | undefined {
  const time = Date.UTC(year, month, day);
  return new Date(time).getUTCMonth() === month && day >= 1 ? time : undefined;
}

/** A day and month without a year: the year that puts it nearest to now (in January, "20 Dec" is last December). */
function nearestDay(month: number, day: number, now: Date): number | undefined {
  const today = startOfDay(now);
  const year = now.getUTCFullYear();
  const candidates = [year - 1, year, year + 1].map((y) => calendarDay(y, month, day)).filter((t) => t !== undefined);
  return candidates.sort((a, b) => Math.abs(a - today) - Math.abs(b - today))[0];
}

function dayMonthYear(day: string, month: string, year: string | undefined, now: Date): string | undefined {
  const m = MONTHS.indexOf(month.slice(0, 3).toLowerCase());
  const d = Number(day);
  const time = year ? calendarDay(Number(year), m, d) : nearestDay(m, d, now);
  return time === undefined ? undefined : isoDay(time);
}

/** Monday to Sunday of the ISO week `offset` weeks from now's. */
function week(now: Date, offset: number): string {
  const today = startOfDay(now);
  const monday = today - ((now.getUTCDay() + 6) % 7) * DAY_MS + offset * 7 * DAY_MS;
  return `${isoDay(monday)}/${isoDay(monday + 6 * DAY_MS)}`;
}

/**
 * A weekday: "next Monday" is the next one after today; otherwise ("on Monday", "last Monday", "Monday") the latest
 * one before today, as customers mostly name a weekday for something that happened (ordered, delivered, charged).
 * "this Monday" is this week's.
 */
function weekday(name: string, qualifier: string | undefined, now: Date): string {
  const target = WEEKDAYS.findIndex((w) => w.startsWith(name.slice(0, 3).toLowerCase()));
  const today = startOfDay(now);
  const current = now.getUTCDay();
  const q = qualifier?.toLowerCase();
  if (q === 'next') return isoDay(today + (((target - current + 6) % 7) + 1) * DAY_MS);
  if (q === 'this') return isoDay(today + (((target + 6) % 7) - ((current + 6) % 7)) * DAY_MS);
  return isoDay(today - (((current - target + 6) % 7) + 1) * DAY_MS);
}

const RELATIVE_DAYS: Record<string, number> = { today: 0, tonight: 0, yesterday: -1, tomorrow: 1, 'the day before yesterday': -2, 'the day after tomorrow': 2 };
const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7 };
const COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10 };

/**
 * Every date the pattern below reads has a digit or one of these words (or the start of one: "mon" for Monday and
 * month, "week" for weeks). Keep them in step with the pattern.
 */
const DATE_WORD = /today|tonight|yesterday|tomorrow|ago|week|mon|tue|wed|thu|fri|sat|sun/i;

const DATE: Extractor = {
  type: 'date',
  pattern: new RegExp(
    [
      String.raw`\b(?<isoY>\d{4})-(?<isoM>\d{2})-(?<isoD>\d{2})\b`,
      String.raw`\b(?<dmD>\d{1,2})${ORDINAL}(?:\s+of)?\s+(?<dmM>${MONTH})\.?(?:,?\s+(?<dmY>\d{4}))?\b`,
      String.raw`\b(?<mdM>${MONTH})\.?\s+(?:the\s+)?(?<mdD>\d{1,2})${ORDINAL}(?:,?\s+(?<mdY>\d{4}))?\b`,
      String.raw`\b(?<rel>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow)\b`,
      String.raw`\b(?<agoN>\d{1,2}|an?|one|two|three|four|five|six|seven|ten)\s+(?<agoU>days?|weeks?)\s+ago\b`,
      String.raw`\b(?<spanQ>last|this|next)\s+(?<spanU>week|month)\b`,
      String.raw`\b(?:(?<wdQ>on|last|next|this)\s+)?(?<wd>${WEEKDAY})\b`,
    ].join('|'),
    'gi',
  ),
  mayMatch: (text, hasDigit) => hasDigit || DATE_WORD.test(text),
  normalize(match, now) {
    const g = match.groups ?? {};
    if (g.isoY) {
      const time = calendarDay(Number(g.isoY), Number(g.isoM) - 1, Number(g.isoD));
      return time === undefined ? undefined : isoDay(time);
    }
    if (g.dmD && g.dmM) return dayMonthYear(g.dmD, g.dmM, g.dmY, now);
    if (g.mdD && g.mdM) return dayMonthYear(g.mdD, g.mdM, g.mdY, now);
    if (g.rel) return isoDay(startOfDay(now) + (RELATIVE_DAYS[g.rel.toLowerCase()] ?? 0) * DAY_MS);
    if (g.agoN && g.agoU) {
      const count = COUNTS[g.agoN.toLowerCase()] ?? Number(g.agoN);
      return isoDay(startOfDay(now) - count * (UNIT_DAYS[g.agoU.toLowerCase()] ?? 1) * DAY_MS);
    }
    if (g.spanQ && g.spanU) {
      const offset = { last: -1, this: 0, next: 1 }[g.spanQ.toLowerCase() as 'last' | 'this' | 'next'];
      if (g.spanU.toLowerCase() === 'week') return week(now, offset);
      return isoMonth(now.getUTCFullYear(), now.getUTCMonth() + offset);
    }
    if (g.wd) {
      // Bare abbreviations ("sat", "sun", "wed") are too often other words; they count only after on/last/next/this.
      if (!g.wdQ && g.wd.length <= 4) return undefined;
      return weekday(g.wd, g.wdQ === 'on' ? undefined : g.wdQ, now);
    }
    return undefined;
  },
};

const EXTRACTORS: Extractor[] = [EMAIL, NAMED_ORDER_NUMBER, AMOUNT, DATE, PHONE, BARE_ORDER_NUMBER];
