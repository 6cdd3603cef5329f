import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiKeys, apiKeyView } from '../../channels/api-keys.ts';
import { CHANNEL_NAME, ChannelConversations } from '../../channels/channel-conversations.ts';
import type { ApiKeyRecord, ChannelStore } from '../../channels/channel-store.ts';
import type { Clock } from '../../clock.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ConversationService } from '../../engine/conversation-service.ts';
import type { Dispatcher } from '../../engine/dispatcher.ts';
import type { Store } from '../../store/store.ts';
import { bearerToken, type Authenticator } from '../auth.ts';
import { messageText, parseInput } from '../validation.ts';
import { registerOperations } from '../openapi/registry.ts';
import { ConversationState, Message } from '../openapi/schemas.ts';
import { CustomerProfileInput } from './conversation-routes.ts';
import { messageView, stateView } from '../views.ts';

export const ChannelName = z
  .string()
  .regex(CHANNEL_NAME, 'must be 1-50 lower-case letters, digits, _ or -, starting with a letter');
export const ExternalUserId = z.string().min(1).max(200);

export const CreateApiKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** The one channel the key may post to; left out: any channel. */
  channel: ChannelName.optional(),
});

export const ChannelMessageBody = z.object({
  externalUserId: ExternalUserId,
  text: z.string(),
  clientMessageId: z.string().min(1).max(200).optional(),
  /** Used when this message starts the user's conversation. */
  customer: CustomerProfileInput.omit({ externalId: true }).optional(),
});

export const ChannelHandoverBody = z.object({ externalUserId: ExternalUserId });

export const ChannelParams = z.object({ channel: ChannelName });
export const ChannelUserParams = z.object({ channel: ChannelName, externalUserId: ExternalUserId });
const IdParams = z.object({ id: z.string().min(1).max(100) });
const AfterQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

const ChannelMessagePosted = z.object({
  conversationId: z.string(), channel: z.string(), externalUserId: z.string(), conversationStarted: z.boolean(),
  message: Message, replies: z.array(Message), state: ConversationState,
});
registerOperations(
  [
    {
      method: 'POST', path: '/api/v1/api-keys', operationId: 'createApiKey', tags: ['channels'],
      summary: 'Create a channel API key', description: 'The key itself is in this answer only; the store keeps its hash.',
      auth: ['agent'], who: 'admins, supervisors', body: CreateApiKeyBody,
      responses: { 201: { description: 'the key, shown once' } },
      errors: { 403: 'an agent who is not an admin or supervisor' },
    },
    {
      method: 'GET', path: '/api/v1/api-keys', operationId: 'listApiKeys', tags: ['channels'],
      summary: 'List the API keys (without the keys)', auth: ['agent'], who: 'admins, supervisors',
      responses: { 200: { description: '`{"apiKeys": [...]}`' } },
      errors: { 403: 'an agent who is not an admin or supervisor' },
    },
    {
      method: 'DELETE', path: '/api/v1/api-keys/:id', operationId: 'revokeApiKey', tags: ['channels'],
      summary: 'Revoke an API key', auth: ['agent'], who: 'admins, supervisors', params: IdParams,
      responses: { 200: { description: '`{"apiKey"}`, revoked' } },
      errors: { 403: 'an agent who is not an admin or supervisor', 404: '`unknown_api_key`' },
    },
    {
      method: 'POST', path: '/api/v1/channels/:channel/messages', operationId: 'postChannelMessage', tags: ['channels'],
      summary: 'A channel user\'s message', description: 'Into the user\'s conversation, started on their first message; the same `clientMessageId` again returns the first result. What agents say later goes out through the webhooks.',
      auth: ['apiKey'], params: ChannelParams, body: ChannelMessageBody,
      responses: { 201: { description: 'written, with the replies', schema: ChannelMessagePosted } },
      errors: { 403: '`channel_not_allowed`: the key is for another channel', 409: '`conversation_starting`, `conversation_closed`' },
    },
    {
      method: 'POST', path: '/api/v1/channels/:channel/handover', operationId: 'requestChannelHandover', tags: ['channels'],
      summary: 'A channel user asks for a person', auth: ['apiKey'], params: ChannelParams, body: ChannelHandoverBody,
      responses: { 200: { description: 'handed over (or already was)' } },
      errors: { 403: '`channel_not_allowed`', 404: '`no_conversation`' },
    },
    {
      method: 'GET', path: '/api/v1/channels/:channel/conversations/:externalUserId', operationId: 'getChannelConversation', tags: ['channels'],
      summary: 'A channel user\'s conversation and messages', auth: ['apiKey'], params: ChannelUserParams, query: AfterQuery,
      responses: { 200: { description: 'its state and the messages after `after`' } },
      errors: { 403: '`channel_not_allowed`', 404: '`no_conversation`' },
    },
  ],
  { channels: 'The inbound API of chat apps and help desks: API keys (`bk_…`), and their users\' messages.' },
);


/**
 * The inbound API of chat apps and help desks ("bridges"): admins and supervisors manage server-to-server API keys;
 * a bridge posts its users' messages with one, and receives what agents say later through the outgoing webhooks.
 */
export function channelRoutes(
  app: FastifyInstance,
  deps: { service: ConversationService; dispatcher: Dispatcher; store: Store; auth: Authenticator; channels: ChannelStore; clock: Clock },
) {
  const { service, dispatcher, store, auth } = deps;
  const keys = new ApiKeys(deps.channels, deps.clock);
  const conversations = new ChannelConversations({ channels: deps.channels, service, store, clock: deps.clock });
  const wait = (id: string) => dispatcher.waitFor(id);

  /** API keys are managed by admins, and by supervisors (the demo company has no admin). */
  async function keyManager(request: FastifyRequest) {
    const me = await auth.agent(bearerToken(request));
    if (me.role !== 'admin' && me.role !== 'supervisor') {
      throw new DomainError(403, 'forbidden', 'only admins and supervisors manage API keys');
    }
    return me;
  }

  /** The bridge's key, and the channel it posts to from the path, which the key must be allowed. */
  async function bridge<P extends z.ZodType<{ channel: string }>>(request: FastifyRequest, params: P): Promise<{ key: ApiKeyRecord; params: z.infer<P> }> {
    const key = await keys.authenticate(bearerToken(request));
    const parsed = parseInput(params, request.params, 'path');
    if (key.channel !== null && key.channel !== parsed.channel) {
      throw new DomainError(403, 'channel_not_allowed', `this API key is for channel ${key.channel}, not ${parsed.channel}`);
    }
    return { key, params: parsed };
  }

  const noConversation = (channel: string, externalUserId: string) =>
    new DomainError(404, 'no_conversation', `${externalUserId} has no conversation on channel ${channel}`);

  // ---- keys ----------------------------------------------------------------------------------------------------

  app.post('/api/v1/api-keys', async (request, reply) => {
    const me = await keyManager(request);
    const body = parseInput(CreateApiKeyBody, request.body);
    const { record, key } = await keys.create({ name: body.name, channel: body.channel ?? null, createdBy: me.id });
    // The key itself is in this answer only; the store keeps its hash.
    return reply.code(201).send({ id: record.id, name: record.name, channel: record.channel, key, prefix: record.prefix, createdAt: record.createdAt });
  });

  app.get('/api/v1/api-keys', async (request) => {
    await keyManager(request);
    return { apiKeys: (await keys.list()).map(apiKeyView) };
  });

  app.delete('/api/v1/api-keys/:id', async (request) => {
    await keyManager(request);
    const { id } = parseInput(IdParams, request.params, 'path');
    const revoked = await keys.revoke(id);
    if (!revoked) throw new DomainError(404, 'unknown_api_key', `no API key ${id}`);
    return { apiKey: apiKeyView(revoked) };
  });

  // ---- bridges -------------------------------------------------------------------------------------------------

  // A customer message from a channel's user: into their conversation, started on their first message.
  app.post('/api/v1/channels/:channel/messages', async (request, reply) => {
    const { params } = await bridge(request, ChannelParams);
    const { channel } = params;
    const body = parseInput(ChannelMessageBody, request.body);
    const text = messageText(body.text);
    const { conversationId, started } = await conversations.conversationFor(channel, body.externalUserId, body.customer ?? {});
    const turn = await service.receiveCustomerMessage(conversationId, { text, clientMessageId: body.clientMessageId });
    if (turn.duplicate) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send({
      conversationId,
      channel,
      externalUserId: body.externalUserId,
      conversationStarted: started,
      message: messageView(turn.message),
      // What the AI or the system said at once; what agents say later goes out through the webhooks.
      replies: turn.replies.map(messageView),
      state: stateView(turn.state, 'customer', wait(conversationId)),
    });
  });

  // The "talk to a person" button of a bridge.
  app.post('/api/v1/channels/:channel/handover', async (request) => {
    const { params } = await bridge(request, ChannelParams);
    const { externalUserId } = parseInput(ChannelHandoverBody, request.body);
    const conversationId = await conversations.existingConversation(params.channel, externalUserId);
    if (!conversationId) throw noConversation(params.channel, externalUserId);
    const result = await service.requestHandoverByCustomer(conversationId);
    return {
      conversationId,
      channel: params.channel,
      externalUserId,
      replies: result.replies.map(messageView),
      state: stateView(result.state, 'customer', wait(conversationId)),
    };
  });

  // The user's conversation as the customer sees it: its state and messages (after a seq, for catching up).
  app.get('/api/v1/channels/:channel/conversations/:externalUserId', async (request) => {
    const { params } = await bridge(request, ChannelUserParams);
    const { after, limit } = parseInput(AfterQuery, request.query, 'query');
    const conversationId = await conversations.existingConversation(params.channel, params.externalUserId);
    if (!conversationId) throw noConversation(params.channel, params.externalUserId);
    const state = await service.getState(conversationId);
    const events = await store.readEvents(conversationId, after, limit);
    return {
      conversationId,
      channel: params.channel,
      externalUserId: params.externalUserId,
      createdAt: state.startedAt,
      updatedAt: state.updatedAt,
      state: stateView(state, 'customer', wait(conversationId)),
      messages: events.filter((e) => e.type === 'message.created').map(messageView),
    };
  });
}
