import type { ToldWait } from '../domain/events.ts';

/**
 * What a waiting customer can be promised: their place in line and a range, or why no range can be given; and, when
 * the team is closed, when it opens. Pure.
 */
export interface WaitOutlook {
  team: string;
  position: number;
  eta: { lowSeconds: number; highSeconds: number } | null;
  /** Why there is no range (no agent online, not enough history). */
  etaUnknownReason?: string;
  /** How the range was made: from the online agents' capacity and handle times, or (nobody online) the team's recent waits. */
  basis?: 'capacity' | 'recent_waits';
  /** Set when the team is closed now: when it next opens (ISO-8601), and that told in words. */
  opensAt?: string;
  opening?: string;
  /** Closed, with no opening in sight (no hours at all ahead). */
  closed?: boolean;
}

/** The outlook as the customer is told it, kept in the message that tells it. */
export function toldWait(outlook: WaitOutlook): ToldWait {
  return {
    position: outlook.position,
    ...(outlook.eta ? { lowSeconds: outlook.eta.lowSeconds, highSeconds: outlook.eta.highSeconds } : {}),
    ...(outlook.opensAt ? { opensAt: outlook.opensAt } : {}),
  };
}

/** A change in the promised wait smaller than this is not worth a message (the stream still shows it). */
const MIN_MATERIAL_SECONDS = 120;
const MIN_MATERIAL_SHARE = 0.5;
/** Never more than one wait message in this long, unless the customer is next. */
const MIN_GAP_SECONDS = 60;

/**
 * Whether the wait changed enough since the customer was last told to tell them again: they are next now; a range
 * appeared or went (agents came online or left, the team opened); the range's midpoint moved by more than half and
 * more than two minutes. Not more than once a minute, except to say they are next.
 */
export function changedMaterially(told: (ToldWait & { at: string }) | null, now: WaitOutlook, at: Date): boolean {
  if (told === null) return true;
  if (now.position === 1 && told.position > 1 && (now.eta === null || now.eta.highSeconds <= 120)) return true;
  if ((Date.parse(told.at) + MIN_GAP_SECONDS * 1000) > at.getTime()) return false;
  if (Boolean(told.opensAt) !== Boolean(now.opensAt)) return true;
  const hadRange = told.lowSeconds !== undefined && told.highSeconds !== undefined;
  if (hadRange !== (now.eta !== null)) return true;
  if (!hadRange || now.eta === null) return false;
  const before = (told.lowSeconds! + told.highSeconds!) / 2;
  const after = (now.eta.lowSeconds + now.eta.highSeconds) / 2;
  const moved = Math.abs(after - before);
  return moved > MIN_MATERIAL_SECONDS && moved > MIN_MATERIAL_SHARE * before;
}
