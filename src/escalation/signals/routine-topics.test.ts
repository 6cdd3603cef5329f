import { describe, expect, it } from 'vitest';
import { detectRoutineTopics, readRoutineTopics, type RoutineTopic } from './routine-topics.ts';

const topics = (...turns: string[]) => detectRoutineTopics(turns).map((s) => s.topic);
const scoreOf = (topic: RoutineTopic, ...turns: string[]) => detectRoutineTopics(turns).find((s) => s.topic === topic)?.score ?? 0;

/** Messages about each topic, in customers' many ways of saying it: questions, statements, typos, lower case, long. */
const examples: Record<RoutineTopic, string[]> = {
  technical: [
    'my app keeps crashing',
    "The website won't load on my laptop",
    'my router keeps dropping the connection every 10 minutes',
    '@comcastcares internet down AGAIN in my area, third time this week',
    'Getting error code 0x80070005 when I open the app',
    'no signal on my phone since this morning',
    'the app is stuck on a black screen',
    'cant install the update on my tv',
    'Since the latest update my phone freezes every few minutes',
    'wifi is so slow i cant even load a page',
    'there is a bug in your checkout page, the button does nothing',
    'Is there an outage? nothing loads for me',
    'my laptop wont turn on after the update',
    'the site has been down for an hour',
    'i keep getting an error message when i try to upload a photo',
    "Hi, my printer is not connecting to the wifi anymore. I've restarted it twice and reinstalled the drivers, still nothing. What else can I try?",
    'my smart tv app keeps buffering',
    'Hey @SpotifyCares the app crashes every time I open a playlist',
    'the login page just shows a blank screen',
    'bluetooth wont pair with my car',
    'my new phone is stuck in a boot loop',
    'the verification link doesnt work',
    'having problems with the app on my ipad',
    'the app has been really glitchy since yesterday',
    'i cant access the website from my work computer',
    'my webiste keeps crashng',
    "@VerizonSupport been without service for 2 days now. my phone just says SOS only",
    "Hi team, since this morning our dashboard shows a 502 Bad Gateway when we log in",
    "Emails from your system are not arriving in my inbox",
    "@Uber_Support app logs me out every time I switch apps, super annoying",
    "my washing machine is showing error E21 what does that mean",
    "Hi, the payment page just spins forever and never loads",
    "Streaming keeps cutting out on my smart tv",
    "The app says 'something went wrong' whenever I try to book",
  ],
  billing: [
    'Can I get a copy of my invoice?',
    'why is my bill so high this month',
    'what payment methods do you accept',
    'do you take apple pay?',
    'my card keeps getting declined at checkout',
    'I cant pay, the payment page gives an error',
    'What is the cancellation fee if I leave early?',
    'i was charged a late fee even though i paid on time',
    'you raised the price of my subscription without telling me',
    'can i set up a direct debit instead of paying by card each month',
    'Where can I download my receipts from last year?',
    'I need to update my billing address',
    'what are the early termination charges',
    "the payment didn't go through but the money left my account",
    'How do I pay my bill online?',
    "there's a $4.99 charge on my statement i don't understand",
    'can I pay in installments?',
    'need the invoce for order 5521 for my accountant',
    'is there a fee for paying by credit card?',
    'When does my subscription renew?',
    "how do i update my card details",
    "Can you explain the extra charges on this month's bill?",
    "your direct debit came out two days early and I'm now overdrawn",
    "I'd like to switch to paying annually instead of monthly",
    "Why did my monthly payment go up from 30 to 45?",
    "Do you accept Klarna?",
  ],
  refund: [
    'I want a refund',
    'still waiting for my refund, its been 3 weeks',
    'how do i get my money back?',
    'what is your return policy',
    "can I return these shoes, they don't fit",
    'Refund status for order 12345?',
    'when will the reimbursement hit my account',
    'i need to send this back and get refunded',
    'Is this ticket refundable?',
    'i was promised a refund two weeks ago and nothing has happened',
    'REFUND MY MONEY NOW',
    'can i get my money back if i cancel',
    'i want a refnd',
    'Hi, I bought a blender last month and it stopped working after two uses. I would like to return it and get my money back please.',
    "I returned the item 3 weeks ago and still no refund",
    "I was told I'd get store credit for the faulty kettle",
    "How many days do I have to send something back?",
    "Refund hasn't hit my bank yet, it's been 10 working days",
  ],
  order: [
    'where is my order?',
    'I want to cancel my order',
    'can I change the size on my order',
    'order #48213 status please',
    'i need to add an item to my order',
    'how do I place an order?',
    'I ordered the wrong colour, can I swap it?',
    "what's the status of my purchase 00004587345",
    'my order number is 123456 and it says processing',
    'Can I still modify the order I placed yesterday?',
    'I would like to buy two of the blue lamps',
    'cancel purchase 3707955617',
    'can i cancle my ordr pls',
    "I got the wrong item in my order, I ordered a medium and got a small",
    "Item missing from my order",
    "Can I combine two orders into one shipment?",
    "I placed an order by mistake",
    "hey just checking whether my order went through",
  ],
  shipping: [
    'where is my parcel?',
    'how long does delivery take to Canada?',
    'do you ship internationally?',
    'my package says delivered but it is not here',
    'I need to change my shipping address',
    'the courier left it at the wrong house',
    'what are the delivery options?',
    'can I get next day delivery',
    "tracking number doesn't work",
    'when will my order arrive?',
    'still havent received my package, its been 2 weeks',
    'Is it possible to have it delivered to my work address?',
    'how much is postage to ireland',
    'UPS says they tried to deliver but nobody came to the door',
    'my parcle is lost',
    'how soon can I expect my item?',
    "I paid for express shipping and it's been 6 days. Where's my stuff??",
    "USPS tracking says 'in transit' for 9 days now",
    "Do you deliver on saturdays?",
    "I won't be home on Tuesday, can the delivery be rescheduled?",
    "Can someone tell me why my parcel is being sent back to the warehouse",
  ],
  account: [
    'I forgot my password',
    'how do I change my password?',
    'i cant log in to my account',
    'locked out of my account after too many attempts',
    'How do I delete my account?',
    'I want to update my email address',
    'I need to create an account for my daughter',
    'How do I verify my identity?',
    'my username is wrong, can i change it',
    'two factor code never arrives',
    'switch to my business profile',
    'Can I change my name on the account?',
    'i never got the verification code',
    'sign up keeps failing',
    'reset my pasword pls',
    'the app keeps logging me out',
    'how do i close my acount',
    "I can't remember my login details",
    "How do I add my wife as a user on my account?",
    "it says my account has been suspended, why?",
    "I got married and need to update my surname",
    "please merge my two accounts",
    "My name is Anna and I have a question about my account",
  ],
  sales: [
    'How much is the premium plan?',
    'Do you offer a student discount?',
    'I want to upgrade to the family plan',
    'what plans do you have',
    'do you sell gift cards?',
    'is the blue one in stock?',
    'can I get a quote for 3 rooms of carpet?',
    'what is the price of the pro version',
    'Is there a free trial?',
    'do you have this jacket in a size M?',
    'any promo codes right now?',
    'I would like to buy a gift card',
    'how much does the annual subscription cost?',
    "what's the difference between the basic and pro plans?",
    "Do you price match Amazon?",
    "When will the new model be back in stock?",
    "Are there any deals on at the moment?",
    "can you tell me how I can buy the starter kit",
    "Do you have any Black Friday offers?",
  ],
};

/** Messages about none of these topics. */
const nothing = [
  'hello',
  'hi there',
  'thanks',
  'thank you so much!',
  'ok',
  'can I talk to a human',
  'you are useless',
  'good morning, hope you are well',
  'I have a question',
  'never mind',
  'yes',
  'no',
  'lol',
  'Bill said he would call me back',
  'I love your products',
  'that worked, thanks',
  'please address this issue asap',
  'what are your opening hours?',
  'is anyone there?',
  "I'll wait",
  'can you repeat that?',
  'sorry, wrong chat',
  'In order to help you, I am writing from my work computer',
  'this is taking forever',
  'Excellent service, thank you Sarah',
  "Hmm that didn't really answer my question",
  'Do you have an office in Manchester?',
  'I want to cash a cheque',
  "I'm in charge of our team",
  'free of charge?',
  'my son has a stomach bug so I missed the appointment',
  'I need to sign the contract',
  'the order of the steps is confusing',
];

/** Words of one topic that are not about another. */
const notAbout: [string, RoutineTopic][] = [
  ['my card was declined', 'technical'],
  ['please freeze my card', 'technical'],
  ['my card isnt working at the shop', 'technical'],
  ['how do I order a new card?', 'order'],
  ['the delivery service is slow', 'technical'],
  ['I need to change my shipping address', 'account'],
  ['can I pay in installments', 'technical'],
  ['how much is shipping?', 'sales'],
  ['unsubscribe me from the newsletter', 'billing'],
  ['my phone was stolen', 'technical'],
  ['the charger is not charging my phone', 'billing'],
  ['In order to proceed I need your help', 'order'],
  ["my transfer hasn't arrived yet", 'shipping'],
  ['my bank transfer failed, when will the money arrive?', 'shipping'],
  ['how do I file a complaint?', 'account'],
  ['I tried to buy groceries and my card was declined', 'order'],
  ['change order 370795561790', 'sales'],
  ['how do I check order 00123842 status?', 'sales'],
  ['how much does it cost to break the contract?', 'sales'],
  ['please return my call', 'refund'],
  ['I have to cancel my newsletter subscription', 'billing'],
  ['what is the status of my verification?', 'order'],
  ['I need to verify the top-up', 'account'],
];

describe('routine topics', () => {
  for (const [topic, messages] of Object.entries(examples) as [RoutineTopic, string[]][]) {
    it.each(messages)(`names ${topic} in %j`, (text) => {
      const score = scoreOf(topic, text);
      expect(score, JSON.stringify(detectRoutineTopics([text]))).toBeGreaterThanOrEqual(0.6);
      expect(score).toBeLessThanOrEqual(0.9);
    });
  }

  it.each(nothing)('names no topic in %j', (text) => {
    expect(detectRoutineTopics([text])).toEqual([]);
  });

  it.each(notAbout)('does not read %j as %s', (text, topic) => {
    expect(topics(text)).not.toContain(topic);
  });

  it('quotes exact words of the customer, at most three a topic', () => {
    for (const text of Object.values(examples).flat()) {
      const signals = detectRoutineTopics([text]);
      for (const { evidence } of signals) {
        expect(evidence.length, text).toBeGreaterThan(0);
        expect(evidence.length, text).toBeLessThanOrEqual(3);
        for (const words of evidence) expect(text, words).toContain(words);
      }
    }
  });

  it('quotes the customer’s own spelling when it corrected a typo', () => {
    expect(detectRoutineTopics(['i need my INVOCE'])).toEqual([{ topic: 'billing', score: 0.85, evidence: ['INVOCE'] }]);
    expect(detectRoutineTopics(['Forgot my pasword!!'])).toEqual([{ topic: 'account', score: 0.85, evidence: ['pasword'] }]);
  });

  it('scores a word that names the topic above one that only leans to it', () => {
    expect(scoreOf('refund', 'I want a refund')).toBe(0.85);
    expect(scoreOf('refund', 'can I return these?')).toBe(0.7);
    expect(scoreOf('billing', 'where is my invoice')).toBe(0.85);
    expect(scoreOf('billing', 'I made a payment yesterday')).toBe(0.6);
    expect(scoreOf('account', 'reset my password')).toBe(0.85);
    expect(scoreOf('account', 'what is the identity for?')).toBe(0.65);
  });

  it('scores higher when several rules agree, never above 0.9', () => {
    expect(scoreOf('technical', 'my app keeps crashing')).toBe(0.9);
    expect(scoreOf('order', 'where is my order?')).toBe(0.9);
    expect(scoreOf('order', 'my order')).toBe(0.8);
    for (const text of Object.values(examples).flat()) {
      for (const { score } of detectRoutineTopics([text])) expect(score, text).toBeLessThanOrEqual(0.9);
    }
  });

  it('names several topics in one message, strongest first', () => {
    expect(detectRoutineTopics(['my app keeps crashing and I still have not received my refund'])).toEqual([
      { topic: 'technical', score: 0.9, evidence: ['crashing'] },
      { topic: 'refund', score: 0.85, evidence: ['refund'] },
    ]);
    expect(topics('where is my parcel? order 48213')).toEqual(['shipping', 'order']);
    expect(topics('I forgot my password and the app keeps crashing')).toEqual(expect.arrayContaining(['account', 'technical']));
  });

  it('reads a question as naming its topic', () => {
    expect(topics('how do I change my password?')).toEqual(['account']);
    expect(topics('what happens if my payment fails?')).toEqual(['billing']);
    expect(topics('do you ship to Hungary?')).toEqual(['shipping']);
  });
});

describe('routine topics over a conversation', () => {
  it('returns nothing for no messages or empty ones', () => {
    expect(detectRoutineTopics([])).toEqual([]);
    expect(detectRoutineTopics(['', '   '])).toEqual([]);
  });

  it('lets an older message fade', () => {
    expect(detectRoutineTopics(['I want a refund', 'thanks'])).toEqual([{ topic: 'refund', score: 0.782, evidence: ['refund'] }]);
    expect(detectRoutineTopics(['I want a refund', 'ok', 'thanks'])).toEqual([{ topic: 'refund', score: 0.719, evidence: ['refund'] }]);
  });

  it('weighs the latest message most', () => {
    expect(detectRoutineTopics(['my app keeps crashing', 'also how do I reset my password?'])).toEqual([
      { topic: 'account', score: 0.85, evidence: ['password'] },
      { topic: 'technical', score: 0.828, evidence: ['crashing'] },
    ]);
  });

  it('keeps a topic at its strongest message, quoting each message that named it', () => {
    expect(detectRoutineTopics(['where is my invoice', 'and why did my payment fail?'])).toEqual([
      { topic: 'billing', score: 0.85, evidence: ['payment fail', 'invoice'] },
    ]);
  });
});

describe('routine topics anchor pre-check', () => {
  it('never changes what the rules find', () => {
    const all = [...Object.values(examples).flat(), ...nothing, ...notAbout.map(([text]) => text)];
    for (const text of all) expect(readRoutineTopics(text), text).toEqual(readRoutineTopics(text, true));
  });
});
