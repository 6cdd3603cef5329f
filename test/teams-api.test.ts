import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';

describe('GET /api/v1/teams: each team and its queue now', () => {
  let baton: TestBaton;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    baton = await startTestBaton('sqlite', {
      config: { routing: { teamHours: { sales: { timeZone: 'UTC', weekly: {} } } } },
    });
    api = client(baton.url);
  });
  afterAll(async () => baton?.stop());

  it('shows agents their teams and supervisors all, with waiting, room, and whether it is open', async () => {
    const customer = await api.conversation();
    await api.post(`/api/v1/conversations/${customer.id}/messages`, { text: 'The app keeps crashing. I want to talk to a human' }, customer.token);
    const tech = await api.login('tech@demo.local');
    const supervisor = await api.login('supervisor@demo.local');

    const mine = await api.get('/api/v1/teams', tech);
    expect(mine.status).toBe(200);
    expect(mine.body.teams.map((t: { id: string }) => t.id)).toEqual(['technical_support']);
    expect(mine.body.teams[0]).toMatchObject({ queue: { waiting: 1, agentsOnline: 0, capacity: 0, freeCapacity: 0, open: true } });
    expect(mine.body.teams[0].skills.length).toBeGreaterThan(0);

    const all = await api.get('/api/v1/teams', supervisor);
    expect(all.body.teams).toHaveLength(5);
    // Sales has hours but none in the week: closed, no opening in sight.
    expect(all.body.teams.find((t: { id: string }) => t.id === 'sales').queue).toMatchObject({ open: false, waiting: 0 });

    await api.post('/api/v1/agents/me/presence', { status: 'online' }, tech);
    // Theo went online and is given the waiting conversation (a dispatch job, soon): one of his three places is taken.
    await expect
      .poll(async () => (await api.get('/api/v1/teams', tech)).body.teams[0].queue, { timeout: 10_000, interval: 50 })
      .toMatchObject({ waiting: 0, agentsOnline: 1, capacity: 3, freeCapacity: 2 });
  });

  it('answers 401 without a token', async () => {
    expect((await api.get('/api/v1/teams')).status).toBe(401);
  });
});
