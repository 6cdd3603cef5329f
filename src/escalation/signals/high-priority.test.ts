import { describe, expect, it } from 'vitest';
import { detectHighPriority, readHighPriority } from './high-priority.ts';

const score = (...turns: string[]) => detectHighPriority(turns).score;

/** Someone's safety: 0.9 and up. */
const safety = [
  'My charger caught fire last night',
  'the battery burst into flames on the table',
  'HELP the kitchen is on fire',
  "There's a fire in the garage where the charger was",
  'There is smoke coming out of the back of the TV',
  'The laptop started smoking while it was charging',
  'It smells like burning plastic near the router',
  'I smell gas in the kitchen since your technician left',
  'sparks flew out of the socket when I plugged it in',
  'my phone exploded in my pocket',
  'I got an electric shock from the kettle you sent',
  'the cable shocked me when I touched it',
  'My son got electrocuted by the lamp',
  'My son was injured by the scooter',
  'I burned my hand on the heater',
  'the blade cut my finger badly, it is bleeding a lot',
  'my phone is overheating and too hot to touch',
  'The battery is swelling and the case is bulging',
  'the batery is overheting',
  'my toddler swallowed a button battery from the remote',
  'My child swallowed one of the magnets',
  'the dog ate one of the detergent pods',
  'my husband is having a heart attack and the app will not let me call',
  "she can't breathe",
  "she's having an allergic reaction to the cream",
  'I am in the hospital and cannot get to a branch',
  'I want to kill myself',
  "honestly I don't want to live anymore",
  "I'm going to kill you",
  'the driver threatened me',
  'my life is in danger',
  "I don't feel safe in the car with him",
  "it's a matter of life or death",
  'my wife collapsed and we need an ambulance',
  'he said he will hurt me',
  "I'm being abused by my partner",
  'My kid got a shock from the socket',
  'the charger is melting',
  'my son got burned by the iron',
  'I was hurt in the accident with your delivery van',
  "I'll shoot you",
  'my kid cut himself on the glass',
];

/** An outage: 0.75 to 0.9. */
const outages = [
  'site is down',
  'The website is down again',
  'nothing works for anyone',
  'your service is down across the city',
  "we can't process any payments in our store",
  'No one in our office can log in',
  'all our stores are offline',
  "there's an outage in our area",
  'the power is out in the whole building',
  'Your app has been down for 3 hours',
  'website down!!',
  'we have had no power since this morning',
  'theres an outtage on your network',
  'Everyone in my street is without internet',
  'none of our card machines are working',
  "our power was cut off and it's freezing",
  "Site's down",
  'everything is down',
  'checkout is broken for all customers',
];

/** Asking whether the site is down: 0.5. */
const suspected = ['is the site down?', 'I tried 5 times. Is your system down or something?', 'is there an outage?'];

/** Urgency with stakes: 0.7 to 0.9. */
const stakes = [
  'my flight leaves in 2 hours and the booking vanished',
  "I'm stuck abroad with no money",
  'deadline today',
  'the deadline is tonight and the upload keeps failing',
  "I'm about to miss my flight because the check-in page won't load",
  "I'm stranded at the airport",
  'If this is not fixed today I will lose my job',
  'the rent is due today and the transfer has not arrived',
  "I'm out of insulin and the delivery is late",
  'we are losing sales every minute',
  "I'm abroad and my card is blocked",
  'boarding closes in 40 mins and the app shows no ticket',
  "My daughter's wedding is tomorrow and the dress hasn't arrived",
  "I have an interview in 2 hours and my laptop won't boot",
  "our checkout has been broken all day and we're losing orders",
  "My phone died and I'm stranded at the train station",
];

/** A bare "urgent": 0.4 to 0.5. */
const bareUrgency = ['urgent', 'please reply ASAP', 'I need my card urgently', 'this is time-sensitive', 'This is an emergency', 'urgnet please', 'URGENT!!!'];

/** Informational, hypothetical, denied, or a word that means something else. */
const routine = [
  'wat time do u close today',
  'how urgent is shipping',
  'is there an outage page?',
  'what happens in an emergency',
  'not urgent',
  'no rush',
  'hot deals',
  'fire tv stick',
  'killer app',
  'down payment',
  'download',
  'slow down',
  "It's not urgent, whenever you can",
  "this isn't an emergency, just a question",
  'non-urgent question about my bill',
  'Can I update my emergency contact?',
  'How do I add an emergency contact number?',
  'Do you offer urgent delivery?',
  'What is your policy on outages?',
  'Does the battery overheat?',
  'what should I do if my phone overheats?',
  'Is it safe to charge it overnight?',
  'the price went down after I bought it',
  'can I make a down payment on the sofa',
  'I want to download my invoice',
  'please slow down the emails',
  'this deal is on fire',
  'Is the Fire TV Stick in stock?',
  'The ATM swallowed my card',
  'my card is stuck in the ATM',
  'your prices are killing me',
  'I was shocked by the bill',
  'I was hurt by your response',
  'my feelings were hurt by the agent',
  'nobody was hurt, but the parcel is damaged',
  'the box was dented but it did not catch fire',
  'when is the deadline for returns?',
  'what time does my flight leave?',
  'I want to change my flight to next month',
  'Where is my order?',
  'How do I reset my password?',
  'I need to update my delivery address',
  'smoke alarm batteries in stock?',
  'in case of emergency, who do I call?',
  'What is the emergency number for lost cards?',
  'I have no money on my card',
  'I want to kill the subscription',
  'the down jacket is too small',
  'my free trial ends today, how do I cancel?',
  "I can't believe how slow the download is",
  'is there a fire safety certificate for this heater?',
  'what if the site is down when I pay?',
  'Can I get the card urgently? How long does it take?',
  "I'm going to shoot you an email",
  'the service was down yesterday but works now',
  "I'm going to the hospital tomorrow for a check-up, can I reschedule?",
  'I got burned on this deal',
  'I got burned by your terrible service',
  'I was hurt when your agent hung up on me',
  "I'm really hurt by how you treated me",
  "it doesn't hurt to ask",
  'Is this urgent or can it wait?',
  "I'll blow up your phone lines until you answer",
  'The app crashed',
  'I need to update my emergency contact details',
  'Your app drains my battery',
  "I'm dying to know when the sale starts",
  'this is killing me, where is my parcel',
  'I could kill for a refund right now',
  'The smoke detector I bought keeps beeping',
  'Do you sell fire extinguishers?',
  "My Kindle Fire won't charge",
  'the package is stuck in customs',
  "I'm stuck on the login page",
  'the app is down to one star for me',
  'I want to change my appointment tomorrow',
  'nothing works on your stupid app',
  'I feel so abused by your fees',
  "I'm being abused by your marketing emails",
];

describe('high_priority detector', () => {
  it.each(safety)('hears a safety risk in %j', (text) => {
    expect(score(text)).toBeGreaterThanOrEqual(0.9);
  });

  it.each(outages)('hears an outage in %j', (text) => {
    const value = score(text);
    expect(value).toBeGreaterThanOrEqual(0.75);
    expect(value).toBeLessThanOrEqual(0.9);
  });

  it.each(suspected)('hears a suspected outage in %j', (text) => {
    expect(score(text)).toBe(0.5);
  });

  it.each(stakes)('hears urgency with stakes in %j', (text) => {
    const value = score(text);
    expect(value).toBeGreaterThanOrEqual(0.7);
    expect(value).toBeLessThanOrEqual(0.9);
  });

  it.each(bareUrgency)('hears a bare "urgent" in %j, and scores it low', (text) => {
    const value = score(text);
    expect(value).toBeGreaterThanOrEqual(0.4);
    expect(value).toBeLessThanOrEqual(0.5);
  });

  it.each(routine)('does not fire on %j', (text) => {
    expect(detectHighPriority([text])).toEqual({ score: 0, evidence: [] });
  });

  it('quotes exact words of the customer', () => {
    for (const text of [...safety, ...outages, ...suspected, ...stakes, ...bareUrgency]) {
      const { evidence } = detectHighPriority([text]);
      expect(evidence.length, text).toBeGreaterThan(0);
      for (const words of evidence) expect(text, words).toContain(words);
    }
  });

  it('quotes the words that made it fire', () => {
    expect(detectHighPriority(['my flight leaves in 2 hours and the booking vanished'])).toEqual({ score: 0.8, evidence: ['flight leaves in 2 hours'] });
    expect(detectHighPriority(['Hello. The website is down!'])).toEqual({ score: 0.8, evidence: ['website is down'] });
    expect(detectHighPriority(['my toddler swallowed a button battery'])).toEqual({ score: 1, evidence: ['toddler swallowed a button battery'] });
    expect(detectHighPriority(['Please reply ASAP'])).toEqual({ score: 0.4, evidence: ['ASAP'] });
  });

  it('quotes the customer’s own spelling, quotes and case when it corrected a typo', () => {
    expect(detectHighPriority(['Theres an OUTTAGE again'])).toEqual({ score: 0.75, evidence: ['OUTTAGE'] });
    expect(detectHighPriority(['URGNET – it’s urgnet'])).toEqual({ score: 0.4, evidence: ['URGNET'] });
    expect(detectHighPriority(['my son got electrocuted'])).toEqual({ score: 1, evidence: ['electrocuted'] });
  });

  it('adds urgency to stakes or an outage, never above 0.9', () => {
    expect(score('URGENT: my flight leaves in 2 hours and the booking vanished')).toBe(0.9);
    expect(score('the site is down, this is urgent')).toBe(0.9);
    expect(score('the site is down')).toBe(0.8);
  });

  it('scores an outage that reaches many higher', () => {
    expect(score('your service is down across the city')).toBe(0.85);
    expect(score('your service is down')).toBe(0.8);
  });
});

describe('high_priority over a conversation', () => {
  it('returns nothing for no messages or empty ones', () => {
    expect(detectHighPriority([])).toEqual({ score: 0, evidence: [] });
    expect(detectHighPriority(['', '   '])).toEqual({ score: 0, evidence: [] });
  });

  it('lets an older message fade', () => {
    expect(detectHighPriority(['my charger caught fire', 'ok thanks', 'what about the refund?'])).toEqual({ score: 0.81, evidence: ['caught fire'] });
  });

  it('weighs the latest message most, and quotes the strongest first', () => {
    expect(detectHighPriority(['urgent', 'the site is down'])).toEqual({ score: 0.8, evidence: ['site is down', 'urgent'] });
  });

  it('drops an outage or a rush the customer says is over, but never a safety risk', () => {
    expect(detectHighPriority(['the site is down', "it's back up now, thanks"])).toEqual({ score: 0, evidence: [] });
    expect(detectHighPriority(['urgent!', 'never mind, found it'])).toEqual({ score: 0, evidence: [] });
    expect(score('smoke is coming out of the charger', 'never mind')).toBe(0.855);
    // still broken: no taking back
    expect(score('the site is down', 'it is not working again')).toBe(0.72);
  });

  it('does not change the turns it is given', () => {
    const turns = ['hello', 'the site is down'];
    expect(detectHighPriority(turns)).toEqual(detectHighPriority([...turns]));
    expect(turns).toEqual(['hello', 'the site is down']);
  });
});

describe('high_priority anchor pre-check', () => {
  it('never changes what the rules find', () => {
    for (const text of [...safety, ...outages, ...suspected, ...stakes, ...bareUrgency, ...routine]) {
      expect(readHighPriority(text), text).toEqual(readHighPriority(text, true));
    }
  });
});
