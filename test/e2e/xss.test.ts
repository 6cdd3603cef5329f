import { describe, expect, it } from 'vitest';
import { chromiumGate, eventually, screenshot, textOf, visible } from '../support/browser.ts';
import { useE2E } from './harness.ts';
import { Console, Widget } from './pages.ts';

const enabled = chromiumGate();

const FROM_CUSTOMER = '<img src=x onerror="window.__xss=1">';
const FROM_AGENT = '<b>bold</b><img src=x onerror="window.__xss=2"><script>window.__xss=3</script>';

describe.skipIf(!enabled)('markup in messages is text, in both pages', () => {
  const env = useE2E();

  it("renders a customer's and an agent's HTML as text and runs none of it", async () => {
    const { baton } = env;
    const customer = await env.browser.actor('customer');
    const widget = new Widget(customer.page);
    const injected = (page: typeof customer.page) => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

    await widget.open(baton.url);
    await widget.say(FROM_CUSTOMER);
    const { id } = await widget.conversation();
    await widget.talkToPerson.click();
    await visible(widget.queue, 'the queue place (data-testid="baton-queue")');

    const agent = await env.browser.actor('agent');
    const desk = new Console(agent.page);
    await desk.goto(baton.url);
    await desk.signInAs('general@demo.local');
    await visible(desk.queueItem(id), 'the waiting conversation as a queue-item');
    expect(await agent.page.locator('img[src="x"]').count()).toBe(0);
    expect(await injected(agent.page)).toBeUndefined();
    await desk.setPresence('online');
    await desk.open(id);
    await eventually(() => textOf(desk.transcriptMessages('customer')), "the customer's markup as text in the transcript").toContain(FROM_CUSTOMER);

    await desk.sendAReply(FROM_AGENT);
    await eventually(() => widget.texts('agent'), "the agent's markup as text in the widget").toContainEqual(expect.stringContaining(FROM_AGENT));
    expect(await textOf(widget.messages('customer'))).toContain(FROM_CUSTOMER);

    // Nothing became an element, nothing ran, in either page (the locators pierce the widget's shadow root).
    for (const page of [customer.page, agent.page]) {
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('b', { hasText: /^bold$/ }).count()).toBe(0);
      expect(await injected(page)).toBeUndefined();
    }
    await screenshot(customer.page, 'widget-xss-as-text');
    await screenshot(agent.page, 'console-xss-as-text');
  });
});
