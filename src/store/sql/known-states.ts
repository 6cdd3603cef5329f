import type { ConversationState } from '../../domain/conversation-state.ts';

/**
 * Conversation states this store has committed, so an append whose conversation still has the same last_seq can
 * skip reading and parsing the state. The state is the fold of the events up to last_seq and events are never
 * removed, so an equal last_seq means an equal state, even if another process or node wrote in between; any other
 * last_seq means the state must be read again. States are shared with callers, as everywhere (applyEvent never
 * mutates one). Bounded; the oldest entries go first.
 */
export class KnownStates {
  private readonly states = new Map<string, ConversationState>();

  constructor(private readonly capacity = 10_000) {}

  get(conversationId: string): ConversationState | undefined {
    return this.states.get(conversationId);
  }

  /** Only for states already committed: one rolled back could stand for a different state at the same last_seq. */
  remember(state: ConversationState): void {
    const known = this.states.get(state.id);
    if (known && known.lastSeq >= state.lastSeq) return;
    this.states.delete(state.id);
    if (this.states.size >= this.capacity) this.states.delete(this.states.keys().next().value!);
    this.states.set(state.id, state);
  }
}
