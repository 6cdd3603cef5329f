import { randomBytes } from 'node:crypto';
import type { AccountCustomer, AccountData, Order, Refund, Ticket } from './account-data.ts';

/** The demo store's customers and orders: enough to show look-ups, refunds, tickets and a VIP. */
const CUSTOMERS: AccountCustomer[] = [
  { id: 'cus_dana', name: 'Dana', email: 'dana@example.com', phone: '+49 30 1234567', tier: 'standard', plan: 'member', lifetimeValue: 420, language: 'en' },
  { id: 'cus_victor', name: 'Victor Vance', email: 'victor@example.com', phone: '+44 20 7946 0018', tier: 'vip', plan: 'premium', lifetimeValue: 12_400, language: 'en' },
  { id: 'cus_sam', name: 'Sam Lee', email: 'sam@example.com', tier: 'standard', plan: 'member', lifetimeValue: 180, language: 'en' },
  { id: 'cus_priya', name: 'Priya Nair', email: 'priya@example.com', tier: 'standard', lifetimeValue: 95, language: 'en' },
  { id: 'cus_tom', name: 'Tom Becker', email: 'tom@example.com', tier: 'standard', plan: 'member', lifetimeValue: 310, language: 'de' },
];

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const ORDERS: Order[] = [
  {
    orderNumber: '100234',
    customerEmail: 'dana@example.com',
    status: 'shipped',
    placedAt: '2026-11-18T10:12:00Z',
    total: eur(129.9),
    items: [{ name: 'Trailhead rain jacket', quantity: 1 }, { name: 'Merino socks', quantity: 2 }],
    carrier: 'DHL',
    trackingNumber: 'JD014600006281234567',
    trackingUrl: 'https://www.dhl.com/track?tracking-id=JD014600006281234567',
    estimatedDelivery: '2026-11-25',
  },
  {
    orderNumber: '100198',
    customerEmail: 'dana@example.com',
    status: 'delivered',
    placedAt: '2026-10-02T08:40:00Z',
    total: eur(59),
    items: [{ name: 'Canvas cap', quantity: 1 }],
    carrier: 'DHL',
    trackingNumber: 'JD014600006280000198',
    deliveredAt: '2026-10-06T14:02:00Z',
  },
  {
    orderNumber: '100301',
    customerEmail: 'victor@example.com',
    status: 'processing',
    placedAt: '2026-11-23T19:05:00Z',
    total: eur(1480),
    items: [{ name: 'Expedition tent, 3 person', quantity: 1 }, { name: 'Down sleeping bag', quantity: 2 }],
    estimatedDelivery: '2026-11-28',
  },
  {
    orderNumber: '100155',
    customerEmail: 'sam@example.com',
    status: 'returned',
    placedAt: '2026-09-14T12:00:00Z',
    total: eur(89.5),
    items: [{ name: 'Fleece hoodie', quantity: 1 }],
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    deliveredAt: '2026-09-17T10:30:00Z',
  },
  {
    orderNumber: '100287',
    customerEmail: 'priya@example.com',
    status: 'processing',
    placedAt: '2026-11-22T16:45:00Z',
    total: eur(45),
    items: [{ name: 'Trail running shorts', quantity: 1 }],
    estimatedDelivery: '2026-11-27',
  },
  {
    orderNumber: '100212',
    customerEmail: 'tom@example.com',
    status: 'delivered',
    placedAt: '2026-11-05T09:15:00Z',
    total: eur(210),
    items: [{ name: 'Hiking boots', quantity: 1 }],
    carrier: 'DPD',
    trackingNumber: '01905023456789',
    deliveredAt: '2026-11-08T11:20:00Z',
  },
];

const REFUNDS: Refund[] = [
  { orderNumber: '100155', status: 'issued', amount: eur(89.5), issuedAt: '2026-09-29T09:00:00Z', note: 'Refund of €89.50 issued on 29 September to the original card.' },
  { orderNumber: '100212', status: 'requested', amount: eur(210), note: 'Return registered on 20 November; the refund follows within 5-10 business days of the parcel reaching us.' },
];

export class DemoAccountData implements AccountData {
  private readonly tickets: Ticket[] = [];

  async findCustomerByEmail(email: string): Promise<AccountCustomer | undefined> {
    return CUSTOMERS.find((c) => c.email === email.trim().toLowerCase());
  }

  async getOrder(orderNumber: string): Promise<Order | undefined> {
    return ORDERS.find((o) => o.orderNumber === orderNumber.replace(/^#/, '').trim());
  }

  async listOrders(email: string): Promise<Order[]> {
    return ORDERS.filter((o) => o.customerEmail === email.trim().toLowerCase()).sort((a, b) => b.placedAt.localeCompare(a.placedAt));
  }

  async getRefund(orderNumber: string): Promise<Refund | undefined> {
    const order = await this.getOrder(orderNumber);
    if (!order) return undefined;
    return REFUNDS.find((r) => r.orderNumber === order.orderNumber) ?? { orderNumber: order.orderNumber, status: 'none' };
  }

  async createTicket(input: { email?: string; orderNumber?: string; subject: string; description: string }): Promise<Ticket> {
    const ticket: Ticket = { id: `T-${randomBytes(3).toString('hex').toUpperCase()}`, subject: input.subject, createdAt: new Date().toISOString() };
    this.tickets.push(ticket);
    return ticket;
  }
}
