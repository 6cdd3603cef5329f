/**
 * The business's own records, as the AI may consult them: customers, orders, refunds, tickets. The demo
 * implementation serves seeded data; the HTTP one calls the business's API.
 */

export interface AccountCustomer {
  id: string;
  name: string;
  email: string;
  phone?: string;
  /** e.g. "standard" or "vip". */
  tier: string;
  plan?: string;
  lifetimeValue?: number;
  language?: string;
}

export interface Order {
  orderNumber: string;
  customerEmail: string;
  status: 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'returned';
  placedAt: string;
  total: { amount: number; currency: string };
  items: { name: string; quantity: number }[];
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  estimatedDelivery?: string;
  deliveredAt?: string;
}

export interface Refund {
  orderNumber: string;
  status: 'none' | 'requested' | 'approved' | 'issued' | 'rejected';
  amount?: { amount: number; currency: string };
  issuedAt?: string;
  /** Plain words for the customer, e.g. "Refund of $49.90 issued on 12 Nov to the card ending 4242". */
  note?: string;
}

export interface Ticket {
  id: string;
  subject: string;
  createdAt: string;
}

export interface AccountData {
  findCustomerByEmail(email: string): Promise<AccountCustomer | undefined>;
  getOrder(orderNumber: string): Promise<Order | undefined>;
  /** Orders of a customer, newest first. */
  listOrders(email: string): Promise<Order[]>;
  getRefund(orderNumber: string): Promise<Refund | undefined>;
  createTicket(input: { email?: string; orderNumber?: string; subject: string; description: string }): Promise<Ticket>;
}

/** The account system failed or is unreachable (not "not found"): the AI hands over with `ai_error`. */
export class AccountDataError extends Error {
  override name = 'AccountDataError';
}
