import { tool } from 'ai';
import { z } from 'zod';
import type { AccountData } from '../../accounts/account-data.ts';
import type { ActionRecord } from '../brain.ts';

const orderNumber = z.string().min(1).describe('The order number, digits only, e.g. "100234".');

/**
 * The tools the model may call for one turn, and what they did. The account tools run against the business's
 * records and are each recorded as an action; `handover_to_human` has no `execute`, so calling it ends the turn and
 * the brain turns it into a handover.
 */
export class AccountTools {
  /** Actions run this turn, in order. */
  readonly actions: ActionRecord[] = [];
  /** Order numbers and emails the model passed to the tools, by slot name; the latest wins. */
  readonly collected: Record<string, string> = {};
  /** Set when the account system failed: the turn stops and a person takes over with `ai_error`. */
  failure: string | undefined;

  constructor(private readonly accounts: AccountData) {}

  readonly tools = {
    look_up_order: tool({
      description: "Looks up an order: status, items, total, carrier, tracking and delivery dates.",
      inputSchema: z.object({ orderNumber }),
      execute: ({ orderNumber }) =>
        this.run('look_up_order', { orderNumber: cleanOrderNumber(orderNumber) }, async ({ orderNumber }) => {
          const order = await this.accounts.getOrder(orderNumber);
          return order ? { found: true, order } : { found: false, orderNumber };
        }),
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

  /** Runs one action, records it, and notes the details it was given. */
  private async run<I extends { orderNumber?: string; email?: string }>(
    name: string,
    inputs: I,
    action: (inputs: I) => Promise<unknown>,
  ): Promise<unknown> {
    if (inputs.orderNumber) this.collected.order_number = inputs.orderNumber;
    if (inputs.email) this.collected.email = inputs.email;
    try {
      const result = await action(inputs);
      this.actions.push({ name, inputs, ok: true, result });
      return result;
    } catch (error) {
      // "Not found" comes back as a result; a throw means the account system itself failed.
      const message = error instanceof Error ? error.message : String(error);
      this.actions.push({ name, inputs, ok: false, result: { error: message } });
      this.failure ??= `${name} failed: ${message}`;
      return { error: 'The account system is not available right now.' };
    }
  }
}

function cleanOrderNumber(value: string): string {
  return value.trim().replace(/^#/, '');
}
