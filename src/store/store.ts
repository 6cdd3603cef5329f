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
  readEventsAfterPosition(afterPosition: number, limit: number): Promise<StoredEvent[]>;
  /** What the system said in answer to a customer message (by its seq). */
  readReplies(conversationId: string, customerSeq: number): Promise<StoredEvent[]>;
  /** Conversations held by the AI or the queue with customer messages nobody answered (turns cut short). */
  listPendingTurns(): Promise<ConversationState[]>;
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
}

export interface TeamRecord {
  id: string;
  name: string;
}

export interface DirectoryStore {
  countAgents(): Promise<number>;
  createAgent(agent: Omit<AgentRecord, 'createdAt' | 'presence'>): Promise<AgentRecord>;
  /** Creates the agent unless one has the email already (seeding from several nodes at once); true if created. */
  createAgentUnlessEmailTaken(agent: Omit<AgentRecord, 'createdAt' | 'presence'>): Promise<boolean>;
  getAgent(id: string): Promise<AgentRecord | undefined>;
  findAgentByEmail(email: string): Promise<AgentRecord | undefined>;
  listAgents(): Promise<AgentRecord[]>;
  setPresence(agentId: string, presence: Presence): Promise<void>;
  createSession(tokenHash: string, agentId: string, expiresAt: string): Promise<void>;
  /** The agent of an unexpired session. */
  agentForSession(tokenHash: string, now: string): Promise<AgentRecord | undefined>;
  upsertTeam(team: TeamRecord): Promise<void>;
  listTeams(): Promise<TeamRecord[]>;
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

export interface Store extends ConversationStore, DirectoryStore, ArticleStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /** Cheap round trip for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
