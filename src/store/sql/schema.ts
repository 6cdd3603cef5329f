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
  /** Server-to-server keys of channel bridges (src/channels); only the hash of a key is kept. */
  api_keys: {
    id: string;
    name: string;
    /** The one channel the key may post to; null for any. */
    channel: string | null;
    key_hash: string;
    /** The key's first characters, to tell keys apart in a list. */
    key_prefix: string;
    created_by: string | null;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  /** A channel's user (channel, external user id) to their conversation; claimed before the conversation is started. */
  channel_identities: {
    channel: string;
    external_user_id: string;
    conversation_id: string;
    claimed_at: string;
    /** Null while the conversation is being started. */
    started_at: string | null;
  };
  /** Outgoing webhooks (src/webhooks): URLs subscribed to events; the secret signs each request, so it is kept usable. */
  webhook_subscriptions: {
    id: string;
    url: string;
    /** JSON array of event types, or ["*"]. */
    events: string;
    secret: string;
    created_by: string | null;
    created_at: string;
    /** The log's last position at creation: only later events are delivered. */
    start_position: number;
  };
  /** The webhook outbox: one row per subscription and event (unique), with the body to send and how sending went. */
  webhook_deliveries: {
    id: string;
    subscription_id: string;
    event_position: number;
    event_type: string;
    conversation_id: string;
    /** The JSON body, built once at fan-out. */
    payload: string;
    /** pending, delivered or failed. */
    status: string;
    attempts: Generated<number>;
    last_status_code: number | null;
    last_error: string | null;
    created_at: string;
    last_attempt_at: string | null;
    next_attempt_at: string | null;
    delivered_at: string | null;
  };
  /** How far the event log has been fanned out to webhook deliveries (one row). */
  webhook_cursor: {
    id: string;
    position: number;
  };
}
