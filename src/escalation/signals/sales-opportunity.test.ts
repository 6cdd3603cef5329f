import { describe, expect, it } from 'vitest';
import { detectSalesOpportunity, quantityOf, readSalesOpportunity } from './sales-opportunity.ts';

const score = (...turns: string[]) => detectSalesOpportunity(turns).score;

/** A quantity or a company's scale: 0.8 and up. */
const atScale = [
  'we want 500 seats',
  'bulk order of 200 laptops',
  'enterprise plan for our 3,000 employees',
  'We need licences for 45 users',
  'How much for 2,000 mugs with our logo?',
  "We'd like pricing for 1.5k seats",
  'I need a quote for 40 licences',
  'qoute for 50 users please',
  'we are a team of 120 and want to move to your platform',
  'Looking to equip all 30 of our stores with your terminals',
  'we are looking to place a $50k order',
  'We have a budget of £20,000 for this project',
  "we'd like to upgrade our whole organisation",
  'Can we roll it out to our entire workforce?',
  'We want to buy two hundred headsets for the call centre',
  'we need 300 laptops by March',
  'Could you give us a price for 60 units?',
  'we would like a demo for our team of 25',
  "we'd like a plan for 300 people",
  'We spend $200k a year on support tools and want to switch',
  'How do I add 15 users to our account?',
  'I want to upgrade my team plan to more seats',
  'can I order 50 of these?',
];

/** A quote, a demo, volume pricing, procurement or a partnership without a scale: 0.5 to 0.8. */
const intent = [
  'Can you send us a quote?',
  'do you offer volume pricing?',
  'Do you sell wholesale?',
  'Can we book a demo?',
  'I would like to speak to your sales team',
  'What does the enterprise plan include?',
  'Is there a team plan?',
  'we are issuing an RFP for customer support software',
  'How do we become an approved vendor?',
  'we want to become a reseller',
  'Are you open to a distribution agreement in Canada?',
  'Do you offer a discount for bulk orders?',
  'can we pay with net 30 terms',
  'I want to buy these in bulk',
  'We are interested in a partnership with your company',
  'what does your enterprise plan include?',
];

/** Ordinary purchases, price complaints, cancellations, and business talk that is no sale. */
const routine = [
  'Order 100234 is late, can you check what is going on?',
  'my order 100234 has 3 items',
  'can I buy a gift card',
  'I want to order a pair of shoes',
  'how much is shipping',
  'do you have this in size 10',
  'place an order',
  'cancel my subscription',
  'your prices are way too high',
  'Why did the price go up?',
  'I was charged twice for my order',
  'I want to return 30 items from my order',
  'I ordered 30 items and 2 are missing',
  'Where is my order 113542617735902?',
  'I expect a refund of $1499',
  'i paid $1200 for this article i want a rebate',
  'I need 500 dollars transferred today',
  'I was charged 200 times?!',
  'I want to cancel the subscription for our 50 users',
  'We want to remove 20 seats from our plan',
  'I need help with my order of 3 items',
  'can I get a shipping quote for my parcel?',
  'how do I open a demo account',
  'I need to update my demographics',
  'the sales rep was rude to me',
  'I want to unsubscribe from the company newsletter',
  'I have a complaint against your company',
  'we do not need a demo, just fix the bug',
  'quite a lot of users are complaining',
  'my $20,000 order has not arrived',
  'I have some big purchases coming up, how do I check my limit?',
  'I travel a lot, can I get a bulk currency exchange discount?',
  'I bought a laptop for my company last week',
  'what is your returns policy?',
  'is sales tax included?',
  'can I resell my ticket?',
  'I have 2 accounts',
  'I want to add 2 users to my plan',
  "I'd like to book a table for 12 people",
  'Is this an authorised distributor?',
  'our enterprise account is locked',
  'My salary is $50k a year',
  'I want to close 12 accounts',
  'I lost $15,000 worth of equipment',
  'Can I get a quote for shipping to Canada?',
  'can you quote me for the repair?',
  'I got a quote from your competitor, can you beat it?',
  'Do you offer student discounts?',
  "I want to buy a ticket for my team's game",
  'Are you having a sale?',
  'Is this product on sale?',
  'What is the price of the premium plan?',
  'Can I get a discount?',
  'how much for 500 grams?',
  'I need to send 200 euros to my sister',
  'I have 150 points, how do I use them?',
  'I bought it from a reseller on eBay',
  "I placed a bulk order last week and it hasn't arrived",
  'Where can I track my bulk order?',
  'Please cancel our enterprise plan',
  'When is the next sale?',
];

describe('sales_opportunity detector', () => {
  it.each(atScale)('hears a large purchase in %j', (text) => {
    expect(score(text)).toBeGreaterThanOrEqual(0.8);
  });

  it.each(intent)('hears buying intent in %j', (text) => {
    const value = score(text);
    expect(value).toBeGreaterThanOrEqual(0.5);
    expect(value).toBeLessThanOrEqual(0.8);
  });

  it.each(routine)('does not fire on %j', (text) => {
    expect(detectSalesOpportunity([text])).toEqual({ score: 0, evidence: [] });
  });

  it('quotes exact words of the customer', () => {
    for (const text of [...atScale, ...intent]) {
      const { evidence } = detectSalesOpportunity([text]);
      expect(evidence.length, text).toBeGreaterThan(0);
      for (const words of evidence) expect(text, words).toContain(words);
    }
  });

  it('scores a quote or demo alone at about half, with a scale at 0.9 and up', () => {
    expect(detectSalesOpportunity(['Could you send us a quote?'])).toEqual({ score: 0.55, evidence: ['send us a quote'] });
    expect(detectSalesOpportunity(['Can we book a demo?'])).toEqual({ score: 0.55, evidence: ['demo'] });
    expect(detectSalesOpportunity(['Could you send us a quote for 500 seats?'])).toEqual({ score: 0.95, evidence: ['500 seats', 'send us a quote'] });
    expect(detectSalesOpportunity(['We want a demo for our whole team'])).toEqual({ score: 0.9, evidence: ['for our whole team', 'demo'] });
  });

  it('scores by the size of the purchase', () => {
    expect(score('we need 12 seats')).toBe(0.85);
    expect(score('we need 120 seats')).toBe(0.95);
    expect(score('we need 9 seats')).toBe(0);
    expect(score('we want to order 30 chairs')).toBe(0.8);
    expect(score('we want to order 10 chairs')).toBe(0);
    expect(score('we plan to spend around $8,000')).toBe(0);
    expect(score('we plan to spend around $80,000')).toBe(0.85);
    expect(score('a $250k contract')).toBe(0.95);
  });

  it('quotes the customer’s own spelling when it corrected a typo', () => {
    expect(detectSalesOpportunity(['Can I get a QOUTE?'])).toEqual({ score: 0.55, evidence: ['get a QOUTE'] });
    expect(detectSalesOpportunity(['Do you sell wholsale?'])).toEqual({ score: 0.6, evidence: ['wholsale'] });
  });
});

describe('sales_opportunity quantities', () => {
  it.each([
    ['500', 500],
    ['3,000', 3000],
    ['1.5k', 1500],
    ['50k', 50_000],
    ['two hundred', 200],
    ['a thousand', 1000],
    ['hundreds', 200],
    ['a dozen', 12],
    ['fifty', 50],
    ['113542617735902', 0],
    ['00123842', 0],
  ])('reads %j as %d', (figure, value) => {
    expect(quantityOf(figure)).toBe(value);
  });

  it('reads an amount with its unit', () => {
    expect(quantityOf('50', 'k')).toBe(50_000);
    expect(quantityOf('1.2', 'million')).toBe(1_200_000);
  });
});

describe('sales_opportunity over a conversation', () => {
  it('returns nothing for no messages or empty ones', () => {
    expect(detectSalesOpportunity([])).toEqual({ score: 0, evidence: [] });
    expect(detectSalesOpportunity(['', '   '])).toEqual({ score: 0, evidence: [] });
  });

  it('lets an older message fade', () => {
    expect(detectSalesOpportunity(['we want 500 seats', 'what about onboarding?'])).toEqual({ score: 0.874, evidence: ['500 seats'] });
  });

  it('weighs the latest message most, and quotes the strongest first', () => {
    expect(detectSalesOpportunity(['Can we book a demo?', 'we are about 300 employees and need a plan for all of them'])).toEqual({
      score: 0.95,
      evidence: ['300 employees', 'demo'],
    });
  });

  it('drops sales talk the customer takes back', () => {
    expect(detectSalesOpportunity(['we want 500 seats', 'never mind, we went with another vendor'])).toEqual({ score: 0, evidence: [] });
    expect(detectSalesOpportunity(['Can you send a quote?', "actually we're not interested anymore"])).toEqual({ score: 0, evidence: [] });
    // a message that talks business itself takes nothing back
    expect(score('Can we book a demo?', 'not interested in the basic plan, we need 200 seats')).toBe(0.95);
  });
});

describe('sales_opportunity anchor pre-check', () => {
  it('never changes what the rules find', () => {
    for (const text of [...atScale, ...intent, ...routine]) {
      expect(readSalesOpportunity(text), text).toEqual(readSalesOpportunity(text, true));
    }
  });
});
