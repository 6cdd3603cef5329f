import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/sql/schema.ts';

/** A bridge's API key as stored: never the key itself, only its hash and first characters. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  /** The one channel the key may post to; null for any. */
  channel: string | null;
  keyHash: string;
  /** The key's first characters (`bk_` and a few more), to tell keys apart in a list. */
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Which conversation a channel's user (channel, external user id) talks in. */
export interface ChannelIdentity {
  channel: string;
  externalUserId: string;
  conversationId: string;
  claimedAt: string;
  /** Null while the conversation is being started by whoever claimed the identity. */
  startedAt: string | null;
}

function toApiKey(row: Selectable<Database['api_keys']>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    keyHash: row.key_hash,
    prefix: row.key_prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

function toIdentity(row: Selectable<Database['channel_identities']>): ChannelIdentity {
  return {
    channel: row.channel,
    externalUserId: row.external_user_id,
    conversationId: row.conversation_id,
    claimedAt: row.claimed_at,
    startedAt: row.started_at,
  };
}

/**
 * The channel bridges' tables (api_keys, channel_identities), on the store's own database: plain statements, as the
 * jobs are; none of them takes part in the order of events.
 */
export class ChannelStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  // ---- API keys ------------------------------------------------------------------------------------------------

  async createApiKey(input: Omit<ApiKeyRecord, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<ApiKeyRecord> {
    const record: ApiKeyRecord = { ...input, createdAt: this.clock.now().toISOString(), lastUsedAt: null, revokedAt: null };
    await this.db
      .insertInto('api_keys')
      .values({
        id: record.id,
        name: record.name,
        channel: record.channel,
        key_hash: record.keyHash,
        key_prefix: record.prefix,
        created_by: record.createdBy,
        created_at: record.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return record;
  }

  /** All keys, revoked ones too, newest first. */
  async listApiKeys(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toApiKey);
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toApiKey(row) : undefined;
  }

  async apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    return row ? toApiKey(row) : undefined;
  }

  /** Revokes the key (a revoked key keeps its first revokedAt); the key as now stored, or undefined when there is none. */
  async revokeApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    await this.db
      .updateTable('api_keys')
      .set({ revoked_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return this.getApiKey(id);
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  // ---- channel identities --------------------------------------------------------------------------------------

  async identity(channel: string, externalUserId: string): Promise<ChannelIdentity | undefined> {
    const row = await this.db
      .selectFrom('channel_identities')
      .selectAll()
      .where('channel', '=', channel)
      .where('external_user_id', '=', externalUserId)
      .executeTakeFirst();
    return row ? toIdentity(row) : undefined;
  }

  /** The identity of a conversation started through a channel bridge, if it was. */
  async identityOfConversation(conversationId: string): Promise<ChannelIdentity | undefined> {
    const row = await this.db.selectFrom('channel_identities').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
    return row ? toIdentity(row) : undefined;
  }

  /**
   * Claims the identity for a conversation about to be started with this id. Exactly one of several callers at once
   * (on any node) gets true: the primary key on (channel, external_user_id) lets one row in.
   */
  async claimIdentity(channel: string, externalUserId: string, conversationId: string): Promise<boolean> {
    const result = await this.db
      .insertInto('channel_identities')
      .values({
        channel,
        external_user_id: externalUserId,
        conversation_id: conversationId,
        claimed_at: this.clock.now().toISOString(),
        started_at: null,
      })
      .onConflict((oc) => oc.columns(['channel', 'external_user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** The claimed conversation now exists; false when the claim was taken over meanwhile (see takeOverClaim). */
  async markStarted(channel: string, externalUserId: string, conversationId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('channel_identities')
      .set({ started_at: this.clock.now().toISOString() })
      .where('channel', '=', channel)
      .where('external_user_id', '=', externalUserId)
      .where('conversation_id', '=', conversationId)
      .where('started_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Gives up a claim whose conversation could not be started, so the next message tries again. */
  async releaseClaim(channel: string, externalUserId: string, conversationId: string): Promise<void> {
    await this.db
      .deleteFrom('channel_identities')
      .where('channel', '=', channel)
      .where('external_user_id', '=', externalUserId)
      .where('conversation_id', '=', conversationId)
      .where('started_at', 'is', null)
      .execute();
  }

  /** Replaces a claim left unstarted (its claimer died) by one for a new conversation; true for the one caller that does. */
  async takeOverClaim(channel: string, externalUserId: string, staleConversationId: string, conversationId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('channel_identities')
      .set({ conversation_id: conversationId, claimed_at: this.clock.now().toISOString() })
      .where('channel', '=', channel)
      .where('external_user_id', '=', externalUserId)
      .where('conversation_id', '=', staleConversationId)
      .where('started_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
