import type { Store } from '../store/store.ts';
import { buildHandoverPacket } from '../domain/handover-packet.ts';

export type HandoverPacket = ReturnType<typeof buildHandoverPacket>;

/** Builds a conversation's handover packet on demand (agents' GET, webhooks); undefined when it was never handed over. */
export interface PacketSource {
  build(conversationId: string, options?: { redacted?: boolean }): Promise<HandoverPacket | undefined>;
}

/** The packets of the conversations in the store. */
export class HandoverPackets implements PacketSource {
  constructor(private readonly deps: { store: Store }) {}

  async build(conversationId: string, _options: { redacted?: boolean } = {}): Promise<HandoverPacket | undefined> {
    const state = await this.deps.store.getState(conversationId);
    if (!state?.handover) return undefined;
    return buildHandoverPacket(state, await this.deps.store.readEvents(conversationId));
  }
}
