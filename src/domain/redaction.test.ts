import { describe, expect, it } from 'vitest';
import { redactDeep, redactText } from './redaction.ts';

describe('redaction', () => {
  it('masks card numbers that pass the Luhn check, emails and phone numbers', () => {
    expect(redactText('card 4242 4242 4242 4242, mail dana@example.com, call +44 20 7946 0958')).toBe(
      'card [card ••••4242], mail d•••@example.com, call [phone ••58]',
    );
    expect(redactText('4111-1111-1111-1111')).toBe('[card ••••1111]');
  });

  it('leaves order numbers, amounts, dates and digit runs that are no card alone', () => {
    const text = 'order 100234 for €129.90 on 2026-11-18, ref 1234567890123';
    expect(redactText(text)).toBe(text);
  });

  it('honours what is switched off, and keeps the shape of nested values', () => {
    expect(redactText('dana@example.com +49 30 1234567', { emails: false })).toBe('dana@example.com [phone ••67]');
    expect(redactDeep({ a: ['dana@example.com'], b: { c: 4 }, d: null })).toEqual({ a: ['d•••@example.com'], b: { c: 4 }, d: null });
  });
});
