import type { ConversationState } from './conversation-state.ts';
import type { StoredEvent } from './events.ts';

export interface TranscriptLine {
  seq: number;
  at: string;
  role: string;
  author?: string;
  text: string;
}

export interface ActionLine {
  seq: number;
  at: string;
  name: string;
  inputs: Record<string, unknown>;
  ok: boolean;
  result: unknown;
}

/**
 * What the person taking over needs at a glance, so the customer never repeats themselves: why, where it goes, who
 * the customer is, the details collected, what the AI did (with inputs, results and times) and the whole transcript.
 * The summary and account data come with the full packet (issue 6).
 */
export function buildHandoverPacket(state: ConversationState, events: readonly StoredEvent[]) {
  const handover = state.handover;
  const request = events.find((e) => e.type === 'handover.requested' && e.seq === handover?.seq);
  const transcript: TranscriptLine[] = [];
  const actions: ActionLine[] = [];
  for (const event of events) {
    if (event.type === 'message.created') {
      transcript.push({ seq: event.seq, at: event.at, role: event.data.role, author: event.actor.name, text: event.data.text });
    } else if (event.type === 'action.executed') {
      const { name, inputs, ok, result } = event.data;
      actions.push({ seq: event.seq, at: event.at, name, inputs, ok, result });
    }
  }
  return {
    conversationId: state.id,
    requestedAt: handover?.at ?? null,
    trigger: handover?.trigger ?? null,
    reasons: handover?.reasons ?? [],
    rules: request?.type === 'handover.requested' ? request.data.rules : [],
    topics: handover?.topics ?? [],
    team: state.team,
    priority: state.priority,
    owner: state.owner,
    customer: state.customer,
    waitingSince: state.queuedAt,
    collected: state.collected,
    actions,
    transcript,
  };
}
