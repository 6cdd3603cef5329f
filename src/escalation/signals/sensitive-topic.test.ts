import { describe, expect, it } from 'vitest';
import { detectSensitiveTopics } from './sensitive-topic.ts';
import type { Topic } from './signal.ts';

const topicsOf = (...turns: string[]) => detectSensitiveTopics(turns).map((signal) => signal.topic);

const fraud = [
  "there's a payment on my statement I don't recognise",
  'theres a charge on my card i dont reconise from some company called ZNX LTD',
  'I did not authorise this £300 transaction to PayPal',
  "I never made this payment, it wasn't me",
  'a direct debit I never set up just came out of my account',
  'This withdrawal is not mine',
  'someone has been using my card on Amazon',
  'some1 hacked my acount and changed the email',
  'Someone took £200 out of my account last night',
  'my wallet got nicked on the bus with both cards in it',
  'I think my card has been cloned, I still have it but there is a withdrawal in Leeds',
  'My phone was stolen and the banking app is on it',
  "I've lost my debit card, what should I do?",
  "I can't find my card anywhere, I think I dropped it in a taxi",
  'Help! My card is missing',
  'got mugged last night and they took my bag',
  "I've been scammed by someone pretending to be from the bank",
  'my identity was stolen and someone opened a loan in my name',
  'My account was compromised and they emptied it',
  'I got a login alert from a device in another country and it wasnt me',
  'How do I report a stolen card?',
  'What should I do if my card was stolen?',
  'There is an unauthorised payment on my account',
  'What is this £12.99 charge on my account?',
  'there are transactions from a shop I have never been to',
  'My card has been used in Spain but I am in London',
  'who the hell is DIGIMAX and why are they charging me',
  "got a text from 'the bank', clicked the link and put in my login details",
  'my card got stollen yesterday',
  'pls freeze my card asap',
  "there's a device logged in to my account I don't own",
  'my account shows a new payee I didn\'t add',
  'I got a letter about an account I never opened with you',
  "Someone's changed my password and now I'm locked out",
  'someone hijacked my account and changed the phone number on it',
  'I think someone knows my PIN',
  "I've got a text saying my card's been used in Spain and I'm at home",
  "weird, I just got an email saying my password was changed. I didn't change it",
  'I think it was stolen actually, my bag was gone through at work and my card is gone',
  "my wallet's gone, I think it was stolen at the concert",
  "my husband's ex has my login details and has been in my account",
  "the app says my card was used online but it's been in a drawer for months",
  '3 apple pay transactions at 3am. I was asleep',
  'got a text saying my account is locked and to click a link, I clicked it',
  "There's a cash withdrawal that didn't make that is showing up.",
  'My app says I withdraw money from my account from an ATM.',
  'I have a cash withdrawal in my statement. Why is that?',
  'the "bank" called and told me to move my money to a safe account, I did it',
];

const dispute = [
  'I was charged twice for the same order',
  'you guys took the money twice for my order 5542!!',
  'I got double charged at the restaurant',
  'There is a duplicate payment on my card',
  'Why has my gym membership come out two times this month?',
  'I was overcharged on my last bill by about 20 quid',
  'The shop charged me £89 instead of £8.90',
  'I got billed £45 when the advertised price was £30',
  'the cash machine only gave me £40 but took £100 from my account',
  "The ATM didn't give me all the cash I asked for",
  'asked for $100 and only got $20 out of the machine',
  "the ATM didn't dispense any money but my balance went down",
  'I want to do a chargeback on this purchase',
  'I would like to dispute a charge from the hotel',
  'I cancelled my subscription in March but you are still charging me',
  "I've been charged for an order that never arrived",
  'Ordered one item, got charged for two',
  'My card was declined but I was still charged',
  'refund came through but it\'s £20 less than what I paid',
  'the amount debited doesn\'t match my receipt',
  'the taxi app charged me £80 for a £20 ride',
  'my card payment was declined but the money still left my account',
  'why was I charged a fee on a transfer you said was free?',
  'i paid my bill but you took the money again',
  'the cinema charged me £120, tickets were £12',
  'the machine gave me £50 and my account shows £100 taken',
  "I got my refund but it's £35 and I paid £53",
  'charged for a premium upgrade I never selected',
  "I've been billed for a phone I sent back",
  'still being billed after I switched supplier',
  'charged for 3 months of a service I cancelled in January',
  'ATM withdrawal of 200 came out as 100 cash',
  'bought a jacket for £60 and the payment on my card is £600',
  'To many charges on my card how do I go about fixing that?',
];

const legal = [
  "I'm going to take you to the small claims court",
  'I have spoken to my solicitor about this',
  'I will be reporting this to the Financial Ombudsman',
  "I'm submitting a subject access request under GDPR",
  'this is illegal and I am going to sue you',
  "I'll be contacting trading standards",
  'my lawyer will be in touch',
  'Filed a complaint with the CFPB today',
  "I'm looking into legal action",
  "if I don't get my money back I'll see you in court",
  "I'll be sending a letter before action",
  "I'll be reporting this to consumer protection authorities",
];

const cancellation = [
  'I want to cancel my subscription',
  'please close my account, I am moving banks',
  'how do i cancel my membership',
  "I want to leave, you've been terrible",
  'Cancel my order #88231 please',
  "I'd like to terminate my contract early",
  'can u cancel my sub pls',
  'How do I turn off auto renewal?',
  'I wanna cancle my plan',
];

/** Informational questions and routine requests that merely share words with the topics. */
const routine = [
  'What happens if my card is stolen while I am abroad?',
  'Do you offer fraud protection on your credit cards?',
  'Why do I need to verify my identity?',
  'How do I change my PIN?',
  'Can I top up my account twice a day?',
  'How much does it cost to order a replacement card?',
  'The ATM swallowed my card, how do I get it back?',
  'My card was declined at the shop, why?',
  'I thought I lost my card but I found it, can I reactivate it?',
  'I need to update my legal name after getting married',
  'Are you regulated by the FCA?',
  'Will I be charged a fee for withdrawing cash abroad?',
  'Can someone else top up my account for me?',
  'Where do my funds come from? I need it for a mortgage application',
  'I lost my password, how do I reset it?',
  'I forgot my PIN',
  'I want to change my subscription to the annual plan',
  'Please unsubscribe me from your marketing emails',
  "what's the cancellation fee for my contract?",
  'Where is my order 12345?',
  'How long does a transfer to another bank take?',
  "I don't know what to do to see my invoices",
  'Can I withdraw cash twice in one day?',
  'My friend sent me money twice by mistake, how do I send one back?',
  "I'd like to cancel a standing order",
  'What is the daily ATM withdrawal limit?',
  'can I sue the premium account for business?',
  'how long do disputes take in general',
  "what's a chargeback and when can I use it?",
  'if I\'m ever charged twice, what do I do? just asking',
  'what is your policy on unauthorised transactions',
  'is the exchange rate on card payments the same as in the app?',
  'I want to transfer £50 to savings and £20 to my son',
  'my card was used in a shop in town yesterday and it worked fine',
  'my salary shows up in my account on friday',
  'I have a payment on my statement from Tesco, can I get a receipt?',
  'I bought a jacket for £60 and a hat for £20',
];

describe('sensitive_topic detector', () => {
  const cases: [Topic, string[]][] = [
    ['fraud_security', fraud],
    ['payment_dispute', dispute],
    ['legal', legal],
    ['cancellation', cancellation],
  ];
  describe.each(cases)('%s', (topic, messages) => {
    it.each(messages)('hears it in %j', (message) => {
      expect(topicsOf(message)).toContain(topic);
    });
  });

  it.each(routine)('hears nothing in %j', (message) => {
    expect(detectSensitiveTopics([message])).toEqual([]);
  });

  it('returns nothing for no messages or empty ones', () => {
    expect(detectSensitiveTopics([])).toEqual([]);
    expect(detectSensitiveTopics(['', '   '])).toEqual([]);
  });

  describe('evidence', () => {
    it("quotes the customer's words exactly, typos and all", () => {
      const text = 'Hi. Theres a charge on my card i dont reconise from XYZ DIGITAL LTD! Please help';
      const [signal] = detectSensitiveTopics([text]);
      expect(signal!.topic).toBe('fraud_security');
      expect(signal!.evidence[0]).toBe('Theres a charge on my card i dont reconise from XYZ DIGITAL LTD');
    });

    it('quotes corrected words as written when a correction changes their length', () => {
      const text = 'ALERT: a withdrawl i never made, £500, from my acount';
      for (const { evidence } of detectSensitiveTopics([text])) {
        for (const quote of evidence) expect(text).toContain(quote);
      }
    });

    it('keeps curly apostrophes as typed', () => {
      const text = 'I didn’t make this payment';
      const [signal] = detectSensitiveTopics([text]);
      expect(signal!.evidence).toEqual(['I didn’t make this payment']);
    });

    it('quotes a long sentence by the words that matter', () => {
      const text =
        'So I was going through the app this morning over a coffee, like I do every Saturday, and honestly I only noticed by chance that my card was stolen at the gym';
      const [signal] = detectSensitiveTopics([text]);
      expect(signal!.evidence[0]!.length).toBeLessThan(text.length);
      expect(text).toContain(signal!.evidence[0]);
    });
  });

  describe('negation and hypotheticals', () => {
    it.each([
      "I don't think it's fraud, I just want to know why my card was declined",
      "It's not a scam, I know the seller",
      "I don't want to cancel my order, just change the address",
      'What if someone uses my card abroad?',
      'Am I covered if my phone gets stolen?',
      'Will I be charged twice if I pay again?',
    ])('hears nothing in %j', (message) => {
      expect(detectSensitiveTopics([message])).toEqual([]);
    });

    it('still hears a customer who is unsure but worried', () => {
      expect(topicsOf("Not sure if it's a scam but there's a payment I don't recognise")).toContain('fraud_security');
    });

    it('hears a customer asking what to do, even in an if-clause', () => {
      expect(topicsOf('What should I do if my card is stolen?')).toEqual(['fraud_security']);
      expect(topicsOf('If my phone was stolen, can I still use my card?')).toEqual(['fraud_security']);
    });
  });

  describe('across turns', () => {
    it('keeps a topic raised earlier when later messages are neutral, a little weaker', () => {
      const latest = detectSensitiveTopics(['my card was stolen']);
      const earlier = detectSensitiveTopics(['my card was stolen', 'ok', 'how long will the new one take?']);
      expect(earlier.map((s) => s.topic)).toEqual(['fraud_security']);
      expect(earlier[0]!.score).toBeGreaterThan(0.5);
      expect(earlier[0]!.score).toBeLessThan(latest[0]!.score);
      expect(earlier[0]!.evidence).toEqual(['my card was stolen']);
    });

    it('weighs the latest message most', () => {
      const signals = detectSensitiveTopics(['I want to cancel my subscription', 'and I was charged twice for it']);
      expect(signals.map((s) => s.topic)).toEqual(['payment_dispute', 'cancellation']);
      expect(signals[0]!.score).toBeGreaterThan(signals[1]!.score);
    });

    it('gathers evidence from every turn that raised the topic, strongest first', () => {
      const [signal] = detectSensitiveTopics(["there's a payment I don't recognise", 'and someone used my card in Paris']);
      expect(signal!.topic).toBe('fraud_security');
      expect(signal!.evidence).toEqual(['and someone used my card in Paris', "there's a payment I don't recognise"]);
    });

    it('drops a topic the customer takes back later', () => {
      expect(detectSensitiveTopics(['I think my card was stolen', 'oh wait, found it in my coat pocket'])).toEqual([]);
      expect(detectSensitiveTopics(['someone used my card', 'it was my husband after all, sorry'])).toEqual([]);
      expect(detectSensitiveTopics(['I want to cancel my membership', "actually I've changed my mind"])).toEqual([]);
    });

    it('lets "found it" take back only what was lost', () => {
      const signals = detectSensitiveTopics(["there's a payment I never made", 'and my card is missing', 'ah, found it']);
      expect(signals.map((s) => s.topic)).toEqual(['fraud_security']);
      expect(signals[0]!.evidence).toEqual(["there's a payment I never made"]);
    });

    it('does not let a message take back what it raises itself', () => {
      expect(topicsOf('I found a payment I never made')).toEqual(['fraud_security']);
    });
  });

  it('scores every topic in (0, 1], strongest first', () => {
    const signals = detectSensitiveTopics([
      'my lawyer says this is illegal',
      'someone stole my card and I was charged twice, I want to close my account',
    ]);
    expect(new Set(signals.map((s) => s.topic))).toEqual(new Set(['legal', 'fraud_security', 'payment_dispute', 'cancellation']));
    for (const { score } of signals) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    const scores = signals.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('gives the same answer when asked again (messages are remembered)', () => {
    const turns = ['hello', 'I was charged twice'];
    expect(detectSensitiveTopics(turns)).toEqual(detectSensitiveTopics([...turns]));
  });
});
