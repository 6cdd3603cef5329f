import { describe, expect, it } from 'vitest';
import { detectHumanRequest } from './human-requested.ts';

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
];

const routine = [
  'Where is my order 100234?',
  'What payment methods do you accept?',
  'how long does shipping take to Germany',
  'I want to return a jacket',
  "I don't need a human, just tell me the opening hours",
  'No need to talk to an agent, what is your refund policy?',
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
