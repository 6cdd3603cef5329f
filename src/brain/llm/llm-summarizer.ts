import { generateText, type LanguageModel } from 'ai';
import type { Logger } from 'pino';
import type { PacketSummarizer, SummaryRequest } from '../../engine/handover-packets.ts';

const SYSTEM = [
  'You write the handover note a support agent reads before taking over a customer conversation from an AI assistant.',
  'In at most four short lines: what the customer wants, what was already tried (actions, answers), where it stands and',
  'why a person is needed, and any detail the agent must not ask for again (order numbers, emails, amounts). Use only',
  'what the transcript says; never invent facts. No greeting, no advice to the agent, plain text.',
].join(' ');

/** The handover summary written by the configured model; undefined (the extractive one stands) on any failure. */
export class LlmSummarizer implements PacketSummarizer {
  constructor(private readonly options: { model: LanguageModel; timeoutMs: number; log: Logger }) {}

  async summarize(request: SummaryRequest): Promise<string | undefined> {
    const transcript = request.events
      .flatMap((e) => (e.type === 'message.created' ? [`${e.data.role}: ${e.data.text}`] : e.type === 'action.executed' ? [`(action ${e.data.name} ${JSON.stringify(e.data.inputs)} -> ${e.data.ok ? 'ok' : 'failed'})`] : []))
      .slice(-60)
      .join('\n');
    const reasons = (request.state.handover?.reasons ?? []).map((r) => `${r.code}: ${r.evidence.join(' / ')}`).join('; ');
    try {
      const { text } = await generateText({
        model: this.options.model,
        system: SYSTEM,
        prompt: `Why handed over: ${reasons || 'asked'}\nKnown details: ${JSON.stringify(request.state.collected)}\n\nTranscript:\n${transcript}`,
        abortSignal: AbortSignal.timeout(this.options.timeoutMs),
        maxRetries: 0,
      });
      const summary = text.trim();
      return summary.length > 0 ? summary.slice(0, 2000) : undefined;
    } catch (err) {
      this.options.log.warn({ err, conversationId: request.state.id }, 'the model could not summarise the handover; the extractive summary stands');
      return undefined;
    }
  }
}
