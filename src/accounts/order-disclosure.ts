import type { Order } from './account-data.ts';

/**
 * What the AI may tell about an order, and to whom. Whoever has an order number sees what a carrier's tracking page
 * would show (status, carrier, tracking, dates); what was bought, for how much and by whom only the customer whose
 * email is on the order. The same rule for the offline brain's replies and for what a model's tools return.
 */

/** Whether one of the emails the customer gave (or their profile's) is the order's. */
export function ownsOrder(order: Order, emails: Iterable<string | undefined>): boolean {
  const owner = order.customerEmail.trim().toLowerCase();
  for (const email of emails) if (email && email.trim().toLowerCase() === owner) return true;
  return false;
}

export interface DisclosedOrder {
  orderNumber: string;
  status: Order['status'];
  placedAt: string;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  estimatedDelivery?: string;
  deliveredAt?: string;
  /** Only for the order's owner. */
  items?: Order['items'];
  total?: Order['total'];
  /** False: items and total are withheld because the customer has not shown the order is theirs. */
  ownerVerified: boolean;
}

export function disclosedOrder(order: Order, owner: boolean): DisclosedOrder {
  const { orderNumber, status, placedAt, carrier, trackingNumber, trackingUrl, estimatedDelivery, deliveredAt } = order;
  return {
    orderNumber,
    status,
    placedAt,
    ...(carrier !== undefined ? { carrier } : {}),
    ...(trackingNumber !== undefined ? { trackingNumber } : {}),
    ...(trackingUrl !== undefined ? { trackingUrl } : {}),
    ...(estimatedDelivery !== undefined ? { estimatedDelivery } : {}),
    ...(deliveredAt !== undefined ? { deliveredAt } : {}),
    ...(owner ? { items: order.items, total: order.total } : {}),
    ownerVerified: owner,
  };
}
