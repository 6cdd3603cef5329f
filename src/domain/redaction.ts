/**
 * Masks what must not leave the help desk in clear: card numbers, email addresses and phone numbers, in any string of
 * a value (deeply). Pure. Used for the packet webhooks carry and for logs, when enabled.
 *
 * @example
 * redactText('card 4242 4242 4242 4242, mail dana@example.com, call +44 20 7946 0958');
 * // 'card [card ••••4242], mail d•••@example.com, call [phone ••58]'
 */

export interface RedactionOptions {
  cards?: boolean;
  emails?: boolean;
  phones?: boolean;
}

const ALL: Required<RedactionOptions> = { cards: true, emails: true, phones: true };

/** 13–19 digits, optionally grouped by spaces or dashes: a payment card number when the Luhn check passes. */
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const EMAIL = /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;
/** International or grouped local numbers of 7–15 digits (not order numbers: those are one run of digits). */
const PHONE = /(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,8}){1,4}\b/g;
/** A date written as digits: 2026-11-18, 18.11.2026, 18/11/2026. */
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

export function redactText(text: string, options: RedactionOptions = ALL): string {
  let out = text;
  if (options.cards ?? true) {
    out = out.replace(CARD, (match) => {
      const digits = match.replace(/\D/g, '');
      return luhn(digits) ? `[card ••••${digits.slice(-4)}]` : match;
    });
  }
  if (options.emails ?? true) out = out.replace(EMAIL, (_m, first: string, domain: string) => `${first}•••@${domain}`);
  if (options.phones ?? true) {
    out = out.replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '');
      // A grouped number of 7+ digits with a separator or a leading +: a phone. Dates and amounts have fewer digits.
      if (digits.length < 7 || digits.length > 15 || !/[+ .()-]/.test(match) || DATE.test(match)) return match;
      return `[phone ••${digits.slice(-2)}]`;
    });
  }
  return out;
}

/** Every string in the value, redacted; the shape is kept. */
export function redactDeep<T>(value: T, options: RedactionOptions = ALL): T {
  if (typeof value === 'string') return redactText(value, options) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, options)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, options);
    return out as T;
  }
  return value;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
