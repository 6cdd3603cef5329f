import { beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_INTENT } from '../brain.ts';
import { STORE_CORPUS } from './corpus/index.ts';
import { OUT_OF_SCOPE_UTTERANCES } from './corpus/out-of-scope.ts';
import { IntentModel, MIN_INTENT_CONFIDENCE } from './intent-model.ts';

/**
 * Phrasings written for this test and kept out of the corpus: what the model must generalise to. Checked against the
 * corpus below, so one copied in by accident fails the test instead of flattering it.
 */
const HELD_OUT: Record<string, string[]> = {
  order_status: [
    'can you see where my parcel has got to',
    'order #3320019 still not here, what is going on',
    'is there any tracking info for my delivery',
    'my package has not turned up yet',
    'what happened to my order, it was meant to be here monday',
  ],
  delivery_time: [
    'how many working days does delivery usually take',
    'when should I expect my new coat to arrive',
    'roughly how long is shipping to spain',
    'will the boots get here in time for my holiday on the 12th',
    'how long would it take to deliver to scotland',
  ],
  delivery_options: [
    'what does it cost to send to the netherlands',
    'is there a next day option',
    'do you post to new zealand',
    'how much do you charge for postage',
    'can I have my parcel sent to a pick up point',
  ],
  change_shipping_address: [
    'my delivery address needs updating for the order I just made',
    'oops I used my old address, can that be fixed',
    'please ship order 4410023 to my office at 3 Mill Lane instead',
    'can the parcel go to a different street',
    'I gave you the wrong zip code',
  ],
  cancel_order: [
    'please cancel the order I just put in',
    'I no longer need order 7784520, cancel please',
    'how can I cancel my purchase from yesterday',
    'I would like to cancel the trainers I ordered',
    'can my order still be cancelled',
  ],
  change_order: [
    'can I swap the size on the order I just placed',
    'I need to add a scarf to my existing order',
    'could I change the jacket in my order to the blue one',
    'I want to remove one of the shirts from my order',
    'is it possible to edit the items in my order',
  ],
  return_policy: [
    'how long is your returns period',
    'can I send back something that was on sale',
    'are returns free of charge',
    'what is the time limit for sending stuff back',
    'do I need the original packaging to return an item',
  ],
  start_return: [
    'I would like to send back the jeans I bought',
    'how do I get a label to return my order',
    'I want to exchange my boots for a size up',
    'can I swap this jumper for another size',
    'these trousers are too long, I want to return them',
  ],
  refund_status: [
    'my refund still has not come through',
    'when am I getting my money back for the return',
    'have you processed the refund for order 5521093 yet',
    'I returned my parcel ages ago and still no refund',
    'is there any news on my refund',
  ],
  request_refund: [
    'I would like my money back please',
    'I want to be refunded for this order',
    'please give me a refund for the broken jacket',
    'can you refund my order',
    'I want a full refund',
  ],
  invoice: [
    'could you send me an invoice for my purchase',
    'where can I get a receipt for order 4401923',
    'my company needs a VAT invoice',
    'I need a copy of the receipt',
    'can I have the invoice emailed to me',
  ],
  payment_methods: [
    'is it possible to pay using paypal',
    'which payment methods can I use',
    'do you take visa cards',
    'can I use apple pay at checkout',
    'can I pay later with klarna',
  ],
  payment_problem: [
    'my payment got declined at checkout',
    'it took money from my account twice',
    'the payment keeps failing when I try to order',
    'my card is being refused',
    "I've been charged but didn't get a confirmation",
  ],
  create_account: [
    'how do I register for an account',
    'I would like to open a new account',
    'where do I sign up for an account',
    'I want to make an account with you',
    'can you help me create a new account',
  ],
  reset_password: [
    "I can't remember my password",
    'I need to reset my password please',
    'I am unable to log in to my account',
    'the password reset link is not working',
    'help I am locked out',
  ],
  change_email: [
    'I need to update the email on my account',
    'please change my email address to me@newmail.com',
    'can I change the email address I log in with',
    'my email address is wrong on my account',
    'I want to use a new email address',
  ],
  delete_account: [
    'can you close my account please',
    'I want my account deleted',
    'how do I close my customer account',
    'please remove my account completely',
    'I want to delete my account with you',
  ],
  newsletter_unsubscribe: [
    'please stop sending me promotional emails',
    'how can I unsubscribe from your mailing list',
    'take my email off your newsletter',
    'I no longer want to receive your emails',
    'unsubscribe me from the newsletter please',
  ],
  newsletter_subscribe: [
    'I would like to sign up for your newsletter',
    'can you add me to the newsletter',
    'how do I join your mailing list',
    'I want to get your emails about new products',
    'please subscribe me to the newsletter',
  ],
  privacy_request: [
    'I want to see the personal data you hold on me',
    'please erase all of my personal information',
    'I am making a GDPR request',
    'who do you share my personal information with',
    'where is your privacy policy',
  ],
  contact_hours: [
    'what time does customer service open',
    'what number can I ring you on',
    'how can I contact customer support',
    'are you open on saturdays',
    'what are your customer service opening times',
  ],
  damaged_item: [
    'my jacket arrived with a tear in it',
    'the item I got is damaged',
    'the shoes came with a broken buckle',
    'you sent me the wrong colour',
    'something is missing from my order',
  ],
  discount_code: [
    'my voucher code is not working',
    'the discount was not applied to my order',
    'do you have any offers or promo codes',
    'where do I put my discount code',
    'is there a student discount',
  ],
  sizing: [
    'what size would you recommend for me',
    'do these jeans come up small',
    'is there a size chart for the boots',
    'I am normally a size 12, which size should I pick',
    'do the trainers fit true to size',
  ],
  complaint: [
    'I am really unhappy with the service I received',
    'I want to complain about how I was treated',
    'your customer service is awful',
    'this is completely unacceptable',
    'I am disgusted with this company',
  ],
  human_request: [
    'can I speak to someone real please',
    'I would like to talk to an actual person',
    'please connect me to a human agent',
    'can you transfer me to a person',
    'I want to speak to a human being',
  ],
  greeting: ['hey hello', 'good morning to you', 'hi hi', 'hello good afternoon', 'hey there good evening'],
  thanks: ['thanks so much', 'thank you very much', 'cheers for that', 'thanks, that was a great help', 'thank you kindly'],
  goodbye: ['ok goodbye', 'bye for now', 'have a great day, bye', 'see you later', 'that is all I needed, bye'],
  smalltalk: ['are you a real person', 'what is your name please', 'are you a computer', 'how are you today', 'who am I talking to'],
  affirm: ['yes that is right', 'yeah sure', 'ok go ahead', 'yes please do', 'yep that is correct'],
  deny: ['no not really', 'nope not that', 'no I do not', 'no thanks I am fine', 'no that is wrong'],
};

/** Messages no intent of a clothing store covers: each must come out unknown or below the threshold. */
const OFF_TOPIC = [
  'blorp the flanges',
  "what's the capital of France",
  'who won the football last night',
  'what is the square root of 144',
  'write me a poem about the sea',
  'qwertyuiop asdfgh',
  'my cat likes to sleep on the radiator',
  'how do I bake sourdough bread',
];

/**
 * Corpus lines as customers vary them: with a word the model has never seen, an order number, an email, an amount, a
 * contraction or accents added somewhere, some in capitals.
 */
function varied(texts: readonly string[]): string[] {
  const additions = ['zorblax', 'order 5561234', 'Me.Myself@Example.co.uk', '£49.90', "won't", 'pleeease', 'naïve café', '!!', '12/11'];
  return texts.map((text, i) => {
    const words = text.split(' ');
    words.splice(i % (words.length + 1), 0, additions[i % additions.length]!);
    return i % 5 === 0 ? words.join(' ').toUpperCase() : words.join(' ');
  });
}

/**
 * Words that mean something to the plain objects node-nlp keeps its lookups in, or to node-nlp itself ('nonefeature'):
 * classifySync must still answer exactly as node-nlp does.
 */
const OBJECT_WORDS = [
  'where is my order constructor',
  'constructor',
  '__proto__ where is my order',
  'hasOwnProperty refund',
  'nonefeature',
];

describe('IntentModel on the store corpus', () => {
  let model: IntentModel;

  // How long training takes is measured by `npm run bench`, not asserted here: these machines are shared.
  beforeAll(async () => {
    model = await IntentModel.train(STORE_CORPUS);
  });

  it('learns every intent of the corpus', () => {
    expect([...model.intents].sort()).toEqual(Object.keys(HELD_OUT).sort());
  });

  it('held-out phrasings are really held out', () => {
    const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    const corpus = new Set(Object.values(STORE_CORPUS).flat().map(normalise));
    const copied = Object.values(HELD_OUT).flat().filter((text) => corpus.has(normalise(text)));
    expect(copied).toEqual([]);
  });

  it('classifies at least 90% of held-out phrasings right', async () => {
    const misses: string[] = [];
    let total = 0;
    for (const [intent, texts] of Object.entries(HELD_OUT)) {
      for (const text of texts) {
        total++;
        const result = model.classifySync(text);
        if (result.intent !== intent) misses.push(`${intent}: "${text}" -> ${result.intent} (${result.confidence.toFixed(2)})`);
      }
    }
    const accuracy = (total - misses.length) / total;
    expect(accuracy, `misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('gives off-topic text low confidence', async () => {
    for (const text of OFF_TOPIC) {
      const result = model.classifySync(text);
      expect(result.intent, text).toBe(UNKNOWN_INTENT);
      expect(result.confidence, text).toBe(0);
      for (const alternative of result.alternatives) expect(alternative.confidence, text).toBeLessThan(MIN_INTENT_CONFIDENCE);
    }
  });

  it('reports alternatives below the chosen intent, best first', async () => {
    const result = model.classifySync('I want to return my order and get a refund');
    expect(result.intent).not.toBe(UNKNOWN_INTENT);
    const confidences = [result.confidence, ...result.alternatives.map((a) => a.confidence)];
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(result.alternatives.map((a) => a.intent)).not.toContain(result.intent);
    expect(result.alternatives.length).toBeLessThanOrEqual(3);
  });

  it('reads order numbers and emails alike whatever their value', async () => {
    const a = model.classifySync('where is order #100234');
    const b = model.classifySync('where is order 98765432');
    expect(b).toEqual(a);
  });

  it('is deterministic: the same corpus gives the same answers', async () => {
    const again = await IntentModel.train(STORE_CORPUS);
    for (const text of [...Object.values(HELD_OUT).flat(), ...OFF_TOPIC]) {
      expect(again.classifySync(text)).toEqual(model.classifySync(text));
    }
  });

  it("classifies as node-nlp's classification steps called one by one do, to the last bit", () => {
    const corpus = [...Object.values(STORE_CORPUS).flat(), ...OUT_OF_SCOPE_UTTERANCES];
    const texts = [...corpus, ...varied(corpus), ...Object.values(HELD_OUT).flat(), ...OFF_TOPIC, ...OBJECT_WORDS, '', '!!!', '#', '@'];
    // Twice: the first time classifySync meets most words, the second it remembers them.
    for (const text of [...texts, ...texts]) expect(model.classifySync(text), text).toEqual(model.classifyStepByStep(text));
  });

  it("classifies as node-nlp's own pipeline does", async () => {
    const texts = [...Object.values(HELD_OUT).flat(), ...OFF_TOPIC, ...Object.values(STORE_CORPUS).flat().slice(0, 200), ...OBJECT_WORDS, '', '!!!'];
    for (const text of texts) {
      const ours = model.classifySync(text);
      const nodeNlp = await model.classifyThroughNodeNlp(text);
      expect(ours.intent, text).toBe(nodeNlp.intent);
      expect(ours.confidence, text).toBeCloseTo(nodeNlp.confidence, 9);
      expect(ours.alternatives.map((a) => a.intent), text).toEqual(nodeNlp.alternatives.map((a) => a.intent));
    }
  });

  it('answers the same as a promise', async () => {
    expect(await model.classify('where is my parcel')).toEqual(model.classifySync('where is my parcel'));
  });

  it('refuses a corpus that defines the unknown intent', async () => {
    await expect(IntentModel.train({ [UNKNOWN_INTENT]: ['hm'] })).rejects.toThrow(/unknown/);
  });
});
