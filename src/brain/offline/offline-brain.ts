import type { AccountData } from '../../accounts/account-data.ts';
import type { Article, KnowledgeSearch } from '../../knowledge/knowledge.ts';
import {
  UNKNOWN_INTENT,
  type ActionRecord,
  type Brain,
  type BrainContext,
  type BrainReply,
  type Entity,
  type Understanding,
} from '../brain.ts';
import { extractEntities } from './entities.ts';
import { lookUpOrder, checkRefund, createTicket } from './actions.ts';
import { SMALL_TALK, NOT_SURE } from './small-talk.ts';

/** What the offline brain needs from an intent model. */
export interface IntentClassifier {
  classify(text: string): { intent: string; confidence: number } | Promise<{ intent: string; confidence: number }>;
}

export interface OfflineBrainOptions {
  intents: IntentClassifier;
  knowledge: KnowledgeSearch;
  accounts: AccountData;
  /** Below this, the intent is taken as not understood. */
  minIntentConfidence: number;
  /** Below this, no article is taken as the answer, and the AI says it is not sure. */
  minGroundedConfidence: number;
}

/** Intents answered by running an action, and the detail (slot) each needs first. */
const ACTIONS: Record<string, { slot: 'order_number'; ask: string }> = {
  order_status: { slot: 'order_number', ask: 'I can check that for you. What is your order number? It is in your order confirmation email (six digits, like 100234).' },
  refund_status: { slot: 'order_number', ask: 'I can look up your refund. What is the order number it is for?' },
  damaged_item: { slot: 'order_number', ask: "I'm sorry about that. Which order was it? Please send me the order number and I'll open a case." },
};

/** The grounding an article needs to answer a message whose intent was not recognised. */
const UNRECOGNISED_GROUNDING = 0.75;

/** Slots filled from what the customer wrote, by entity type. */
const SLOT_OF_ENTITY: Partial<Record<Entity['type'], string>> = { order_number: 'order_number', email: 'email', phone: 'phone' };

/**
 * The offline brain: a trained intent model, the help centre's articles and the account data, with nothing but the
 * process itself. It runs an action when it has what the action needs and asks for it when not, grounds every other
 * answer in an article it cites, and says it is not sure instead of guessing.
 */
export class OfflineBrain implements Brain {
  readonly answersInstantly = true;
  private readonly answers = new WeakMap<Article, string>();

  constructor(private readonly options: OfflineBrainOptions) {}

  async understand(context: BrainContext): Promise<Understanding> {
    const text = context.message.data.text;
    const entities = extractEntities(text);
    const prediction = await this.options.intents.classify(text);
    let intent = prediction.confidence >= this.options.minIntentConfidence ? prediction.intent : UNKNOWN_INTENT;
    let confidence = prediction.confidence;
    // "It's 100234" right after the AI asked for an order number is the answer to that question.
    const awaiting = context.state.awaiting;
    if (awaiting && entities.some((e) => SLOT_OF_ENTITY[e.type] === awaiting.slot) && !ACTIONS[intent] && intent !== 'human_request') {
      intent = awaiting.intent;
      confidence = Math.max(confidence, 0.9);
    }
    return { intent, confidence, entities, text };
  }

  async respond(context: BrainContext, understanding: Understanding): Promise<BrainReply> {
    const collected: Record<string, string> = {};
    for (const entity of understanding.entities) {
      const slot = SLOT_OF_ENTITY[entity.type];
      if (slot) collected[slot] = entity.value;
    }
    const known = { ...context.state.collected, ...collected };
    const base = { intent: understanding.intent, collected };

    const action = ACTIONS[understanding.intent];
    if (action) {
      const value = known[action.slot];
      if (!value) return { ...base, text: action.ask, sources: [], awaiting: { intent: understanding.intent, slot: action.slot } };
      const emails = [known.email, context.state.customer.email];
      return { ...base, ...(await this.runAction(understanding.intent, value, emails, understanding.text)) };
    }

    const smallTalk = SMALL_TALK[understanding.intent];
    if (smallTalk) return { ...base, text: smallTalk, sources: [] };

    const [best] = this.options.knowledge.search(understanding.text, 3);
    // An article answers only when the search is sure of it; with no intent recognised, it must be surer still.
    const needed = understanding.intent === UNKNOWN_INTENT ? Math.max(this.options.minGroundedConfidence, UNRECOGNISED_GROUNDING) : this.options.minGroundedConfidence;
    if (!best || best.confidence < needed) return { ...base, text: NOT_SURE, sources: [], unresolved: 'no grounded answer in the help centre' };
    return { ...base, text: this.answerOf(best.article), sources: [{ id: best.article.id, title: best.article.title }] };
  }

  /** The article's answer, worked out once per version of the article (an edit is a new object). */
  private answerOf(article: Article): string {
    let answer = this.answers.get(article);
    if (answer === undefined) {
      answer = answerFrom(article.body);
      this.answers.set(article, answer);
    }
    return answer;
  }

  /** `emails`: the customer's, as given in the conversation and on their profile (either may be missing). */
  private async runAction(
    intent: string,
    orderNumber: string,
    emails: (string | undefined)[],
    text: string,
  ): Promise<Pick<BrainReply, 'text' | 'sources' | 'actions' | 'awaiting'>> {
    const actions: ActionRecord[] = [];
    if (intent === 'order_status') {
      const { record, reply } = await lookUpOrder(this.options.accounts, orderNumber, emails);
      actions.push(record);
      return { text: reply, sources: [], actions, ...(record.ok && record.result ? {} : { awaiting: { intent, slot: 'order_number' } }) };
    }
    if (intent === 'refund_status') {
      const { record, reply } = await checkRefund(this.options.accounts, orderNumber);
      actions.push(record);
      return { text: reply, sources: [], actions };
    }
    const { record, reply } = await createTicket(this.options.accounts, {
      orderNumber,
      email: emails.find((email) => email !== undefined),
      subject: `Damaged or wrong item, order ${orderNumber}`,
      description: text,
    });
    actions.push(record);
    return { text: reply, sources: [], actions };
  }
}

/** The article's first paragraph, unwrapped: articles open with the direct answer. */
export function answerFrom(body: string): string {
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^#+\s.*$/gm, '').trim())
    .filter((p) => p.length > 0);
  const first = paragraphs[0] ?? body.trim();
  // Lines wrapped in the Markdown source are one line of text; list items stay on their own lines.
  return first.replace(/\n(?!\s*(?:[-*+]|\d+\.)\s)\s*/g, ' ');
}
