import { describe, expect, it } from 'vitest';
import type { Priority } from '../domain/events.ts';
import { seededRandom } from '../simulation/seeded-random.ts';
import { orderWaiting } from './queue-order.ts';
import { QueueBoard, type BoardAgent, type BoardConversation } from './queue-board.ts';

const S = 1000;
const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

function agent(id: string, more: Partial<BoardAgent> = {}): BoardAgent {
  return { id, teams: ['billing'], skills: [], languages: [], capacity: 1, presence: 'online', ...more };
}

function queued(id: string, team: string, queuedAt: number, more: Partial<BoardConversation> = {}): BoardConversation {
  return { id, owner: 'queue', team, priority: 'normal', agentId: null, queuedAt, ...more };
}

function withAgent(id: string, team: string, agentId: string, more: Partial<BoardConversation> = {}): BoardConversation {
  return { id, owner: 'human', team, priority: 'normal', agentId, queuedAt: null, ...more };
}

function closed(id: string, team: string | null = null): BoardConversation {
  return { id, owner: 'closed', team, priority: 'normal', agentId: null, queuedAt: null };
}

/** Makes the assignments planned and tracks the states that result, as the service would. */
function assignAll(board: QueueBoard, now: number, teams?: string[]): string[] {
  const plans = board.planAssignments(now, teams);
  for (const plan of plans) board.track(withAgent(plan.conversationId, plan.team, plan.agentId), now);
  return plans.map((plan) => `${plan.conversationId}>${plan.agentId}`);
}

describe('QueueBoard: tracking conversations', () => {
  it('enqueues, moves between queues and removes as the state says', () => {
    const board = new QueueBoard();
    expect(board.track(queued('a', 'billing', 0), 0)).toEqual(['billing']);
    expect(board.track(queued('b', 'billing', 1 * S), 1 * S)).toEqual(['billing']);
    expect(board.waiting('billing', 2 * S)).toEqual(['a', 'b']);
    expect(board.size('billing')).toBe(2);

    // overflow to another team
    expect(board.track(queued('a', 'general', 0), 3 * S).sort()).toEqual(['billing', 'general']);
    expect(board.waiting('billing', 3 * S)).toEqual(['b']);
    expect(board.waiting('general', 3 * S)).toEqual(['a']);
    expect(board.teams().sort()).toEqual(['billing', 'general']);

    // back to the AI, and closed
    expect(board.track({ ...queued('b', 'billing', 1 * S), owner: 'ai', queuedAt: null }, 4 * S)).toEqual(['billing']);
    expect(board.track(closed('a'), 5 * S)).toEqual(['general']);
    expect(board.size('billing')).toBe(0);
    expect(board.size('general')).toBe(0);
    expect(board.snapshot('a', 5 * S)).toBeUndefined();
    expect(board.teams()).toEqual([]);
  });

  it('tells when the longest-waiting conversation of a team was queued', () => {
    const board = new QueueBoard();
    expect(board.oldestQueuedAt('billing')).toBeUndefined();
    board.track(queued('a', 'billing', 5 * S, { priority: 'urgent' }), 5 * S);
    board.track(queued('b', 'billing', 2 * S, { priority: 'low' }), 6 * S);
    board.track(queued('c', 'billing', 7 * S), 7 * S);
    // by queuedAt, whatever the priority or the order of service
    expect(board.oldestQueuedAt('billing')).toBe(2 * S);
    board.track(closed('b'), 8 * S);
    expect(board.oldestQueuedAt('billing')).toBe(5 * S);
    board.track(closed('a'), 9 * S);
    board.track(closed('c'), 9 * S);
    expect(board.oldestQueuedAt('billing')).toBeUndefined();
  });

  it('changes nothing when told the same state twice', () => {
    const board = new QueueBoard();
    board.upsertAgent(agent('ana'), 0);
    board.track(queued('a', 'billing', 0), 0);
    expect(board.track(queued('a', 'billing', 0), 5 * S)).toEqual([]);
    // a queued conversation without queuedAt keeps the one it has
    expect(board.track(queued('a', 'billing', 0, { queuedAt: null }), 6 * S)).toEqual([]);
    expect(board.waiting('billing', 6 * S)).toEqual(['a']);

    board.track(withAgent('a', 'billing', 'ana'), 7 * S);
    expect(board.track(withAgent('a', 'billing', 'ana'), 8 * S)).toEqual([]);
    expect(board.agent('ana')).toMatchObject({ active: 1, idleSince: 7 * S, conversations: ['a'] });

    board.track(closed('a'), 9 * S);
    expect(board.track(closed('a'), 10 * S)).toEqual([]);
    expect(board.agent('ana')).toMatchObject({ active: 0, idleSince: 9 * S, conversations: [] });
  });

  it('re-queues a conversation whose priority changed, in its new place', () => {
    const board = new QueueBoard();
    board.track(queued('a', 'billing', 0), 0);
    board.track(queued('b', 'billing', 1 * S), 1 * S);
    expect(board.track(queued('b', 'billing', 1 * S, { priority: 'urgent' }), 2 * S)).toEqual(['billing']);
    expect(board.waiting('billing', 2 * S)).toEqual(['b', 'a']);
  });

  it('keeps a conversation its place when it comes back with its first queuedAt', () => {
    const board = new QueueBoard();
    board.track(queued('first', 'billing', 0), 0);
    board.track(queued('second', 'billing', 10 * S), 10 * S);
    board.track(queued('third', 'billing', 20 * S), 20 * S);
    // 'first' goes to an agent who goes offline, and it comes back keeping its first queuedAt
    board.upsertAgent(agent('ana'), 0);
    board.track(withAgent('first', 'billing', 'ana'), 30 * S);
    expect(board.waiting('billing', 30 * S)).toEqual(['second', 'third']);
    board.track(queued('first', 'billing', 0), 40 * S);
    expect(board.waiting('billing', 40 * S)).toEqual(['first', 'second', 'third']);
    expect(board.snapshot('first', 40 * S)?.position).toBe(1);
    // re-tracked with an older queuedAt than it had: ahead of those queued before its newer one
    board.track(queued('third', 'billing', 5 * S), 41 * S);
    expect(board.waiting('billing', 41 * S)).toEqual(['first', 'third', 'second']);
    expect(board.waiting('billing', 41 * S, 2)).toEqual(['first', 'third']);
  });

  it('refuses a queued conversation without a team, and a bad skill expression, changing nothing', () => {
    const board = new QueueBoard();
    expect(() => board.track({ ...queued('a', 'billing', 0), team: null }, 0)).toThrow(/no team/);
    expect(() => board.track(queued('a', 'billing', 0, { skills: 'billing &&' }), 0)).toThrow(/skill expression/);
    expect(board.size('billing')).toBe(0);
  });
});

describe('QueueBoard: agents and capacity', () => {
  it('counts every conversation an agent owns against their capacity, in every team', () => {
    const board = new QueueBoard();
    board.upsertAgent(agent('ana', { teams: ['billing', 'general'], capacity: 3 }), 0);
    expect(board.capacity('billing')).toEqual({ total: 3, free: 3, online: 1 });
    expect(board.track(withAgent('a', 'billing', 'ana'), 1 * S).sort()).toEqual(['billing', 'general']);
    board.track(withAgent('b', 'general', 'ana'), 2 * S);
    // a team ana is not in: still hers
    board.track(withAgent('c', 'sales', 'ana'), 3 * S);
    expect(board.capacity('billing')).toEqual({ total: 3, free: 0, online: 1 });
    expect(board.capacity('general')).toEqual({ total: 3, free: 0, online: 1 });
    expect(board.agent('ana')?.active).toBe(3);

    board.track(queued('w', 'billing', 4 * S), 4 * S);
    expect(board.planAssignments(4 * S)).toEqual([]);
    board.track(closed('c'), 5 * S);
    expect(board.capacity('general').free).toBe(1);
    expect(board.planAssignments(5 * S)).toEqual([{ conversationId: 'w', agentId: 'ana', team: 'billing' }]);
  });

  it('counts conversations of an agent the board learns of later', () => {
    const board = new QueueBoard();
    board.track(withAgent('a', 'billing', 'ana'), 0);
    board.upsertAgent(agent('ana', { capacity: 2 }), 1 * S);
    expect(board.capacity('billing')).toEqual({ total: 2, free: 1, online: 1 });
    expect(board.agent('ana')?.conversations).toEqual(['a']);
  });

  it('applies changes of capacity, teams and presence at once', () => {
    const board = new QueueBoard();
    board.upsertAgent(agent('ana', { capacity: 2 }), 0);
    board.track(withAgent('a', 'billing', 'ana'), 0);
    board.upsertAgent(agent('ana', { capacity: 1 }), 1 * S);
    expect(board.capacity('billing')).toEqual({ total: 1, free: 0, online: 1 });
    board.upsertAgent(agent('ana', { capacity: 3, teams: ['general'] }), 2 * S);
    expect(board.capacity('billing')).toEqual({ total: 0, free: 0, online: 0 });
    expect(board.capacity('general')).toEqual({ total: 3, free: 2, online: 1 });
    board.upsertAgent(agent('ana', { capacity: 3, teams: ['general'], presence: 'away' }), 3 * S);
    expect(board.capacity('general')).toEqual({ total: 0, free: 0, online: 0 });
    board.removeAgent('ana');
    expect(board.agent('ana')).toBeUndefined();
    expect(board.teams()).toEqual([]);
  });

  it('sets idleSince on coming online, getting and finishing a conversation, but not on other changes', () => {
    const board = new QueueBoard();
    board.upsertAgent(agent('ana', { presence: 'offline' }), 0);
    expect(board.agent('ana')?.idleSince).toBe(0);
    board.upsertAgent(agent('ana'), 10 * S);
    expect(board.agent('ana')?.idleSince).toBe(10 * S);
    board.upsertAgent(agent('ana', { capacity: 2 }), 20 * S);
    expect(board.agent('ana')?.idleSince).toBe(10 * S);
    board.track(withAgent('a', 'billing', 'ana'), 30 * S);
    expect(board.agent('ana')?.idleSince).toBe(30 * S);
    board.track(closed('a'), 40 * S);
    expect(board.agent('ana')?.idleSince).toBe(40 * S);
  });

  it('plans nothing for agents away, offline or with capacity 0', () => {
    const board = new QueueBoard();
    board.upsertAgent(agent('away', { presence: 'away' }), 0);
    board.upsertAgent(agent('off', { presence: 'offline' }), 0);
    board.upsertAgent(agent('zero', { capacity: 0 }), 0);
    board.track(queued('a', 'billing', 0), 0);
    expect(board.planAssignments(1 * S)).toEqual([]);
    expect(board.capacity('billing')).toEqual({ total: 0, free: 0, online: 1 });
    board.upsertAgent(agent('away'), 2 * S);
    expect(board.planAssignments(2 * S)).toEqual([{ conversationId: 'a', agentId: 'away', team: 'billing' }]);
  });
});

describe('QueueBoard: planning assignments', () => {
  it('matches conversations in queue order until no capacity is left', () => {
    const board = new QueueBoard();
    board.upsertAgent(agent('ana', { capacity: 2 }), 0);
    board.upsertAgent(agent('ben'), 0);
    board.track(queued('n1', 'billing', 0), 0);
    board.track(queued('n2', 'billing', 1 * S), 1 * S);
    board.track(queued('u1', 'billing', 2 * S, { priority: 'urgent' }), 2 * S);
    board.track(queued('n3', 'billing', 3 * S), 3 * S);
    board.track(queued('n4', 'billing', 4 * S), 4 * S);
    const plans = board.planAssignments(5 * S);
    expect(plans.map((p) => p.conversationId)).toEqual(['u1', 'n1', 'n2']);
    // longest idle: both came online at 0, ana has fewer... equal, then by id; once planned, one is idle since now
    expect(plans.map((p) => p.agentId)).toEqual(['ana', 'ben', 'ana']);
  });

  it('is pure: planning twice gives the same, and changes nothing', () => {
    const board = new QueueBoard({ strategy: 'round_robin' });
    for (const id of ['ana', 'ben', 'cat']) board.upsertAgent(agent(id), 0);
    for (let i = 0; i < 5; i++) board.track(queued(`c${i}`, 'billing', i * S), i * S);
    const before = { waiting: board.waiting('billing', 10 * S), capacity: board.capacity('billing'), ana: board.agent('ana') };
    const first = board.planAssignments(10 * S);
    expect(first).toHaveLength(3);
    expect(board.planAssignments(10 * S)).toEqual(first);
    expect({ waiting: board.waiting('billing', 10 * S), capacity: board.capacity('billing'), ana: board.agent('ana') }).toEqual(before);
  });

  it('does not over-plan an agent of several teams in one call', () => {
    const board = new QueueBoard();
    board.upsertAgent(agent('ana', { teams: ['billing', 'general'], capacity: 2 }), 0);
    board.track(queued('b1', 'billing', 0), 0);
    board.track(queued('b2', 'billing', 1 * S), 1 * S);
    board.track(queued('g1', 'general', 0), 0);
    board.track(queued('g2', 'general', 1 * S), 1 * S);
    const plans = board.planAssignments(2 * S);
    expect(plans).toHaveLength(2);
    expect(plans.every((p) => p.agentId === 'ana')).toBe(true);
    // only the teams asked for
    expect(board.planAssignments(2 * S, ['general']).map((p) => p.conversationId)).toEqual(['g1', 'g2']);
    expect(board.planAssignments(2 * S, ['sales'])).toEqual([]);
  });

  it('skips a conversation whose skills no free agent meets, and matches the next', () => {
    const board = new QueueBoard();
    board.upsertAgent(agent('ana', { skills: ['billing'], languages: ['en'] }), 0);
    board.upsertAgent(agent('ben', { skills: ['Billing'], languages: ['DE'] }), 1 * S);
    board.track(queued('french', 'billing', 0, { skills: 'billing && fr' }), 0);
    board.track(queued('german', 'billing', 1 * S, { skills: 'billing && de' }), 1 * S);
    board.track(queued('any', 'billing', 2 * S), 2 * S);
    board.track(queued('english', 'billing', 3 * S, { skills: 'en || fr' }), 3 * S);
    expect(assignAll(board, 4 * S)).toEqual(['german>ben', 'any>ana']);
    expect(board.waiting('billing', 4 * S)).toEqual(['french', 'english']);
  });

  it('looks at no more than scanLimit conversations it cannot match', () => {
    const board = new QueueBoard({ scanLimit: 3 });
    board.upsertAgent(agent('ana'), 0);
    for (let i = 0; i < 3; i++) board.track(queued(`fr${i}`, 'billing', i * S, { skills: i % 2 ? 'fr' : 'french' }), i * S);
    board.track(queued('any', 'billing', 10 * S), 10 * S);
    expect(board.planAssignments(11 * S)).toEqual([]);
    board.track(closed('fr2'), 12 * S);
    expect(board.planAssignments(12 * S).map((p) => p.conversationId)).toEqual(['any']);
  });

  it('chooses by each team\'s strategy', () => {
    const board = new QueueBoard({ strategies: { general: 'least_busy', sales: 'round_robin' } });
    const teams = ['billing', 'general', 'sales'];
    board.upsertAgent(agent('ana', { teams, capacity: 4 }), 0);
    board.upsertAgent(agent('ben', { teams, capacity: 2 }), 5 * S);
    board.upsertAgent(agent('cat', { teams, capacity: 2 }), 5 * S);
    board.track(withAgent('x', 'billing', 'ana'), 1 * S); // ana: 1 of 4, idle since 1 s
    board.track(withAgent('y', 'billing', 'ben'), 6 * S); // ben: 1 of 2, idle since 6 s; cat: 0 of 2, idle since 5 s

    board.track(queued('b', 'billing', 10 * S), 10 * S);
    expect(board.planAssignments(10 * S, ['billing'])[0]?.agentId).toBe('ana'); // longest idle
    board.track(closed('b'), 10 * S);

    board.track(queued('g', 'general', 10 * S), 10 * S);
    expect(board.planAssignments(10 * S, ['general'])[0]?.agentId).toBe('cat'); // least busy: 0 of 2
    board.track(closed('g'), 10 * S);

    // round robin: by id after the last one given a conversation of the team
    board.track(withAgent('s0', 'sales', 'ana'), 11 * S);
    for (let i = 1; i <= 3; i++) board.track(queued(`s${i}`, 'sales', (11 + i) * S), (11 + i) * S);
    expect(assignAll(board, 20 * S, ['sales'])).toEqual(['s1>ben', 's2>cat', 's3>ana']);
    board.track(queued('s4', 'sales', 21 * S), 21 * S);
    // the cursor moved when the assignments were tracked: after ana, ben is full, so cat
    expect(board.planAssignments(21 * S, ['sales'])[0]?.agentId).toBe('cat');
  });

  it('serves in the order queue-order gives, aging included', () => {
    const random = seededRandom(7);
    const board = new QueueBoard({ agingSeconds: 60 });
    const waiting: { id: string; priority: Priority; queuedAt: number }[] = [];
    for (let i = 0; i < 300; i++) {
      const conversation = { id: `c${i}`, priority: PRIORITIES[Math.floor(random() * 4)]!, queuedAt: Math.floor(random() * 600 * S) };
      waiting.push(conversation);
      board.track(queued(conversation.id, 'billing', conversation.queuedAt, { priority: conversation.priority }), 600 * S);
    }
    for (const now of [600 * S, 700 * S, 900 * S]) {
      const expected = orderWaiting([...waiting].sort((a, b) => a.queuedAt - b.queuedAt), now, { agingSeconds: 60 }).map((c) => c.id);
      expect(board.waiting('billing', now)).toEqual(expected);
      board.upsertAgent(agent(`a${now}`, { capacity: 5 }), now);
      expect(board.planAssignments(now).map((p) => p.conversationId)).toEqual(expected.slice(0, 5));
      board.removeAgent(`a${now}`);
    }
  });
});

describe('QueueBoard: positions and wait-time promises', () => {
  /** A board with `agents` online agents of capacity 1, all busy, and `history` handle times of 300 s known. */
  function busyBoard(agents: number, history: number): QueueBoard {
    const board = new QueueBoard();
    for (let i = 0; i < agents; i++) {
      board.upsertAgent(agent(`a${i}`), 0);
      board.track(withAgent(`busy${i}`, 'billing', `a${i}`), 0);
    }
    for (let i = 0; i < history; i++) board.recordHandleTime('billing', 300);
    return board;
  }

  it('with nobody online, promises the spread of the waits seen (taken from the queue, or loaded), saying so', () => {
    const board = new QueueBoard();
    board.track(queued('w', 'billing', 0), 0);
    expect(board.snapshot('w', 0)).toEqual({ team: 'billing', position: 1, eta: null, etaUnknownReason: 'no agent of the team is online' });
    // Four waits loaded at start and one seen: queued at 0, taken by a person at 300 s.
    for (const seconds of [60, 120, 180, 240]) board.recordWait('billing', seconds);
    board.track(queued('seen', 'billing', 0), 0);
    board.upsertAgent(agent('a0'), 0);
    board.track(withAgent('seen', 'billing', 'a0'), 300 * S);
    board.upsertAgent(agent('a0', { presence: 'offline' }), 300 * S);
    expect(board.snapshot('w', 300 * S)).toEqual({ team: 'billing', position: 1, eta: { lowSeconds: 120, highSeconds: 240 }, basis: 'recent_waits' });
    // Someone online again: the capacity model, not the waits.
    board.upsertAgent(agent('a1'), 300 * S);
    expect(board.snapshot('w', 300 * S)?.basis).not.toBe('recent_waits');
  });

  it('says why there is no range before 5 handle times, and gives one from then on', () => {
    const board = busyBoard(2, 3);
    board.track(queued('a', 'billing', 0), 0);
    expect(board.snapshot('a', 0)).toEqual({ team: 'billing', position: 1, eta: null, etaUnknownReason: 'not enough history: fewer than 5 handle times known' });
    // handle times from conversations tracked to the end: the seconds with their agent
    board.track(closed('busy0'), 240 * S);
    board.track(withAgent('busy0b', 'billing', 'a0'), 240 * S);
    expect(board.snapshot('a', 240 * S)?.eta).toBeNull();
    board.track(closed('busy1'), 360 * S);
    board.track(withAgent('busy1b', 'billing', 'a1'), 360 * S);
    const snapshot = board.snapshot('a', 360 * S)!;
    expect(snapshot.position).toBe(1);
    expect(snapshot.eta).not.toBeNull();
    expect(snapshot.eta!.lowSeconds).toBeGreaterThan(0);
    expect(snapshot.eta!.highSeconds).toBeGreaterThanOrEqual(snapshot.eta!.lowSeconds);
  });

  it('says so when no agent of the team is online', () => {
    const board = new QueueBoard();
    for (let i = 0; i < 10; i++) board.recordHandleTime('billing', 300);
    board.upsertAgent(agent('ana', { presence: 'away' }), 0);
    board.track(queued('a', 'billing', 0), 0);
    expect(board.snapshot('a', 0)).toEqual({ team: 'billing', position: 1, eta: null, etaUnknownReason: 'no agent of the team is online' });
    expect(board.outlook('nobody', 'normal', 0)).toEqual({ team: 'nobody', position: 1, eta: null, etaUnknownReason: 'no agent of the team is online' });
  });

  it('promises longer waits further back, and nothing to wait when an agent is free', () => {
    const board = busyBoard(3, 20);
    for (let i = 0; i < 30; i++) board.track(queued(`w${i}`, 'billing', i * S), i * S);
    const near = board.snapshot('w0', 30 * S)!;
    const far = board.snapshot('w29', 30 * S)!;
    expect(far.position).toBe(30);
    expect(far.eta!.lowSeconds).toBeGreaterThan(near.eta!.highSeconds);
    board.upsertAgent(agent('free'), 30 * S);
    expect(board.snapshot('w0', 30 * S)!.eta).toEqual({ lowSeconds: 0, highSeconds: 0 });
  });

  it('tells a newcomer in its outlook what its snapshot says once it has joined', () => {
    const board = busyBoard(4, 30);
    const random = seededRandom(3);
    for (let i = 0; i < 40; i++) {
      board.track(queued(`w${i}`, 'billing', i * 10 * S, { priority: PRIORITIES[Math.floor(random() * 4)]! }), 400 * S);
    }
    for (const priority of PRIORITIES) {
      const outlook = board.outlook('billing', priority, 400 * S);
      board.track(queued(`new-${priority}`, 'billing', 400 * S, { priority }), 400 * S);
      expect(board.snapshot(`new-${priority}`, 400 * S)).toEqual(outlook);
      board.track(closed(`new-${priority}`), 400 * S);
    }
  });

  it('is undefined for a conversation that is not waiting', () => {
    const board = busyBoard(1, 5);
    expect(board.snapshot('busy0', 0)).toBeUndefined();
    expect(board.snapshot('unknown', 0)).toBeUndefined();
  });

  it('learns abandonment from those who leave the queue closed and abandoned', () => {
    // Two identical boards but for how those who left the queue left: the one where they abandoned expects those
    // ahead to leave too, so promises less.
    const boards = [false, true].map((abandoned) => {
      const board = busyBoard(2, 30);
      for (let i = 0; i < 40; i++) {
        board.track(queued(`gone${i}`, 'billing', 0), 0);
        board.track(closed(`gone${i}`), 600 * S, { abandoned });
      }
      for (let i = 0; i < 20; i++) board.track(queued(`w${i}`, 'billing', 600 * S + i), 600 * S);
      return board.snapshot('w19', 600 * S)!.eta!;
    });
    expect(boards[1]!.highSeconds).toBeLessThan(boards[0]!.highSeconds);
  });
});

describe('QueueBoard: kept totals', () => {
  it('agrees with a count from scratch after every one of many random changes, and plans within capacity and skills', () => {
    const random = seededRandom(11);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const TEAMS = ['billing', 'general', 'sales'];
    const SKILLS = ['de', 'fr', 'vip'];
    const EXPRESSIONS = [undefined, undefined, 'de', 'fr || vip', '!vip && de'];
    const board = new QueueBoard({ strategy: pick(['longest_idle', 'least_busy', 'round_robin'] as const), scanLimit: 50 });
    const agents = new Map<string, BoardAgent>();
    const states = new Map<string, BoardConversation>();
    let now = 0;
    let assigned = 0;
    const track = (state: BoardConversation) => {
      board.track(state, now);
      if (state.owner === 'closed' || state.owner === 'ai') states.delete(state.id);
      else states.set(state.id, state);
    };
    for (let step = 0; step < 2000; step++) {
      now += Math.floor(random() * 20 * S);
      const r = random();
      if (r < 0.15) {
        const id = `a${Math.floor(random() * 12)}`;
        const teams = TEAMS.filter(() => random() < 0.5);
        const next: BoardAgent = { id, teams, skills: SKILLS.filter(() => random() < 0.4), languages: [], capacity: Math.floor(random() * 4), presence: pick(['online', 'online', 'away', 'offline'] as const) };
        board.upsertAgent(next, now);
        agents.set(id, next);
      } else if (r < 0.5) {
        const skills = pick(EXPRESSIONS);
        track(queued(`c${step}`, pick(TEAMS), now, { priority: pick(PRIORITIES), ...(skills ? { skills } : {}) }));
      } else if (r < 0.6 && states.size > 0) {
        // overflow, or back to the queue keeping its place
        const state = pick([...states.values()]);
        track({ ...state, owner: 'queue', team: pick(TEAMS), agentId: null, queuedAt: state.queuedAt ?? now });
      } else if (r < 0.75 && states.size > 0) {
        track(closed(pick([...states.values()]).id));
      } else if (r < 0.78 && agents.size > 0) {
        const id = pick([...agents.keys()]);
        board.removeAgent(id);
        agents.delete(id);
      } else {
        const plans = board.planAssignments(now);
        const given = new Map<string, number>();
        for (const plan of plans) {
          const agent = agents.get(plan.agentId)!;
          const state = states.get(plan.conversationId)!;
          expect(state.owner).toBe('queue');
          expect(state.team).toBe(plan.team);
          expect(agent.presence).toBe('online');
          expect(agent.teams).toContain(plan.team);
          if (state.skills === 'de') expect(agent.skills).toContain('de');
          given.set(agent.id, (given.get(agent.id) ?? 0) + 1);
        }
        for (const [id, count] of given) {
          const owned = [...states.values()].filter((s) => s.owner === 'human' && s.agentId === id).length;
          expect(owned + count).toBeLessThanOrEqual(agents.get(id)!.capacity);
        }
        for (const plan of plans) track(withAgent(plan.conversationId, plan.team, plan.agentId, { priority: states.get(plan.conversationId)!.priority }));
        assigned += plans.length;
      }

      for (const team of TEAMS) {
        const online = [...agents.values()].filter((a) => a.presence === 'online' && a.teams.includes(team));
        const active = (id: string) => [...states.values()].filter((s) => s.owner === 'human' && s.agentId === id).length;
        expect(board.capacity(team)).toEqual({
          total: online.reduce((sum, a) => sum + a.capacity, 0),
          free: online.reduce((sum, a) => sum + Math.max(0, a.capacity - active(a.id)), 0),
          online: online.length,
        });
        const waiting = [...states.values()].filter((s) => s.owner === 'queue' && s.team === team);
        expect(board.size(team)).toBe(waiting.length);
      }
    }
    // the run did exercise planning
    expect(assigned).toBeGreaterThan(50);
  });
});
