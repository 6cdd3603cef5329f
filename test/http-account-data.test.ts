import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountDataError } from '../src/accounts/account-data.ts';
import { HttpAccountData } from '../src/accounts/http-account-data.ts';

/** The business's own API, as a real server on loopback: the routes of the README's convention. */
describe('account data over HTTP', () => {
  let server: Server;
  let base: string;
  const seen: { method: string; url: string; auth?: string; body?: string }[] = [];

  beforeAll(async () => {
    server = createServer(async (request: IncomingMessage, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      seen.push({ method: request.method!, url: request.url!, auth: request.headers.authorization, body });
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.url === '/api/orders/100234') return json(200, { orderNumber: '100234', status: 'shipped', customerEmail: 'dana@example.com' });
      if (request.url === '/api/orders/100234/refund') return json(200, { orderNumber: '100234', status: 'none' });
      if (request.url === '/api/customers?email=dana%40example.com') return json(200, { id: 'c1', name: 'Dana', email: 'dana@example.com', tier: 'vip' });
      if (request.url === '/api/customers/dana%40example.com/orders') return json(200, [{ orderNumber: '100234' }]);
      if (request.url === '/api/tickets' && request.method === 'POST') return json(201, { id: 'T-1', subject: JSON.parse(body).subject, createdAt: '2026-11-24T00:00:00Z' });
      if (request.url === '/api/orders/500') return json(500, { error: 'boom' });
      if (request.url === '/api/orders/notjson') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        return response.end('<html>');
      }
      if (request.url === '/api/orders/slow') return; // never answers
      return json(404, { error: 'not found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}/api`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads customers, orders and refunds, sending the token', async () => {
    const accounts = new HttpAccountData({ baseUrl: base, token: 'sekret', timeoutMs: 2000 });
    expect(await accounts.getOrder('100234')).toMatchObject({ status: 'shipped' });
    expect(await accounts.getRefund('100234')).toMatchObject({ status: 'none' });
    expect(await accounts.findCustomerByEmail('dana@example.com')).toMatchObject({ tier: 'vip' });
    expect(await accounts.listOrders('dana@example.com')).toEqual([{ orderNumber: '100234' }]);
    expect(seen.every((r) => r.auth === 'Bearer sekret')).toBe(true);
  });

  it('creates tickets', async () => {
    const accounts = new HttpAccountData({ baseUrl: base, timeoutMs: 2000 });
    const ticket = await accounts.createTicket({ subject: 'Broken zip', description: 'The zip broke', orderNumber: '100234' });
    expect(ticket).toMatchObject({ id: 'T-1', subject: 'Broken zip' });
    expect(JSON.parse(seen.at(-1)!.body!)).toMatchObject({ orderNumber: '100234' });
  });

  it('reads a 404 as "no such record"', async () => {
    const accounts = new HttpAccountData({ baseUrl: base, timeoutMs: 2000 });
    expect(await accounts.getOrder('999999')).toBeUndefined();
    expect(await accounts.listOrders('nobody@example.com')).toEqual([]);
  });

  it('fails with AccountDataError on errors, non-JSON answers, silence and a dead server', async () => {
    const accounts = new HttpAccountData({ baseUrl: base, timeoutMs: 300 });
    await expect(accounts.getOrder('500')).rejects.toThrow(AccountDataError);
    await expect(accounts.getOrder('notjson')).rejects.toThrow(/not JSON/);
    const started = Date.now();
    await expect(accounts.getOrder('slow')).rejects.toThrow(AccountDataError);
    expect(Date.now() - started).toBeLessThan(2000);
    const dead = new HttpAccountData({ baseUrl: 'http://127.0.0.1:1/api', timeoutMs: 300 });
    await expect(dead.getOrder('100234')).rejects.toThrow(AccountDataError);
  });
});
