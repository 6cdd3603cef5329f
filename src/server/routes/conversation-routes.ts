import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CUSTOMER_TOKEN_PREFIX, hashToken, newToken } from '../../auth/tokens.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PacketSource } from '../../engine/handover-packets.ts';
import type { ConversationService } from '../../engine/conversation-service.ts';
import type { Dispatcher } from '../../engine/dispatcher.ts';
import type { Store } from '../../store/store.ts';
import { bearerToken, type Authenticator } from '../auth.ts';
import { messageText, parseInput } from '../validation.ts';
import { conversationView, eventView, messageView, stateView, type Audience } from '../views.ts';

/** The customer as a channel describes them when a conversation starts. */
export const CustomerProfileInput = z.object({
  externalId: z.string().min(1).max(200).optional(),
  name: z.string().max(200).optional(),
  email: z.email().max(320).optional(),
  attributes: z
    .record(z.string(), z.unknown())
    .refine((a) => JSON.stringify(a).length <= 16_384, 'must be at most 16 KB as JSON')
    .optional(),
});

export const CreateConversationBody = z
  .object({
    customer: CustomerProfileInput.optional(),
    channel: z.string().min(1).max(50).optional(),
  })
  .default({});

export const MessageBody = z.object({
  text: z.string(),
  clientMessageId: z.string().min(1).max(200).optional(),
});

export const IdParams = z.object({ id: z.string().min(1).max(100) });
export const AfterQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const RatingBody = z.object({ score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() }).strict();

export const FollowUpBody = z.object({ email: z.email().max(320) }).strict();

export function conversationRoutes(
  app: FastifyInstance,
  deps: { service: ConversationService; dispatcher: Dispatcher; packets: PacketSource; store: Store; auth: Authenticator },
) {
  const { service, dispatcher, packets, store, auth } = deps;
  const wait = (id: string) => dispatcher.waitFor(id);

  /** Who is asking, and may they see this conversation at all. */
  async function access(request: FastifyRequest, id: string) {
    const principal = await auth.forConversation(bearerToken(request), id);
    // A customer token was found through its conversation, so that conversation exists; agents are checked by team.
    if (principal.kind === 'agent') await service.requireAccess(id, principal.agent);
    const audience: Audience = principal.kind;
    return { principal, audience };
  }

  app.post('/api/v1/conversations', async (request, reply) => {
    const body = parseInput(CreateConversationBody, request.body);
    const token = newToken(CUSTOMER_TOKEN_PREFIX);
    const state = await service.startConversation({
      customer: body.customer ?? {},
      channel: body.channel ?? 'api',
      tokenHash: hashToken(token),
    });
    return reply.code(201).send({ id: state.id, token, state: stateView(state, 'customer') });
  });

  app.get('/api/v1/conversations/:id', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { audience } = await access(request, id);
    return conversationView(await service.getState(id), audience, wait(id));
  });

  app.get('/api/v1/conversations/:id/messages', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { after, limit } = parseInput(AfterQuery, request.query, 'query');
    await access(request, id);
    const events = await store.readEvents(id, after, limit);
    return { messages: events.filter((e) => e.type === 'message.created').map(messageView) };
  });

  app.get('/api/v1/conversations/:id/events', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { after, limit } = parseInput(AfterQuery, request.query, 'query');
    const { audience } = await access(request, id);
    const events = await store.readEvents(id, after, limit);
    return { events: events.map((e) => eventView(e, audience)).filter((e) => e !== null) };
  });

  app.post('/api/v1/conversations/:id/messages', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { principal } = await access(request, id);
    const body = parseInput(MessageBody, request.body);
    const text = messageText(body.text);
    if (principal.kind === 'agent') {
      const result = await service.sendAgentMessage(id, principal.agent, text);
      const message = result.events.find((e) => e.type === 'message.created')!;
      return reply.code(201).send({ message: messageView(message), replies: [], state: stateView(result.state, 'agent', wait(id)) });
    }
    const turn = await service.receiveCustomerMessage(id, { text, clientMessageId: body.clientMessageId });
    if (turn.duplicate) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send({
      message: messageView(turn.message),
      replies: turn.replies.map(messageView),
      state: stateView(turn.state, 'customer', wait(id)),
    });
  });

  app.post('/api/v1/conversations/:id/handover', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { principal } = await access(request, id);
    if (principal.kind !== 'customer') {
      throw new DomainError(403, 'forbidden', 'the "talk to a person" request is the customer\'s; agents take over by replying');
    }
    const result = await service.requestHandoverByCustomer(id);
    return { replies: result.replies.map(messageView), state: stateView(result.state, 'customer', wait(id)) };
  });

  // Someone is typing: the other side sees it for a few seconds (nothing is stored).
  app.post('/api/v1/conversations/:id/typing', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { principal } = await access(request, id);
    await service.typing(id, principal.kind === 'agent' ? { role: 'agent', name: principal.agent.name } : { role: 'customer' });
    return reply.code(204).send();
  });

  // The customer rates the help once the conversation is resolved.
  app.post('/api/v1/conversations/:id/rating', async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { principal } = await access(request, id);
    if (principal.kind !== 'customer') throw new DomainError(403, 'forbidden', 'the rating is the customer\'s to give');
    const { score, comment } = parseInput(RatingBody, request.body);
    const result = await service.rate(id, score, comment);
    return reply.code(201).send({ state: stateView(result.state, 'customer') });
  });

  // While waiting (out of hours, a long queue), the customer leaves an email for the team to follow up on.
  app.post('/api/v1/conversations/:id/follow-up', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { principal } = await access(request, id);
    if (principal.kind !== 'customer') throw new DomainError(403, 'forbidden', 'a follow-up email is the customer\'s to leave');
    const { email } = parseInput(FollowUpBody, request.body);
    const result = await dispatcher.requestFollowUp(id, email.trim());
    return { replies: result.events.filter((e) => e.type === 'message.created').map(messageView), state: stateView(result.state, 'customer', wait(id)) };
  });

  app.get('/api/v1/conversations/:id/handover', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { principal } = await access(request, id);
    if (principal.kind !== 'agent') throw new DomainError(403, 'forbidden', 'the handover packet is for agents');
    const packet = await packets.build(id);
    if (!packet) throw new DomainError(404, 'no_handover', 'this conversation has not been handed over');
    return packet;
  });
}
