import { describe, expect, it } from 'vitest';
import type { Understanding } from '../brain/brain.ts';
import { emptyState, type ConversationState } from '../domain/conversation-state.ts';
import type { SignalDetectors } from './detect-signals.ts';
import { parsePolicy, PolicyFileError, readPolicyFile, type PolicyFile } from './policy-file.ts';
import { RulesEscalationPolicy } from './rules-policy.ts';

const understood = (text: string, intent = 'delivery_time'): Understanding => ({ intent, confidence: 0.9, entities: [], text });
const stateWith = (changes: Partial<ConversationState> = {}): ConversationState => ({ ...emptyState('c-1'), ...changes });
const noDetectors: SignalDetectors = { topics: [] };

function policyOf(policy: PolicyFile = readPolicyFile(), detectors: SignalDetectors = noDetectors) {
  return new RulesEscalationPolicy(policy, detectors);
}

describe('the shipped policy', () => {
  it('hands a request for a person over at once, with the evidence and the rule that held', async () => {
    const decision = await policyOf().decide({ state: stateWith(), understanding: understood('can I talk to a real person please', 'human_request') });
    expect(decision).toMatchObject({ handover: true, rules: ['human_requested'], priority: 'normal' });
    expect(decision.reasons[0]).toMatchObject({ code: 'human_requested', score: 1, evidence: ['talk to a real person'] });
  });

  it('lets the AI answer a routine question: nothing fires, no rule holds', async () => {
    const decision = await policyOf().decide({ state: stateWith(), understanding: understood('how long does delivery take?') });
    expect(decision).toEqual({ handover: false, reasons: [], topics: [], priority: 'normal', rules: [] });
  });

  it('steps aside after two turns in a row it could not understand, never looping', async () => {
    const policy = policyOf();
    const first = await policy.decide({ state: stateWith(), understanding: understood('blorp the flanges', 'unknown') });
    expect(first.handover).toBe(false);
    expect(first.reasons.map((r) => r.code)).toEqual(['cannot_resolve']);
    const second = await policy.decide({ state: stateWith({ misunderstoodStreak: 1 }), understanding: understood('flanges!!', 'unknown') });
    expect(second).toMatchObject({ handover: true, rules: ['repeated_failure'] });
  });

  it('sends VIP customers to account management with high priority', async () => {
    const state = stateWith({ customer: { attributes: { tier: 'VIP' } } });
    const decision = await policyOf().decide({ state, understanding: understood('how long does delivery take?') });
    expect(decision).toMatchObject({ handover: true, rules: ['vip'], priority: 'high', team: 'account_management' });
    expect(decision.reasons).toEqual([{ code: 'vip', score: 1, evidence: ['tier: VIP'] }]);
  });

  it('sends sensitive topics to people, the most urgent priority and the first team winning', async () => {
    const detectors: SignalDetectors = {
      topics: [
        () => [
          { topic: 'payment_dispute', score: 0.8, evidence: ['charged twice'] },
          { topic: 'fraud_security', score: 0.9, evidence: ["I didn't make this payment"] },
        ],
      ],
    };
    const decision = await policyOf(readPolicyFile(), detectors).decide({ state: stateWith(), understanding: understood('…') });
    expect(decision).toMatchObject({ handover: true, priority: 'urgent', team: 'account_management', rules: ['fraud_security', 'payment_dispute'] });
    expect(decision.topics).toEqual(['fraud_security', 'payment_dispute']);
    expect(decision.reasons[0]).toMatchObject({ code: 'sensitive_topic', score: 0.9, evidence: ["I didn't make this payment", 'charged twice'] });
  });

  it('reports a topic it does not hand over for (cancellation) without handing over', async () => {
    const detectors: SignalDetectors = { topics: [() => [{ topic: 'cancellation', score: 0.9, evidence: ['cancel my order'] }]] };
    const decision = await policyOf(readPolicyFile(), detectors).decide({ state: stateWith(), understanding: understood('please cancel my order') });
    expect(decision).toMatchObject({ handover: false, topics: ['cancellation'], rules: [] });
  });

  it('reads the whole recent conversation for topics and frustration, not only the last message', async () => {
    const seen: string[][] = [];
    const detectors: SignalDetectors = {
      topics: [(turns) => (seen.push([...turns]), [])],
      scored: [{ reason: 'frustration', detect: (turns) => (turns.some((t) => t.includes('useless')) ? { score: 0.7, evidence: ['useless'] } : { score: 0, evidence: [] }) }],
    };
    const state = stateWith({ recentCustomerTexts: ['this bot is useless', 'ok where is my parcel'] });
    const decision = await policyOf(readPolicyFile(), detectors).decide({ state, understanding: understood('ok where is my parcel') });
    expect(seen).toEqual([['this bot is useless', 'ok where is my parcel']]);
    expect(decision).toMatchObject({ handover: true, rules: ['frustration'], priority: 'high' });
  });
});

describe('a business policy', () => {
  const yaml = `
settings:
  keywords: [chargeback, "speak to your manager"]
rules:
  - name: big_spender
    when:
      all:
        - { fact: customer, path: $.lifetimeValue, operator: greaterThan, value: 10000 }
        - { fact: customerTurns, operator: greaterThanInclusive, value: 3 }
    then: { priority: high, team: sales }
  - name: keyword
    when: { fact: signals, path: $.keyword, operator: greaterThan, value: 0 }
`;

  it('runs rules over customer attributes and counts, even on a turn where no signal fired', async () => {
    const policy = policyOf(parsePolicy(yaml, 'business.yaml'));
    const rich = stateWith({ customer: { attributes: { lifetimeValue: 12_000 } } });
    expect((await policy.decide({ state: { ...rich, customerTurns: 2 }, understanding: understood('hello') })).handover).toBe(false);
    expect(await policy.decide({ state: { ...rich, customerTurns: 3 }, understanding: understood('hello') })).toMatchObject({
      handover: true,
      rules: ['big_spender'],
      team: 'sales',
    });
  });

  it('hands over on a configured keyword or phrase, as whole words in any case', async () => {
    const policy = policyOf(parsePolicy(yaml, 'business.yaml'));
    const decision = await policy.decide({ state: stateWith(), understanding: understood('I will file a CHARGEBACK today') });
    expect(decision).toMatchObject({ handover: true, rules: ['keyword'] });
    expect(decision.reasons).toEqual([{ code: 'keyword', score: 1, evidence: ['CHARGEBACK'] }]);
    expect((await policy.decide({ state: stateWith(), understanding: understood('chargebacks explained') })).handover).toBe(false);
  });
});

describe('a policy file that cannot be used', () => {
  const rule = (when: string) => `rules:\n  - name: bad_rule\n    when: ${when}\n    then: { priority: high }\n`;

  it.each([
    ['not YAML', 'rules: [\n', /policy\.yaml \(line \d+\): not valid YAML/],
    ['an unknown operator', rule('{ fact: signals, path: $.frustration, operator: above, value: 1 }'), /rule "bad_rule" when.*operator/],
    ['a signal outside the vocabulary', rule('{ fact: signals, path: $.anger, operator: greaterThan, value: 0 }'), /rule "bad_rule".*signals path must name a reason/],
    ['a topic outside the vocabulary', rule('{ fact: topics, path: $.weather, operator: greaterThan, value: 0 }'), /rule "bad_rule".*topics path must name a topic/],
    ['an unknown fact', rule('{ fact: mood, operator: equal, value: 1 }'), /rule "bad_rule" when/],
    ['a condition without a value', rule('{ fact: customerTurns, operator: greaterThan }'), /rule "bad_rule".*needs a value/],
    ['no rules', 'settings: {}\n', /policy\.yaml: rules/],
    ['a sensitive topic outside the vocabulary', `settings:\n  sensitiveTopics: { weather: 0.5 }\n${rule('{ fact: customerTurns, operator: greaterThan, value: 1 }')}`, /policy\.yaml: settings\.sensitiveTopics/],
    ['a sensitive-topic score above 1', `settings:\n  sensitiveTopics: { legal: 2 }\n${rule('{ fact: customerTurns, operator: greaterThan, value: 1 }')}`, /policy\.yaml: settings\.sensitiveTopics\.legal/],
    ['two rules with one name', `${rule('{ fact: customerTurns, operator: greaterThan, value: 1 }')}${rule('{ fact: customerTurns, operator: greaterThan, value: 2 }').replace('rules:\n', '')}`, /"bad_rule" is used by an earlier rule/],
  ])('is refused with the file, the rule and the reason: %s', (_, text, message) => {
    expect(() => parsePolicy(text, 'policy.yaml')).toThrow(PolicyFileError);
    expect(() => parsePolicy(text, 'policy.yaml')).toThrow(message);
  });

  it('is refused when it cannot be read', () => {
    expect(() => readPolicyFile('/nonexistent/policy.yaml')).toThrow(/\/nonexistent\/policy\.yaml: cannot be read \(ENOENT\)/);
  });
});
