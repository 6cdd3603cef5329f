import { dateTime, humanize } from '../lib/format.ts';
import type { CustomerProfile, HandoverPacket, Money } from '../lib/types.ts';

/** The customer as the channel described them, and the account system's record with recent orders. */
export function PacketAccount({ account, customer }: { account: HandoverPacket['account']; customer: CustomerProfile }) {
  const attributes = Object.entries(customer.attributes ?? {});
  const record = account?.customer ?? null;
  return (
    <div className="account">
      <dl className="pairs">
        {customer.name && <Pair label="Name" value={customer.name} />}
        {customer.email && <Pair label="Email" value={customer.email} />}
        {customer.externalId && <Pair label="External id" value={customer.externalId} />}
        {attributes.map(([key, value]) => (
          <Pair key={key} label={humanize(key)} value={typeof value === 'string' ? value : JSON.stringify(value)} />
        ))}
        {record && (
          <>
            <Pair label="Account" value={`${record.name} · ${record.email}`} />
            <Pair label="Tier" value={record.plan ? `${record.tier} · ${record.plan}` : record.tier} />
            {record.phone && <Pair label="Phone" value={record.phone} />}
            {record.lifetimeValue !== undefined && <Pair label="Lifetime value" value={record.lifetimeValue.toFixed(2)} />}
          </>
        )}
      </dl>
      {account?.error && <p className="warn small">The account system did not answer: {account.error}</p>}
      {!record && !account?.error && <p className="muted small">No account found for this customer.</p>}
      {account && account.orders.length > 0 && (
        <table className="orders">
          <caption className="small muted">Recent orders</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Status</th>
              <th scope="col">Total</th>
              <th scope="col">Placed</th>
            </tr>
          </thead>
          <tbody>
            {account.orders.map((order) => (
              <tr key={order.orderNumber} title={order.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}>
                <td>{order.orderNumber}</td>
                <td>
                  {order.status}
                  {order.trackingNumber ? ` · ${order.trackingNumber}` : ''}
                </td>
                <td>{money(order.total)}</td>
                <td>{dateTime(order.placedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Pair({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function money(total: Money): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: total.currency }).format(total.amount);
  } catch {
    return `${total.amount} ${total.currency}`;
  }
}
