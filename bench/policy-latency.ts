/**
 * How long the escalation policy takes to decide one turn: every signal detector over the customer's recent
 * messages, then the shipped rules (json-rules-engine) when a signal they name fired. Called by bench/throughput.ts.
 *
 * Conversations of three to six customer messages are made from the understand bench's varied messages plus
 * messages that make the rules run (disputes, fraud, anger, complaints, requests for a person). Each message gets a
 * reference number of its own, so that every timed turn's latest message is one the detectors have never read, as on a
 * server (the earlier messages of a conversation are re-read, as they are there). The understanding each turn is the
 * shipped intent model's, worked out before the clock starts. One untimed pass over other conversations warms up.
 */
import { UNKNOWN_INTENT, type Understanding } from '../src/brain/brain.ts';
import { STORE_CORPUS } from '../src/brain/offline/corpus/index.ts';
import { IntentModel, MIN_INTENT_CONFIDENCE } from '../src/brain/offline/intent-model.ts';
import { emptyState, type ConversationState } from '../src/domain/conversation-state.ts';
import { readPolicyFile } from '../src/escalation/policy-file.ts';
import { RulesEscalationPolicy } from '../src/escalation/rules-policy.ts';
import { signalDetectors } from '../src/escalation/signal-detectors.ts';
import { seededRandom } from '../src/simulation/seeded-random.ts';
import { percentile, varietyOfMessages } from './understand-latency.ts';

export interface PolicyLatency {
  p50Ms: number;
  p99Ms: number;
  /** Turns timed. */
  turns: number;
  /** Of those, the turns on which the policy handed over. */
  handovers: number;
}

/** Messages on which rules run: a tenth of the turns, far more than routine traffic has. */
const ESCALATING = [
  'someone used my card to buy things online, it was not me',
  'I was charged twice for the same order and I want it sorted',
  'I have been waiting THREE WEEKS for a refund, this is USELESS!!!',
  'I want to file a formal complaint about your delivery driver',
  'my lawyer will be in touch about this',
  'can I speak to a manager please',
  'the app says I paid 240 euros but my order was 120',
  'still nothing?? why does nobody answer',
];


export async function measurePolicyLatency(options: { seed?: number } = {}): Promise<PolicyLatency> {
  const model = await IntentModel.train(STORE_CORPUS);
  const policy = new RulesEscalationPolicy(readPolicyFile(), signalDetectors());
  const understandingOf = (text: string): Understanding => {
    const prediction = model.classifySync(text);
    const intent = prediction.confidence >= MIN_INTENT_CONFIDENCE ? prediction.intent : UNKNOWN_INTENT;
    return { intent, confidence: prediction.confidence, entities: [], text };
  };

  const seed = options.seed ?? 1;
  let reference = 0;
  const conversationsOf = (messageSeed: number) => {
    const random = seededRandom(messageSeed + 1000);
    const pool = varietyOfMessages(messageSeed);
    const conversations: string[][] = [];
    let next = 0;
    while (next < pool.length) {
      const length = 3 + Math.floor(random() * 4);
      const texts: string[] = [];
      for (let i = 0; i < length && next < pool.length; i++) {
        const text = random() < 0.1 ? ESCALATING[Math.floor(random() * ESCALATING.length)]! : pool[next++]!;
        texts.push(`${text} (ref ${++reference})`);
      }
      conversations.push(texts);
    }
    return conversations;
  };

  const run = async (conversations: string[][], timings?: number[]) => {
    let handovers = 0;
    for (const texts of conversations) {
      let state: ConversationState = emptyState('bench');
      for (let turn = 0; turn < texts.length; turn++) {
        const recent = texts.slice(Math.max(0, turn - 5), turn + 1);
        state = { ...state, recentCustomerTexts: recent, customerTurns: turn + 1 };
        const understanding = understandingOf(texts[turn]!);
        const started = performance.now();
        const decision = await policy.decide({ state, understanding });
        timings?.push(performance.now() - started);
        if (decision.handover) {
          handovers++;
          break;
        }
        state = { ...state, misunderstoodStreak: understanding.intent === UNKNOWN_INTENT ? state.misunderstoodStreak + 1 : 0 };
      }
    }
    return handovers;
  };

  await run(conversationsOf(seed + 1));
  const timings: number[] = [];
  const handovers = await run(conversationsOf(seed), timings);
  timings.sort((a, b) => a - b);
  const ms = (value: number) => Math.round(value * 1000) / 1000;
  return { p50Ms: ms(percentile(timings, 50)), p99Ms: ms(percentile(timings, 99)), turns: timings.length, handovers };
}
