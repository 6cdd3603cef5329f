import { NO_SIGNAL, type SignalResult } from './signal.ts';

/** `vip`: the customer's attributes (from the account connector or the widget) say a person should serve them. */
export function detectVip(attributes: Record<string, unknown> | undefined, vipTiers: readonly string[]): SignalResult {
  const tier = attributes?.tier;
  if (typeof tier !== 'string') return NO_SIGNAL;
  const normalised = tier.trim().toLowerCase();
  return vipTiers.some((t) => t.toLowerCase() === normalised) ? { score: 1, evidence: [`tier: ${tier}`] } : NO_SIGNAL;
}
