import { setTimeout as sleep } from 'node:timers/promises';
import { v7 as timeOrderedId } from 'uuid';
import { CUSTOMER_TOKEN_PREFIX, hashToken, newToken } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import { DomainError } from '../domain/errors.ts';
import type { CustomerProfile } from '../domain/events.ts';
import type { ConversationService } from '../engine/conversation-service.ts';
import type { Store } from '../store/store.ts';
import type { ChannelStore } from './channel-store.ts';

/** Channel names: lower-case, as they appear in paths and webhook payloads (`whatsapp`, `slack`, `zendesk-eu`). */
export const CHANNEL_NAME = /^[a-z][a-z0-9_-]{0,49}$/;

/**
 * The customer's externalId for a channel's user: `<channel>:<externalUserId>`, e.g. `whatsapp:+4915112345678`.
 * Customers' external ids are unique across all channels, so the channel is part of it: the same id on two channels
 * is two customers. A bridge reading a webhook takes the part after `<data.channel>:`.
 */
export function channelCustomerExternalId(channel: string, externalUserId: string): string {
  return `${channel}:${externalUserId}`;
}

/** How long a request waits for a conversation another request (on any node) is starting for the same user. */
const WAIT_FOR_START_MS = 10_000;
const POLL_MS = 20;
/** A claim left unstarted this long belongs to a node that died while starting; another may take it over. */
const STALE_CLAIM_MS = 30_000;

export interface ChannelConversation {
  conversationId: string;
  /** True when this call started the conversation. */
  started: boolean;
}

/**
 * One conversation per channel user, for good: a message finds the user's conversation (the engine reopens it when
 * it was closed) or starts it. Two first messages at once, on one node or several, end in one conversation: the
 * identity is claimed (a row keyed on channel and external user id, with the new conversation's id) before the
 * conversation is started, and whoever loses the claim waits for the winner's conversation.
 */
export class ChannelConversations {
  /** Conversations this node is starting, by identity: requests here wait on them instead of polling the table. */
  private readonly starting = new Map<string, Promise<boolean>>();

  constructor(
    private readonly deps: { channels: ChannelStore; service: ConversationService; store: Store; clock: Clock },
  ) {}

  /** The user's conversation, started with `customer` when there is none yet. */
  async conversationFor(channel: string, externalUserId: string, customer: CustomerProfile): Promise<ChannelConversation> {
    return (await this.resolve(channel, externalUserId, customer))!;
  }

  /** The user's conversation, if they have one; none is started. */
  async existingConversation(channel: string, externalUserId: string): Promise<string | undefined> {
    return (await this.resolve(channel, externalUserId, undefined))?.conversationId;
  }

  private async resolve(channel: string, externalUserId: string, customer: CustomerProfile | undefined): Promise<ChannelConversation | undefined> {
    const { channels, store, clock } = this.deps;
    const key = channelCustomerExternalId(channel, externalUserId);
    const deadline = Date.now() + WAIT_FOR_START_MS;
    for (;;) {
      const identity = await channels.identity(channel, externalUserId);
      if (identity?.startedAt) return { conversationId: identity.conversationId, started: false };
      if (!identity) {
        if (!customer) return undefined;
        const id = timeOrderedId();
        if ((await channels.claimIdentity(channel, externalUserId, id)) && (await this.start(key, channel, externalUserId, id, customer))) {
          return { conversationId: id, started: true };
        }
        continue;
      }
      // Claimed, not started yet: by this node (wait for it), another node (poll), or a node that died meanwhile.
      const here = this.starting.get(key);
      if (here) {
        await here.catch(() => {});
        continue;
      }
      if (clock.now().getTime() - Date.parse(identity.claimedAt) >= STALE_CLAIM_MS) {
        // Its claimer may have died after starting the conversation and before saying so.
        if (await store.getState(identity.conversationId)) {
          await channels.markStarted(channel, externalUserId, identity.conversationId);
          continue;
        }
        if (!customer) return undefined;
        const id = timeOrderedId();
        if (
          (await channels.takeOverClaim(channel, externalUserId, identity.conversationId, id)) &&
          (await this.start(key, channel, externalUserId, id, customer))
        ) {
          return { conversationId: id, started: true };
        }
        continue;
      }
      if (Date.now() >= deadline) {
        throw new DomainError(409, 'conversation_starting', 'this user\'s conversation is still being started; try again shortly');
      }
      await sleep(POLL_MS);
    }
  }

  /** Starts the claimed conversation; false when the claim was taken over meanwhile (the caller looks again). */
  private start(key: string, channel: string, externalUserId: string, id: string, customer: CustomerProfile): Promise<boolean> {
    const { channels, service } = this.deps;
    const started = (async () => {
      try {
        await service.startConversation({
          id,
          channel,
          customer: { ...customer, externalId: channelCustomerExternalId(channel, externalUserId) },
          // Nobody holds this customer token: the bridge speaks for the customer with its API key.
          tokenHash: hashToken(newToken(CUSTOMER_TOKEN_PREFIX)),
        });
      } catch (error) {
        await channels.releaseClaim(channel, externalUserId, id).catch(() => {});
        throw error;
      }
      return channels.markStarted(channel, externalUserId, id);
    })();
    this.starting.set(key, started);
    const forget = () => {
      if (this.starting.get(key) === started) this.starting.delete(key);
    };
    started.then(forget, forget);
    return started;
  }
}
