import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyState } from '../../domain/conversation-state.ts';
import type { StoredEvent } from '../../domain/events.ts';
import { startFakeLlmServer, say, type FakeLlmServer } from '../../../test/support/fake-llm-server.ts';
import { llmModel } from './llm-model.ts';
import { LlmSummarizer } from './llm-summarizer.ts';

const events = [
  { type: 'message.created', actor: { kind: 'customer' }, data: { role: 'customer', text: 'Where is my order 100234?' }, conversationId: 'c', seq: 2, position: 2, at: 'x' },
] as StoredEvent[];
const state = { ...emptyState('c'), collected: { order_number: '100234' } };

describe('the model-written handover summary', () => {
  let server: FakeLlmServer;
  let summarizer: LlmSummarizer;

  beforeAll(async () => {
    server = await startFakeLlmServer();
    const model = llmModel({ baseUrl: server.baseUrl, model: 'fake', provider: 'openai-compatible', timeoutMs: 2000 });
    summarizer = new LlmSummarizer({ model, timeoutMs: 2000, log: pino({ level: 'silent' }) });
  });
  afterAll(async () => server?.close());

  it("returns the model's text, and sends it the transcript and the known details", async () => {
    server.script(say('Dana wants order 100234; not delivered; asked for a manager.'));
    const text = await summarizer.summarize({ state, events, extractive: 'x' });
    expect(text).toBe('Dana wants order 100234; not delivered; asked for a manager.');
    const sent = JSON.stringify(server.requests.at(-1)!.body.messages);
    expect(sent).toContain('Where is my order 100234?');
    expect(sent).toContain('order_number');
  });

  it('gives undefined (the extractive summary stands) when the model fails or says nothing', async () => {
    server.script({ kind: 'error', status: 500 });
    expect(await summarizer.summarize({ state, events, extractive: 'x' })).toBeUndefined();
    server.script(say('   '));
    expect(await summarizer.summarize({ state, events, extractive: 'x' })).toBeUndefined();
  });
});
