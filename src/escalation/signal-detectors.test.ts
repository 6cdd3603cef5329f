import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Understanding } from '../brain/brain.ts';
import { emptyState } from '../domain/conversation-state.ts';
import { loadConfig } from '../config/config.ts';
import { parsePolicy, PolicyFileError, readPolicyFile } from './policy-file.ts';
import { policyFromConfig } from './policy-from-config.ts';
import { RulesEscalationPolicy } from './rules-policy.ts';
import { signalDetectors } from './signal-detectors.ts';

/** The shipped policy with the shipped detectors, on a conversation whose customer wrote `texts` (the last answered now). */
function decide(texts: string[], policy = readPolicyFile()) {
  const text = texts.at(-1)!;
  const understanding: Understanding = { intent: 'other', confidence: 0.9, entities: [], text };
  const state = { ...emptyState('c-1'), recentCustomerTexts: texts, customerTurns: texts.length };
  return new RulesEscalationPolicy(policy, signalDetectors()).decide({ state, understanding });
}

const codes = (decision: { reasons: { code: string }[] }) => decision.reasons.map((r) => r.code);

describe('the shipped detectors under the shipped policy', () => {
  it('sends a double charge to billing with high priority, quoting the customer', async () => {
    const decision = await decide(['I was charged twice for the same order, please fix it']);
    expect(decision).toMatchObject({ handover: true, priority: 'high', team: 'billing' });
    expect(decision.topics).toContain('payment_dispute');
    const sensitive = decision.reasons.find((r) => r.code === 'sensitive_topic')!;
    expect(sensitive.evidence.join(' ')).toMatch(/charged twice/);
  });

  it('sends card fraud to account management, urgent', async () => {
    const decision = await decide(["There are payments on my card I didn't make, I think someone stole my details"]);
    expect(decision).toMatchObject({ handover: true, priority: 'urgent', team: 'account_management' });
    expect(decision.topics).toContain('fraud_security');
  });

  it('hands over a complaint the customer makes in so many words', async () => {
    const decision = await decide(['I want to file a complaint about the way your staff treated me']);
    expect(decision.handover).toBe(true);
    expect(decision.topics).toContain('complaint');
    expect(codes(decision)).toContain('sensitive_topic');
  });

  it('names a calmly told failure a complaint but lets the AI try first', async () => {
    const decision = await decide(["My new card hasn't arrived yet"]);
    expect(decision.topics).toContain('complaint');
    expect(decision.handover).toBe(false);
    expect(codes(decision)).not.toContain('sensitive_topic');
  });

  it('does not flag questions about a risk that did not happen', async () => {
    for (const text of ['What happens if my card is stolen?', 'Do you offer fraud protection on purchases?', 'How do I turn on two-factor authentication?']) {
      const decision = await decide([text]);
      expect(codes(decision), text).not.toContain('sensitive_topic');
      expect(decision.handover, text).toBe(false);
    }
  });

  it('reads the whole conversation: anger building over three messages hands over with frustration', async () => {
    const calm = await decide(['where is my order?']);
    expect(calm.handover).toBe(false);
    const decision = await decide([
      'where is my order?',
      'I already asked this, where is my order',
      'THIS IS USELESS!!! still no answer after 3 weeks, what a joke',
    ]);
    expect(decision.handover).toBe(true);
    expect(codes(decision)).toContain('frustration');
    const frustration = decision.reasons.find((r) => r.code === 'frustration')!;
    expect(frustration.score).toBeGreaterThanOrEqual(0.6);
    expect(frustration.evidence.length).toBeGreaterThan(0);
  });

  it('keeps a fraud report standing on the next, calmer message', async () => {
    const decision = await decide(["someone logged into my account and changed my password, it wasn't me", 'what should I do now?']);
    expect(decision.handover).toBe(true);
    expect(decision.topics).toContain('fraud_security');
  });

  it('hands a safety report over at once, urgent', async () => {
    const decision = await decide(['the charger you sold me started smoking and sparking in my kitchen']);
    expect(decision).toMatchObject({ handover: true, priority: 'urgent' });
    expect(decision.rules).toContain('high_priority');
    expect(decision.reasons.find((r) => r.code === 'high_priority')!.evidence.length).toBeGreaterThan(0);
  });

  it('notes a bare "urgent" without handing over', async () => {
    const decision = await decide(['urgent: how long does delivery to Germany take?']);
    expect(codes(decision)).toContain('high_priority');
    expect(decision.handover).toBe(false);
  });

  it('sends a large purchase to sales, with the topic', async () => {
    const decision = await decide(['We want to buy 500 seats for our company, can you send us a quote?']);
    expect(decision).toMatchObject({ handover: true, priority: 'high', team: 'sales' });
    expect(decision.topics).toContain('sales');
    expect(codes(decision)).toContain('sales_opportunity');
  });

  it('takes the sensitive topics and their thresholds from the policy file', async () => {
    const shipped = readPolicyFile();
    const withoutComplaints = parsePolicy(
      stringify({
        settings: { ...shipped.settings, sensitiveTopics: { payment_dispute: 0.5 } },
        rules: [{ name: 'payment_dispute', when: { fact: 'topics', path: '$.payment_dispute', operator: 'greaterThanInclusive', value: 0.5 } }],
      }),
      'test-policy.yaml',
    );
    const complaint = await decide(['I want to file a complaint about your service'], withoutComplaints);
    expect(complaint.topics).toContain('complaint');
    expect(codes(complaint)).not.toContain('sensitive_topic');
    expect(complaint.handover).toBe(false);
    const dispute = await decide(['I was charged twice for one order'], withoutComplaints);
    expect(dispute).toMatchObject({ handover: true, rules: ['payment_dispute'] });
  });

  it("routes by the teams' business hours: a large purchase out of sales hours goes to the general queue", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-hours-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(
      file,
      stringify({
        rules: [
          {
            name: 'sales_closed',
            when: { all: [{ fact: 'signals', path: '$.sales_opportunity', operator: 'greaterThanInclusive', value: 0.7 }, { fact: 'teamsOpen', path: '$.sales', operator: 'equal', value: false }] },
            then: { priority: 'normal', team: 'general' },
          },
          { name: 'sales', when: { fact: 'signals', path: '$.sales_opportunity', operator: 'greaterThanInclusive', value: 0.7 }, then: { priority: 'high', team: 'sales' } },
        ],
      }),
    );
    const hours = { sales: { timeZone: 'Europe/London', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'] } } };
    const policy = policyFromConfig(loadConfig({ env: {}, overrides: { escalation: { policyFile: file }, routing: { teamHours: hours } } }));
    const text = 'We want to buy 500 seats for our company, can you send us a quote?';
    const at = (updatedAt: string) => ({ ...emptyState('c-1'), recentCustomerTexts: [text], customerTurns: 1, updatedAt });
    const understanding: Understanding = { intent: 'other', confidence: 0.9, entities: [], text };
    const monday = await policy.decide({ state: at('2026-11-30T10:00:00.000Z'), understanding });
    expect(monday).toMatchObject({ handover: true, team: 'sales', priority: 'high', rules: ['sales'] });
    const saturday = await policy.decide({ state: at('2026-11-28T10:00:00.000Z'), understanding });
    expect(saturday).toMatchObject({ handover: true, team: 'general', rules: ['sales_closed', 'sales'] });

    // a rule asking the hours of a team that has none would never see it closed: start refuses it
    expect(() => policyFromConfig(loadConfig({ env: {}, overrides: { escalation: { policyFile: file } } }))).toThrow(PolicyFileError);
    expect(() => policyFromConfig(loadConfig({ env: {}, overrides: { escalation: { policyFile: file } } }))).toThrow(/rule "sales_closed" asks whether team "sales" is open/);
    rmSync(dir, { recursive: true, force: true });
  });
});
