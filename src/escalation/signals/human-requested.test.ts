import { describe, expect, it } from 'vitest';
import { detectHumanRequest, normalizeForSignals } from './human-requested.ts';

const asks = [
  'I want to talk to a real person please',
  'Can I speak with an agent?',
  'get me a human',
  'HUMAN',
  'representative please',
  'connect me to customer service',
  'transfer me to a manager',
  'Is there a real person I can talk to?',
  'I need help speaking to a bloody live agent',
  'speek to a humen',
  'chat wth somebody',
  'how to speak tosomebody',
  "I don't know how I can speak with an operator",
  'i cannot talk with a live agent',
  "I don't want a bot, get me a human",
  'stop the bot, I want someone real',
  'can someone call me back?',
  'Could you put me through to a member of staff? Thanks',
  'hand this over to your team please',
  'transfer to person',
  "I'd like to escalate to a supervisor",
  'i want my case escalated to someone senior',
  'please put me in touch with a member of your support team',
  'please have someone contact me',
  'can somebody from your billing team get in touch with me about this',
  'can i get a real customer service person',
  'could i have a human review this please',
  'I need assistance from a staff member',
  'Hello? Anyone human there?',
  "I don't want to chat with AI. Human support please.",
  'not interested in talking to a bot',
  'rep please',
  'customer service representative',
  'human agent',
  'can I spk to a hooman',
  'who can I speak to?',
  'is there someone on your team i can actually talk this through with',
  'Could I have a word with somebody in the billing department please',
  "can a member of staff do it please, the form won't accept it",
  'humaaaan',
  'Id like 2 speak 2 some1 in person',
  'cn u put me thru to sum1',
  "who's in charge there? I want to speak to them",
  'can I speak to whoever is in charge',
];

const routine = [
  'Where is my order 100234?',
  'What payment methods do you accept?',
  'how long does shipping take to Germany',
  'I want to return a jacket',
  "I don't need a human, just tell me the opening hours",
  'No need to talk to an agent, what is your refund policy?',
  "Lol no, I'm not asking for a human, I'm asking if you ship to Norway",
  "I'm not looking for a real person, just the returns address please",
  "please don't call me, email only",
  'I was put through to an agent last week and it got sorted, how do I download my invoice?',
  'Who do I call to activate my new card?',
  'the team at your Leeds store were lovely',
  'I have 2 orders, where are they',
  'pleeeease help me track my order',
  'there is a charge on my card I want explained',
  'Do I need to speak to a representative to change my pin?',
  'It looks like someone ordered something with my card',
  'Is there a fee for express delivery?',
  'the person at the door said the parcel was damaged',
];

describe('human_requested detector', () => {
  it.each(asks)('hears a request for a person in %j', (text) => {
    const result = detectHumanRequest(text);
    expect(result.score).toBeGreaterThan(0);
    expect(result.evidence[0]!.length).toBeGreaterThan(0);
  });

  it.each(routine)('does not hear one in %j', (text) => {
    expect(detectHumanRequest(text)).toEqual({ score: 0, evidence: [] });
  });

  it('quotes the words that triggered it', () => {
    expect(detectHumanRequest('Honestly. Let me talk to a real person now!').evidence).toEqual(['talk to a real person']);
  });
});

/**
 * Requests that reach a pattern only through one of the shortcuts (a word that names no person, a typo or glued word
 * that only its correction names, quotes and spaces that must be folded first, an early finish on a top score):
 * each must still be heard, with the same words quoted.
 */
const throughShortcuts: [string, number, string][] = [
  ['Transfer me please', 0.9, 'transfer me'],
  ['Help me escalate me', 0.9, 'escalate me'],
  ['is anyone there alive?', 0.9, 'is anyone there alive'],
  ["I'm sick of this robot", 0.9, 'sick of this robot'],
  ['can you call me back', 0.9, 'call me back'],
  ['I want a callback', 0.9, 'callback'],
  ['contact a real one', 1, 'contact a real one'],
  ['speak to a humna', 1, 'speak to a human'],
  ['I have to speak with a eprson', 1, 'speak with a person'],
  ['talk wth ppl', 1, 'talk with people'],
  ['talk   to\ta  human', 1, 'talk to a human'],
  ['Can I talk to  a human?', 1, 'talk to a human'],
  ['Is there a ‘human’ here?', 0.9, "is there a 'human"],
  ['  SPEAK TO AN AGENT  ', 1, 'speak to an agent'],
  ['Café closed: can I speak to someone?', 1, 'speak to someone'],
  ['stop the bot, get me a person', 1, 'get me a person'],
];

describe('human_requested shortcuts', () => {
  it.each(throughShortcuts)('still hears %j', (text, score, evidence) => {
    expect(detectHumanRequest(text)).toEqual({ score, evidence: [evidence] });
  });

  it.each(['My phone is lost, what can I do?', 'The delivery is really late', 'Where is my parcel? It’s late'])(
    'still hears nothing in %j',
    (text) => {
      expect(detectHumanRequest(text)).toEqual({ score: 0, evidence: [] });
    },
  );

  it('normalises case, quotes, spaces and typos as before', () => {
    expect(normalizeForSignals('  Is there a ‘human’ here?  ')).toBe("is there a 'human' here?");
    expect(normalizeForSignals('talk   to\ta  humna')).toBe('talk to a human');
    expect(normalizeForSignals('how to speak tosomebody')).toBe('how to speak to somebody');
    expect(normalizeForSignals('Where is my order?')).toBe('where is my order?');
    expect(normalizeForSignals('Where  is   my order?')).toBe('where is my order?');
  });
  it("leaves words that are names of JavaScript's object properties alone", () => {
    expect(normalizeForSignals('Who is the constructor of this toString?')).toBe('who is the constructor of this tostring?');
    expect(detectHumanRequest('constructor __proto__ valueOf').score).toBe(0);
  });
  it('reads "is there a human I can chat with" however "there" is misspelt, but not a statement about someone', () => {
    for (const text of ['is tehre a human I can chat with?', 'is three a human I can chat with?', 'do you have someone I can talk to']) {
      expect(detectHumanRequest(text).score, text).toBeGreaterThanOrEqual(0.5);
    }
    expect(detectHumanRequest('the person I can talk to about billing is away').score).toBe(0);
  });
});
