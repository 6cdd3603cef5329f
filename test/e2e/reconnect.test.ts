import { describe, expect, it } from 'vitest';
import { chromiumGate, eventually, screenshot, visible } from '../support/browser.ts';
import { useE2E } from './harness.ts';
import { Widget } from './pages.ts';
import { startTcpProxy } from './tcp-proxy.ts';

const enabled = chromiumGate();

const UPDATES = [
  'Update 1: I can see your order in our system.',
  'Update 2: it left the warehouse yesterday.',
  'Update 3: the carrier has it now.',
  'Update 4: it should arrive tomorrow.',
  'Update 5: anything else I can do?',
];

describe.skipIf(!enabled)('the widget reconnects without losing or repeating a message', () => {
  const env = useE2E();

  it("shows every message exactly once, in order, across a dropped connection (the agent's and one the customer wrote offline) and a reload", async () => {
    const { baton, api } = env;
    // The customer reaches Baton through a proxy the test can cut, as a dropped network would.
    const proxy = await startTcpProxy(baton.url);
    try {
      const customer = await env.browser.actor('customer');
      const widget = new Widget(customer.page);
      const streams: string[] = [];
      customer.page.on('websocket', (socket) => streams.push(socket.url()));
      await widget.open(proxy.url);
      await widget.say('Where is my parcel?');
      const { id, token } = await widget.conversation();
      await widget.talkToPerson.click();
      await visible(widget.queue, 'the queue place (data-testid="baton-queue")');

      // An agent takes over by writing (through the API, straight to Baton).
      const agent = await api.login('general@demo.local');
      const send = async (text: string) => expect((await api.say(id, agent, text)).status).toBe(201);
      const agentTexts = async () => (await widget.texts('agent')).map((t) => UPDATES.find((u) => t.includes(u)) ?? t);

      await send(UPDATES[0]!);
      await eventually(agentTexts, 'the first update shows').toEqual(UPDATES.slice(0, 1));
      await eventually(() => widget.connection.getAttribute('data-state'), 'baton-connection data-state while connected').toBe('open');

      // The connection drops; the agent writes twice meanwhile; it comes back.
      proxy.cut();
      await eventually(() => widget.connection.getAttribute('data-state'), 'baton-connection data-state once the stream drops').toBe('reconnecting');
      await send(UPDATES[1]!);
      // The customer writes too: shown at once, sent when the connection is back, stored and shown once.
      const offlineQuestion = 'Are you still there? My connection dropped.';
      await widget.say(offlineQuestion);
      await send(UPDATES[2]!);
      await screenshot(customer.page, 'widget-reconnecting');
      proxy.restore();
      await eventually(() => widget.connection.getAttribute('data-state'), 'baton-connection data-state after reconnecting').toBe('open');
      await eventually(agentTexts, 'the updates written while disconnected show, once each').toEqual(UPDATES.slice(0, 3));
      // It resumed its stream after the last message it had, not from the start.
      const resumedAfter = Number(new URL(streams.at(-1)!).searchParams.get('after'));
      expect(resumedAfter).toBeGreaterThan(0);
      await eventually(async () => (await api.messages(id, token)).filter((m) => m.text === offlineQuestion).length, 'the message written offline reaches Baton').toBe(1);
      await eventually(async () => (await widget.texts('customer')).filter((t) => t.includes(offlineQuestion)).length, 'the message written offline shows once').toBe(1);
      await send(UPDATES[3]!);
      await eventually(agentTexts, 'a live update after reconnecting').toEqual(UPDATES.slice(0, 4));

      // The page reloads while the agent writes: the widget resumes its conversation from localStorage.
      const reloading = customer.page.reload();
      await send(UPDATES[4]!);
      await reloading;
      await visible(widget.launcher.or(widget.panel).first(), 'the widget (launcher or panel) after the reload');
      if (!(await widget.panel.isVisible())) await widget.launcher.click();
      await visible(widget.log, 'the message log after the reload');
      await eventually(agentTexts, 'every update after the reload, once each, in order').toEqual(UPDATES);
      expect(await widget.conversation()).toEqual({ id, token });

      // Every message of the conversation exactly once, in seq order.
      const seqs = (await api.messages(id, token)).map((m) => String(m.seq));
      await eventually(() => widget.seqs(), 'the widget shows each message (data-seq) once, in order').toEqual(seqs);
      expect(new Set(seqs).size).toBe(seqs.length);
      await screenshot(customer.page, 'widget-after-reconnect');
    } finally {
      await proxy.close();
    }
  });
});
