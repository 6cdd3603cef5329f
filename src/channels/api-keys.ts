import { v7 as timeOrderedId } from 'uuid';
import { AGENT_TOKEN_PREFIX, API_KEY_PREFIX, CUSTOMER_TOKEN_PREFIX, hashToken, newToken } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../domain/errors.ts';
import type { ApiKeyRecord, ChannelStore } from './channel-store.ts';

/** How many characters of a key a list shows: `bk_` and 6 of its 32 random ones. */
const PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

/** lastUsedAt is written at most this often per key: a busy bridge must not cost a write per message. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-to-server keys for channel bridges (chat apps, help desks). A key is shown once, when created; only its
 * sha256 is stored, as with the other tokens: the keys are random, so a hash look-up is enough and a leaked database
 * holds no usable key. Revocation is read on every request, so it holds at once on every node.
 */
export class ApiKeys {
  constructor(
    private readonly channels: ChannelStore,
    private readonly clock: Clock,
  ) {}

  async create(input: { name: string; channel: string | null; createdBy: string | null }): Promise<{ record: ApiKeyRecord; key: string }> {
    const key = newToken(API_KEY_PREFIX);
    const record = await this.channels.createApiKey({
      id: timeOrderedId(),
      name: input.name,
      channel: input.channel,
      keyHash: hashToken(key),
      prefix: key.slice(0, PREFIX_LENGTH),
      createdBy: input.createdBy,
    });
    return { record, key };
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.channels.listApiKeys();
  }

  revoke(id: string): Promise<ApiKeyRecord | undefined> {
    return this.channels.revokeApiKey(id);
  }

  /** The live key a bearer token is; a 401 with a code saying what is wrong otherwise. */
  async authenticate(token: string | undefined): Promise<ApiKeyRecord> {
    if (!token) throw new DomainError(401, 'unauthorized', 'a channel API key is required: Authorization: Bearer bk_…');
    if (token.startsWith(CUSTOMER_TOKEN_PREFIX) || token.startsWith(AGENT_TOKEN_PREFIX)) {
      throw new DomainError(401, 'api_key_required', 'channel routes take a channel API key (bk_…), not a customer or agent token');
    }
    const record = token.startsWith(API_KEY_PREFIX) ? await this.channels.apiKeyByHash(hashToken(token)) : undefined;
    if (!record) throw new DomainError(401, 'invalid_api_key', 'this API key is not valid');
    if (record.revokedAt) throw new DomainError(401, 'invalid_api_key', 'this API key was revoked');
    const now = this.clock.now();
    if (!record.lastUsedAt || now.getTime() - Date.parse(record.lastUsedAt) >= TOUCH_EVERY_MS) {
      const at = now.toISOString();
      await this.channels.touchApiKey(record.id, at);
      record.lastUsedAt = at;
    }
    return record;
  }
}

/** A key as lists show it: never the key, nor its hash. */
export function apiKeyView(record: ApiKeyRecord) {
  return {
    id: record.id,
    name: record.name,
    channel: record.channel,
    prefix: record.prefix,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    revokedAt: record.revokedAt,
  };
}
