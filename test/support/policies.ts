import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A policy that hands over only when the customer asks for a person. Tests of durability and delivery send bursts of
 * look-alike messages that the shipped policy rightly reads as a customer going round in circles; with this policy
 * their conversations stay with the AI, and what they test does not move with the escalation rules.
 */
export function writeRequestOnlyPolicy(dir: string): string {
  const file = join(dir, 'request-only-policy.yaml');
  writeFileSync(
    file,
    'rules:\n  - name: human_requested\n    when: { fact: signals, path: $.human_requested, operator: greaterThanInclusive, value: 0.5 }\n',
  );
  return file;
}
