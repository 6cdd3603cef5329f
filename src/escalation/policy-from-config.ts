import type { Config } from '../config/config.ts';
import { pathsOf, PolicyFileError, readPolicyFile } from './policy-file.ts';
import { RulesEscalationPolicy } from './rules-policy.ts';
import { signalDetectors } from './signal-detectors.ts';

/**
 * The escalation policy: the configured file (or the shipped default), with the config's override of its settings and
 * the teams' business hours. A rule asking the hours of a team that has none configured stops start: it would never
 * see the team closed.
 */
export function policyFromConfig(config: Config): RulesEscalationPolicy {
  const policy = readPolicyFile(config.escalation.policyFile);
  const teamHours = config.routing.teamHours;
  for (const rule of policy.rules) {
    for (const team of pathsOf(rule.when, 'teamsOpen')) {
      if (!Object.hasOwn(teamHours, team)) {
        const known = Object.keys(teamHours);
        throw new PolicyFileError(
          `${config.escalation.policyFile ?? 'the shipped policy'}: rule "${rule.name}" asks whether team "${team}" is open, but routing.teamHours has ${known.length > 0 ? `only ${known.join(', ')}` : 'no team'}`,
        );
      }
    }
  }
  const maxUnresolvedTurns = config.escalation.maxUnresolvedTurns ?? policy.settings.maxUnresolvedTurns;
  return new RulesEscalationPolicy({ ...policy, settings: { ...policy.settings, maxUnresolvedTurns } }, signalDetectors(), teamHours);
}
