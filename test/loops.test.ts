import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.ts';
import { buildEvalPipeline } from '../src/evaluation/pipeline.ts';
import { replayCase } from '../src/evaluation/replay.ts';
import type { TurnDeciders } from '../src/engine/decide-turn.ts';

/**
 * The AI never loops: the service's own pipeline (offline brain, shipped policy, router) replayed over conversations
 * that go round in circles, each of which must reach a person within a turn or two, and over one that does not.
 */
let deciders: TurnDeciders;
beforeAll(async () => {
  deciders = (await buildEvalPipeline(loadConfig({ env: {} }))).deciders;
}, 60_000);

const conversation = (...texts: string[]) => ({ id: 'loop', turns: texts.map((text) => ({ role: 'customer' as const, text })) });

describe('going round in circles hands over', () => {
  it('names a question the help centre cannot answer cannot_resolve, and steps aside after the second', async () => {
    const one = await replayCase(deciders, conversation('Do you sell gift cards?'));
    expect(one).toMatchObject({ handover: false });
    expect(one.reasons).toContain('cannot_resolve');
    const more = await replayCase(deciders, conversation('Do you sell gift cards?', 'Do you sell tents for six people?', 'Can I collect from your warehouse?'));
    expect(more.handover).toBe(true);
    expect(more.turn).toBeLessThanOrEqual(2);
    expect(more.reasons).toContain('repeated_failure');
  });

  it('hands over when the customer sends the same request again', async () => {
    const result = await replayCase(deciders, conversation('How long do refunds take?', 'how long do refunds take??'));
    expect(result).toMatchObject({ handover: true, turn: 1 });
    expect(result.reasons).toContain('repeated_failure');
  });

  it("hands over when the customer says the answer missed", async () => {
    const result = await replayCase(deciders, conversation('What is your return policy?', "that's not what I asked, I want to know who pays for the return label"));
    expect(result).toMatchObject({ handover: true, turn: 1 });
    expect(result.reasons).toContain('repeated_failure');
  });

  it('lets a conversation of different routine questions go on with the AI', async () => {
    const result = await replayCase(
      deciders,
      conversation('How long does delivery take?', 'What is your return policy?', 'What payment methods do you accept?', 'thanks, bye'),
    );
    expect(result.handover).toBe(false);
    expect(result.reasons).not.toContain('repeated_failure');
  });
});
