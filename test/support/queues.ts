import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.ts';
import type { AgentRecord, NewAgent, Store } from '../../src/store/store.ts';
import { http, type Reply } from './baton.ts';

/** "Eventually": polled every 50 ms for up to 10 s (the machine is shared; nothing here asserts how fast). */
export const EVENTUALLY = { timeout: 10_000, interval: 50 } as const;

/** Retries `check` (which throws, e.g. with expect, while the condition does not hold yet) until it passes. */
export function eventually<T>(check: () => Promise<T> | T): Promise<T> {
  return vi.waitFor(check, EVENTUALLY);
}

/**
 * Waits until no dispatch is due or running: the 'dispatch' job (one row in the jobs table, deleted when a run
 * completes) is gone. Every presence change, agent change, queueing and freeing writes it before the request is
 * answered, so once it is gone every assignment that request could lead to has been written: what lets a test say
 * "and nothing was assigned".
 */
export async function dispatchSettled(store: Store): Promise<void> {
  await eventually(async () => expect(await store.getJob('dispatch'), 'the dispatch job is still pending').toBeUndefined());
}

/** An agent created straight in the store (there is no API for it), logging in with password "demo". */
export async function addAgent(store: Store, agent: Omit<NewAgent, 'id' | 'passwordHash'> & { password?: string }): Promise<AgentRecord> {
  const { password = 'demo', ...fields } = agent;
  return store.createAgent({ id: randomUUID(), passwordHash: await hashPassword(password), ...fields });
}

export interface AssignedEvent {
  type: 'conversation.assigned';
  at: string;
  data: { agentId: string; agentName: string; team: string; via: string };
}

/** What agents (and customers) read of a conversation over the API, beyond the basic test client. */
export function queueApi(base: string) {
  return {
    patchAgent: (id: string, body: unknown, token?: string): Promise<Reply> => http(base, 'PATCH', `/api/v1/agents/${id}`, { body, token }),
    /** Asks for a presence, whatever the answer. */
    presence: (token: string, status: string): Promise<Reply> => http(base, 'POST', '/api/v1/agents/me/presence', { body: { status }, token }),
    /** Sets presence and insists it worked. */
    async setPresence(token: string, status: 'online' | 'away' | 'offline'): Promise<void> {
      const reply = await http(base, 'POST', '/api/v1/agents/me/presence', { body: { status }, token });
      if (reply.status !== 200) throw new Error(`presence ${status}: ${reply.status} ${JSON.stringify(reply.body)}`);
    },
    async state(id: string, token: string): Promise<any> {
      const reply = await http(base, 'GET', `/api/v1/conversations/${id}`, { token });
      if (reply.status !== 200) throw new Error(`read ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.state;
    },
    async events(id: string, token: string): Promise<any[]> {
      const reply = await http(base, 'GET', `/api/v1/conversations/${id}/events`, { token });
      if (reply.status !== 200) throw new Error(`events of ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.events;
    },
    async assigned(id: string, token: string): Promise<AssignedEvent[]> {
      const reply = await http(base, 'GET', `/api/v1/conversations/${id}/events`, { token });
      if (reply.status !== 200) throw new Error(`events of ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return (reply.body.events as any[]).filter((e) => e.type === 'conversation.assigned');
    },
    async agents(token: string): Promise<any[]> {
      const reply = await http(base, 'GET', '/api/v1/agents', { token });
      if (reply.status !== 200) throw new Error(`agents: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.agents;
    },
  };
}
