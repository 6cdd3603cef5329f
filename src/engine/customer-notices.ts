import type { WaitOutlook } from '../routing/wait-outlook.ts';

/** What the customer is told at each step of a handover, in plain words. */

export function teamLabel(team: string): string {
  return team.replace(/_/g, ' ');
}

const NO_REPEAT = "they can see our whole conversation, so you won't need to repeat anything";
const FOLLOW_UP = "If you'd rather not wait here, leave your email and they'll follow up by email.";

/** "about 3–6 minutes", "less than a minute", "about 1–2 hours". */
export function describeRange(lowSeconds: number, highSeconds: number): string {
  if (highSeconds < 60) return 'less than a minute';
  const inMinutes = highSeconds < 90 * 60;
  const unit = inMinutes ? 60 : 3600;
  const low = Math.max(inMinutes ? 1 : 1, Math.floor(lowSeconds / unit));
  const high = Math.max(low, Math.ceil(highSeconds / unit));
  const name = inMinutes ? 'minute' : 'hour';
  return low === high ? `about ${low} ${name}${low === 1 ? '' : 's'}` : `about ${low}–${high} ${name}s`;
}

/** Where the customer stands and roughly when, in a sentence or two (the team's name is said by the caller). */
function whereAndWhen(outlook: WaitOutlook): string {
  const place = outlook.position === 1 ? "You're next in line" : `You're number ${outlook.position} in line`;
  if (outlook.opensAt || outlook.closed) {
    const opens = outlook.opening ? `They're closed right now and open ${outlook.opening}` : "They're closed right now";
    return `${opens}. ${place}, and they'll reply right here once they're back. ${FOLLOW_UP}`;
  }
  if (outlook.eta && outlook.basis === 'recent_waits') {
    const range = describeRange(outlook.eta.lowSeconds, outlook.eta.highSeconds).replace(/^about /, '');
    return `${place}. Nobody from the team is free this minute; lately people have waited about ${range} for them, and I'll let you know if that changes.`;
  }
  if (outlook.eta) {
    const { lowSeconds, highSeconds } = outlook.eta;
    const when = highSeconds === 0 ? 'someone should be with you in a moment' : `someone should be with you in ${describeRange(lowSeconds, highSeconds)}`;
    return `${place}, and ${when}.`;
  }
  if (outlook.etaUnknownReason?.startsWith('no agent')) {
    return `${place}. Nobody from the team is free right now, so I can't promise a time yet; I'll let you know as soon as I can. ${FOLLOW_UP}`;
  }
  return `${place}. I can't estimate the wait yet, but I'll let you know when I can.`;
}

export function handoverNotice(team: string, outlook?: WaitOutlook): string {
  const opening = `I'm passing you to a person from our ${teamLabel(team)} team. They'll reply right here, and ${NO_REPEAT}.`;
  if (!outlook) return `I'm passing you to a person from our ${teamLabel(team)} team. You're in the queue and they will reply right here; ${NO_REPEAT}.`;
  return `${opening} ${whereAndWhen(outlook)}`;
}

/** A material change in the wait (see changedMaterially). */
export function waitUpdateNotice(outlook: WaitOutlook): string {
  return `An update on your wait for our ${teamLabel(outlook.team)} team: ${lowerFirst(whereAndWhen(outlook))}`;
}

export function overflowNotice(fromTeam: string, toTeam: string): string {
  return `Our ${teamLabel(fromTeam)} team is busier than usual, so I've moved you to our ${teamLabel(toTeam)} team's queue, keeping your place in line.`;
}

export function requeuedNotice(agentName: string | null, team: string): string {
  return `${agentName ?? 'The person helping you'} had to step away, so you're back in the queue for our ${teamLabel(team)} team, in the same place as before. The next person can see everything so far.`;
}

export function followUpNotice(email: string): string {
  return `Thanks, if you're not here when the team replies, they'll follow up at ${email}. You keep your place in the queue.`;
}

export function stillQueuedNotice(team: string): string {
  return `You're still in the queue for our ${teamLabel(team)} team, and a person will reply here as soon as they can. I can keep helping in the meantime.`;
}

export function aiErrorNotice(): string {
  return "Sorry, I'm having trouble answering right now.";
}

/** Added to what the AI says while the customer waits for a person. */
export function whileWaitingNote(team: string): string {
  return `(I'm the assistant. You're still in the queue for our ${teamLabel(team)} team, and a person will join you here.)`;
}

function lowerFirst(text: string): string {
  return text.startsWith("You're") || text.startsWith('They') ? text[0]!.toLowerCase() + text.slice(1) : text;
}
