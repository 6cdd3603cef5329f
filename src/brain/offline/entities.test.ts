import { describe, expect, it } from 'vitest';
import type { EntityType } from '../brain.ts';
import { extractEntities } from './entities.ts';

/** Thursday 19 November 2026, mid-afternoon UTC: the "now" relative dates are read against. */
const NOW = new Date('2026-11-19T15:30:00Z');

const values = (text: string, type: EntityType) =>
  extractEntities(text, { now: NOW })
    .filter((e) => e.type === type)
    .map((e) => e.value);

describe('extractEntities', () => {
  it('finds order numbers of six to ten digits, bare, with # or named as an order', () => {
    expect(values('where is 100234?', 'order_number')).toEqual(['100234']);
    expect(values('where is #100234', 'order_number')).toEqual(['100234']);
    expect(values('order no. 100234 has not arrived', 'order_number')).toEqual(['100234']);
    expect(values('Order number: 4471902012', 'order_number')).toEqual(['4471902012']);
    expect(values('order #5561234 and order #5561235', 'order_number')).toEqual(['5561234', '5561235']);
    expect(values('purchase 00123842', 'order_number')).toEqual(['00123842']);
    expect(values('I have 12345 points and 12345678901 stars', 'order_number')).toEqual([]);
  });

  it('keeps the words as written in text', () => {
    const [entity] = extractEntities('is order no. #100234 on its way', { now: NOW });
    expect(entity).toEqual({ type: 'order_number', text: '#100234', value: '100234' });
  });

  it('finds emails, lower-cased', () => {
    expect(values('my email is Jane.Doe+shop@Example.co.uk, thanks', 'email')).toEqual(['jane.doe+shop@example.co.uk']);
    expect(values('mail me at a@b.io or b_c@d-e.com', 'email')).toEqual(['a@b.io', 'b_c@d-e.com']);
  });

  it('finds international and local phone numbers, and never reads them as order numbers', () => {
    const phones = (text: string) => values(text, 'phone');
    expect(phones('call me on +44 20 7946 0958')).toEqual(['+442079460958']);
    expect(phones('+1 (555) 123-4567 please')).toEqual(['+15551234567']);
    expect(phones('ring 0049 30 1234567')).toEqual(['+49301234567']);
    expect(phones('my mobile is 07700 900123')).toEqual(['07700900123']);
    expect(phones('landline 020 7946 0958')).toEqual(['02079460958']);
    expect(phones('(555) 123-4567')).toEqual(['5551234567']);
    expect(phones('555.123.4567')).toEqual(['5551234567']);
    expect(phones('07700900123')).toEqual(['07700900123']);
    expect(values('my mobile is 07700 900123', 'order_number')).toEqual([]);
    expect(values('+44 7700 900123', 'order_number')).toEqual([]);
  });

  it('finds amounts with a currency, normalised to a decimal point and an ISO code', () => {
    const amounts = (text: string) => values(text, 'amount');
    expect(amounts('I paid $49.90')).toEqual(['49.90 USD']);
    expect(amounts('charged 49,90 € twice')).toEqual(['49.90 EUR']);
    expect(amounts('refund of 20 EUR')).toEqual(['20.00 EUR']);
    expect(amounts('£15 delivery')).toEqual(['15.00 GBP']);
    expect(amounts('it cost 1,299.00 dollars')).toEqual(['1299.00 USD']);
    expect(amounts('1.299,00€')).toEqual(['1299.00 EUR']);
    expect(amounts('USD 20 and 35 pounds')).toEqual(['20.00 USD', '35.00 GBP']);
    expect(amounts('I ordered 3 jackets in size 10')).toEqual([]);
    expect(values('I paid $100234', 'order_number')).toEqual([]);
  });

  it('finds dates, normalised to ISO days, weeks and months against now', () => {
    const dates = (text: string) => values(text, 'date');
    expect(dates('ordered on 2026-11-02')).toEqual(['2026-11-02']);
    expect(dates('since 12 Nov')).toEqual(['2026-11-12']);
    expect(dates('on the 3rd of December 2025')).toEqual(['2025-12-03']);
    expect(dates('November 12')).toEqual(['2026-11-12']);
    expect(dates('Nov. 5th, 2026')).toEqual(['2026-11-05']);
    expect(dates('it was due yesterday')).toEqual(['2026-11-18']);
    expect(dates('today or tomorrow?')).toEqual(['2026-11-19', '2026-11-20']);
    expect(dates('the day before yesterday')).toEqual(['2026-11-17']);
    expect(dates('3 days ago')).toEqual(['2026-11-16']);
    expect(dates('a week ago')).toEqual(['2026-11-12']);
    expect(dates('I ordered last week')).toEqual(['2026-11-09/2026-11-15']);
    expect(dates('next week')).toEqual(['2026-11-23/2026-11-29']);
    expect(dates('last month')).toEqual(['2026-10']);
  });

  it('reads a weekday as the latest before today, unless it says next or this', () => {
    const dates = (text: string) => values(text, 'date');
    // NOW is a Thursday.
    expect(dates('I ordered on Monday')).toEqual(['2026-11-16']);
    expect(dates('it came last Thursday')).toEqual(['2026-11-12']);
    expect(dates('Friday')).toEqual(['2026-11-13']);
    expect(dates('will it come next Monday')).toEqual(['2026-11-23']);
    expect(dates('by this Saturday')).toEqual(['2026-11-21']);
    expect(dates('on sat')).toEqual(['2026-11-14']);
    expect(dates('the sun is out and I wed my love')).toEqual([]);
  });

  it('takes the year nearest to now for a day and month without one', () => {
    const january = new Date('2027-01-10T09:00:00Z');
    expect(extractEntities('ordered on 20 Dec', { now: january }).map((e) => e.value)).toEqual(['2026-12-20']);
    expect(extractEntities('arriving 2 Feb', { now: january }).map((e) => e.value)).toEqual(['2027-02-02']);
  });

  it('skips dates that do not exist', () => {
    expect(values('2026-02-30 or 31 April', 'date')).toEqual([]);
  });

  it('lists everything in a message in reading order', () => {
    const text = 'Order #100234 (jo@example.com, +44 7700 900123): charged £49.90 twice on 12 Nov';
    expect(extractEntities(text, { now: NOW }).map((e) => [e.type, e.value])).toEqual([
      ['order_number', '100234'],
      ['email', 'jo@example.com'],
      ['phone', '+447700900123'],
      ['amount', '49.90 GBP'],
      ['date', '2026-11-12'],
    ]);
  });

  it('reads every way of writing a date or an amount, in any case (each must get past the quick tests)', () => {
    const dates = (text: string) => values(text, 'date');
    expect(dates('TODAY')).toEqual(['2026-11-19']);
    expect(dates('TOMORROW')).toEqual(['2026-11-20']);
    expect(dates('Tonight')).toEqual(['2026-11-19']);
    expect(dates('The Day Before Yesterday')).toEqual(['2026-11-17']);
    expect(dates('Two Weeks Ago')).toEqual(['2026-11-05']);
    expect(dates('two DAYS ago')).toEqual(['2026-11-17']);
    expect(dates('NEXT MONTH')).toEqual(['2026-12']);
    expect(dates('this WEEK')).toEqual(['2026-11-16/2026-11-22']);
    expect(dates('on WED')).toEqual(['2026-11-18']);
    expect(dates('on Tue')).toEqual(['2026-11-17']);
    expect(dates('SUNDAY')).toEqual(['2026-11-15']);
    const amounts = (text: string) => values(text, 'amount');
    expect(amounts('20 quid')).toEqual(['20.00 GBP']);
    expect(amounts('5 BUCKS')).toEqual(['5.00 USD']);
    expect(amounts('CHF 20')).toEqual(['20.00 CHF']);
    expect(amounts('usd 20')).toEqual(['20.00 USD']);
    expect(amounts('20 GBP')).toEqual(['20.00 GBP']);
    expect(amounts('10 Euros')).toEqual(['10.00 EUR']);
    expect(amounts('3 dollar')).toEqual(['3.00 USD']);
    expect(amounts('US$ 15')).toEqual(['15.00 USD']);
    expect(amounts('7 Pound')).toEqual(['7.00 GBP']);
  });

  it('is not upset by an earlier call that failed halfway (its patterns are shared between calls)', () => {
    // An invalid now fails on the date, with the search through the text not finished.
    expect(() => extractEntities('it was due yesterday, or the day after that', { now: new Date(Number.NaN) })).toThrow(RangeError);
    expect(values('yesterday', 'date')).toEqual(['2026-11-18']);
  });

  it('finds nothing in a message with no details', () => {
    expect(extractEntities('hello, where is my parcel?', { now: NOW })).toEqual([]);
  });

});
