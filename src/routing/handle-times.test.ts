import { describe, expect, it } from 'vitest';
import { SYSTEM, type NewEvent, type StoredEvent } from '../domain/events.ts';
import { handleTimesFrom, waitsFrom } from './handle-times.ts';

let position = 0;
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)).toISOString();
const event = (conversationId: string, seconds: number, e: NewEvent): StoredEvent =>
  ({ ...e, conversationId, seq: 1, position: ++position, at: at(seconds) }) as StoredEvent;
const queued = (team: string, queuedAt?: string): NewEvent => ({ type: 'conversation.queued', actor: SYSTEM, data: { team, priority: 'normal', ...(queuedAt ? { queuedAt } : {}) } });
const assigned = (team: string): NewEvent => ({ type: 'conversation.assigned', actor: SYSTEM, data: { agentId: 'a', agentName: 'A', team, via: 'auto' } });
const resolved: NewEvent = { type: 'conversation.resolved', actor: SYSTEM, data: {} };
const handedBack: NewEvent = { type: 'conversation.handed_back', actor: SYSTEM, data: {} };

describe('history from the log', () => {
  const log = [
    event('a', 0, queued('billing')),
    event('b', 5, queued('sales')),
    event('a', 60, assigned('billing')),
    event('b', 200, assigned('sales')),
    event('a', 360, resolved),
    event('b', 500, handedBack),
    // requeued keeping its place (queued at 600), taken at 700: a wait of 100 s
    event('c', 650, queued('general', at(600))),
    event('c', 700, assigned('general')),
  ];

  it('reads handle times from assignment to the next end, by team, in any order given', () => {
    expect(handleTimesFrom([...log].reverse()).map(({ team, seconds }) => [team, seconds])).toEqual([
      ['billing', 300],
      ['sales', 300],
    ]);
  });

  it('reads waits from the place in line to being taken', () => {
    expect(waitsFrom(log).map(({ team, seconds }) => [team, seconds])).toEqual([
      ['billing', 60],
      ['sales', 195],
      ['general', 100],
    ]);
  });
});
