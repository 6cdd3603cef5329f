import { UNKNOWN_INTENT, type Brain, type BrainContext, type BrainReply, type Understanding } from '../brain.ts';
import { CANNED_INTENTS, FALLBACK_ANSWER, type CannedIntent } from './canned-intents.ts';
import { extractEntities } from './entities.ts';


/**
 * The first offline brain: pattern-matched intents with canned, store-approved answers. It needs nothing but the
 * process, so the service runs around the clock with no model configured.
 */
export class OfflineBrain implements Brain {
  readonly answersInstantly = true;

  constructor(private readonly intents: CannedIntent[] = CANNED_INTENTS) {}

  async understand(context: BrainContext): Promise<Understanding> {
    const text = context.message.data.text;
    const match = this.intents.find((intent) => intent.patterns.some((p) => p.test(text)));
    return {
      intent: match?.intent ?? UNKNOWN_INTENT,
      confidence: match ? 0.8 : 0,
      entities: extractEntities(text),
      text,
    };
  }

  async respond(_context: BrainContext, understanding: Understanding): Promise<BrainReply> {
    const match = this.intents.find((intent) => intent.intent === understanding.intent);
    return { text: match?.answer ?? FALLBACK_ANSWER, sources: [], intent: understanding.intent };
  }
}
