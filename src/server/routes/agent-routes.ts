import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyPassword } from '../../auth/passwords.ts';
import { AGENT_TOKEN_PREFIX, hashToken, newToken } from '../../auth/tokens.ts';
import type { Clock } from '../../clock.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ConversationService } from '../../engine/conversation-service.ts';
import type { Dispatcher } from '../../engine/dispatcher.ts';
import type { AgentRecord, Store } from '../../store/store.ts';
import { bearerToken, type Authenticator } from '../auth.ts';
import { messageText, parseInput } from '../validation.ts';
import { conversationView, stateView } from '../views.ts';

export const LoginBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) });
export const PresenceBody = z.object({ status: z.enum(['online', 'away', 'offline']) });
export const IdParams = z.object({ id: z.string().min(1).max(100) });
const Names = z.array(z.string().trim().min(1).max(100)).max(100);
export const AgentRoutingBody = z
  .object({ skills: Names.optional(), languages: Names.optional(), teams: Names.min(1).optional(), capacity: z.number().int().min(0).max(100).optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give skills, languages, teams or capacity');
export const NoteBody = z.object({ text: z.string() });
export const TransferBody = z
  .object({ team: z.string().min(1).max(100).optional(), agentId: z.string().min(1).max(100).optional(), note: z.string().max(8192).optional() })
  .strict()
  .refine((body) => body.team !== undefined || body.agentId !== undefined, 'give a team, an agent, or both');
export const OptionalNoteBody = z.object({ note: z.string().max(8192).optional() }).default({});
export const ListQuery = z.object({
  owner: z.enum(['ai', 'queue', 'human', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function agentView(agent: AgentRecord) {
  return {
    id: agent.id,
    email: agent.email,
    name: agent.name,
    role: agent.role,
    teams: agent.teams,
    skills: agent.skills,
    languages: agent.languages,
    capacity: agent.capacity,
    presence: agent.presence,
  };
}

export function agentRoutes(
  app: FastifyInstance,
  deps: { service: ConversationService; dispatcher: Dispatcher; store: Store; auth: Authenticator; clock: Clock; sessionHours: number },
) {
  const { service, dispatcher, store, auth, clock } = deps;
  /** An agent as the API shows them, with how many conversations they have now. */
  const view = (agent: AgentRecord) => ({ ...agentView(agent), activeConversations: dispatcher.agentLoad(agent.id) });

  app.post('/api/v1/auth/login', async (request) => {
    const { email, password } = parseInput(LoginBody, request.body);
    const agent = await store.findAgentByEmail(email.trim());
    // Verify against a throwaway hash when the email is unknown, so timing does not tell which emails exist.
    const ok = await verifyPassword(password, agent?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!agent || !ok) throw new DomainError(401, 'invalid_credentials', 'email or password is wrong');
    const token = newToken(AGENT_TOKEN_PREFIX);
    const expiresAt = new Date(clock.now().getTime() + deps.sessionHours * 3_600_000).toISOString();
    await store.createSession(hashToken(token), agent.id, expiresAt);
    // A new session starts offline: nothing is assigned to an agent until they say they are there.
    await store.setPresence(agent.id, 'offline');
    return { token, expiresAt, agent: view({ ...agent, presence: 'offline' }) };
  });

  app.get('/api/v1/agents/me', async (request) => {
    const me = await auth.agent(bearerToken(request));
    return { agent: view((await store.getAgent(me.id))!) };
  });

  app.post('/api/v1/agents/me/presence', async (request) => {
    const me = await auth.agent(bearerToken(request));
    const { status } = parseInput(PresenceBody, request.body);
    await store.setPresence(me.id, status);
    // Online: waiting conversations go to them at once; offline: theirs go back to the queue, keeping their place.
    await dispatcher.agentChanged(me.id);
    return { agent: view((await store.getAgent(me.id))!) };
  });

  // Supervisors and admins set who handles what: skills, languages, teams, and how many conversations at once.
  app.patch('/api/v1/agents/:id', async (request) => {
    const me = await auth.agent(bearerToken(request));
    if (me.role === 'agent') throw new DomainError(403, 'forbidden', 'only supervisors and admins change agents');
    const { id } = parseInput(IdParams, request.params, 'path');
    const changes = parseInput(AgentRoutingBody, request.body);
    if (changes.teams) {
      const known = new Set((await store.listTeams()).map((t) => t.id));
      const unknown = changes.teams.find((team) => !known.has(team));
      if (unknown) throw new DomainError(404, 'unknown_team', `no team ${unknown}`);
    }
    const agent = await store.updateAgentRouting(id, changes);
    if (!agent) throw new DomainError(404, 'unknown_agent', `no agent ${id}`);
    await dispatcher.agentChanged(id);
    return { agent: view(agent) };
  });

  app.get('/api/v1/agents', async (request) => {
    await auth.agent(bearerToken(request));
    // With each agent's load now, for the console's supervisor view.
    return { agents: (await store.listAgents()).map(view) };
  });

  // Teams with what they handle and their queue now: waiting, agents online, room, open or when they open.
  app.get('/api/v1/teams', async (request) => {
    const me = await auth.agent(bearerToken(request));
    const teams = (await store.listTeams()).filter((t) => me.role !== 'agent' || me.teams.includes(t.id));
    return { teams: teams.map((t) => ({ id: t.id, name: t.name, skills: t.skills, languages: t.languages, queue: dispatcher.teamStatus(t.id) })) };
  });

  app.get('/api/v1/conversations', async (request) => {
    const me = await auth.agent(bearerToken(request));
    const { owner, limit } = parseInput(ListQuery, request.query, 'query');
    const states = await store.listConversations({
      owners: owner ? [owner] : undefined,
      teams: me.role === 'agent' ? me.teams : undefined,
      agentId: me.role === 'agent' ? me.id : undefined,
      limit,
    });
    return { conversations: states.map((s) => conversationView(s, 'agent', s.owner === 'queue' ? dispatcher.waitFor(s.id) : undefined)) };
  });

  // Exactly one of several agents claiming at once gets 200; the others 409 already_assigned.
  app.post('/api/v1/conversations/:id/claim', async (request) => {
    const me = await auth.agent(bearerToken(request));
    const { id } = parseInput(IdParams, request.params, 'path');
    const result = await service.claim(id, me);
    return { state: stateView(result.state, 'agent', dispatcher.waitFor(id)) };
  });

  app.post('/api/v1/conversations/:id/transfer', async (request) => {
    const me = await auth.agent(bearerToken(request));
    const { id } = parseInput(IdParams, request.params, 'path');
    const to = parseInput(TransferBody, request.body);
    const result = await service.transfer(id, me, to);
    return { state: stateView(result.state, 'agent', dispatcher.waitFor(id)) };
  });

  app.post('/api/v1/conversations/:id/notes', async (request, reply) => {
    const me = await auth.agent(bearerToken(request));
    const { id } = parseInput(IdParams, request.params, 'path');
    const { text } = parseInput(NoteBody, request.body);
    const result = await service.addNote(id, me, messageText(text));
    return reply.code(201).send({ seq: result.events[0]!.seq, state: stateView(result.state, 'agent') });
  });

  app.post('/api/v1/conversations/:id/handback', async (request) => {
    const me = await auth.agent(bearerToken(request));
    const { id } = parseInput(IdParams, request.params, 'path');
    const { note } = parseInput(OptionalNoteBody, request.body);
    const result = await service.handBack(id, me, note);
    return { state: stateView(result.state, 'agent') };
  });

  app.post('/api/v1/conversations/:id/resolve', async (request) => {
    const me = await auth.agent(bearerToken(request));
    const { id } = parseInput(IdParams, request.params, 'path');
    const { note } = parseInput(OptionalNoteBody, request.body);
    const result = await service.resolve(id, me, note);
    return { state: stateView(result.state, 'agent') };
  });
}
