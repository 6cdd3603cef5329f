import { describe, expect, it } from 'vitest';
import type { EventOf, StoredEvent } from '../../domain/events.ts';
import { conversationMessages } from './conversation-messages.ts';

const at = '2026-01-01T00:00:00.000Z';
const event = (seq: number, e: object) => ({ conversationId: 'c', seq, position: seq, at, ...e }) as StoredEvent;

describe('the conversation as the model reads it', () => {
  it("includes what the person noted when handing back, and leaves internal notes out", () => {
    const current = event(6, { type: 'message.created', actor: { kind: 'customer' }, data: { role: 'customer', text: 'and my refund?' } }) as EventOf<'message.created'>;
    const history = [
      event(1, { type: 'message.created', actor: { kind: 'customer' }, data: { role: 'customer', text: 'my parcel is lost' } }),
      event(2, { type: 'message.created', actor: { kind: 'agent', name: 'Gus' }, data: { role: 'agent', text: 'I have sent a new one.' } }),
      event(3, { type: 'note.added', actor: { kind: 'agent', name: 'Gus' }, data: { text: 'customer was rude' } }),
      event(4, { type: 'conversation.handed_back', actor: { kind: 'agent', name: 'Gus' }, data: { note: 'replacement shipped, order 100234' } }),
      current,
    ];
    const messages = conversationMessages(history, current);
    expect(messages.map((m) => m.content)).toEqual([
      'my parcel is lost',
      '[agent Gus] I have sent a new one.',
      '[notice] Gus handed the conversation back to the assistant, noting: replacement shipped, order 100234',
      'and my refund?',
    ]);
  });
});
