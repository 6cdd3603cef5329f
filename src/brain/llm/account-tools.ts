import { tool } from 'ai';
import { z } from 'zod';
import type { AccountData } from '../../accounts/account-data.ts';
import { disclosedOrder, ownsOrder } from '../../accounts/order-disclosure.ts';
import type { ActionRecord, TurnWork } from '../brain.ts';

const orderNumber = z.string().min(1).describe('The order number, digits only, e.g. "100234".');

/** How an action still running when the turn ended is recorded: it may or may not have taken effect. */
const UNFINISHED = { error: 'still running when the turn ended (the model ran out of time): its outcome is unknown' };

/**
 * The tools the model may call for one turn, and what they did. The account tools run against the business's
 * records and are each recorded as an action; `handover_to_human` has no `execute`, so calling it ends the turn and
 * the brain turns it into a handover. The model sees an order as the customer may (accounts/order-disclosure.ts);
 * the action record keeps the whole record for the person taking over.
 */
export class AccountTools {
  /** Actions in the order they started; undefined while one is still running. */
  private readonly records: (ActionRecord | undefined)[] = [];
  private readonly started: { name: string; inputs: Record<string, unknown> }[] = [];
  private finished = false;
  /** Order numbers and emails the model passed to the tools, by slot name; the latest wins. */
  readonly collected: Record<string, string> = {};
  /** Set when the account system failed: the turn stops and a person takes over with `ai_error`. */
  failure: string | undefined;

  /** `customerEmails`: the emails the customer gave in the conversation or has on their profile. */
  constructor(
    private readonly accounts: AccountData,
    private readonly customerEmails: readonly (string | undefined)[] = [],
  ) {}

  /**
   * Ends the turn and says what it did. An action still running is listed as unfinished, and nothing that completes
   * later changes the list (or starts: the model's calls after this are refused).
   */
  finish(): TurnWork {
    this.finished = true;
    const actions = this.records.map((record, i) => record ?? { ...this.started[i]!, ok: false, result: UNFINISHED });
    return { actions, collected: { ...this.collected } };
  }

  readonly tools = {
    look_up_order: tool({
      description:
        "Looks up an order: status, carrier, tracking and delivery dates; items and total only when the customer's email is the order's (ownerVerified).",
      inputSchema: z.object({ orderNumber }),
      execute: ({ orderNumber }) =>
        this.run(
          'look_up_order',
          { orderNumber: cleanOrderNumber(orderNumber) },
          async ({ orderNumber }) => {
            const order = await this.accounts.getOrder(orderNumber);
            return order ? { found: true as const, order } : { found: false as const, orderNumber };
          },
          (result) => (result.found ? { found: true, order: disclosedOrder(result.order, ownsOrder(result.order, this.customerEmails)) } : result),
        ),
    }),
    check_refund: tool({
      description: 'Checks the refund of an order: none, requested, approved, issued or rejected, with amount and date.',
      inputSchema: z.object({ orderNumber }),
      execute: ({ orderNumber }) =>
        this.run('check_refund', { orderNumber: cleanOrderNumber(orderNumber) }, async ({ orderNumber }) => {
          const refund = await this.accounts.getRefund(orderNumber);
          return refund ? { found: true, refund } : { found: false, orderNumber };
        }),
    }),
    create_ticket: tool({
      description: 'Opens a ticket for the support team to follow up on; returns its id.',
      inputSchema: z.object({
        subject: z.string().min(1).describe('One line saying what the customer needs.'),
        description: z.string().min(1).describe('What happened and what the customer asked for, with the details given.'),
        orderNumber: orderNumber.optional(),
        email: z.string().min(3).optional().describe("The customer's email, if known."),
      }),
      execute: (input) =>
        this.run(
          'create_ticket',
          {
            ...input,
            ...(input.orderNumber ? { orderNumber: cleanOrderNumber(input.orderNumber) } : {}),
            ...(input.email ? { email: input.email.trim().toLowerCase() } : {}),
          },
          (ticket) => this.accounts.createTicket(ticket),
        ),
    }),
    handover_to_human: tool({
      description: 'Passes the conversation to a person on the support team. Ends your turn.',
      inputSchema: z.object({
        reason: z
          .string()
          .min(1)
          .describe('Why, one of: human_requested, cannot_resolve, frustration, sensitive_topic, sales_opportunity.'),
        summary: z.string().min(1).describe('For the person taking over: what the customer wants and what was done so far.'),
      }),
    }),
  };

  /**
   * Runs one action, records it, and notes the details it was given. `forModel` is what the model is shown of the
   * result (the record keeps all of it).
   */
  private async run<I extends { orderNumber?: string; email?: string }, R>(
    name: string,
    inputs: I,
    action: (inputs: I) => Promise<R>,
    forModel: (result: R) => unknown = (result) => result,
  ): Promise<unknown> {
    if (this.finished) return { error: 'This turn has ended.' };
    if (inputs.orderNumber) this.collected.order_number = inputs.orderNumber;
    if (inputs.email) this.collected.email = inputs.email;
    const index = this.started.push({ name, inputs }) - 1;
    this.records.push(undefined);
    try {
      const result = await action(inputs);
      this.records[index] = { name, inputs, ok: true, result: result ?? null };
      return forModel(result);
    } catch (error) {
      // "Not found" comes back as a result; a throw means the account system itself failed.
      const message = error instanceof Error ? error.message : String(error);
      this.records[index] = { name, inputs, ok: false, result: { error: message } };
      this.failure ??= `${name} failed: ${message}`;
      return { error: 'The account system is not available right now.' };
    }
  }
}

function cleanOrderNumber(value: string): string {
  return value.trim().replace(/^#/, '');
}
