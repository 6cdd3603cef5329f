import { v7 as timeOrderedId } from 'uuid';
import {
  Migrator,
  sql,
  type CompiledQuery,
  type Insertable,
  type Kysely,
  type QueryResult,
  type Selectable,
  type Transaction,
} from 'kysely';
import { applyEvent, emptyState, type ConversationState } from '../../domain/conversation-state.ts';
import { notFound } from '../../domain/errors.ts';
import type { AgentRole } from '../../domain/commands.ts';
import { newEvent, storedEvent, type CustomerProfile, type NewEvent, type StoredEvent } from '../../domain/events.ts';
import type { Clock } from '../../clock.ts';
import type { Article } from '../../knowledge/knowledge.ts';
import {
  DEFAULT_AGENT_CAPACITY,
  type AgentRecord,
  type AgentRoutingChanges,
  type AppendResult,
  type ArticleWrite,
  type ConversationFilter,
  type Decide,
  type Job,
  type NewAgent,
  type Presence,
  type Store,
  type TeamRecord,
} from '../store.ts';
import { GroupCommit } from './group-commit.ts';
import { KnownStates } from './known-states.ts';
import { reusable, type RunQuery } from './reusable-query.ts';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

const TOKEN_CACHE_SIZE = 10_000;

/** Every append on PostgreSQL takes this lock, so global positions commit in order and a reader never skips one. */
const APPEND_LOCK = 0x6261746f; // "bato"

/** The columns an event is read back from (client_message_id is in data too; reading it twice costs on hot paths). */
const EVENT_COLUMNS = ['position', 'conversation_id', 'seq', 'type', 'actor', 'data', 'at'] as const;
type EventRow = Pick<Selectable<Database['events']>, (typeof EVENT_COLUMNS)[number]>;

function toEvent(row: EventRow): StoredEvent {
  return {
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    position: Number(row.position),
    type: row.type,
    actor: JSON.parse(row.actor),
    data: JSON.parse(row.data),
    at: row.at,
  } as StoredEvent;
}

function toAgent(row: Selectable<Database['agents']>): AgentRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as AgentRole,
    teams: JSON.parse(row.teams),
    presence: row.presence as Presence,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    skills: JSON.parse(row.skills),
    languages: JSON.parse(row.languages),
    capacity: Number(row.capacity),
    presenceChangedAt: row.presence_changed_at,
  };
}

function newAgentRecord(agent: NewAgent, createdAt: string): AgentRecord {
  return {
    ...agent,
    skills: agent.skills ?? [],
    languages: agent.languages ?? [],
    capacity: agent.capacity ?? DEFAULT_AGENT_CAPACITY,
    presence: 'offline',
    presenceChangedAt: null,
    createdAt,
  };
}

function agentRow(record: AgentRecord): Insertable<Database['agents']> {
  return {
    id: record.id,
    email: record.email.toLowerCase(),
    name: record.name,
    role: record.role,
    teams: JSON.stringify(record.teams),
    presence: record.presence,
    password_hash: record.passwordHash,
    created_at: record.createdAt,
    skills: JSON.stringify(record.skills),
    languages: JSON.stringify(record.languages),
    capacity: record.capacity,
    presence_changed_at: record.presenceChangedAt,
  };
}

function toTeam(row: Selectable<Database['teams']>): Required<TeamRecord> {
  return { id: row.id, name: row.name, skills: JSON.parse(row.skills), languages: JSON.parse(row.languages) };
}

function toJob(row: Selectable<Database['jobs']>): Job {
  return {
    id: row.id,
    kind: row.kind,
    runAt: row.run_at,
    payload: JSON.parse(row.payload),
    attempts: Number(row.attempts),
    version: Number(row.version),
    lastError: row.last_error,
  };
}

const byRunAt = (a: Job, b: Job) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function toArticle(row: Database['articles']): Article {
  return { id: row.id, title: row.title, body: row.body, tags: JSON.parse(row.tags), updatedAt: row.updated_at };
}

function articleRow(article: Omit<Article, 'updatedAt'>, updatedAt: string): Database['articles'] {
  return { id: article.id, title: article.title, body: article.body, tags: JSON.stringify(article.tags), updated_at: updatedAt };
}

/**
 * The positions of `count` events just inserted, in VALUES order, which is the order they are handed out in (the
 * sequence on PostgreSQL, rowids on SQLite). RETURNING may list them in any order, so they are ranked. SQLite's
 * insert returns nothing: its rows took consecutive rowids (each the largest so far plus one), the last is insertId.
 */
function insertedPositions(inserted: QueryResult<{ position: number }>, count: number): number[] {
  if (inserted.rows.length > 0) return inserted.rows.map((r) => Number(r.position)).sort((a, b) => a - b);
  const last = Number(inserted.insertId);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

const sameArticle = (a: Omit<Article, 'updatedAt'>, b: Omit<Article, 'updatedAt'>) =>
  a.title === b.title && a.body === b.body && JSON.stringify(a.tags) === JSON.stringify(b.tags);

/** The store on Kysely: the same queries run on SQLite and on PostgreSQL. */
export class SqlStore implements Store {
  private readonly appends: GroupCommit<RunQuery>;
  /** The appends' own queries, compiled once (see reusable-query.ts); parameters in the order written here. */
  private readonly queries;
  private readonly insertEventQueries = new Map<number, ReturnType<typeof reusable<{ position: number }>>>();
  /** Customer token hash to conversation: a token never moves to another conversation, so hits can be kept. */
  private readonly tokens = new Map<string, string>();
  private readonly knownStates = new KnownStates();

  /**
   * `runDirectly`, on SQLite: runs compiled queries straight on the one connection (SqliteStatements.run); the
   * transactions below use it instead of Kysely's per-query machinery, while Kysely still holds the connection.
   */
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    private readonly clock: Clock,
    private readonly runDirectly?: RunQuery,
  ) {
    this.queries = {
      /** (id) */
      state: reusable(db.selectFrom('conversations').select('state').where('id', '=', '').compile()),
      /**
       * (known last_seq, client_message_id, id): the state, or null if last_seq is the known one; and the position of
       * the event first stored with the clientMessageId, if any. One statement for all an append reads.
       */
      stateAndDuplicate: reusable(
        db
          .selectFrom('conversations')
          .select((eb) => [
            eb.case().when('last_seq', '=', 0).then(sql<null>`null`).else(eb.ref('state')).end().as('state'),
            eb
              .selectFrom('events')
              .select('position')
              .whereRef('events.conversation_id', '=', 'conversations.id')
              .where('events.client_message_id', '=', '')
              .as('duplicate'),
          ])
          .where('id', '=', '')
          .compile(),
      ),
      /** (position) */
      eventAt: reusable(db.selectFrom('events').select(EVENT_COLUMNS).where('position', '=', 0).compile()),
      /** (owner, team, agent_id, last_seq, pending, state, updated_at, id) */
      updateConversation: reusable(
        db
          .updateTable('conversations')
          .set({ owner: '', team: null, agent_id: null, last_seq: 0, pending: 0, state: '', updated_at: '' })
          .where('id', '=', '')
          .compile(),
      ),
      /**
       * (last_seq, pending, state, updated_at, id): for when owner, team and agent stay (the columns always mirror the
       * state). SQLite rewrites the index entries of every column set, even to the same value: more pages to commit.
       */
      updateState: reusable(
        db.updateTable('conversations').set({ last_seq: 0, pending: 0, state: '', updated_at: '' }).where('id', '=', '').compile(),
      ),
      /** (customer_token_hash) */
      conversationForToken: reusable(db.selectFrom('conversations').select('id').where('customer_token_hash', '=', '').compile()),
      /** () */
      lockAppends: reusable(sql`select pg_advisory_xact_lock(${sql.lit(APPEND_LOCK)})`.compile(db)),
    };
    this.appends = new GroupCommit((work) =>
      db.transaction().execute(async (trx) => {
        const run = this.runIn(trx);
        await this.lockAppends(run);
        await work(run);
      }),
    );
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider(this.dialect) });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) {
      throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
    }
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ---- conversations -------------------------------------------------------------------------------------------

  async createConversation(input: {
    id: string;
    customerTokenHash: string;
    customer: CustomerProfile;
    channel: string;
  }): Promise<AppendResult> {
    const created = await this.db.transaction().execute(async (trx) => {
      await this.lockAppends(this.runIn(trx));
      const now = this.clock.now().toISOString();
      const customerId = await this.upsertCustomer(trx, input.customer, now);
      const state = emptyState(input.id);
      await trx
        .insertInto('conversations')
        .values({
          id: input.id,
          customer_id: customerId,
          customer_token_hash: input.customerTokenHash,
          channel: input.channel,
          owner: state.owner,
          team: null,
          agent_id: null,
          last_seq: 0,
          pending: 0,
          state: JSON.stringify(state),
          created_at: now,
          updated_at: now,
        })
        .execute();
      const started = newEvent('conversation.started', { kind: 'system' }, {
        customer: { ...input.customer, id: customerId },
        channel: input.channel,
      });
      return this.write(this.runIn(trx), state, [started], now);
    });
    this.knownStates.remember(created.state);
    return created;
  }

  private async upsertCustomer(trx: Transaction<Database>, customer: CustomerProfile, now: string): Promise<string> {
    const attributes = JSON.stringify(customer.attributes ?? {});
    if (customer.externalId) {
      const existing = await trx
        .selectFrom('customers')
        .select('id')
        .where('external_id', '=', customer.externalId)
        .executeTakeFirst();
      if (existing) {
        await trx
          .updateTable('customers')
          .set({
            ...(customer.name !== undefined ? { name: customer.name } : {}),
            ...(customer.email !== undefined ? { email: customer.email } : {}),
            ...(customer.attributes !== undefined ? { attributes } : {}),
          })
          .where('id', '=', existing.id)
          .execute();
        return existing.id;
      }
    }
    const id = timeOrderedId();
    await trx
      .insertInto('customers')
      .values({
        id,
        external_id: customer.externalId ?? null,
        name: customer.name ?? null,
        email: customer.email ?? null,
        attributes,
        created_at: now,
      })
      .execute();
    return id;
  }

  async append(conversationId: string, decide: Decide, options: { clientMessageId?: string } = {}): Promise<AppendResult> {
    const result = await this.appends.submit(async (run) => {
      const known = this.knownStates.get(conversationId);
      // last_seq is never -1: with no state known, the state is always read.
      const query = this.queries.stateAndDuplicate(known?.lastSeq ?? -1, options.clientMessageId ?? null, conversationId);
      const [row] = (await run(query)).rows;
      if (!row) throw notFound('conversation');
      const state = row.state === null ? known! : (JSON.parse(row.state) as ConversationState);
      if (row.duplicate !== null) {
        const [first] = (await run(this.queries.eventAt(row.duplicate))).rows;
        return { events: [], state, duplicateOf: toEvent(first!) };
      }
      const events = decide(state);
      if (events.length === 0) return { events: [], state };
      return this.write(run, state, events, this.clock.now().toISOString());
    });
    // submit resolves once the transaction has committed, and only committed states may be remembered.
    this.knownStates.remember(result.state);
    return result;
  }

  /** How queries run in this transaction: on SQLite straight on the connection the transaction holds. */
  private runIn(trx: Transaction<Database>): RunQuery {
    return this.runDirectly ?? ((query) => trx.executeQuery(query));
  }

  private async lockAppends(run: RunQuery): Promise<void> {
    if (this.dialect === 'postgres') await run(this.queries.lockAppends());
  }

  /** Inserts events with the next seqs and moves the folded state forward in the same transaction. */
  private async write(run: RunQuery, state: ConversationState, events: NewEvent[], at: string): Promise<AppendResult> {
    const rows = events.map((event, i) => [
      state.id,
      state.lastSeq + i + 1,
      event.type,
      JSON.stringify(event.actor),
      JSON.stringify(event.data),
      event.type === 'message.created' && event.data.role === 'customer' ? (event.data.clientMessageId ?? null) : null,
      at,
    ]);
    const positions = insertedPositions(await run(this.insertEvents(rows.length)(...rows.flat())), rows.length);
    const written: StoredEvent[] = [];
    let next = state;
    events.forEach((event, i) => {
      const stored = storedEvent(event, state.id, state.lastSeq + i + 1, positions[i]!, at);
      written.push(stored);
      next = applyEvent(next, stored);
    });
    const sameOwner = next.owner === state.owner && next.team === state.team && next.agentId === state.agentId;
    await run(
      sameOwner
        ? this.queries.updateState(next.lastSeq, next.pendingSeqs.length, JSON.stringify(next), at, state.id)
        : this.queries.updateConversation(next.owner, next.team, next.agentId, next.lastSeq, next.pendingSeqs.length, JSON.stringify(next), at, state.id),
    );
    return { events: written, state: next };
  }

  /**
   * The insert of `count` events, compiled once per count: (conversation_id, seq, type, actor, data, client_message_id, at) each.
   * Returning the positions on PostgreSQL only: SQLite tells the last one anyway (see insertedPositions), and its
   * RETURNING costs about a third of the insert.
   */
  private insertEvents(count: number) {
    let query = this.insertEventQueries.get(count);
    if (!query) {
      const row = { conversation_id: '', seq: 0, type: '', actor: '', data: '', client_message_id: null, at: '' };
      const insert = this.db.insertInto('events').values(Array.from({ length: count }, () => row));
      query = reusable((this.dialect === 'postgres' ? insert.returning('position') : insert).compile() as CompiledQuery<{ position: number }>);
      this.insertEventQueries.set(count, query);
    }
    return query;
  }

  async getState(conversationId: string): Promise<ConversationState | undefined> {
    const [row] = (await this.db.executeQuery(this.queries.state(conversationId))).rows;
    return row ? (JSON.parse(row.state) as ConversationState) : undefined;
  }

  async conversationIdForToken(tokenHash: string): Promise<string | undefined> {
    const known = this.tokens.get(tokenHash);
    if (known) return known;
    const [row] = (await this.db.executeQuery(this.queries.conversationForToken(tokenHash))).rows;
    if (!row) return undefined;
    if (this.tokens.size >= TOKEN_CACHE_SIZE) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(tokenHash, row.id);
    return row.id;
  }

  async listConversations(filter: ConversationFilter): Promise<ConversationState[]> {
    let query = this.db.selectFrom('conversations').select('state');
    if (filter.owners?.length) query = query.where('owner', 'in', filter.owners);
    if (filter.teams) {
      const teams = filter.teams;
      const agentId = filter.agentId;
      query = query.where((eb) =>
        eb.or([
          ...(teams.length ? [eb('team', 'in', teams)] : []),
          eb('team', 'is', null),
          ...(agentId ? [eb('agent_id', '=', agentId)] : []),
        ]),
      );
    } else if (filter.agentId) {
      query = query.where('agent_id', '=', filter.agentId);
    }
    const rows = await query.orderBy('updated_at', 'desc').limit(filter.limit ?? 100).execute();
    return rows.map((r) => JSON.parse(r.state) as ConversationState);
  }

  async readEvents(conversationId: string, afterSeq = 0, limit = 10_000): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(EVENT_COLUMNS)
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async readEventsAfterPosition(afterPosition: number, limit: number, types?: readonly string[]): Promise<StoredEvent[]> {
    if (types && types.length === 0) return [];
    let query = this.db.selectFrom('events').select(EVENT_COLUMNS);
    if (types) query = query.where('type', 'in', types);
    const rows = await query
      .where('position', '>', afterPosition)
      .orderBy('position')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async readReplies(conversationId: string, customerSeq: number): Promise<StoredEvent[]> {
    const following = await this.readEvents(conversationId, customerSeq, 50);
    return following.filter((e) => e.type === 'message.created' && e.data.replyTo === customerSeq);
  }

  async readLatestEvents(types: readonly string[], limit: number): Promise<StoredEvent[]> {
    if (types.length === 0 || limit <= 0) return [];
    const rows = await this.db
      .selectFrom('events')
      .select(EVENT_COLUMNS)
      .where('type', 'in', types)
      .orderBy('position', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async listPendingTurns(): Promise<ConversationState[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select('state')
      .where('owner', 'in', ['ai', 'queue'])
      .where('pending', '>', 0)
      .execute();
    return rows.map((r) => JSON.parse(r.state) as ConversationState);
  }

  // ---- directory -----------------------------------------------------------------------------------------------

  async countAgents(): Promise<number> {
    const row = await this.db.selectFrom('agents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createAgent(agent: NewAgent): Promise<AgentRecord> {
    const record = newAgentRecord(agent, this.clock.now().toISOString());
    await this.db.insertInto('agents').values(agentRow(record)).execute();
    return record;
  }

  async createAgentUnlessEmailTaken(agent: NewAgent): Promise<boolean> {
    const record = newAgentRecord(agent, this.clock.now().toISOString());
    const result = await this.db
      .insertInto('agents')
      .values(agentRow(record))
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async getAgent(id: string): Promise<AgentRecord | undefined> {
    const row = await this.db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAgent(row) : undefined;
  }

  async findAgentByEmail(email: string): Promise<AgentRecord | undefined> {
    const row = await this.db.selectFrom('agents').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row ? toAgent(row) : undefined;
  }

  async listAgents(): Promise<AgentRecord[]> {
    const rows = await this.db.selectFrom('agents').selectAll().orderBy('email').execute();
    return rows.map(toAgent);
  }

  async setPresence(agentId: string, presence: Presence): Promise<void> {
    const now = this.clock.now().toISOString();
    // Only a change moves the time: logging in sets offline again, and that must not reset how long one was offline.
    await this.db
      .updateTable('agents')
      .set((eb) => ({
        presence,
        presence_changed_at: eb
          .case()
          .when(eb.or([eb('presence', '<>', presence), eb('presence_changed_at', 'is', null)]))
          .then(now)
          .else(eb.ref('presence_changed_at'))
          .end(),
      }))
      .where('id', '=', agentId)
      .execute();
  }

  async updateAgentRouting(agentId: string, changes: AgentRoutingChanges): Promise<AgentRecord | undefined> {
    const set = {
      ...(changes.skills !== undefined ? { skills: JSON.stringify(changes.skills) } : {}),
      ...(changes.languages !== undefined ? { languages: JSON.stringify(changes.languages) } : {}),
      ...(changes.capacity !== undefined ? { capacity: changes.capacity } : {}),
      ...(changes.teams !== undefined ? { teams: JSON.stringify(changes.teams) } : {}),
    };
    if (Object.keys(set).length > 0) await this.db.updateTable('agents').set(set).where('id', '=', agentId).execute();
    return this.getAgent(agentId);
  }

  async createSession(tokenHash: string, agentId: string, expiresAt: string): Promise<void> {
    await this.db
      .insertInto('agent_sessions')
      .values({ token_hash: tokenHash, agent_id: agentId, created_at: this.clock.now().toISOString(), expires_at: expiresAt })
      .execute();
  }

  async agentForSession(tokenHash: string, now: string): Promise<AgentRecord | undefined> {
    const row = await this.db
      .selectFrom('agent_sessions')
      .innerJoin('agents', 'agents.id', 'agent_sessions.agent_id')
      .selectAll('agents')
      .where('agent_sessions.token_hash', '=', tokenHash)
      .where('agent_sessions.expires_at', '>', now)
      .executeTakeFirst();
    return row ? toAgent(row) : undefined;
  }

  async upsertTeam(team: TeamRecord): Promise<void> {
    const given = {
      ...(team.skills !== undefined ? { skills: JSON.stringify(team.skills) } : {}),
      ...(team.languages !== undefined ? { languages: JSON.stringify(team.languages) } : {}),
    };
    await this.db
      .insertInto('teams')
      .values({ id: team.id, name: team.name, ...given })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: team.name, ...given }))
      .execute();
  }

  async listTeams(): Promise<Required<TeamRecord>[]> {
    return (await this.db.selectFrom('teams').selectAll().orderBy('id').execute()).map(toTeam);
  }

  // ---- jobs ----------------------------------------------------------------------------------------------------
  // Plain statements on the store's connection: jobs have nothing to do with the order of events, so they take
  // neither the append lock nor a place in the group commit.

  async scheduleJob(
    job: { id: string; kind: string; runAt: string; payload?: unknown },
    options: { keepEarlier?: boolean } = {},
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('jobs')
      .values({
        id: job.id,
        kind: job.kind,
        run_at: job.runAt,
        payload: JSON.stringify(job.payload ?? null),
        locked_until: null,
        last_error: null,
        created_at: now,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => {
          // A held job's earlier time is being served right now: it does not count as due earlier.
          const keepStored = eb.and([
            eb('jobs.run_at', '<', eb.ref('excluded.run_at')),
            eb.or([eb('jobs.locked_until', 'is', null), eb('jobs.locked_until', '<=', now)]),
          ]);
          return {
            kind: eb.ref('excluded.kind'),
            run_at: options.keepEarlier
              ? eb.case().when(keepStored).then(eb.ref('jobs.run_at')).else(eb.ref('excluded.run_at')).end()
              : eb.ref('excluded.run_at'),
            payload: eb.ref('excluded.payload'),
            version: eb('jobs.version', '+', 1),
            attempts: 0,
            last_error: null,
          };
        }),
      )
      .execute();
  }

  async claimDueJobs(now: string, limit: number, leaseMs: number): Promise<Job[]> {
    const lockedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    let due = this.db
      .selectFrom('jobs')
      .select('id')
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .orderBy('run_at')
      .limit(limit);
    // PostgreSQL: runners on other nodes skip the rows this one is taking instead of waiting for them. SQLite rejects
    // the clause and needs none: one UPDATE statement takes the write lock before it reads, so claims never interleave.
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('jobs')
      .set({ locked_until: lockedUntil })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    // RETURNING keeps no order.
    return rows.map(toJob).sort(byRunAt);
  }

  async completeJob(id: string, version: number): Promise<void> {
    const deleted = await this.db.deleteFrom('jobs').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) await this.releaseJob(id);
  }

  async retryJob(id: string, version: number, retryAt: string, error: string): Promise<void> {
    const updated = await this.db
      .updateTable('jobs')
      .set((eb) => ({ locked_until: null, run_at: retryAt, attempts: eb('attempts', '+', 1), last_error: error }))
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await this.releaseJob(id);
  }

  /** Frees a job rescheduled while it ran, so it runs again at its new time instead of when the lease runs out. */
  private async releaseJob(id: string): Promise<void> {
    await this.db.updateTable('jobs').set({ locked_until: null }).where('id', '=', id).execute();
  }

  async cancelJob(id: string): Promise<void> {
    await this.db.deleteFrom('jobs').where('id', '=', id).execute();
  }

  async getJob(id: string): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  async nextJobAt(): Promise<string | undefined> {
    const row = await this.db.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('next')).executeTakeFirst();
    return row?.next ?? undefined;
  }

  // ---- articles ------------------------------------------------------------------------------------------------

  async listArticles(options: { updatedSince?: string } = {}): Promise<Article[]> {
    let query = this.db.selectFrom('articles').selectAll();
    if (options.updatedSince !== undefined) query = query.where('updated_at', '>=', options.updatedSince);
    return (await query.orderBy('id').execute()).map(toArticle);
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toArticle(row) : undefined;
  }

  async createArticle(article: Omit<Article, 'updatedAt'>): Promise<Article | undefined> {
    const row = articleRow(article, this.clock.now().toISOString());
    const result = await this.db
      .insertInto('articles')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? toArticle(row) : undefined;
  }

  async upsertArticle(article: Omit<Article, 'updatedAt'>): Promise<{ article: Article; write: ArticleWrite }> {
    // Insert-or-nothing first, so two writers of a new id never both fail on the key; then update what is there.
    const created = await this.createArticle(article);
    if (created) return { article: created, write: 'created' };
    const existing = await this.getArticle(article.id);
    // Re-importing the same files must not bump updatedAt (nodes refresh from it) nor report changes.
    if (existing && sameArticle(existing, article)) return { article: existing, write: 'unchanged' };
    const row = articleRow(article, this.clock.now().toISOString());
    await this.db
      .updateTable('articles')
      .set({ title: row.title, body: row.body, tags: row.tags, updated_at: row.updated_at })
      .where('id', '=', row.id)
      .execute();
    return { article: toArticle(row), write: 'updated' };
  }

  async countArticles(): Promise<number> {
    const row = await this.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
