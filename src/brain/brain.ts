import type { ConversationState } from '../domain/conversation-state.ts';
import type { EventOf, MessageSource, StoredEvent } from '../domain/events.ts';

/** The intent of a message the brain did not recognise. */
export const UNKNOWN_INTENT = 'unknown';

export type EntityType = 'order_number' | 'email' | 'phone' | 'amount' | 'date';

export interface Entity {
  type: EntityType;
  value: string;
  /** The words in the customer's message it came from. */
  text: string;
}

/** What the brain made of the customer's latest turn, read in the light of the whole conversation. */
export interface Understanding {
  intent: string;
  confidence: number;
  entities: Entity[];
  /** The latest customer message. */
  text: string;
}

export interface BrainContext {
  state: ConversationState;
  /** The customer message being answered. */
  message: EventOf<'message.created'>;
  /**
   * The conversation up to and including that message (a bounded window of the latest events). Loaded on first call
   * only: a brain that needs no history costs no read.
   */
  history(): Promise<readonly StoredEvent[]>;
}

/** Something the AI did on the customer's behalf: kept as an event, listed in the handover packet. */
export interface ActionRecord {
  /** e.g. "look_up_order", "check_refund", "create_ticket". */
  name: string;
  inputs: Record<string, unknown>;
  ok: boolean;
  /** What came back (or the error, when not ok), as plain data. */
  result: unknown;
}

export interface BrainReply {
  text: string;
  sources: MessageSource[];
  intent?: string;
  /** Actions run to answer, in order. */
  actions?: ActionRecord[];
  /** Details learnt from the customer (order number, email, ...), kept for the conversation by slot name. */
  collected?: Record<string, string>;
  /** The brain asks for a person (the LLM's `handover_to_human` tool): the turn becomes a handover. */
  handover?: { reason: string; summary: string };
  /** The reply asks the customer for a detail (slot) an action needs. */
  awaiting?: { intent: string; slot: string };
  /**
   * Why the reply does not resolve the request, when it does not ("no grounded answer"): the turn counts as not
   * understood, so that the AI steps aside before it loops, and the policy's decision gains `cannot_resolve`.
   */
  unresolved?: string;
}

/** What a turn did before it ended: actions run and details learnt. */
export type TurnWork = Pick<BrainReply, 'actions' | 'collected'>;

/**
 * A brain that fails part-way through a turn (a model timing out after it created a ticket, say) throws this with
 * what it had already done: the actions still become events, and the person taking over sees them.
 */
export class BrainFailure extends Error {
  override name = 'BrainFailure';
  constructor(
    message: string,
    readonly work: TurnWork = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The AI agent. `understand` alone serves replay and evaluation; `respond` writes the reply. */
export interface Brain {
  /**
   * True for a brain that answers in-process in microseconds: its turn is then written together with the customer
   * message, in one transaction. A remote model answers in seconds, so its customer message is stored first and
   * shown at once, and the answer follows.
   */
  readonly answersInstantly?: boolean;
  understand(context: BrainContext): Promise<Understanding>;
  respond(context: BrainContext, understanding: Understanding): Promise<BrainReply>;
}
