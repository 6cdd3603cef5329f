import type { Locator, Page } from 'playwright-core';
import { chooseOption, eventually, textOf, visible } from '../support/browser.ts';

/**
 * The two pages as the browser tests see them, found only by the roles, labels and test ids web/README.md promises.
 * Each wait names the contract element it waits for, so a failure says which one a page lacks.
 */

/** The customer widget, inside the open shadow root of `<baton-widget>` (Playwright's locators pierce it). */
export class Widget {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('baton-widget');
  }

  get launcher() {
    return this.root.getByRole('button', { name: 'Open chat', exact: true });
  }
  get panel() {
    return this.root.getByRole('dialog', { name: 'Chat with us', exact: true });
  }
  get status() {
    return this.root.getByTestId('baton-status');
  }
  get log() {
    return this.root.getByRole('log');
  }
  /** Every message, or those of one role (customer, ai, agent, system). */
  messages(role?: 'customer' | 'ai' | 'agent' | 'system') {
    return this.root.locator(`[data-testid="baton-message"]${role ? `[data-role="${role}"]` : ''}`);
  }
  get compose() {
    return this.root.getByLabel('Message', { exact: true });
  }
  get send() {
    return this.root.getByRole('button', { name: 'Send', exact: true });
  }
  get talkToPerson() {
    return this.root.getByRole('button', { name: 'Talk to a person', exact: true });
  }
  get queue() {
    return this.root.getByTestId('baton-queue');
  }
  get outOfHours() {
    return this.root.getByTestId('baton-out-of-hours');
  }
  get email() {
    return this.root.getByLabel('Email', { exact: true });
  }
  get emailMe() {
    return this.root.getByRole('button', { name: 'Email me', exact: true });
  }
  get typing() {
    return this.root.getByTestId('baton-typing');
  }
  get csat() {
    return this.root.getByTestId('baton-csat');
  }
  rate(score: number) {
    return this.root.getByRole('button', { name: `Rate ${score} of 5`, exact: true });
  }
  get connection() {
    return this.root.getByTestId('baton-connection');
  }

  /** Loads the demo store at `base` and opens the chat. */
  async open(base: string): Promise<void> {
    await this.page.goto(`${base}/`);
    await visible(this.launcher, 'the widget launcher (button "Open chat" in <baton-widget>\'s shadow root)');
    await this.launcher.click();
    await visible(this.panel, 'the chat panel (role=dialog "Chat with us")');
    await visible(this.log, 'the message log (role=log)');
    await visible(this.compose, 'the compose box (textarea "Message")');
  }

  get close() {
    return this.root.getByRole('button', { name: 'Close chat', exact: true });
  }

  /** Sends `text` (with the Send button, or Enter) and waits until it shows as the customer's. */
  async say(text: string, how: 'button' | 'enter' = 'button'): Promise<void> {
    const before = await this.messages('customer').count();
    await this.compose.fill(text);
    if (how === 'enter') await this.compose.press('Enter');
    else await this.send.click();
    await eventually(() => this.messages('customer').count(), 'the customer message shows after Send').toBeGreaterThan(before);
    await eventually(() => textOf(this.messages('customer').last()), 'the customer message shows its text').toContain(text);
  }

  /** The conversation the widget keeps in localStorage (`baton:conversation`): its id and customer token. */
  async conversation(): Promise<{ id: string; token: string }> {
    let raw: string | null = null;
    await eventually(async () => (raw = await this.page.evaluate(() => localStorage.getItem('baton:conversation'))), 'the widget stores baton:conversation in localStorage').toBeTruthy();
    const stored = JSON.parse(raw!) as { id?: string; conversationId?: string; token?: string };
    const id = stored.id ?? stored.conversationId;
    if (!id || !stored.token) throw new Error(`baton:conversation in localStorage has no id and token: ${raw}`);
    return { id, token: stored.token };
  }

  /** Every message's data-seq, in the order the log shows them. */
  async seqs(): Promise<(string | null)[]> {
    return this.messages().evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-seq')));
  }

  /** The messages of one role, as text. */
  async texts(role?: 'customer' | 'ai' | 'agent' | 'system'): Promise<string[]> {
    return this.messages(role).allInnerTexts();
  }
}

/** The agent console at /console. */
export class Console {
  constructor(readonly page: Page) {}

  get email() {
    return this.page.getByLabel('Email', { exact: true });
  }
  get password() {
    return this.page.getByLabel('Password', { exact: true });
  }
  get signIn() {
    return this.page.getByRole('button', { name: 'Sign in', exact: true });
  }
  get presence() {
    return this.page.getByLabel('Presence', { exact: true });
  }
  get queue() {
    return this.page.getByTestId('queue');
  }
  queueItem(conversationId: string) {
    return this.page.locator(`[data-testid="queue-item"][data-conversation-id="${conversationId}"]`);
  }
  claim(conversationId: string) {
    return this.queueItem(conversationId).getByRole('button', { name: 'Claim', exact: true });
  }
  get newHandover() {
    return this.page.getByTestId('new-handover');
  }
  get myConversations() {
    return this.page.getByTestId('my-conversations');
  }
  conversationItem(conversationId: string) {
    return this.page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`);
  }
  get conversation() {
    return this.page.getByTestId('conversation');
  }
  get packet() {
    return this.conversation.getByTestId('packet');
  }
  get packetReasons() {
    return this.conversation.getByTestId('packet-reasons');
  }
  get packetSummary() {
    return this.conversation.getByTestId('packet-summary');
  }
  get transcript() {
    return this.conversation.getByTestId('transcript');
  }
  transcriptMessages(role?: 'customer' | 'ai' | 'agent' | 'system') {
    return this.conversation.locator(`[data-testid="transcript-message"]${role ? `[data-role="${role}"]` : ''}`);
  }
  get note() {
    return this.page.getByLabel('Internal note', { exact: true });
  }
  get addNote() {
    return this.page.getByRole('button', { name: 'Add note', exact: true });
  }
  get reply() {
    return this.page.getByLabel('Reply', { exact: true });
  }
  get sendReply() {
    return this.page.getByRole('button', { name: 'Send reply', exact: true });
  }
  get transferTeam() {
    return this.page.getByLabel('Transfer to team', { exact: true });
  }
  get transferButton() {
    return this.page.getByRole('button', { name: 'Transfer', exact: true });
  }
  get handBackNote() {
    return this.page.getByLabel('Hand-back note', { exact: true });
  }
  get handBackButton() {
    return this.page.getByRole('button', { name: 'Hand back to AI', exact: true });
  }
  get resolveButton() {
    return this.page.getByRole('button', { name: 'Resolve', exact: true });
  }
  get supervisorTab() {
    const name = { name: 'Supervisor', exact: true };
    return this.page.getByRole('link', name).or(this.page.getByRole('tab', name));
  }
  get supervisor() {
    return this.page.getByTestId('supervisor');
  }

  /** Opens /console and waits for the sign-in form. */
  async goto(base: string): Promise<void> {
    await this.page.goto(`${base}/console`);
    await visible(this.email, 'the console\'s sign-in input labelled "Email"');
    await visible(this.password, 'the console\'s sign-in input labelled "Password"');
  }

  /** Signs in (password `demo`) and waits for the presence select. */
  async signInAs(email: string, password = 'demo'): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.signIn.click();
    await visible(this.presence, 'the presence select (labelled "Presence") after signing in');
  }

  async setPresence(status: 'online' | 'away' | 'offline'): Promise<void> {
    await chooseOption(this.presence, status, 'the presence select (labelled "Presence")');
  }

  /** Opens a conversation of "my conversations" and waits for its packet and transcript. */
  async open(conversationId: string): Promise<void> {
    const item = this.conversationItem(conversationId);
    await visible(item, `conversation-item ${conversationId} in my-conversations`);
    await item.click();
    await visible(this.conversation, 'the open conversation (data-testid="conversation")');
    await visible(this.packet, 'the handover packet (data-testid="packet") in the conversation');
    await visible(this.transcript, 'the transcript (data-testid="transcript") in the conversation');
  }

  async sendAReply(text: string): Promise<void> {
    await visible(this.reply, 'the reply box (textarea labelled "Reply")');
    await this.reply.fill(text);
    await this.sendReply.click();
    await eventually(() => textOf(this.transcriptMessages('agent')), "the agent's reply shows in the transcript").toContain(text);
  }

  async transferTo(team: RegExp | string): Promise<void> {
    await chooseOption(this.transferTeam, team, 'the select labelled "Transfer to team"');
    await this.transferButton.click();
  }

  async handBack(note: string): Promise<void> {
    await visible(this.handBackNote, 'the input labelled "Hand-back note"');
    await this.handBackNote.fill(note);
    await this.handBackButton.click();
  }
}
