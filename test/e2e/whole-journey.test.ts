import { describe, expect, it } from 'vitest';
import { chromiumGate, eventually, hidden, screenshot, textOf, visible } from '../support/browser.ts';
import { useE2E } from './harness.ts';
import { Console, Widget } from './pages.ts';

const enabled = chromiumGate();

describe.skipIf(!enabled)('the whole journey in the browser: the AI, a person, back to the AI, resolved and rated', () => {
  // The demo's past conversations give the general team waits to promise from.
  const env = useE2E({ config: { seedDemoHistory: true } });

  it('a customer asks the AI, talks to a person who reads the packet and replies, is handed back, resolved and rates', async () => {
    const { baton, api } = env;
    const customer = await env.browser.actor('customer');
    const widget = new Widget(customer.page);

    // The AI answers a routine question.
    await widget.open(baton.url);
    await eventually(() => textOf(widget.status), 'baton-status names the Assistant while the AI replies').toContain('Assistant');
    await visible(widget.talkToPerson, 'the "Talk to a person" button while the AI holds the conversation');
    await screenshot(customer.page, 'widget-open');
    await widget.close.click();
    await hidden(widget.panel, 'the chat panel after "Close chat"');
    await widget.launcher.click();
    await visible(widget.panel, 'the chat panel opened again');
    await widget.say('How long does delivery take?');
    const { id, token } = await widget.conversation();
    const answer = (await api.messages(id, token)).find((m) => m.role === 'ai');
    expect(answer?.text).toMatch(/deliver/i);
    await eventually(() => widget.texts('ai'), "the AI's answer shows in the widget").toContainEqual(expect.stringContaining(answer.text));
    await eventually(() => widget.messages('ai').last().getAttribute('data-seq'), "the AI's answer carries its seq").toBe(String(answer.seq));

    // The customer asks for a person: their place in the general queue and a promise (or an honest "can't promise").
    await widget.talkToPerson.click();
    await visible(widget.queue, 'the queue place (data-testid="baton-queue") after "Talk to a person"');
    await eventually(() => widget.queue.getAttribute('data-position'), 'baton-queue data-position').toBe('1');
    await eventually(() => textOf(widget.status), 'baton-status while queued').toMatch(/^Waiting for/);
    const [low, high] = [await widget.queue.getAttribute('data-eta-low'), await widget.queue.getAttribute('data-eta-high')];
    if (low === null || high === null) {
      expect(await textOf(widget.queue)).toMatch(/can.t promise a time yet/i);
    } else {
      expect(Number(low)).toBeGreaterThanOrEqual(0);
      expect(Number(high)).toBeGreaterThanOrEqual(Number(low));
      expect(await textOf(widget.queue)).toMatch(/minute/);
    }
    await visible(widget.talkToPerson, 'the "Talk to a person" button while the queue holds the conversation');
    await screenshot(customer.page, 'widget-queued');

    // An agent of the general team signs in, sees it waiting, goes online and is assigned it.
    const agent = await env.browser.actor('agent');
    const desk = new Console(agent.page);
    await desk.goto(baton.url);
    await screenshot(agent.page, 'console-login');
    await desk.signInAs('general@demo.local');
    await visible(desk.queue, 'the queues (data-testid="queue")');
    await visible(desk.queueItem(id), `the waiting conversation as a queue-item with data-conversation-id=${id}`);
    await eventually(() => textOf(desk.queueItem(id)), 'the queue-item shows its team').toMatch(/general/i);
    expect(await textOf(desk.queueItem(id)), 'the queue-item shows its priority').toMatch(/normal/i);
    expect(await textOf(desk.queueItem(id)), 'the queue-item shows its reasons').toMatch(/human|person/i);
    await visible(desk.claim(id), 'the "Claim" button in the queue-item');
    await screenshot(agent.page, 'console-queue');
    await desk.setPresence('online');
    await visible(desk.conversationItem(id), 'the assigned conversation as a conversation-item in my-conversations');
    await visible(desk.newHandover, 'the new-handover notice (data-testid="new-handover") once assigned');
    await hidden(desk.queueItem(id), 'the queue-item of a conversation now assigned');

    // The packet says why, with the evidence; the transcript has the AI's turn marked.
    await desk.open(id);
    await eventually(() => textOf(desk.packetReasons), 'packet-reasons names the reason').toMatch(/human|person/i);
    await eventually(() => textOf(desk.packetReasons), 'packet-reasons quotes the evidence').toContain('Talk to a person');
    await eventually(() => textOf(desk.packetSummary), 'packet-summary has a summary').not.toBe('');
    await eventually(() => textOf(desk.transcriptMessages('customer')), 'the transcript has the question').toContain('How long does delivery take?');
    await eventually(() => textOf(desk.transcriptMessages('ai')), "the transcript marks the AI's turns").toContain('AI');
    await visible(desk.page.getByTestId('sla-clock'), 'the SLA clock (data-testid="sla-clock") in the packet');
    await screenshot(agent.page, 'console-conversation-packet');

    // The agent types (the customer sees it) and replies; the customer sees the reply under the agent's name.
    await visible(desk.reply, 'the reply box (textarea labelled "Reply")');
    await desk.reply.pressSequentially('Hi, Gus here', { delay: 30 });
    await eventually(() => textOf(widget.typing), 'the typing notice (data-testid="baton-typing") while the agent types').toContain('Gus');
    const reply = 'Hi, Gus here. Standard delivery takes 2 to 4 working days in the EU; I have checked your order and it is on its way.';
    await desk.reply.fill('');
    await desk.sendAReply(reply);
    await eventually(() => widget.texts('agent'), "the agent's reply in the widget").toContainEqual(expect.stringContaining(reply));
    await eventually(() => textOf(widget.messages('agent').last().getByTestId('baton-author')), "the reply's author (baton-author)").toContain('Gus');
    await eventually(() => textOf(widget.status), "baton-status names the agent and team").toContain('Gus General');
    await screenshot(customer.page, 'widget-agent-reply');

    // An internal note: the agents' alone.
    const note = 'Internal: customer asked about delivery, order looks fine.';
    await visible(desk.note, 'the textarea labelled "Internal note"');
    await desk.note.fill(note);
    await desk.addNote.click();
    const agentToken = await api.login('supervisor@demo.local');
    await eventually(async () => JSON.stringify((await api.get(`/api/v1/conversations/${id}/events`, agentToken)).body.events), 'the note reaches Baton').toContain(note);

    // The agent hands back; the AI answers the next question.
    await desk.handBack('Delivery time answered; the order is on its way.');
    await eventually(() => textOf(widget.status), 'baton-status back to the Assistant after the hand-back').toContain('Assistant');
    const aiBefore = await widget.messages('ai').count();
    await widget.say('What is your return policy?', 'enter');
    await eventually(() => widget.messages('ai').count(), 'the AI answers after the hand-back').toBeGreaterThan(aiBefore);
    expect(await textOf(widget.messages('ai').last())).toMatch(/return/i);
    expect(await textOf(widget.messages('agent'))).not.toContain('return policy');

    // Resolved, the customer rates.
    await visible(desk.resolveButton, 'the "Resolve" button for the conversation handed back');
    await desk.resolveButton.click();
    await visible(widget.csat, 'the rating (data-testid="baton-csat") once resolved');
    await visible(widget.rate(5), 'the button "Rate 5 of 5"');
    await screenshot(customer.page, 'widget-rating');
    await widget.rate(5).click();
    await eventually(() => textOf(widget.csat), 'the thanks for the rating').toContain('Thanks for your rating');
    await screenshot(customer.page, 'widget-rated');
    const state = (await api.get(`/api/v1/conversations/${id}`, token)).body.state;
    expect(state).toMatchObject({ owner: 'closed', closedAs: 'resolved', rating: { score: 5 } });
    expect(await textOf(widget.panel)).not.toContain(note);
    expect(customer.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    expect(agent.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('a supervisor sees every queue and every agent with their load', async () => {
    const { baton, api } = env;
    // One conversation waiting for billing (nobody of billing online), so a queue has someone in it.
    const waiting = await api.conversation({ name: 'Robin', email: 'robin@example.com' });
    await api.say(waiting.id, waiting.token, 'I was charged twice for my order and I want my money back');
    expect((await api.get(`/api/v1/conversations/${waiting.id}`, waiting.token)).body.state).toMatchObject({ owner: 'queue', team: 'billing' });

    const supervisor = await env.browser.actor('supervisor');
    const desk = new Console(supervisor.page);
    await desk.goto(baton.url);
    await desk.signInAs('supervisor@demo.local');
    await visible(desk.supervisorTab, 'the "Supervisor" link or tab for a supervisor');
    await desk.supervisorTab.click();
    await visible(desk.supervisor, 'the supervisor view (data-testid="supervisor")');
    const queues = await visible(desk.page.getByTestId('supervisor-queues'), 'every queue (data-testid="supervisor-queues")');
    const agents = await visible(desk.page.getByTestId('supervisor-agents'), 'agents and their load (data-testid="supervisor-agents")');
    await eventually(() => textOf(queues), 'supervisor-queues lists the teams').toMatch(/billing/i);
    for (const team of [/general/i, /technical/i, /sales/i, /account/i]) expect(await textOf(queues)).toMatch(team);
    await eventually(() => textOf(agents), 'supervisor-agents lists the agents').toContain('Gus General');
    expect(await textOf(agents)).toContain('Bea Billing');
    await screenshot(supervisor.page, 'console-supervisor');
  });
});
