/** What the customer is told at each step of a handover, in plain words. */

export function teamLabel(team: string): string {
  return team.replace(/_/g, ' ');
}

export function handoverNotice(team: string): string {
  return (
    `I'm passing you to a person from our ${teamLabel(team)} team. You're in the queue and they will reply right here; ` +
    `they can see our whole conversation, so you won't need to repeat anything.`
  );
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
