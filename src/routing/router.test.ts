import { describe, expect, it } from 'vitest';
import type { EscalationDecision } from '../escalation/policy.ts';
import { PolicyTeamRouter } from './router.ts';

const decision = (changes: Partial<EscalationDecision> = {}): EscalationDecision => ({
  handover: true,
  reasons: [],
  topics: [],
  priority: 'normal',
  rules: [],
  ...changes,
});

describe('the policy-team router', () => {
  it("routes to the team the policy names, with the policy's priority", () => {
    expect(new PolicyTeamRouter('general').route(decision({ team: 'billing', priority: 'high' }))).toEqual({ team: 'billing', priority: 'high' });
  });

  it('routes everything else to the default team', () => {
    expect(new PolicyTeamRouter('general').route(decision())).toEqual({ team: 'general', priority: 'normal' });
  });
});
