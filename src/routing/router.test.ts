import { describe, expect, it } from 'vitest';
import { emptyState, type ConversationState } from '../domain/conversation-state.ts';
import type { EscalationDecision } from '../escalation/policy.ts';
import { WorkflowRouter } from './router.ts';
import { parseWorkflow, readWorkflowFile, WorkflowFileError } from './workflow-file.ts';

const decision = (changes: Partial<EscalationDecision> = {}): EscalationDecision => ({
  handover: true,
  reasons: [{ code: 'human_requested', score: 1, evidence: ['a person'] }],
  topics: [],
  priority: 'normal',
  rules: ['human_requested'],
  ...changes,
});
const customer = (attributes: Record<string, unknown>): ConversationState => ({ ...emptyState('c-1'), customer: { attributes } });
const reason = (code: string) => ({ code, score: 1, evidence: [] });

describe('the shipped routing workflow', () => {
  const router = new WorkflowRouter(readWorkflowFile());
  const teamOf = (changes: Partial<EscalationDecision>, state = emptyState('c-1')) => router.route(decision(changes), state).team;

  it('sends each topic to its team, as the issue lays out', () => {
    expect(teamOf({ topics: ['payment_dispute'] })).toBe('billing');
    expect(teamOf({ topics: ['billing'] })).toBe('billing');
    expect(teamOf({ topics: ['refund'] })).toBe('billing');
    expect(teamOf({ topics: ['technical'] })).toBe('technical_support');
    expect(teamOf({ topics: ['sales'] })).toBe('sales');
    expect(teamOf({ reasons: [reason('sales_opportunity')] })).toBe('sales');
    expect(teamOf({ topics: ['account'] })).toBe('account_management');
    expect(teamOf({ topics: ['fraud_security'] })).toBe('account_management');
    expect(teamOf({ reasons: [reason('vip')] })).toBe('account_management');
    expect(teamOf({ topics: ['shipping'] })).toBe('general');
    expect(teamOf({})).toBe('general');
  });

  it('names the filter and the overflow targets, and keeps the priority', () => {
    expect(router.route(decision({ topics: ['refund'], priority: 'high' }), emptyState('c-1'))).toEqual({
      team: 'billing',
      priority: 'high',
      filter: 'billing',
      targets: [{ team: 'billing', timeoutSeconds: 600 }, { team: 'general' }],
    });
  });

  it('lets a team the escalation policy named win', () => {
    expect(teamOf({ topics: ['technical'], team: 'account_management' })).toBe('account_management');
  });
});

describe('a workflow of its own', () => {
  const yaml = `
filters:
  - name: german_vips
    when: { tier: [VIP], language: [de] }
    targets: [{ team: vip_de, skills: "german && (billing || accounts)" }]
  - name: urgent
    when: [{ priority: [urgent] }, { reasons: [high_priority] }]
    targets: [{ team: escalations, timeoutSeconds: 60 }, { team: general }]
default:
  targets: [{ team: general }]
`;
  const router = new WorkflowRouter(parseWorkflow(yaml, 'business.yaml'));

  it('matches every field a condition names, any of its alternatives', () => {
    expect(router.route(decision(), customer({ tier: 'vip', language: 'DE' })).team).toBe('vip_de');
    expect(router.route(decision(), customer({ tier: 'vip', language: 'en' })).team).toBe('general');
    expect(router.route(decision({ priority: 'urgent' }), customer({})).team).toBe('escalations');
    expect(router.route(decision({ reasons: [reason('high_priority')] }), customer({})).team).toBe('escalations');
  });

  it.each([
    ['not YAML', 'filters: [\n', /business\.yaml \(line \d+\): not valid YAML/],
    ['no default', 'filters: []\n', /business\.yaml: default/],
    ['an empty condition', 'filters:\n  - name: x\n    when: {}\n    targets: [{ team: a }]\ndefault: { targets: [{ team: g }] }\n', /filter "x" when: a condition names at least one/],
    ['an unknown field', 'filters:\n  - name: x\n    when: { mood: [angry] }\n    targets: [{ team: a }]\ndefault: { targets: [{ team: g }] }\n', /filter "x" when/],
    ['a bad skill expression', 'filters:\n  - name: x\n    when: { topics: [sales] }\n    targets: [{ team: a, skills: "german &&" }]\ndefault: { targets: [{ team: g }] }\n', /filter "x" targets\.0\.skills/],
    ['a skill expression the pattern lets through', 'filters:\n  - name: x\n    when: { topics: [sales] }\n    targets: [{ team: a, skills: "()billing" }]\ndefault: { targets: [{ team: g }] }\n', /filter "x" targets\.0\.skills: skill expression "\(\)billing": expected a skill/],
    ['no targets', 'filters:\n  - name: x\n    when: { topics: [sales] }\n    targets: []\ndefault: { targets: [{ team: g }] }\n', /filter "x" targets/],
    ['two filters with one name', 'filters:\n  - name: x\n    when: { topics: [sales] }\n    targets: [{ team: a }]\n  - name: x\n    when: { topics: [refund] }\n    targets: [{ team: b }]\ndefault: { targets: [{ team: g }] }\n', /"x" is used by an earlier filter/],
  ])('is refused with the file, the filter and the reason: %s', (_, text, message) => {
    expect(() => parseWorkflow(text, 'business.yaml')).toThrow(WorkflowFileError);
    expect(() => parseWorkflow(text, 'business.yaml')).toThrow(message);
  });

  it('is refused when it cannot be read', () => {
    expect(() => readWorkflowFile('/nonexistent/workflow.yaml')).toThrow(/\/nonexistent\/workflow\.yaml: cannot be read \(ENOENT\)/);
  });
});
