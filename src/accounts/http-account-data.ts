import type { AccountCustomer, AccountData, Order, Refund, Ticket } from './account-data.ts';
import { AccountDataError } from './account-data.ts';

export interface HttpAccountDataOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string;
  timeoutMs: number;
}

/**
 * The business's own API, by a small REST convention (documented in the README): `GET /customers?email=`,
 * `GET /customers/{email}/orders`, `GET /orders/{number}`, `GET /orders/{number}/refund`, `POST /tickets`.
 * A 404 means "no such record"; anything else that fails is an AccountDataError.
 */
export class HttpAccountData implements AccountData {
  constructor(private readonly options: HttpAccountDataOptions) {}

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | undefined> {
    const url = new URL(path.replace(/^\//, ''), this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new AccountDataError(`account API ${method} ${url.pathname} failed: ${(error as Error).message}`);
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new AccountDataError(`account API ${method} ${url.pathname} answered ${response.status}`);
    try {
      return (await response.json()) as T;
    } catch {
      throw new AccountDataError(`account API ${method} ${url.pathname} answered with something that is not JSON`);
    }
  }

  findCustomerByEmail(email: string): Promise<AccountCustomer | undefined> {
    return this.request<AccountCustomer>('GET', `customers?email=${encodeURIComponent(email)}`);
  }

  getOrder(orderNumber: string): Promise<Order | undefined> {
    return this.request<Order>('GET', `orders/${encodeURIComponent(orderNumber)}`);
  }

  async listOrders(email: string): Promise<Order[]> {
    return (await this.request<Order[]>('GET', `customers/${encodeURIComponent(email)}/orders`)) ?? [];
  }

  getRefund(orderNumber: string): Promise<Refund | undefined> {
    return this.request<Refund>('GET', `orders/${encodeURIComponent(orderNumber)}/refund`);
  }

  async createTicket(input: { email?: string; orderNumber?: string; subject: string; description: string }): Promise<Ticket> {
    const ticket = await this.request<Ticket>('POST', 'tickets', input);
    if (!ticket) throw new AccountDataError('account API POST /tickets answered 404');
    return ticket;
  }
}
