import { describe, expect, it } from 'vitest';
import { detectRepetition, type LastAiReply } from './repetition.ts';

const answered = (intent: string, times = 1): LastAiReply => ({ intent, opening: 'Orders usually arrive in 3-5 working days.', times });

describe('repetition: going round in circles', () => {
  it('fires when the customer sends the same request again, quoting both', () => {
    const result = detectRepetition({
      turns: ['where is my order 100234', 'Where is my order 100234???'],
      intent: 'order_status',
      lastAiReply: answered('order_status'),
      awaitingDetail: false,
    });
    expect(result.score).toBe(0.9);
    expect(result.evidence).toEqual(['Where is my order 100234???', 'asked before: where is my order 100234']);
  });

  it('finds the repeat one message back, not further: a question asked again later may be a new one', () => {
    const input = { intent: 'refund_status', lastAiReply: answered('thanks'), awaitingDetail: false };
    expect(detectRepetition({ ...input, turns: ['my refund has not arrived', 'ok thanks', 'my refund still has not arrived'] }).score).toBe(0.9);
    expect(detectRepetition({ ...input, turns: ['my refund has not arrived', 'ok thanks', 'hmm', 'my refund still has not arrived'] }).score).toBe(0);
  });

  it('fires, less surely, on the same request in other words right after the AI answered it', () => {
    const result = detectRepetition({
      turns: ['how long does delivery to france take', 'but how many days will delivery take exactly'],
      intent: 'delivery_time',
      lastAiReply: answered('delivery_time'),
      awaitingDetail: false,
    });
    expect(result.score).toBe(0.7);
  });

  it('does not fire on a new question, even of the same kind', () => {
    expect(
      detectRepetition({
        turns: ['how long does delivery to france take', 'do you ship to canada as well'],
        intent: 'delivery_time',
        lastAiReply: answered('delivery_time'),
        awaitingDetail: false,
      }).score,
    ).toBe(0);
    expect(
      detectRepetition({
        turns: ['hi what time do you open tomorrow', 'and are you open on sunday too?'],
        intent: 'contact_hours',
        lastAiReply: answered('contact_hours'),
        awaitingDetail: false,
      }).score,
    ).toBe(0);
    expect(
      detectRepetition({
        turns: ['where is my order 100234', 'and what about order 100377, where is that one'],
        intent: 'order_status',
        lastAiReply: answered('refund_status'),
        awaitingDetail: false,
      }).score,
    ).toBe(0);
  });

  it('does not fire on turns that carry no request, or on the detail the AI asked for', () => {
    expect(detectRepetition({ turns: ['thanks a lot!', 'thanks a lot!'], intent: 'thanks', lastAiReply: answered('thanks'), awaitingDetail: false }).score).toBe(0);
    expect(
      detectRepetition({ turns: ['where is my order', 'my order is 100234'], intent: 'order_status', lastAiReply: answered('order_status'), awaitingDetail: true }).score,
    ).toBe(0);
    expect(detectRepetition({ turns: ['refund please'], intent: 'request_refund', lastAiReply: null, awaitingDetail: false }).score).toBe(0);
  });

  it("fires when the customer says the answer missed, once the AI has answered", () => {
    const input = { intent: 'cancel_order', awaitingDetail: false };
    for (const text of ["that doesn't answer it, how do I cancel", 'not what I asked', 'I mean the return, not the order', 'same answer again, how many times', "I'm asking for the third time"]) {
      const result = detectRepetition({ ...input, turns: ['how do I cancel', text], lastAiReply: answered('cancel_order') });
      expect(result.score, text).toBe(0.8);
      expect(text.toLowerCase()).toContain(result.evidence[0]!.toLowerCase());
    }
    expect(detectRepetition({ ...input, turns: ['not what I asked'], lastAiReply: null }).score).toBe(0);
  });

  it('fires when the AI has given the same answer twice and the customer writes again', () => {
    const once = detectRepetition({ turns: ['a', 'b c d'], intent: 'delivery_time', lastAiReply: answered('delivery_time', 1), awaitingDetail: false });
    expect(once.score).toBe(0);
    const twice = detectRepetition({ turns: ['a', 'b c d'], intent: 'delivery_time', lastAiReply: answered('delivery_time', 2), awaitingDetail: false });
    expect(twice).toEqual({ score: 1, evidence: ['the assistant gave the same answer 2 times: "Orders usually arrive in 3-5 working days."'] });
  });
});
