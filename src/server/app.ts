import cors from '@fastify/cors';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../domain/errors.ts';
import type { ConversationService } from '../engine/conversation-service.ts';
import type { Dispatcher } from '../engine/dispatcher.ts';
import type { PacketSource } from '../engine/handover-packets.ts';
import type { ServiceMetrics } from '../engine/service-metrics.ts';
import type { LiveKnowledgeBase } from '../knowledge/live-knowledge-base.ts';
import type { ChannelStore } from '../channels/channel-store.ts';
import type { Store } from '../store/store.ts';
import { Authenticator } from './auth.ts';
import { openApiRoutes } from './openapi/routes.ts';
import { agentRoutes } from './routes/agent-routes.ts';
import { articleRoutes } from './routes/article-routes.ts';
import { channelRoutes } from './routes/channel-routes.ts';
import { conversationRoutes } from './routes/conversation-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
import { streamRoute } from './stream.ts';
import { webRoutes } from './web-routes.ts';

/** Largest request body; message texts have their own, smaller limit. */
const BODY_LIMIT = 64 * 1024;

export interface AppDeps {
  service: ConversationService;
  dispatcher: Dispatcher;
  /** Handover packets, for agents and webhooks. */
  packets: PacketSource;
  /** Prometheus metrics, at GET /metrics. */
  metrics: ServiceMetrics;
  store: Store;
  /** Outgoing webhooks (their routes are left out without them). */
  webhooks?: Webhooks;
  /** API keys and channel users of the inbound channel API (chat apps, help desks). */
  channels: ChannelStore;
  bus: Bus;
  clock: Clock;
  log: Logger;
  /** The help-centre articles the API reads and edits; edits reach search at once. */
  knowledge: LiveKnowledgeBase;
  sessionHours: number;
}

/** Fastify's own 4xx errors, given stable codes of ours. */
function frameworkErrorCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'invalid_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    default:
      return error instanceof SyntaxError ? 'invalid_json' : 'bad_request';
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger, bodyLimit: BODY_LIMIT, forceCloseConnections: true,
    // Per-request lines would drown the decisions worth reading; errors are still logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const auth = new Authenticator(deps.store, deps.clock);
  // The API speaks JSON only; anything else is a 415, not a string the routes would misread.
  app.removeContentTypeParser('text/plain');
  // First: GET /openapi.json and /docs, and a record of every route registered after it (test/openapi.test.ts).
  openApiRoutes(app);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: frameworkErrorCode(error), message: error.message } });
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal_error', message: 'something went wrong on our side' } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );

  // The widget is embedded on the business's own site, another origin: the API answers any origin. Tokens travel in the
  // Authorization header, never in cookies, so no credentials are shared with the page.
  await app.register(cors, { origin: '*', methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], allowedHeaders: ['authorization', 'content-type'], maxAge: 600 });
  await app.register(websocket, { options: { maxPayload: BODY_LIMIT } });

  // Prometheus text format, for the operator's scraper (counts and queue sizes only: no customer data).
  app.get('/metrics', async (_request, reply) => {
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(await deps.metrics.render());
  });

  app.get('/healthz', async (_request, reply) => {
    try {
      await deps.store.ping();
      return { ok: true };
    } catch {
      return reply.code(503).send({ ok: false, error: { code: 'store_unavailable', message: 'the database does not answer' } });
    }
  });

  conversationRoutes(app, { service: deps.service, dispatcher: deps.dispatcher, packets: deps.packets, store: deps.store, auth });
  agentRoutes(app, { service: deps.service, dispatcher: deps.dispatcher, store: deps.store, auth, clock: deps.clock, sessionHours: deps.sessionHours });
  articleRoutes(app, { knowledge: deps.knowledge, auth });
  channelRoutes(app, { service: deps.service, dispatcher: deps.dispatcher, store: deps.store, auth, channels: deps.channels, clock: deps.clock });
  await webRoutes(app);
  streamRoute(app, { bus: deps.bus, store: deps.store, auth, service: deps.service, dispatcher: deps.dispatcher });
  if (deps.webhooks) webhookRoutes(app, { webhooks: deps.webhooks, auth });
  return app;
}
