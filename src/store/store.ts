import type { AgentRole } from '../domain/commands.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import type { CustomerProfile, NewEvent, StoredEvent } from '../domain/events.ts';
import type { Article } from '../knowledge/knowledge.ts';

export interface AppendResult {
  events: StoredEvent[];
  state: ConversationState;
  /** Set when the clientMessageId was seen before: the first message with it, and nothing new was stored. */
  duplicateOf?: StoredEvent;
}

/** Decides the events to append from the locked, current state. Pure and synchronous; may throw a DomainError. */
export type Decide = (state: ConversationState) => NewEvent[];

export interface ConversationFilter {
  owners?: ConversationState['owner'][];
  /** Only these teams (agents see their teams' conversations). */
  teams?: string[];
  agentId?: string;
  limit?: number;
}

export interface ConversationStore {
  /** Creates the conversation and its `conversation.started` event in one transaction. */
  createConversation(input: {
    id: string;
    customerTokenHash: string;
    customer: CustomerProfile;
    channel: string;
  }): Promise<AppendResult>;
  /**
   * Appends what `decide` returns, atomically, with gapless seqs. With `clientMessageId`, a message already stored
   * under that id is returned as `duplicateOf` and nothing is written.
   */
  append(conversationId: string, decide: Decide, options?: { clientMessageId?: string }): Promise<AppendResult>;
  getState(conversationId: string): Promise<ConversationState | undefined>;
  conversationIdForToken(tokenHash: string): Promise<string | undefined>;
  listConversations(filter: ConversationFilter): Promise<ConversationState[]>;
  readEvents(conversationId: string, afterSeq?: number, limit?: number): Promise<StoredEvent[]>;
  /** Events across all conversations after a global position, oldest first. */
  readEventsAfterPosition(afterPosition: number, limit: number, types?: readonly string[]): Promise<StoredEvent[]>;
  /** What the system said in answer to a customer message (by its seq). */
  readReplies(conversationId: string, customerSeq: number): Promise<StoredEvent[]>;
  /** Conversations held by the AI or the queue with customer messages nobody answered (turns cut short). */
  listPendingTurns(): Promise<ConversationState[]>;
  /** The newest `limit` events of these types across all conversations, newest first (start-up rebuilds history from them). */
  readLatestEvents(types: readonly string[], limit: number): Promise<StoredEvent[]>;
}

export type Presence = 'online' | 'away' | 'offline';

export interface AgentRecord {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  teams: string[];
  presence: Presence;
  passwordHash: string;
  createdAt: string;
  /** What the agent can handle, matched against a team's or a conversation's skills by routing. */
  skills: string[];
  /** Languages the agent answers in (e.g. 'en', 'de'). */
  languages: string[];
  /** How many conversations the agent holds at once. */
  capacity: number;
  /** When presence last changed (null until it first does): how long an agent has been online or idle. */
  presenceChangedAt: string | null;
}

/** An agent to create: presence starts offline; skills and languages default to none, capacity to DEFAULT_AGENT_CAPACITY. */
export type NewAgent = Omit<AgentRecord, 'createdAt' | 'presence' | 'presenceChangedAt' | 'skills' | 'languages' | 'capacity'> &
  Partial<Pick<AgentRecord, 'skills' | 'languages' | 'capacity'>>;

export const DEFAULT_AGENT_CAPACITY = 3;

/** What routing may change about an agent; fields left out stay as they are. */
export interface AgentRoutingChanges {
  skills?: string[];
  languages?: string[];
  capacity?: number;
  teams?: string[];
}

/** A team; `listTeams` always returns skills and languages (empty when none were given). */
export interface TeamRecord {
  id: string;
  name: string;
  /** Skills conversations routed to this team need. Left out on an upsert: the stored ones stay. */
  skills?: string[];
  /** Languages the team serves. Left out on an upsert: the stored ones stay. */
  languages?: string[];
}

export interface DirectoryStore {
  countAgents(): Promise<number>;
  createAgent(agent: NewAgent): Promise<AgentRecord>;
  /** Creates the agent unless one has the email already (seeding from several nodes at once); true if created. */
  createAgentUnlessEmailTaken(agent: NewAgent): Promise<boolean>;
  getAgent(id: string): Promise<AgentRecord | undefined>;
  findAgentByEmail(email: string): Promise<AgentRecord | undefined>;
  listAgents(): Promise<AgentRecord[]>;
  /** Sets presence; presenceChangedAt becomes now when the presence differs from the stored one (or was never set). */
  setPresence(agentId: string, presence: Presence): Promise<void>;
  /** Changes the given routing attributes of an agent; the agent as now stored, or undefined when there is none. */
  updateAgentRouting(agentId: string, changes: AgentRoutingChanges): Promise<AgentRecord | undefined>;
  createSession(tokenHash: string, agentId: string, expiresAt: string): Promise<void>;
  /** The agent of an unexpired session. */
  agentForSession(tokenHash: string, now: string): Promise<AgentRecord | undefined>;
  upsertTeam(team: TeamRecord): Promise<void>;
  listTeams(): Promise<Required<TeamRecord>[]>;
}

/** What an upsert did: `unchanged` when the stored article already had that title, body and tags (nothing written). */
export type ArticleWrite = 'created' | 'updated' | 'unchanged';

/** The help-centre articles the AI answers from; `updatedAt` is set by the store on every write. */
export interface ArticleStore {
  /** All articles by id; with `updatedSince`, only those written at or after that time (ISO-8601). */
  listArticles(options?: { updatedSince?: string }): Promise<Article[]>;
  getArticle(id: string): Promise<Article | undefined>;
  /** Creates the article, or replaces the one with its id. */
  upsertArticle(article: Omit<Article, 'updatedAt'>): Promise<{ article: Article; write: ArticleWrite }>;
  /** Creates the article unless its id is taken; the created article, or undefined when taken. */
  createArticle(article: Omit<Article, 'updatedAt'>): Promise<Article | undefined>;
  countArticles(): Promise<number>;
}

/** A durable timer: run handler `kind` with `payload` at `runAt` (ISO-8601). */
export interface Job {
  id: string;
  kind: string;
  runAt: string;
  payload: unknown;
  /** Failed runs so far. */
  attempts: number;
  /** Goes up on every reschedule, so a runner can tell whether the job it ran is still the one stored. */
  version: number;
  lastError: string | null;
}

/**
 * Durable jobs in the store's database, so timers survive restarts and run once across nodes: a runner leases due
 * jobs, runs them and completes (or retries) them; a lease that runs out lets another runner take the job.
 */
export interface JobStore {
  /**
   * Creates the job `id`, or reschedules the existing one to runAt/payload (its version goes up, so a copy being run
   * now is run again afterwards rather than deleted; attempts and lastError start afresh). With `keepEarlier`, an
   * existing job due earlier keeps its earlier runAt (payload still replaced), unless a runner holds it: that earlier
   * time is being served already, so the run after it is at the new runAt. A payload left out is stored as null.
   */
  scheduleJob(job: { id: string; kind: string; runAt: string; payload?: unknown }, options?: { keepEarlier?: boolean }): Promise<void>;
  /**
   * Leases up to `limit` jobs due at `now` that no runner holds (lease run out, or none) until now + leaseMs,
   * earliest runAt first. Each due job goes to one caller only, also across stores on the same database. Times are
   * compared as text, so give them as Date.toISOString() does.
   */
  claimDueJobs(now: string, limit: number, leaseMs: number): Promise<Job[]>;
  /** Done: deletes the job if its version is still the claimed one; otherwise (rescheduled meanwhile) releases the lease so it runs at its new runAt. */
  completeJob(id: string, version: number): Promise<void>;
  /** Failed: releases the lease, runAt = retryAt, attempts + 1, lastError recorded (only if version unchanged; else as completeJob). */
  retryJob(id: string, version: number, retryAt: string, error: string): Promise<void>;
  /** Deletes the job, whether or not a runner holds it (that runner's completeJob then finds nothing). */
  cancelJob(id: string): Promise<void>;
  getJob(id: string): Promise<Job | undefined>;
  /** The earliest runAt of any job (leased or not), for a runner to know how long it may sleep. */
  nextJobAt(): Promise<string | undefined>;
}

export interface Store extends ConversationStore, DirectoryStore, ArticleStore, JobStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Cheap round trip for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
