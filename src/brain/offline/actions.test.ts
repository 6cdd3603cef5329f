import { describe, expect, it } from 'vitest';
import { AccountDataError, type AccountData } from '../../accounts/account-data.ts';
import { DemoAccountData } from '../../accounts/demo-account-data.ts';
import { checkRefund, createTicket, lookUpOrder } from './actions.ts';

describe('actions against account data', () => {
  const accounts = new DemoAccountData();

  it("looks up Dana's order 100234: shipped, with carrier and tracking", async () => {
    const { record, reply } = await lookUpOrder(accounts, '100234', ['dana@example.com']);
    expect(record).toMatchObject({ name: 'look_up_order', inputs: { orderNumber: '100234' }, ok: true, result: { status: 'shipped', carrier: 'DHL' } });
    expect(reply).toContain('has shipped with DHL');
    expect(reply).toContain('JD014600006281234567');
    expect(reply).toContain('Trailhead rain jacket');
  });

  it('tells only what a tracking page would to someone whose email does not match the order', async () => {
    for (const email of [undefined, 'eve@example.com']) {
      const { reply } = await lookUpOrder(accounts, '100234', [email]);
      expect(reply).toContain('JD014600006281234567');
      expect(reply).not.toContain('Trailhead');
    }
  });

  it('says plainly when an order does not exist, and records the look-up', async () => {
    const { record, reply } = await lookUpOrder(accounts, '999999');
    expect(record).toMatchObject({ ok: true, result: null });
    expect(reply).toMatch(/couldn't find an order 999999/);
  });

  it('checks refunds and opens tickets', async () => {
    expect((await checkRefund(accounts, '100155')).reply).toMatch(/issued/);
    expect((await checkRefund(accounts, '100234')).reply).toMatch(/no refund/);
    const ticket = await createTicket(accounts, { orderNumber: '100234', subject: 'Torn jacket', description: 'It arrived torn' });
    expect(ticket.record).toMatchObject({ name: 'create_ticket', ok: true, result: { id: expect.stringMatching(/^T-/) } });
    expect(ticket.reply).toContain('order 100234');
  });

  it('passes an unreachable account system on as an AccountDataError, not as "not found"', async () => {
    const broken = { getOrder: async () => { throw new Error('ECONNREFUSED'); } } as unknown as AccountData;
    await expect(lookUpOrder(broken, '100234')).rejects.toThrow(AccountDataError);
  });

  it('serves the demo customers, a VIP among them', async () => {
    expect(await accounts.findCustomerByEmail('Dana@Example.com')).toMatchObject({ name: 'Dana' });
    expect(await accounts.findCustomerByEmail('victor@example.com')).toMatchObject({ tier: 'vip' });
    expect((await accounts.listOrders('dana@example.com')).map((o) => o.orderNumber)).toEqual(['100234', '100198']);
  });
});
