import type { ConversationState } from '../domain/conversation-state.ts';
import type { MessageSource, StoredEvent } from '../domain/events.ts';

/** The intent of a message the brain did not recognise. */
export const UNKNOWN_INTENT = 'unknown';

export type EntityType = 'order_number' | 'email' | 'phone' | 'amount' | 'date';

export interface Entity {
  type: EntityType;
  value: string;
  /** The words in the customer's message it came from. */
  text: string;
}

/** What the brain made of the customer's latest turn, read in the light of the whole conversation. */
export interface Understanding {
  intent: string;
  confidence: number;
  entities: Entity[];
  /** The latest customer message. */
  text: string;
}

export interface BrainContext {
  state: ConversationState;
  /** The conversation so far, the latest customer message included. */
  history: readonly StoredEvent[];
}

export interface BrainReply {
  text: string;
  sources: MessageSource[];
  intent?: string;
}

/** The AI agent. `understand` alone serves replay and evaluation; `respond` writes the reply. */
export interface Brain {
  understand(context: BrainContext): Promise<Understanding>;
  respond(context: BrainContext, understanding: Understanding): Promise<BrainReply>;
}

/** The customer messages of a history, oldest first. */
export function customerTexts(history: readonly StoredEvent[]): string[] {
  const texts: string[] = [];
  for (const event of history) {
    if (event.type === 'message.created' && event.data.role === 'customer') texts.push(event.data.text);
  }
  return texts;
}

/** The customer's latest message in a history; empty when the customer has not written yet. */
export function latestCustomerText(history: readonly StoredEvent[]): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i]!;
    if (event.type === 'message.created' && event.data.role === 'customer') return event.data.text;
  }
  return '';
}
