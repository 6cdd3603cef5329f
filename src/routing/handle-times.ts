import type { StoredEvent } from '../domain/events.ts';

/** The events that start and end a person's handling of a conversation. */
export const HANDLING_EVENT_TYPES = [
  'conversation.assigned',
  'conversation.transferred',
  'conversation.queued',
  'conversation.handed_back',
  'conversation.resolved',
  'conversation.abandoned',
] as const;

/**
 * Handle times, by team, from a stretch of the event log (any order, any conversations): from a conversation being
 * assigned (or transferred to an agent) to its next end (resolved, handed back, queued again, transferred on). Pure.
 * How the queues' wait promises learn at start what agents took before.
 */
export function handleTimesFrom(events: readonly StoredEvent[]): { team: string; seconds: number; endedAt: string }[] {
  const ordered = [...events].sort((a, b) => a.position - b.position);
  const open = new Map<string, { team: string; at: number }>();
  const times: { team: string; seconds: number; endedAt: string }[] = [];
  for (const event of ordered) {
    const started = open.get(event.conversationId);
    const end = () => {
      if (!started) return;
      times.push({ team: started.team, seconds: (Date.parse(event.at) - started.at) / 1000, endedAt: event.at });
      open.delete(event.conversationId);
    };
    switch (event.type) {
      case 'conversation.assigned':
        end();
        open.set(event.conversationId, { team: event.data.team, at: Date.parse(event.at) });
        break;
      case 'conversation.transferred':
        end();
        if (event.data.toAgentId) open.set(event.conversationId, { team: event.data.toTeam, at: Date.parse(event.at) });
        break;
      case 'conversation.queued':
      case 'conversation.handed_back':
      case 'conversation.resolved':
      case 'conversation.abandoned':
        end();
        break;
      default:
        break;
    }
  }
  return times.sort((a, b) => a.endedAt.localeCompare(b.endedAt));
}

/**
 * Waits, by team, from a stretch of the event log: from joining a queue (its place: `queuedAt` as the event keeps
 * it) to being taken by a person (assigned, or transferred to one). Pure.
 */
export function waitsFrom(events: readonly StoredEvent[]): { team: string; seconds: number; at: string }[] {
  const ordered = [...events].sort((a, b) => a.position - b.position);
  const queued = new Map<string, { team: string; at: number }>();
  const waits: { team: string; seconds: number; at: string }[] = [];
  for (const event of ordered) {
    if (event.type === 'conversation.queued') {
      queued.set(event.conversationId, { team: event.data.team, at: Date.parse(event.data.queuedAt ?? event.at) });
    } else if (event.type === 'conversation.transferred' && !event.data.toAgentId) {
      queued.set(event.conversationId, { team: event.data.toTeam, at: Date.parse(event.at) });
    } else if (event.type === 'conversation.assigned' || (event.type === 'conversation.transferred' && event.data.toAgentId)) {
      const waiting = queued.get(event.conversationId);
      if (waiting) waits.push({ team: waiting.team, seconds: (Date.parse(event.at) - waiting.at) / 1000, at: event.at });
      queued.delete(event.conversationId);
    } else if (event.type === 'conversation.resolved' || event.type === 'conversation.handed_back' || event.type === 'conversation.abandoned') {
      queued.delete(event.conversationId);
    }
  }
  return waits.sort((a, b) => a.at.localeCompare(b.at));
}
