import { AccountDataError, type AccountData, type Order, type Refund } from '../../accounts/account-data.ts';
import { ownsOrder } from '../../accounts/order-disclosure.ts';
import type { ActionRecord } from '../brain.ts';

/**
 * The actions the AI can take against the business's records. Each returns what it did as an ActionRecord (kept as
 * an event, listed in the handover packet) and the reply that tells the customer the outcome in plain words.
 * A failing account system is not "not found": it is rethrown, and the turn hands over with `ai_error`.
 */

const money = (m: { amount: number; currency: string }) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: m.currency }).format(m.amount);
const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

/**
 * The order in plain words; what was bought only for its owner (see accounts/order-disclosure.ts).
 */
export function describeOrder(order: Order, verified: boolean): string {
  const what = verified ? ` (${order.items.map((i) => (i.quantity > 1 ? `${i.quantity} x ${i.name}` : i.name)).join(', ')})` : '';
  switch (order.status) {
    case 'shipped':
      return (
        `Order ${order.orderNumber}${what} has shipped` +
        (order.carrier ? ` with ${order.carrier}` : '') +
        (order.trackingNumber ? `, tracking number ${order.trackingNumber}` : '') +
        (order.estimatedDelivery ? `. It should arrive by ${day(order.estimatedDelivery)}` : '') +
        '.' +
        (order.trackingUrl ? ` You can follow it here: ${order.trackingUrl}` : '')
      );
    case 'delivered':
      return `Order ${order.orderNumber}${what} was delivered${order.deliveredAt ? ` on ${day(order.deliveredAt)}` : ''}. If it hasn't reached you, tell me and I'll get a person to look into it.`;
    case 'processing':
      return `Order ${order.orderNumber}${what} is being prepared and hasn't shipped yet${order.estimatedDelivery ? `; it should arrive by ${day(order.estimatedDelivery)}` : ''}. You'll get an email with tracking as soon as it leaves our warehouse.`;
    case 'cancelled':
      return `Order ${order.orderNumber} was cancelled. If you paid for it, the refund goes back to your original payment method.`;
    case 'returned':
      return `Order ${order.orderNumber} was returned to us. I can check the refund for it if you like.`;
  }
}

export function describeRefund(refund: Refund): string {
  switch (refund.status) {
    case 'none':
      return `There's no refund on order ${refund.orderNumber} yet. Refunds start once a return reaches our warehouse; you can start a return from Orders in your account.`;
    case 'issued':
      return refund.note ?? `The refund for order ${refund.orderNumber}${refund.amount ? ` (${money(refund.amount)})` : ''} has been issued${refund.issuedAt ? ` on ${day(refund.issuedAt)}` : ''}.`;
    case 'rejected':
      return `The refund for order ${refund.orderNumber} was not approved. ${refund.note ?? 'A person from our team can explain why.'}`;
    default:
      return refund.note ?? `The refund for order ${refund.orderNumber} is ${refund.status}; it reaches your original payment method within 5-10 business days.`;
  }
}

async function recorded<T>(name: string, inputs: Record<string, unknown>, run: () => Promise<T>): Promise<{ record: ActionRecord; value: T }> {
  try {
    const value = await run();
    return { record: { name, inputs, ok: true, result: value ?? null }, value };
  } catch (error) {
    if (error instanceof AccountDataError) throw error;
    throw new AccountDataError(`${name} failed: ${(error as Error).message}`);
  }
}

/** Looks up an order; `customerEmails` are the emails the customer gave or has on their profile. */
export async function lookUpOrder(
  accounts: AccountData,
  orderNumber: string,
  customerEmails: readonly (string | undefined)[] = [],
): Promise<{ record: ActionRecord; reply: string }> {
  const { record, value: order } = await recorded('look_up_order', { orderNumber }, () => accounts.getOrder(orderNumber));
  const reply = order
    ? describeOrder(order, ownsOrder(order, customerEmails))
    : `I couldn't find an order ${orderNumber}. Could you check the number? It's in your confirmation email, six digits like 100234.`;
  return { record, reply };
}

export async function checkRefund(accounts: AccountData, orderNumber: string): Promise<{ record: ActionRecord; reply: string }> {
  const { record, value: refund } = await recorded('check_refund', { orderNumber }, () => accounts.getRefund(orderNumber));
  const reply = refund ? describeRefund(refund) : `I couldn't find an order ${orderNumber}. Could you check the number?`;
  return { record, reply };
}

export async function createTicket(
  accounts: AccountData,
  input: { orderNumber?: string; email?: string; subject: string; description: string },
): Promise<{ record: ActionRecord; reply: string }> {
  const { record, value: ticket } = await recorded('create_ticket', { ...input }, () => accounts.createTicket(input));
  return {
    record,
    reply: `I've opened case ${ticket.id} for you${input.orderNumber ? ` about order ${input.orderNumber}` : ''}. Our team will review it and email you; you won't need to explain it again.`,
  };
}
