import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { ALL_EVENTS, isWebhookEventType, WEBHOOK_EVENT_TYPES, webhookEventId } from '../../webhooks/webhook-payload.ts';
import type { WebhookDelivery, WebhookSubscription } from '../../webhooks/webhook-store.ts';
import type { Webhooks } from '../../webhooks/webhooks.ts';
import { bearerToken, type Authenticator } from '../auth.ts';
import { registerOperations } from '../openapi/registry.ts';
import { parseInput } from '../validation.ts';

export const SECRET_MIN = 16;
export const SECRET_MAX = 256;
const URL_MAX = 2048;
const SECRET_RULE = `must be a string of ${SECRET_MIN} to ${SECRET_MAX} characters`;
const EVENT_CHOICES = `${WEBHOOK_EVENT_TYPES.join(', ')}, or "${ALL_EVENTS}" for all`;

/** An absolute http(s) URL with no user or password in it (the signature is how a subscriber knows it is us). */
const WebhookUrl = z
  .string({ error: 'is required: the absolute http or https URL to POST events to' })
  .trim()
  .max(URL_MAX, `must be at most ${URL_MAX} characters`)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute http or https URL' });
      return z.NEVER;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `must be an http or https URL, not ${url.protocol.replace(/:$/, '')}` });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password: requests are signed with the secret' });
      return z.NEVER;
    }
    return url.href;
  });

export const CreateWebhookBody = z
  .object({
    url: WebhookUrl,
    events: z
      .array(z.string().max(100), { error: `is required: a list of event types (${EVENT_CHOICES})` })
      .min(1, `name at least one event type (${EVENT_CHOICES})`)
      .max(50)
      .superRefine((events, ctx) => {
        const unknown = events.find((e) => e !== ALL_EVENTS && !isWebhookEventType(e));
        if (unknown !== undefined) ctx.addIssue({ code: 'custom', message: `unknown event type "${unknown}"; use ${EVENT_CHOICES}` });
      })
      .transform((events) => (events.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(events)])),
    secret: z.string({ error: `is required: ${SECRET_RULE}, used to sign every request` }).min(SECRET_MIN, SECRET_RULE).max(SECRET_MAX, SECRET_RULE),
  })
  .strict();

export const WebhookIdParams = z.object({ id: z.string().min(1).max(100) });
export const DeliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The secret is never shown back: its last characters, to tell which one is set. */
export function webhookView(subscription: WebhookSubscription) {
  return {
    id: subscription.id,
    url: subscription.url,
    events: subscription.events,
    secretHint: `…${subscription.secret.slice(-4)}`,
    createdAt: subscription.createdAt,
    createdBy: subscription.createdBy,
  };
}

export function deliveryView(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    eventId: webhookEventId(delivery.eventPosition),
    eventType: delivery.eventType,
    conversationId: delivery.conversationId,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    lastAttemptAt: delivery.lastAttemptAt,
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
    deliveredAt: delivery.deliveredAt,
  };
}

const Timestamp = z.string().describe('ISO-8601 time');
export const WebhookResponseItem = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    secretHint: z.string().describe('the secret\'s last 4 characters; the secret itself is never shown back'),
    createdAt: Timestamp,
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'Webhook' });
export const DeliveryResponseItem = z
  .object({
    id: z.string().describe('also sent as `X-Baton-Delivery`'),
    eventId: z.string().describe('the body\'s `id`, also sent as `X-Baton-Event`'),
    eventType: z.string(),
    conversationId: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: Timestamp,
    lastAttemptAt: Timestamp.nullable(),
    nextAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

const MANAGERS = 'supervisor, admin';
registerOperations(
  [
    {
      method: 'POST',
      path: '/api/v1/webhooks',
      operationId: 'createWebhook',
      summary: 'Subscribe a URL to events',
      description:
        'Events after this moment (no history) are POSTed as `{"id", "type", "createdAt", "data"}` with `X-Baton-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>`, ' +
        '`X-Baton-Event` (the event id), `X-Baton-Event-Type` and `X-Baton-Delivery`. A 2xx within 5 s delivers; anything else is retried (2 s, 4 s, 8 s … at most 10 min apart, 12 attempts). ' +
        'At least once: de-duplicate on the event id.',
      tags: ['webhooks'],
      auth: ['agent'],
      who: MANAGERS,
      body: CreateWebhookBody,
      responses: { 201: { description: 'subscribed', schema: z.object({ webhook: WebhookResponseItem }) } },
      errors: { 403: 'an agent (not a supervisor or admin), or a customer token' },
    },
    {
      method: 'GET',
      path: '/api/v1/webhooks',
      operationId: 'listWebhooks',
      summary: 'The webhook subscriptions',
      tags: ['webhooks'],
      auth: ['agent'],
      who: MANAGERS,
      responses: { 200: { description: 'every subscription, oldest first', schema: z.object({ webhooks: z.array(WebhookResponseItem) }) } },
      errors: { 403: 'an agent (not a supervisor or admin), or a customer token' },
    },
    {
      method: 'DELETE',
      path: '/api/v1/webhooks/:id',
      operationId: 'deleteWebhook',
      summary: 'Unsubscribe',
      description: 'Its deliveries not yet made are dropped, and its delivery log with them.',
      tags: ['webhooks'],
      auth: ['agent'],
      who: MANAGERS,
      params: WebhookIdParams,
      responses: { 204: { description: 'deleted' } },
      errors: { 403: 'an agent (not a supervisor or admin), or a customer token', 404: 'no such webhook' },
    },
    {
      method: 'GET',
      path: '/api/v1/webhooks/:id/deliveries',
      operationId: 'listWebhookDeliveries',
      summary: 'A webhook\'s delivery log',
      tags: ['webhooks'],
      auth: ['agent'],
      who: MANAGERS,
      params: WebhookIdParams,
      query: DeliveriesQuery,
      responses: { 200: { description: 'newest event first', schema: z.object({ deliveries: z.array(DeliveryResponseItem) }) } },
      errors: { 403: 'an agent (not a supervisor or admin), or a customer token', 404: 'no such webhook' },
    },
  ],
  { webhooks: 'Outgoing webhooks: events POSTed, signed, to subscribed URLs, with a delivery log.' },
);

export function webhookRoutes(app: FastifyInstance, deps: { webhooks: Webhooks; auth: Authenticator }) {
  const { webhooks, auth } = deps;

  /** Webhooks send conversations out of Baton: supervisors and admins only. */
  async function manager(request: FastifyRequest) {
    const me = await auth.agent(bearerToken(request));
    if (me.role !== 'supervisor' && me.role !== 'admin') throw new DomainError(403, 'forbidden', 'only supervisors and admins manage webhooks');
    return me;
  }

  async function existing(id: string) {
    const subscription = await webhooks.get(id);
    if (!subscription) throw new DomainError(404, 'not_found', `no webhook ${id}`);
    return subscription;
  }

  app.post('/api/v1/webhooks', async (request, reply) => {
    const me = await manager(request);
    const body = parseInput(CreateWebhookBody, request.body);
    const subscription = await webhooks.create({ url: body.url, events: body.events, secret: body.secret, createdBy: me.id });
    return reply.code(201).send({ webhook: webhookView(subscription) });
  });

  app.get('/api/v1/webhooks', async (request) => {
    await manager(request);
    return { webhooks: (await webhooks.list()).map(webhookView) };
  });

  app.delete('/api/v1/webhooks/:id', async (request, reply) => {
    await manager(request);
    const { id } = parseInput(WebhookIdParams, request.params, 'path');
    if (!(await webhooks.delete(id))) throw new DomainError(404, 'not_found', `no webhook ${id}`);
    return reply.code(204).send();
  });

  app.get('/api/v1/webhooks/:id/deliveries', async (request) => {
    await manager(request);
    const { id } = parseInput(WebhookIdParams, request.params, 'path');
    const { status, limit } = parseInput(DeliveriesQuery, request.query, 'query');
    await existing(id);
    return { deliveries: (await webhooks.deliveries(id, { limit, ...(status ? { status } : {}) })).map(deliveryView) };
  });
}
