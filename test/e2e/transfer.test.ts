import { describe, expect, it } from 'vitest';
import { chromiumGate, eventually, hidden, screenshot, textOf, visible } from '../support/browser.ts';
import { useE2E } from './harness.ts';
import { Console, Widget } from './pages.ts';

const enabled = chromiumGate();

describe.skipIf(!enabled)('a transfer between teams in the browser', () => {
  const env = useE2E();

  it("moves the conversation to the other team's queue and agent, and tells the customer who has it", async () => {
    const { baton, api } = env;
    const customer = await env.browser.actor('customer');
    const widget = new Widget(customer.page);
    await widget.open(baton.url);
    await widget.say('How do I reset my password?');
    const { id, token } = await widget.conversation();
    await widget.talkToPerson.click();
    await visible(widget.queue, 'the queue place (data-testid="baton-queue")');

    // Gus (general) is assigned it and transfers it to technical support.
    const general = await env.browser.actor('general-agent');
    const gus = new Console(general.page);
    await gus.goto(baton.url);
    await gus.signInAs('general@demo.local');
    await gus.setPresence('online');
    await gus.open(id);
    await eventually(() => textOf(widget.status), 'baton-status names Gus').toContain('Gus General');

    // Theo (technical support) is signed in but not online: the transfer waits in his team's queue.
    const tech = await env.browser.actor('tech-agent');
    const theo = new Console(tech.page);
    await theo.goto(baton.url);
    await theo.signInAs('tech@demo.local');
    await visible(theo.queue, 'the queues (data-testid="queue")');

    await gus.transferTo(/^technical[_ ]support$/i);
    await hidden(gus.conversationItem(id), "the conversation leaves Gus's my-conversations after the transfer");
    await visible(theo.queueItem(id), `the transferred conversation as a queue-item in Theo's queue (data-conversation-id=${id})`);
    await eventually(() => textOf(theo.queueItem(id)), "the queue-item shows its new team").toMatch(/technical/i);
    await eventually(() => textOf(widget.status), 'baton-status while waiting for technical support').toMatch(/^Waiting for.*Technical support/is);
    expect((await api.get(`/api/v1/conversations/${id}`, token)).body.state).toMatchObject({ owner: 'queue', team: 'technical_support' });
    await screenshot(tech.page, 'console-transferred-queue');
    await screenshot(customer.page, 'widget-transferred-waiting');

    // Theo claims it; the customer sees who has it now.
    await visible(theo.claim(id), 'the "Claim" button in the queue-item');
    await theo.claim(id).click();
    await theo.open(id);
    await eventually(() => textOf(widget.status), 'baton-status names Theo and his team').toMatch(/Theo Tech.*Technical support/s);
    await theo.sendAReply('Hi, Theo from technical support here. I can help with the password.');
    await eventually(() => textOf(widget.messages('agent').last().getByTestId('baton-author')), "Theo's reply's author").toContain('Theo');
    await screenshot(customer.page, 'widget-transferred-agent');
  });
});
