import type { ModelMessage } from 'ai';
import type { EventOf, StoredEvent } from '../../domain/events.ts';

/**
 * The conversation as the model reads it: the customer's messages as the user's, everything said to the customer
 * (by the AI, an agent or the system) as the assistant's, ending with the message being answered. Notes and other
 * events are for the team, not the model. Agent and system messages are labelled so the model never takes a person's
 * words for its own.
 */
export function conversationMessages(history: readonly StoredEvent[], current: EventOf<'message.created'>): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const event of history) {
    if (event.type !== 'message.created' || event.seq >= current.seq) continue;
    const { role, text } = event.data;
    if (role === 'customer') messages.push({ role: 'user', content: text });
    else if (role === 'ai') messages.push({ role: 'assistant', content: text });
    else if (role === 'agent') messages.push({ role: 'assistant', content: `[agent ${event.actor.name ?? 'unknown'}] ${text}` });
    else messages.push({ role: 'assistant', content: `[notice] ${text}` });
  }
  messages.push({ role: 'user', content: current.data.text });
  return messages;
}
