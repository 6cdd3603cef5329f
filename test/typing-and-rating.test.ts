import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';
import { StreamClient } from './support/timed-baton.ts';

describe('typing signals and the customer rating', () => {
  let baton: TestBaton;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    baton = await startTestBaton('sqlite');
    api = client(baton.url);
  });
  afterAll(async () => baton?.stop());

  it("shows each side the other's typing, never their own, and stores nothing", async () => {
    const c = await api.conversation();
    await api.post(`/api/v1/conversations/${c.id}/handover`, undefined, c.token);
    const agent = await api.login('general@demo.local');
    const customerStream = await StreamClient.open(baton.url, c.token);
    // The agent's stream of every conversation they may see.
    const agentStream = await StreamClient.open(baton.url, agent);
    const before = (await api.get(`/api/v1/conversations/${c.id}/events`, c.token)).body.events.length;

    expect((await api.post(`/api/v1/conversations/${c.id}/typing`, undefined, agent)).status).toBe(204);
    await customerStream.until((frames) => frames.some((f) => f.type === 'typing' && f.role === 'agent' && f.name === 'Gus General'));
    expect((await api.post(`/api/v1/conversations/${c.id}/typing`, undefined, c.token)).status).toBe(204);
    await agentStream.until((frames) => frames.some((f) => f.type === 'typing' && f.role === 'customer'));
    expect(customerStream.frames.filter((f) => f.type === 'typing' && f.role === 'customer')).toEqual([]);
    expect(agentStream.frames.filter((f) => f.type === 'typing' && f.role === 'agent')).toEqual([]);
    expect((await api.get(`/api/v1/conversations/${c.id}/events`, c.token)).body.events).toHaveLength(before);
    expect((await api.post(`/api/v1/conversations/${c.id}/typing`)).status).toBe(401);
    customerStream.close();
    agentStream.close();
  });

  it('takes one rating from the customer once resolved; refuses it before, twice, from agents, or out of range', async () => {
    const c = await api.conversation();
    const agent = await api.login('general@demo.local');
    const rate = (body: unknown, token = c.token) => api.post(`/api/v1/conversations/${c.id}/rating`, body, token);
    expect((await rate({ score: 5 })).body.error.code).toBe('not_resolved');
    await api.post(`/api/v1/conversations/${c.id}/handover`, undefined, c.token);
    await api.say(c.id, agent, 'Hi, Gus here. Sorted!');
    expect((await api.post(`/api/v1/conversations/${c.id}/resolve`, {}, agent)).status).toBe(200);
    for (const bad of [{ score: 0 }, { score: 6 }, { score: 4.5 }, {}, { score: 5, extra: 1 }]) expect((await rate(bad)).status).toBe(400);
    expect((await rate({ score: 5 }, agent)).status).toBe(403);
    const rated = await rate({ score: 4, comment: 'quick, thanks' });
    expect(rated.status).toBe(201);
    expect(rated.body.state).toMatchObject({ owner: 'closed', closedAs: 'resolved', rating: { score: 4 } });
    expect((await rate({ score: 1 })).body.error.code).toBe('already_rated');
    const events = (await api.get(`/api/v1/conversations/${c.id}/events`, agent)).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'conversation.rated', data: { score: 4, comment: 'quick, thanks' } });
  });
});
