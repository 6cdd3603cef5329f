import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildOfflineBrain } from './brain/offline/build-offline-brain.ts';
import { chooseBrain } from './brain/choose-brain.ts';
import { chooseAccountData } from './accounts/choose-account-data.ts';
import type { AccountData } from './accounts/account-data.ts';
import type { Brain } from './brain/brain.ts';
import type { Bus } from './bus/bus.ts';
import { MemoryBus } from './bus/memory-bus.ts';
import { RedisBus } from './bus/redis-bus.ts';
import { ManualClock, systemClock, type Clock } from './clock.ts';
import type { Config } from './config/config.ts';
import { ChannelStore } from './channels/channel-store.ts';
import { ConversationService } from './engine/conversation-service.ts';
import { Dispatcher } from './engine/dispatcher.ts';
import { HandoverPackets } from './engine/handover-packets.ts';
import { ServiceMetrics } from './engine/service-metrics.ts';
import { serviceLogger } from './engine/service-logger.ts';
import { LlmSummarizer } from './brain/llm/llm-summarizer.ts';
import { llmModel } from './brain/llm/llm-model.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { SqlWebhookStore } from './webhooks/webhook-store.ts';
import { Webhooks } from './webhooks/webhooks.ts';
import { QueueBoard } from './routing/queue-board.ts';
import { policyFromConfig } from './escalation/policy-from-config.ts';
import { LiveKnowledgeBase } from './knowledge/live-knowledge-base.ts';
import { routerFromConfig } from './routing/router.ts';
import { seedDemoArticles } from './seed/demo-articles.ts';
import { seedDemoCompany } from './seed/demo-company.ts';
import { seedDemoHistory } from './seed/demo-history.ts';
import { buildApp } from './server/app.ts';
import { openStore } from './store/sql/open-store.ts';
import type { Store } from './store/store.ts';

export interface RunningService {
  app: FastifyInstance;
  url: string;
  store: Store;
  bus: Bus;
  service: ConversationService;
  /** The queues: assignment, wait promises and routing timers. */
  dispatcher: Dispatcher;
  /** The durable timers (jobs table) this node runs. */
  jobs: JobRunner;
  /** Outgoing webhooks: subscriptions, the outbox's fan-out and deliveries. */
  webhooks: Webhooks;
  /** The help-centre articles, searchable; edits through it reach the store and the index at once. */
  knowledge: LiveKnowledgeBase;
  seeded: boolean;
  close(): Promise<void>;
}

export interface ServiceOverrides {
  log?: Logger;
  clock?: Clock;
  brain?: Brain;
  bus?: Bus;
  accounts?: AccountData;
}

/** How often a node indexes articles written elsewhere (other nodes, `baton kb import`). */
const KNOWLEDGE_REFRESH_MS = 30_000;

/** Wires the ports to their implementations from config, migrates, seeds, and listens. */
export async function startService(config: Config, overrides: ServiceOverrides = {}): Promise<RunningService> {
  const log = overrides.log ?? serviceLogger(config);
  const clock = overrides.clock ?? systemClock;
  // Read first: a policy that cannot be used stops start before anything else is opened.
  const escalation = policyFromConfig(config);
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, clock);
  let bus: Bus | undefined;
  let knowledge: LiveKnowledgeBase | undefined;
  let jobs: JobRunner | undefined;
  let dispatcher: Dispatcher | undefined;
  let webhooks: Webhooks | undefined;
  let metrics: ServiceMetrics | undefined;
  try {
    await store.migrate();
    const onBusError = (err: unknown, context = 'bus subscriber failed') => log.error({ err }, context);
    bus = overrides.bus ?? (config.redisUrl ? await RedisBus.connect(config.redisUrl, { onError: onBusError }) : new MemoryBus(onBusError));
    const seeded = config.seedDemo ? await seedDemoCompany(store) : false;
    if (config.seedDemo) await seedDemoArticles(store);
    if (seeded && config.seedDemoHistory) {
      // On a store of its own, whose clock the seeding moves through the past.
      const pastClock = new ManualClock(0);
      const past = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, pastClock);
      try {
        await seedDemoHistory(past, pastClock, clock.now().getTime());
      } finally {
        await past.close();
      }
    }
    const liveKnowledge = await LiveKnowledgeBase.load(store);
    knowledge = liveKnowledge;
    liveKnowledge.refreshEvery(KNOWLEDGE_REFRESH_MS, (err) => log.error({ err }, 'knowledge refresh failed'));
    const accounts = overrides.accounts ?? chooseAccountData(config);
    const brain =
      overrides.brain ??
      (await chooseBrain(config, { knowledge: liveKnowledge, accounts, offline: () => buildOfflineBrain({ knowledge: liveKnowledge, accounts }), log }));
    const { routing } = config;
    const board = new QueueBoard({
      agingSeconds: routing.agingSeconds,
      strategy: routing.assignment,
      strategies: routing.teamAssignment,
      eta: { agingSeconds: routing.agingSeconds },
    });
    const runner = new JobRunner({ store, clock, onError: (err, job) => log.error({ err, job: job.id }, 'job failed; retrying later') });
    jobs = runner;
    // Outgoing webhooks: their jobs run on this runner; they fan out once the packets are there (below).
    const outgoing = new Webhooks({ store, webhooks: new SqlWebhookStore(store.db, store.dialect), jobs: runner, clock, log, redactPackets: config.redaction.webhooks });
    webhooks = outgoing;
    const service = new ConversationService({
      store,
      clock,
      bus,
      brain,
      escalation,
      router: routerFromConfig(config),
      log,
      outlook: (team, priority) => dispatcher?.outlook(team, priority),
      onAppended: (result) => {
        webhooks?.afterAppend(result);
        dispatcher?.afterAppend(result);
        metrics?.afterAppend(result);
      },
    });
    const queues = new Dispatcher({
      store,
      bus,
      clock,
      log,
      board,
      jobs: runner,
      append: (id, decide) => service.apply(id, decide),
      teamHours: routing.teamHours,
      firstResponseSeconds: routing.firstResponseSeconds,
      abandonAfterSeconds: routing.abandonAfterSeconds,
      etaRefreshSeconds: routing.etaRefreshSeconds,
    });
    dispatcher = queues;
    const serviceMetrics = new ServiceMetrics(queues);
    metrics = serviceMetrics;
    await queues.start();
    runner.start();
    const resumed = await service.resumePendingTurns();
    if (resumed > 0) log.info({ resumed }, 'answered customer messages left unanswered by the last run');
    const { baseUrl: llmUrl, model: llmName } = config.llm;
    const packets = new HandoverPackets({
      store,
      accounts,
      log,
      firstResponseSeconds: routing.firstResponseSeconds,
      redaction: { cards: config.redaction.cards, emails: config.redaction.emails, phones: config.redaction.phones },
      ...(llmUrl && llmName
        ? { summarizer: new LlmSummarizer({ model: llmModel({ ...config.llm, baseUrl: llmUrl, model: llmName }), timeoutMs: config.llm.timeoutMs, log }) }
        : {}),
    });
    // The channel bridges' keys and users, in tables of their own on the store's database.
    const channels = new ChannelStore(store.db, clock);
    await outgoing.start(packets);
    const app = await buildApp({ webhooks: outgoing, service, dispatcher: queues, channels, packets, metrics: serviceMetrics, store, bus, clock, log, knowledge: liveKnowledge, sessionHours: config.agentSessionHours });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const openBus = bus;
    return {
      app,
      url: `http://${host}:${port}`,
      store,
      bus: openBus,
      service,
      dispatcher: queues,
      jobs: runner,
      webhooks: outgoing,
      knowledge: liveKnowledge,
      seeded,
      async close() {
        liveKnowledge.close();
        queues.stop();
        await runner.stop();
        await outgoing.stop();
        await app.close();
        await openBus.close();
        await store.close();
      },
    };
  } catch (error) {
    dispatcher?.stop();
    await jobs?.stop();
    await webhooks?.stop();
    knowledge?.close();
    await bus?.close();
    await store.close();
    throw error;
  }
}
