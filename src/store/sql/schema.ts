import type { Generated } from 'kysely';

/**
 * Table shapes, identical on SQLite and PostgreSQL. JSON is kept as text and timestamps as ISO-8601 text, so one
 * query code serves both dialects and values read back the same everywhere.
 */
export interface Database {
  customers: {
    id: string;
    external_id: string | null;
    name: string | null;
    email: string | null;
    attributes: string;
    created_at: string;
  };
  conversations: {
    id: string;
    customer_id: string;
    customer_token_hash: string;
    channel: string;
    owner: string;
    team: string | null;
    agent_id: string | null;
    last_seq: number;
    /** How many customer messages await an answer (state.pendingSeqs), so start-up finds cut-short turns without parsing every state. */
    pending: number;
    /** Conversation state folded from the events, kept in step with them in the same transaction. */
    state: string;
    created_at: string;
    updated_at: string;
  };
  events: {
    position: Generated<number>;
    conversation_id: string;
    seq: number;
    type: string;
    actor: string;
    data: string;
    client_message_id: string | null;
    at: string;
  };
  teams: {
    id: string;
    name: string;
    /** JSON array of strings. */
    skills: Generated<string>;
    /** JSON array of strings. */
    languages: Generated<string>;
  };
  agents: {
    id: string;
    email: string;
    name: string;
    role: string;
    teams: string;
    presence: string;
    password_hash: string;
    created_at: string;
    /** JSON array of strings. */
    skills: Generated<string>;
    /** JSON array of strings. */
    languages: Generated<string>;
    capacity: Generated<number>;
    presence_changed_at: string | null;
  };
  agent_sessions: {
    token_hash: string;
    agent_id: string;
    created_at: string;
    expires_at: string;
  };
  articles: {
    id: string;
    title: string;
    /** Markdown. */
    body: string;
    /** JSON array of strings. */
    tags: string;
    updated_at: string;
  };
  jobs: {
    id: string;
    kind: string;
    run_at: string;
    /** JSON. */
    payload: string;
    attempts: Generated<number>;
    /** Raised on every reschedule; a runner completes the job only if it is still the version it claimed. */
    version: Generated<number>;
    /** Held by a runner until then; null when free. */
    locked_until: string | null;
    last_error: string | null;
    created_at: string;
  };
}
