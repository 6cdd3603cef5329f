import type { ModelMessage } from 'ai';
import type { EventOf, StoredEvent } from '../../domain/events.ts';

/**
 * The conversation as the model reads it: the customer's messages as the user's, everything said to the customer
 * (by the AI, an agent or the system) as the assistant's, ending with the message being answered; a hand-back with
 * the person's note. Internal notes and other events are for the team, not the model. Agent and system messages are labelled so the model never takes a person's
 * words for its own.
 */
export function conversationMessages(history: readonly StoredEvent[], current: EventOf<'message.created'>): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const event of history) {
    if (event.seq >= current.seq) continue;
    // What the person did, as they noted it when handing back: the model resumes knowing it.
    if (event.type === 'conversation.handed_back') {
      const by = event.actor.name ?? 'an agent';
      messages.push({ role: 'assistant', content: `[notice] ${by} handed the conversation back to the assistant${event.data.note ? `, noting: ${event.data.note}` : ''}` });
      continue;
    }
    if (event.type !== 'message.created') continue;
    const { role, text } = event.data;
    if (role === 'customer') messages.push({ role: 'user', content: text });
    else if (role === 'ai') messages.push({ role: 'assistant', content: text });
    else if (role === 'agent') messages.push({ role: 'assistant', content: `[agent ${event.actor.name ?? 'unknown'}] ${text}` });
    else messages.push({ role: 'assistant', content: `[notice] ${text}` });
  }
  messages.push({ role: 'user', content: current.data.text });
  return messages;
}
