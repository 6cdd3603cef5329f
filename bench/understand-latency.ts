/**
 * How long the offline brain takes to understand one customer message: the intent model's classifySync plus entity
 * extraction, in-process, timed message by message over a few thousand varied messages. Called by bench/throughput.ts.
 *
 * The messages are made from request phrasings, openers and details (order numbers, emails, dates, amounts, long
 * explanations): 3,200 different texts. They go through once untimed, then once timed. The untimed pass is the
 * warm-up a server has had after its first minutes (compiled code, a grown heap): without it the p99 measures the
 * process's first second rather than a message. classifySync remembers words, not texts, so the second pass costs
 * what a message costs on a server that has met its customers' vocabulary.
 */
import { extractEntities } from '../src/brain/offline/entities.ts';
import { STORE_CORPUS } from '../src/brain/offline/corpus/index.ts';
import { IntentModel } from '../src/brain/offline/intent-model.ts';
import { seededRandom } from '../src/simulation/seeded-random.ts';

export interface UnderstandLatency {
  /** Training the shipped model from its corpus, as every start does: the median of three. */
  trainingMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Messages timed (after an untimed pass over the same messages). */
  messages: number;
}

const REQUESTS = [
  'where is my order',
  'my parcel has still not arrived',
  'how long does delivery to germany take',
  'do you ship to canada and how much is it',
  'I need to change the delivery address',
  'please cancel my order',
  'can I swap the size in my order',
  'what is your returns policy',
  'how do I send back a jacket that does not fit',
  'I returned my boots two weeks ago and still have no refund',
  'I want my money back',
  'can you send me an invoice',
  'do you take paypal',
  'my card was charged twice',
  'how do I make an account',
  'I forgot my password and the reset email never came',
  'I want to change the email on my account',
  'please delete my account',
  'stop sending me newsletters',
  'sign me up for your newsletter',
  'what data do you have about me',
  'when is customer service open',
  'the zip on my coat broke after one day',
  'my discount code does not work',
  'what size should I order, I am usually a medium',
  'this is the worst service I have ever had',
  'let me talk to a real person',
  'hello',
  'thanks a lot',
  'bye',
  'are you a bot',
  'yes please',
  'no thanks',
  'what is the capital of france',
  'blorp the flanges',
  'the tent I bought has a hole in it and the poles are bent, I want a replacement or a refund',
  'I ordered a rain jacket and hiking boots, the jacket came but the boots did not, what happened',
  'is the fleece warm enough for winter hikes',
  'can I pay in instalments with klarna',
  'my payment failed three times at checkout',
];

const OPENERS = ['', 'hi, ', 'hello there! ', 'Hi team - ', 'sorry to bother you but ', 'URGENT: ', 'good morning, ', 'hey '];

const DETAILS = [
  '',
  ' order #{order}',
  ' (order no. {order})',
  ' my email is {email}',
  ' I ordered it on {date}',
  ' it cost {amount}',
  ', you can call me on {phone}',
  ' thanks',
  '?? I have been waiting since last week and nobody answers my emails, this is really not good enough for a store like yours',
  ' - order {order}, placed {date}, paid {amount} by card, email {email}',
];


/** Every combination of request, opener and detail, in a seeded random order, with made-up details filled in. */
export function varietyOfMessages(seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const messages: string[] = [];
  for (const request of REQUESTS) {
    for (const opener of OPENERS) {
      for (const detail of DETAILS) {
        messages.push(
          `${opener}${request}${detail}`
            .replace('{order}', String(100_000 + Math.floor(random() * 9_900_000)))
            .replace('{email}', `${pick(['jo', 'sam.lee', 'anna_k', 'm.rossi'])}${Math.floor(random() * 100)}@${pick(['example.com', 'mail.co.uk', 'web.de'])}`)
            .replace('{date}', pick(['12 Nov', 'November 3rd', 'Monday', 'yesterday', '2026-10-28', 'last week']))
            .replace('{amount}', pick(['$49.90', '49,90 €', '120 EUR', '£35']))
            .replace('{phone}', pick(['+44 7700 900123', '020 7946 0958', '(555) 123-4567'])),
        );
      }
    }
  }
  for (let i = messages.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [messages[i], messages[j]] = [messages[j]!, messages[i]!];
  }
  return messages;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Trains the shipped model (three times, timed), then times classifySync + extractEntities for each message. */
export async function measureUnderstandLatency(options: { seed?: number } = {}): Promise<UnderstandLatency> {
  let model: IntentModel | undefined;
  const trainings: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    model = await IntentModel.train(STORE_CORPUS);
    trainings.push(performance.now() - started);
  }
  trainings.sort((a, b) => a - b);
  const trained = model!;
  const messages = varietyOfMessages(options.seed ?? 1);
  const now = new Date();
  const understand = (text: string) => {
    trained.classifySync(text);
    extractEntities(text, { now });
  };
  for (const text of messages) understand(text);
  const timings = messages.map((text) => {
    const started = performance.now();
    understand(text);
    return performance.now() - started;
  });
  timings.sort((a, b) => a - b);
  const ms = (value: number) => Math.round(value * 1000) / 1000;
  return { trainingMs: Math.round(trainings[1]!), p50Ms: ms(percentile(timings, 50)), p99Ms: ms(percentile(timings, 99)), messages: timings.length };
}
