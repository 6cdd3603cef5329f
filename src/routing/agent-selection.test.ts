import { describe, expect, it } from 'vitest';
import { canTake, chooseAgent, createRoundRobinCursor, freeCapacity, type AgentCandidate } from './agent-selection.ts';

const agent = (id: string, changes: Partial<AgentCandidate> = {}): AgentCandidate => ({ id, online: true, capacity: 1, active: 0, idleSince: 0, ...changes });

describe('free capacity', () => {
  it('is what an online agent can still take; nothing when offline or full', () => {
    expect(freeCapacity(agent('a', { capacity: 3, active: 1 }))).toBe(2);
    expect(freeCapacity(agent('a', { capacity: 2, active: 2 }))).toBe(0);
    expect(freeCapacity(agent('a', { capacity: 1, active: 3 }))).toBe(0);
    expect(freeCapacity(agent('a', { online: false }))).toBe(0);
  });

  it('with skills asked for, only agents with every one of them can take', () => {
    const polyglot = agent('p', { skills: ['billing', 'german', 'french'] });
    expect(canTake(polyglot, { requiredSkills: ['billing', 'german'] })).toBe(true);
    expect(canTake(polyglot, { requiredSkills: ['billing', 'spanish'] })).toBe(false);
    expect(canTake(agent('x'), { requiredSkills: ['billing'] })).toBe(false);
    expect(canTake(agent('x'), { requiredSkills: [] })).toBe(true);
  });
});

describe('longest idle (the default)', () => {
  it('chooses the agent idle longest among those who can take a conversation', () => {
    const agents = [
      agent('busy', { idleSince: 0, active: 1 }),
      agent('away', { idleSince: 1, online: false }),
      agent('recent', { idleSince: 50 }),
      agent('longest', { idleSince: 10 }),
    ];
    expect(chooseAgent(agents)?.id).toBe('longest');
    expect(chooseAgent(agents, 'longest_idle')?.id).toBe('longest');
  });

  it('breaks ties by fewer conversations, then by id', () => {
    expect(chooseAgent([agent('b', { capacity: 2, active: 1 }), agent('c', { capacity: 2 })])?.id).toBe('c');
    expect(chooseAgent([agent('b'), agent('a')])?.id).toBe('a');
  });

  it('chooses nobody when nobody can take one', () => {
    expect(chooseAgent([agent('a', { active: 1 }), agent('b', { online: false })])).toBeUndefined();
    expect(chooseAgent([])).toBeUndefined();
  });

  it('honours required skills', () => {
    const agents = [agent('a', { idleSince: 0 }), agent('b', { idleSince: 5, skills: ['german'] })];
    expect(chooseAgent(agents, 'longest_idle', undefined, { requiredSkills: ['german'] })?.id).toBe('b');
  });
});

describe('least busy', () => {
  it('chooses the lowest load (active / capacity), then fewer conversations, then longest idle', () => {
    const agents = [
      agent('half', { capacity: 2, active: 1, idleSince: 0 }),
      agent('third', { capacity: 3, active: 1, idleSince: 0 }),
      agent('full', { capacity: 1, active: 1 }),
    ];
    expect(chooseAgent(agents, 'least_busy')?.id).toBe('third');
    agents.push(agent('free', { capacity: 2, idleSince: 100 }), agent('free-longer', { capacity: 1, idleSince: 20 }));
    expect(chooseAgent(agents, 'least_busy')?.id).toBe('free-longer');
  });
});

describe('round robin', () => {
  it('takes turns by id, skipping those who cannot take one, and wraps around', () => {
    const agents = [agent('c'), agent('a'), agent('b'), agent('d', { online: false })];
    const cursor = createRoundRobinCursor();
    const turns = Array.from({ length: 5 }, () => chooseAgent(agents, 'round_robin', cursor)?.id);
    expect(turns).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(cursor.lastId).toBe('b');
    agents[0] = agent('c', { active: 1 }); // c is busy: after b comes a
    expect(chooseAgent(agents, 'round_robin', cursor)?.id).toBe('a');
  });

  it('keeps its place when nobody can take one, and needs a cursor', () => {
    const cursor = { lastId: 'b' };
    expect(chooseAgent([agent('a', { active: 1 })], 'round_robin', cursor)).toBeUndefined();
    expect(cursor.lastId).toBe('b');
    expect(() => chooseAgent([agent('a')], 'round_robin')).toThrow(/cursor/);
  });

  it('goes on after an agent who left', () => {
    const cursor = { lastId: 'bob' };
    expect(chooseAgent([agent('alice'), agent('carol')], 'round_robin', cursor)?.id).toBe('carol');
  });
});
