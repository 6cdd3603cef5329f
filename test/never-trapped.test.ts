import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';

/**
 * The brief's invariant, over generated conversations through the real service: whenever the customer asks for a
 * person, the handover starts on that very turn (or a person already has the conversation), however the conversation
 * went before and however the request is spelled.
 */

const ROUTINE = [
  'How long does delivery take?',
  'What payment methods do you accept?',
  'Where is my order?',
  "It's order 100234",
  'How do I reset my password?',
  'thanks',
  'blorp the flanges',
  'asdf qwer',
  'What is your return policy?',
];

const REQUESTS = [
  'I want to talk to a real person',
  'can I speak to a human please',
  'get me an agent',
  'connect me to customer service',
  'human please',
  'Agent!',
  'I need a representative now',
  'let me talk to someone real',
  'transfer me to a manager',
  'is there a human I can chat with?',
];

/** One typo in one word of four letters or more: a letter swapped with the next, dropped or doubled. */
const withTypo = (text: string, choice: { word: number; at: number; kind: number }): string => {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/i.test(w));
  if (candidates.length === 0) return text;
  const [word, index] = candidates[choice.word % candidates.length]!;
  // Not the first letter: a typo there makes another word more often than a misspelling.
  const at = 1 + (choice.at % (word.length - 2));
  const typo = [
    word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2),
    word.slice(0, at) + word.slice(at + 1),
    word.slice(0, at) + word[at] + word.slice(at),
  ][choice.kind % 3]!;
  words[index] = typo;
  return words.join(' ');
};

const request = fc
  .record({
    text: fc.constantFrom(...REQUESTS),
    typo: fc.option(fc.record({ word: fc.nat(), at: fc.nat(), kind: fc.nat() }), { nil: undefined }),
    shout: fc.boolean(),
  })
  .map(({ text, typo, shout }) => {
    const spelled = typo ? withTypo(text, typo) : text;
    return { text: shout ? spelled.toUpperCase() : spelled, asksForPerson: true };
  });
const routine = fc.constantFrom(...ROUTINE).map((text) => ({ text, asksForPerson: false }));

describe('never trapped', () => {
  let baton: TestBaton;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    baton = await startTestBaton('sqlite');
    api = client(baton.url);
  });
  afterAll(async () => baton?.stop());

  it('hands over on the very turn the customer asks for a person, whatever came before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ arbitrary: routine, weight: 3 }, { arbitrary: request, weight: 1 }), { minLength: 1, maxLength: 6 }), async (turns) => {
        const c = await api.conversation();
        for (const turn of turns) {
          const answer = await api.say(c.id, c.token, turn.text);
          expect(answer.status).toBe(201);
          if (turn.asksForPerson) expect(answer.body.state.owner, turn.text).not.toBe('ai');
        }
      }),
      { numRuns: 100, seed: 20261124 },
    );
  });
});
