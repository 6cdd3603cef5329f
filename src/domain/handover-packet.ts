import type { ConversationState } from './conversation-state.ts';
import type { StoredEvent } from './events.ts';

export interface TranscriptLine {
  seq: number;
  at: string;
  role: string;
  author?: string;
  text: string;
}

/**
 * What the person taking over needs at a glance, so the customer never repeats themselves. This first version
 * carries why, where it goes, who the customer is and the whole transcript; later versions add the summary,
 * collected details, actions and account data.
 */
export function buildHandoverPacket(state: ConversationState, events: readonly StoredEvent[]) {
  const handover = state.handover;
  const request = events.find((e) => e.type === 'handover.requested' && e.seq === handover?.seq);
  const transcript: TranscriptLine[] = [];
  for (const event of events) {
    if (event.type !== 'message.created') continue;
    transcript.push({ seq: event.seq, at: event.at, role: event.data.role, author: event.actor.name, text: event.data.text });
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
    transcript,
  };
}
