import { afterEach, describe, expect, it } from 'vitest';
import type { Brain, BrainContext, BrainReply, Understanding } from '../src/brain/brain.ts';
import { OfflineBrain } from '../src/brain/offline/offline-brain.ts';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';

/** The offline brain, held at a gate inside `understand` or `respond` until the test lets it go. */
class GatedBrain implements Brain {
  private readonly inner = new OfflineBrain();
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  private arrivedAt!: () => void;
  readonly arrived = new Promise<void>((resolve) => (this.arrivedAt = resolve));

  constructor(private readonly holdIn: 'understand' | 'respond') {}

  open() {
    this.release();
  }

  async understand(context: BrainContext): Promise<Understanding> {
    if (this.holdIn === 'understand') {
      this.arrivedAt();
      await this.gate;
    }
    return this.inner.understand(context);
  }

  async respond(context: BrainContext, understanding: Understanding): Promise<BrainReply> {
    if (this.holdIn === 'respond') {
      this.arrivedAt();
      await this.gate;
    }
    return this.inner.respond(context, understanding);
  }
}

class BrokenBrain extends OfflineBrain {
  override async respond(): Promise<BrainReply> {
    throw new Error('model endpoint unreachable');
  }
}

describe('one owner, enforced on the server', () => {
  let baton: TestBaton | undefined;
  afterEach(async () => {
    await baton?.stop();
    baton = undefined;
  });

  for (const holdIn of ['understand', 'respond'] as const) {
    it(`drops the AI's reply when an agent takes over while the brain is in ${holdIn}`, async () => {
      const brain = new GatedBrain(holdIn);
      baton = await startTestBaton('sqlite', { overrides: { brain } });
      const api = client(baton.url);
      const c = await api.conversation();
      const turn = api.say(c.id, c.token, 'What payment methods do you accept?');
      await brain.arrived;
      const gus = await api.login('general@demo.local');
      const takeover = await api.say(c.id, gus, 'Gus here, I will take it from here.');
      expect(takeover.body.state.owner).toBe('human');
      brain.open();
      const answered = await turn;
      expect(answered.status).toBe(201);
      expect(answered.body.replies).toEqual([]);
      expect(answered.body.state.owner).toBe('human');
      expect((await api.messages(c.id, c.token)).map((m) => m.role)).toEqual(['customer', 'agent']);
    });
  }

  it('hands over with ai_error, and tells the customer, when the brain fails', async () => {
    baton = await startTestBaton('sqlite', { overrides: { brain: new BrokenBrain() } });
    const api = client(baton.url);
    const c = await api.conversation();
    const turn = await api.say(c.id, c.token, 'What payment methods do you accept?');
    expect(turn.status).toBe(201);
    expect(turn.body.state).toMatchObject({ owner: 'queue', handover: { reasons: ['ai_error'] } });
    expect(turn.body.replies[0].text).toMatch(/trouble.*person/s);
  });
});
