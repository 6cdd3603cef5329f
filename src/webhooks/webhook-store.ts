import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../store/sql/schema.ts';

/** A URL subscribed to events. The secret signs what is sent to it, so it is kept as given (never shown back). */
export interface WebhookSubscription {
  id: string;
  url: string;
  /** Event types, or `*` for all of them. */
  events: string[];
  secret: string;
  createdAt: string;
  /** The agent who created it. */
  createdBy: string | null;
  /** The log's last global position when it was created: it receives events after this one only (no history). */
  startPosition: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one subscription, and how sending it went. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventPosition: number;
  eventType: string;
  conversationId: string;
  status: DeliveryStatus;
  /** POSTs made so far. */
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  /** When the next attempt is due, while pending. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** A delivery to insert: the body is built once, at fan-out, so every attempt sends (and signs) the same bytes. */
export interface NewDelivery {
  id: string;
  subscriptionId: string;
  eventPosition: number;
  eventType: string;
  conversationId: string;
  /** The request body, as sent. */
  payload: string;
}

/** What one attempt came to. */
export interface AttemptOutcome {
  at: string;
  status: DeliveryStatus;
  statusCode: number | null;
  error: string | null;
  /** When the next attempt is due (status pending). */
  nextAttemptAt: string | null;
}

/** The job each new delivery gets, written in the fan-out's transaction (see recordFanOut). */
export interface DeliveryJob {
  kind: string;
  /** The job id of a delivery. */
  idOf(deliveryId: string): string;
}

export interface WebhookStore {
  /** Creates the subscription; it starts at the log's current end. */
  createSubscription(input: { id: string; url: string; events: string[]; secret: string; createdBy: string | null; createdAt: string }): Promise<WebhookSubscription>;
  listSubscriptions(): Promise<WebhookSubscription[]>;
  getSubscription(id: string): Promise<WebhookSubscription | undefined>;
  /** Deletes the subscription and its deliveries; the ids of those still pending (their jobs are to be cancelled), or undefined when there was none. */
  deleteSubscription(id: string): Promise<{ pending: string[] } | undefined>;
  /** The global position of the last event fanned out. */
  cursor(): Promise<number>;
  /** The global position of the last event in the log (0 when empty). */
  lastEventPosition(): Promise<number>;
  /**
   * In one transaction: inserts the deliveries not already there (one per subscription and event), a job for each
   * one inserted, and moves the cursor forward to `to`. Returns the ids of the deliveries inserted.
   */
  recordFanOut(deliveries: readonly NewDelivery[], to: number, job: DeliveryJob, now: string): Promise<string[]>;
  /** A delivery with its body and its subscription (undefined when the subscription is gone). */
  deliveryToSend(id: string): Promise<{ delivery: WebhookDelivery; payload: string; subscription: WebhookSubscription | undefined } | undefined>;
  /** Records an attempt on a pending delivery; false when it is no longer pending (or gone). */
  recordAttempt(id: string, outcome: AttemptOutcome): Promise<boolean>;
  deleteDelivery(id: string): Promise<void>;
  /** A subscription's deliveries, newest event first. */
  listDeliveries(subscriptionId: string, options: { limit: number; status?: DeliveryStatus }): Promise<WebhookDelivery[]>;
}

const CURSOR_ID = 'fanout';

const DELIVERY_COLUMNS = [
  'id',
  'subscription_id',
  'event_position',
  'event_type',
  'conversation_id',
  'status',
  'attempts',
  'last_status_code',
  'last_error',
  'created_at',
  'last_attempt_at',
  'next_attempt_at',
  'delivered_at',
] as const;
type DeliveryRow = Pick<Selectable<Database['webhook_deliveries']>, (typeof DELIVERY_COLUMNS)[number]>;

function toSubscription(row: Selectable<Database['webhook_subscriptions']>): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events),
    secret: row.secret,
    createdAt: row.created_at,
    createdBy: row.created_by,
    startPosition: Number(row.start_position),
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventPosition: Number(row.event_position),
    eventType: row.event_type,
    conversationId: row.conversation_id,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    createdAt: row.created_at,
    lastAttemptAt: row.last_attempt_at,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
  };
}

/** The webhook tables, on the store's own Kysely (SQLite or PostgreSQL: the same queries). */
export class SqlWebhookStore implements WebhookStore {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
  ) {}

  async createSubscription(input: { id: string; url: string; events: string[]; secret: string; createdBy: string | null; createdAt: string }): Promise<WebhookSubscription> {
    // Events commit in position order (the append lock), so every event committed later has a larger position.
    const startPosition = await this.lastEventPosition();
    const row = {
      id: input.id,
      url: input.url,
      events: JSON.stringify(input.events),
      secret: input.secret,
      created_by: input.createdBy,
      created_at: input.createdAt,
      start_position: startPosition,
    };
    await this.db.insertInto('webhook_subscriptions').values(row).execute();
    return toSubscription(row);
  }

  async listSubscriptions(): Promise<WebhookSubscription[]> {
    const rows = await this.db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toSubscription);
  }

  async getSubscription(id: string): Promise<WebhookSubscription | undefined> {
    const row = await this.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSubscription(row) : undefined;
  }

  async deleteSubscription(id: string): Promise<{ pending: string[] } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return undefined;
      const pending = await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('subscription_id', '=', id)
        .where('status', '=', 'pending')
        .execute();
      await trx.deleteFrom('webhook_deliveries').where('subscription_id', '=', id).execute();
      return { pending: pending.map((r) => r.id) };
    });
  }

  async cursor(): Promise<number> {
    const row = await this.db.selectFrom('webhook_cursor').select('position').where('id', '=', CURSOR_ID).executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  async lastEventPosition(): Promise<number> {
    const row = await this.db.selectFrom('events').select((eb) => eb.fn.max('position').as('last')).executeTakeFirst();
    return Number(row?.last ?? 0);
  }

  async recordFanOut(deliveries: readonly NewDelivery[], to: number, job: DeliveryJob, now: string): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const inserted: string[] = [];
      // A few rows a statement: a batch of events fanned out to many subscriptions stays under parameter limits.
      for (let i = 0; i < deliveries.length; i += 100) {
        const rows = deliveries.slice(i, i + 100).map((d) => ({
          id: d.id,
          subscription_id: d.subscriptionId,
          event_position: d.eventPosition,
          event_type: d.eventType,
          conversation_id: d.conversationId,
          payload: d.payload,
          status: 'pending',
          last_status_code: null,
          last_error: null,
          created_at: now,
          last_attempt_at: null,
          next_attempt_at: now,
          delivered_at: null,
        }));
        // Fanned out before (a run cut short after its commit, two runs at once): the unique key keeps one.
        const added = await trx
          .insertInto('webhook_deliveries')
          .values(rows)
          .onConflict((oc) => oc.columns(['subscription_id', 'event_position']).doNothing())
          .returning('id')
          .execute();
        inserted.push(...added.map((r) => r.id));
      }
      if (inserted.length > 0) {
        // The jobs in the same transaction: a delivery never exists without the job that sends it. Written as the
        // store's scheduleJob writes a new job (it cannot join this transaction).
        await trx
          .insertInto('jobs')
          .values(
            inserted.map((id) => ({
              id: job.idOf(id),
              kind: job.kind,
              run_at: now,
              payload: JSON.stringify({ deliveryId: id }),
              locked_until: null,
              last_error: null,
              created_at: now,
            })),
          )
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
      await trx
        .insertInto('webhook_cursor')
        .values({ id: CURSOR_ID, position: to })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            position: eb.case().when('webhook_cursor.position', '<', eb.ref('excluded.position')).then(eb.ref('excluded.position')).else(eb.ref('webhook_cursor.position')).end(),
          })),
        )
        .execute();
      return inserted;
    });
  }

  async deliveryToSend(id: string): Promise<{ delivery: WebhookDelivery; payload: string; subscription: WebhookSubscription | undefined } | undefined> {
    const row = await this.db.selectFrom('webhook_deliveries').select([...DELIVERY_COLUMNS, 'payload']).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { delivery: toDelivery(row), payload: row.payload, subscription: await this.getSubscription(row.subscription_id) };
  }

  async recordAttempt(id: string, outcome: AttemptOutcome): Promise<boolean> {
    const updated = await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: outcome.status,
        attempts: eb('attempts', '+', 1),
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        last_attempt_at: outcome.at,
        next_attempt_at: outcome.nextAttemptAt,
        delivered_at: outcome.status === 'delivered' ? outcome.at : null,
      }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  async deleteDelivery(id: string): Promise<void> {
    await this.db.deleteFrom('webhook_deliveries').where('id', '=', id).execute();
  }

  async listDeliveries(subscriptionId: string, options: { limit: number; status?: DeliveryStatus }): Promise<WebhookDelivery[]> {
    let query = this.db.selectFrom('webhook_deliveries').select(DELIVERY_COLUMNS).where('subscription_id', '=', subscriptionId);
    if (options.status) query = query.where('status', '=', options.status);
    const rows = await query.orderBy('event_position', 'desc').limit(options.limit).execute();
    return rows.map(toDelivery);
  }
}
