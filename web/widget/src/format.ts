import type { ConvState, Message, QueueInfo } from './api.ts';

/** "technical_support" → "Technical support". */
export function teamTitle(team: string | undefined): string {
  if (!team) return 'our team';
  const words = team.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "about 3–6 minutes", "less than a minute", "about 1–2 hours" (as the server words it). */
export function describeRange(lowSeconds: number, highSeconds: number): string {
  if (highSeconds <= 0) return 'any moment now';
  if (highSeconds < 60) return 'less than a minute';
  const inMinutes = highSeconds < 90 * 60;
  const unit = inMinutes ? 60 : 3600;
  const low = Math.max(1, Math.floor(lowSeconds / unit));
  const high = Math.max(low, Math.ceil(highSeconds / unit));
  const name = inMinutes ? 'minute' : 'hour';
  return low === high ? `about ${low} ${name}${low === 1 ? '' : 's'}` : `about ${low}–${high} ${name}s`;
}

/** "You're number 2 in line · about 3–6 minutes". */
export function queueText(queue: QueueInfo): string {
  const place = `You're number ${queue.position} in line`;
  if (queue.eta) return `${place} · ${describeRange(queue.eta.lowSeconds, queue.eta.highSeconds)}`;
  if (queue.opensAt) return `${place} · they'll reply once they're back`;
  return `${place} · we can't promise a time yet`;
}

/** Who replies now: "Assistant", "Theo Tech · Technical support", "Waiting for …". */
export function statusText(state: ConvState | null): string {
  if (!state) return 'Assistant';
  if (state.owner === 'human') {
    const name = state.agent?.name;
    return name ? `${name} · ${teamTitle(state.team)}` : `A person from ${teamTitle(state.team)}`;
  }
  if (state.owner === 'queue') return `Waiting for a person from ${teamTitle(state.team)}`;
  return 'Assistant';
}

export function authorText(message: Message): string {
  switch (message.role) {
    case 'customer':
      return 'You';
    case 'agent': {
      const team = message.author.team;
      return `${message.author.name ?? 'Support'}${team ? ` · ${teamTitle(team)}` : ''}`;
    }
    default:
      return message.author.name ?? 'Assistant';
  }
}

export function firstName(name: string | undefined): string {
  return name?.trim().split(/\s+/)[0] || 'Someone';
}

export function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** A v4 uuid; crypto.randomUUID exists only in secure contexts, so fall back to getRandomValues. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
