import type { Config } from '../config/config.ts';
import { readPolicyFile } from './policy-file.ts';
import { RulesEscalationPolicy } from './rules-policy.ts';
import { signalDetectors } from './signal-detectors.ts';

/** The escalation policy: the configured file (or the shipped default), with the config's override of its settings. */
export function policyFromConfig(config: Config): RulesEscalationPolicy {
  const policy = readPolicyFile(config.escalation.policyFile);
  const maxUnresolvedTurns = config.escalation.maxUnresolvedTurns ?? policy.settings.maxUnresolvedTurns;
  return new RulesEscalationPolicy({ ...policy, settings: { ...policy.settings, maxUnresolvedTurns } }, signalDetectors());
}
