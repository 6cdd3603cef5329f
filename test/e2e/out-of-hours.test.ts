import { describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../src/routing/business-hours.ts';
import { chromiumGate, eventually, screenshot, textOf, visible } from '../support/browser.ts';
import { useE2E } from './harness.ts';
import { Widget } from './pages.ts';

const enabled = chromiumGate();

// The general team (where "Talk to a person" goes) opens only on the day after tomorrow: closed now, whatever the
// time, and with an opening to tell.
const utcDay = (new Date().getUTCDay() + 6) % 7; // WEEKDAYS starts on Monday
const openDay = WEEKDAYS[(utcDay + 2) % 7]!;

describe.skipIf(!enabled)('out of hours in the browser', () => {
  const env = useE2E({ config: { routing: { teamHours: { general: { timeZone: 'UTC', weekly: { [openDay]: ['09:00-17:00'] } } } } } });

  it('tells the customer when the team opens and takes an email to follow up on', async () => {
    const { baton, api } = env;
    const customer = await env.browser.actor('customer');
    const widget = new Widget(customer.page);
    await widget.open(baton.url);
    await widget.say('How long does delivery take?');
    const { id, token } = await widget.conversation();
    await widget.talkToPerson.click();

    const notice = await visible(widget.outOfHours, 'the out-of-hours notice (data-testid="baton-out-of-hours")');
    const state = (await api.get(`/api/v1/conversations/${id}`, token)).body.state;
    expect(state.queue).toMatchObject({ team: 'general', eta: null });
    expect(state.queue.opening).toContain('09:00');
    await eventually(() => textOf(notice), 'the out-of-hours notice tells the opening time').toMatch(/\b0?9:00\b/);
    const email = await visible(widget.outOfHours.getByLabel('Email', { exact: true }), 'the email input (aria-label "Email") in the out-of-hours notice');
    expect(await email.getAttribute('type')).toBe('email');
    await visible(widget.emailMe, 'the button "Email me"');
    await screenshot(customer.page, 'widget-out-of-hours');

    await email.fill('dana@example.com');
    await widget.emailMe.click();
    await eventually(() => textOf(widget.outOfHours), 'the out-of-hours notice thanks the customer for the email').toMatch(/thank/i);
    await eventually(async () => (await api.get(`/api/v1/conversations/${id}`, token)).body.state.followUpEmail, 'the follow-up email reached Baton').toBe('dana@example.com');
    await screenshot(customer.page, 'widget-out-of-hours-thanks');
  });
});
