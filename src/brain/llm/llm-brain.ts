import { generateText, stepCountIs, type LanguageModel } from 'ai';
import type { Logger } from 'pino';
import type { AccountData } from '../../accounts/account-data.ts';
import type { KnowledgeSearch } from '../../knowledge/knowledge.ts';
import { BrainFailure, type Brain, type BrainContext, type BrainReply, type Understanding } from '../brain.ts';
import type { StoredEvent } from '../../domain/events.ts';
import { extractEntities } from '../offline/entities.ts';
import { AccountTools } from './account-tools.ts';
import { conversationMessages } from './conversation-messages.ts';
import { supportPrompt } from './support-prompt.ts';

/** The intent of every turn the model answers: the model, not a pattern, decides what the customer wants. */
export const LLM_INTENT = 'llm';

/** Articles the answer is grounded on: enough to cover a question, few enough to keep the prompt small. */
const ARTICLES = 3;

/** Model calls in one turn, tool calls included (e.g. look up the order, then answer): no turn loops for long. */
const MAX_STEPS = 4;

export interface LlmBrainOptions {
  model: LanguageModel;
  knowledge: KnowledgeSearch;
  accounts: AccountData;
  /** How long one turn may take, tool calls included; past it a person takes over. Default 15 s. */
  timeoutMs?: number;
  /** Retries of a failed model call (rate limit, 5xx), within the same timeout. Default 1. */
  maxRetries?: number;
  log?: Logger;
}

/** The model gave no usable answer (timeout, provider error, empty output): the engine hands over with `ai_error`. */
export class LlmBrainError extends BrainFailure {
  override name = 'LlmBrainError';
}

/**
 * The AI agent on a language model: answers from the help centre's articles and the business's records (through
 * tools), and hands over to a person by calling a tool, never by a magic word in its text.
 */
export class LlmBrain implements Brain {
  readonly answersInstantly = false;
  private readonly timeoutMs: number;

  constructor(private readonly options: LlmBrainOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Offline and cheap: the policy reads it before any model call, and replay needs no model. */
  async understand(context: BrainContext): Promise<Understanding> {
    const text = context.message.data.text;
    return { intent: LLM_INTENT, confidence: 1, entities: extractEntities(text), text };
  }

  async respond(context: BrainContext, understanding: Understanding): Promise<BrainReply> {
    const hits = this.options.knowledge.search(understanding.text, ARTICLES);
    const sources = hits.map(({ article }) => ({ id: article.id, title: article.title }));
    const history = await context.history();
    const turn = new AccountTools(this.options.accounts, customerEmails(context, history));
    let result: Awaited<ReturnType<typeof generateText<AccountTools['tools']>>>;
    try {
      result = await this.withinDeadline(async (abortSignal) =>
        generateText({
          model: this.options.model,
          system: supportPrompt(context.state, hits),
          messages: conversationMessages(history, context.message),
          tools: turn.tools,
          // A failed account system ends the turn at once: the model must not improvise around it.
          stopWhen: [stepCountIs(MAX_STEPS), () => turn.failure !== undefined],
          maxRetries: this.options.maxRetries ?? 1,
          abortSignal,
        }),
      );
    } catch (error) {
      // What the tools did before the model failed (a ticket opened, say) goes to the person taking over.
      throw new LlmBrainError((error as Error).message, turn.finish(), { cause: error });
    }
    const work = turn.finish();
    this.options.log?.debug(
      { steps: result.steps.length, actions: work.actions?.map((a) => a.name), finishReason: result.finishReason },
      'model answered',
    );

    if (turn.failure) {
      return { text: '', sources, ...work, handover: { reason: 'ai_error', summary: `The account system failed (${turn.failure}).` } };
    }
    for (const call of result.toolCalls) {
      if (!call.dynamic && call.toolName === 'handover_to_human') {
        return { text: result.text.trim(), sources, ...work, handover: { reason: call.input.reason, summary: call.input.summary } };
      }
    }
    const text = result.text.trim();
    if (text === '') {
      throw new LlmBrainError(`the model gave no answer (finish reason ${result.finishReason}, ${result.steps.length} steps)`, work);
    }
    return { text, sources, ...work };
  }

  /**
   * Runs the model call under the turn's deadline: the signal aborts the HTTP request, and the race settles the turn
   * on time even if something in between (a tool, a retry's back-off) does not listen to it.
   */
  private async withinDeadline<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new LlmBrainError(`the model did not answer within ${this.timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([work(controller.signal), expired]);
    } catch (error) {
      if (error instanceof LlmBrainError) throw error;
      throw new LlmBrainError(`the model call failed: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The emails the customer has shown are theirs: on their profile, collected, or written in their messages. */
function customerEmails(context: BrainContext, history: readonly StoredEvent[]): string[] {
  const emails = [context.state.customer.email, context.state.collected.email].filter((e): e is string => Boolean(e));
  for (const event of [...history, context.message]) {
    if (event.type !== 'message.created' || event.data.role !== 'customer') continue;
    for (const entity of extractEntities(event.data.text)) if (entity.type === 'email') emails.push(entity.value);
  }
  return emails;
}
