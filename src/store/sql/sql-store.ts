import { randomUUID } from 'node:crypto';
import { Migrator, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { applyEvent, emptyState, type ConversationState } from '../../domain/conversation-state.ts';
import { notFound } from '../../domain/errors.ts';
import type { AgentRole } from '../../domain/commands.ts';
import { newEvent, type CustomerProfile, type NewEvent, type StoredEvent } from '../../domain/events.ts';
import type { Clock } from '../../clock.ts';
import type {
  AgentRecord,
  AppendResult,
  ConversationFilter,
  Decide,
  Presence,
  Store,
  TeamRecord,
} from '../store.ts';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

/** Every append on PostgreSQL takes this lock, so global positions commit in order and a reader never skips one. */
const APPEND_LOCK = 0x6261746f; // "bato"

type EventRow = Selectable<Database['events']>;

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

function toAgent(row: Database['agents']): AgentRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as AgentRole,
    teams: JSON.parse(row.teams),
    presence: row.presence as Presence,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

function agentRow(record: AgentRecord): Database['agents'] {
  return {
    id: record.id,
    email: record.email.toLowerCase(),
    name: record.name,
    role: record.role,
    teams: JSON.stringify(record.teams),
    presence: record.presence,
    password_hash: record.passwordHash,
    created_at: record.createdAt,
  };
}

/** The store on Kysely: the same queries run on SQLite and on PostgreSQL. */
export class SqlStore implements Store {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    private readonly clock: Clock,
  ) {}

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
    return this.db.transaction().execute(async (trx) => {
      await this.lockAppends(trx);
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
      return this.write(trx, state, [started], now);
    });
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
    const id = randomUUID();
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
    return this.db.transaction().execute(async (trx) => {
      await this.lockAppends(trx);
      const row = await trx
        .selectFrom('conversations')
        .select('state')
        .where('id', '=', conversationId)
        .executeTakeFirst();
      if (!row) throw notFound('conversation');
      const state = JSON.parse(row.state) as ConversationState;
      if (options.clientMessageId !== undefined) {
        const first = await trx
          .selectFrom('events')
          .selectAll()
          .where('conversation_id', '=', conversationId)
          .where('client_message_id', '=', options.clientMessageId)
          .executeTakeFirst();
        if (first) return { events: [], state, duplicateOf: toEvent(first) };
      }
      const events = decide(state);
      if (events.length === 0) return { events: [], state };
      return this.write(trx, state, events, this.clock.now().toISOString());
    });
  }

  private async lockAppends(trx: Transaction<Database>): Promise<void> {
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx);
  }

  /** Inserts events with the next seqs and moves the folded state forward in the same transaction. */
  private async write(trx: Transaction<Database>, state: ConversationState, events: NewEvent[], at: string): Promise<AppendResult> {
    const stored: StoredEvent[] = [];
    let next = state;
    for (const event of events) {
      const seq = next.lastSeq + 1;
      const clientMessageId =
        event.type === 'message.created' && event.data.role === 'customer' ? (event.data.clientMessageId ?? null) : null;
      const inserted = await trx
        .insertInto('events')
        .values({
          conversation_id: state.id,
          seq,
          type: event.type,
          actor: JSON.stringify(event.actor),
          data: JSON.stringify(event.data),
          client_message_id: clientMessageId,
          at,
        })
        .returning('position')
        .executeTakeFirstOrThrow();
      const storedEvent = { ...event, conversationId: state.id, seq, position: Number(inserted.position), at } as StoredEvent;
      stored.push(storedEvent);
      next = applyEvent(next, storedEvent);
    }
    await trx
      .updateTable('conversations')
      .set({
        owner: next.owner,
        team: next.team,
        agent_id: next.agentId,
        last_seq: next.lastSeq,
        pending: next.pendingSeqs.length,
        state: JSON.stringify(next),
        updated_at: at,
      })
      .where('id', '=', state.id)
      .execute();
    return { events: stored, state: next };
  }

  async getState(conversationId: string): Promise<ConversationState | undefined> {
    const row = await this.db.selectFrom('conversations').select('state').where('id', '=', conversationId).executeTakeFirst();
    return row ? (JSON.parse(row.state) as ConversationState) : undefined;
  }

  async conversationIdForToken(tokenHash: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .select('id')
      .where('customer_token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row?.id;
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
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async readEventsAfterPosition(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
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

  async createAgent(agent: Omit<AgentRecord, 'createdAt' | 'presence'>): Promise<AgentRecord> {
    const record: AgentRecord = { ...agent, presence: 'offline', createdAt: this.clock.now().toISOString() };
    await this.db.insertInto('agents').values(agentRow(record)).execute();
    return record;
  }

  async createAgentUnlessEmailTaken(agent: Omit<AgentRecord, 'createdAt' | 'presence'>): Promise<boolean> {
    const record: AgentRecord = { ...agent, presence: 'offline', createdAt: this.clock.now().toISOString() };
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
    await this.db.updateTable('agents').set({ presence }).where('id', '=', agentId).execute();
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
    await this.db
      .insertInto('teams')
      .values(team)
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: team.name }))
      .execute();
  }

  async listTeams(): Promise<TeamRecord[]> {
    return this.db.selectFrom('teams').selectAll().orderBy('id').execute();
  }
}
