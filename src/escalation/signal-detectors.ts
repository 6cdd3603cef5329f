import type { SignalDetectors } from './detect-signals.ts';

/** The detectors the policy runs on every turn beyond the built-in ones (requests for a person, loops, VIP, keywords). */
export function signalDetectors(): SignalDetectors {
  return { topics: [] };
}
