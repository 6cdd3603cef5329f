/**
 * The widget's conversation, apart from how it looks: the stored id and token, the messages (by seq, so a replay never
 * shows one twice), the customer's unsent messages (by clientMessageId, so a retry never sends one twice), the state
 * and place in the queue, and the stream that keeps them current and reconnects with `after=<last seq>`.
 */
import { api, ApiError, type ConvState, type Frame, type Message, type QueueInfo, type Request, type Turn } from './api.ts';
import { uuid } from './format.ts';

export const STORAGE_KEY = 'baton:conversation';

export interface Config {
  baseUrl: string;
  customerName?: string;
  customerEmail?: string;
}

export interface Pending {
  clientMessageId: string;
  text: string;
  status: 'sending' | 'failed';
  error?: string;
}

type Busy = 'idle' | 'busy' | 'error';

export interface Snapshot {
  open: boolean;
  /** New replies while the panel was closed. */
  unread: number;
  messages: readonly Message[];
  pending: readonly Pending[];
  state: ConvState | null;
  /** The place and promise while queued (event frames carry the state without it, so it is kept apart). */
  queue: QueueInfo | null;
  /** The name of the agent typing, for a few seconds after they did. */
  typing: string | null;
  connection: 'open' | 'reconnecting';
  /** The stream has been open at least once (before that it is connecting, not reconnecting). */
  connectedOnce: boolean;
  /** A message of the customer's is on its way to the AI. */
  awaitingReply: boolean;
  handover: Busy;
  followUp: Busy;
  followUpError: string | null;
  rating: Busy;
  notice: string | null;
}

interface Stored {
  id: string;
  token: string;
  base: string;
}

const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 4000;
const MAX_BACKOFF_MS = 30_000;

function load(): Stored | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Stored> | null;
    return value && typeof value.id === 'string' && typeof value.token === 'string' ? { id: value.id, token: value.token, base: value.base ?? '' } : null;
  } catch {
    return null;
  }
}

function save(value: Stored | null): void {
  try {
    if (value) localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage blocked (private mode, a sandboxed frame): the conversation lasts as long as the page.
  }
}

const maxSeq = (messages: readonly (Message | undefined)[]) => messages.reduce((max, m) => (m && m.seq > max ? m.seq : max), -1);

function sendError(error: ApiError): string {
  if (error.code === 'text_too_long' || error.status === 413) return 'Too long to send';
  return 'Not sent';
}

export class Chat {
  private snap: Snapshot = {
    open: false,
    unread: 0,
    messages: [],
    pending: [],
    state: null,
    queue: null,
    typing: null,
    connection: 'reconnecting',
    connectedOnce: false,
    awaitingReply: false,
    handover: 'idle',
    followUp: 'idle',
    followUpError: null,
    rating: 'idle',
    notice: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly request: Request;
  private conv: Stored | null = null;
  private creating: Promise<Stored> | null = null;
  private readonly bySeq = new Map<number, Message>();
  /** The last seq the stream delivered (or the resume read): the next stream starts after it. */
  private cursor = 0;
  /** The seq the shown state is known to be as new as: an older answer arriving late does not undo a newer frame. */
  private stateSeq = -1;
  private ws: WebSocket | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;
  private inflight = 0;
  private stopped = false;

  constructor(private readonly config: Config) {
    this.request = api(config.baseUrl);
  }

  get snapshot(): Snapshot {
    return this.snap;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<Snapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Resumes a stored conversation (its stream stays open while the page is, so a waiting customer counts as here). */
  start(): void {
    addEventListener('online', this.onOnline);
    const stored = load();
    // (A conversation stored for another Baton is not this one's; one stored without its address is taken as ours.)
    if (stored && (!stored.base || stored.base === this.config.baseUrl)) void this.resume({ ...stored, base: this.config.baseUrl });
  }

  stop(): void {
    this.stopped = true;
    removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    clearTimeout(this.typingTimer);
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }

  setOpen(open: boolean): void {
    this.set({ open, ...(open ? { unread: 0 } : {}) });
    // A conversation starts when the customer first opens the chat.
    if (open && !this.conv) this.ensure().catch(this.startFailed);
  }

  // ---- the conversation -------------------------------------------------------------------------------------------

  private adopt(stored: Stored): void {
    this.conv = stored;
    save(stored);
  }

  /** The stored token was refused: start afresh (what the customer has not sent yet is sent to the new one). */
  private forget(): void {
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    this.conv = null;
    save(null);
    this.bySeq.clear();
    this.cursor = 0;
    this.stateSeq = -1;
    this.attempts = 0;
    clearTimeout(this.retryTimer);
    this.set({ messages: [], state: null, queue: null, typing: null, connection: 'reconnecting', handover: 'idle', followUp: 'idle', rating: 'idle' });
  }

  private async resume(stored: Stored): Promise<void> {
    this.adopt(stored);
    try {
      const [conversation, list] = await Promise.all([
        this.request<{ state: ConvState }>('GET', `/conversations/${encodeURIComponent(stored.id)}`, stored.token),
        this.request<{ messages: Message[] }>('GET', `/conversations/${encodeURIComponent(stored.id)}/messages?after=0&limit=1000`, stored.token),
      ]);
      if (this.conv !== stored) return;
      for (const message of list.messages) this.add(message, false);
      // Anything after the last message read (more messages, the latest state) comes from the stream's replay.
      this.cursor = Math.max(this.cursor, maxSeq(list.messages));
      this.applyState(conversation.state, undefined);
      this.sync();
    } catch (error) {
      if (this.conv !== stored) return;
      if (error instanceof ApiError && error.gone) {
        this.forget();
        if (this.snap.open) this.ensure().catch(this.startFailed);
        return;
      }
      // Unreachable for now: the stream replays the whole conversation once it connects.
    }
    this.connect();
  }

  private ensure(): Promise<Stored> {
    if (this.conv) return Promise.resolve(this.conv);
    return (this.creating ??= this.create().finally(() => (this.creating = null)));
  }

  private async create(): Promise<Stored> {
    const { customerName: name, customerEmail: email } = this.config;
    const customer = name || email ? { ...(name ? { name } : {}), ...(email ? { email } : {}) } : undefined;
    type Created = { id: string; token: string; state: ConvState };
    let created: Created;
    try {
      created = await this.request<Created>('POST', '/conversations', undefined, { channel: 'web', ...(customer ? { customer } : {}) });
    } catch (error) {
      // A malformed data-customer-email must not keep anyone from chatting.
      if (!(error instanceof ApiError && error.status === 400 && customer)) throw error;
      created = await this.request<Created>('POST', '/conversations', undefined, { channel: 'web' });
    }
    const stored = { id: created.id, token: created.token, base: this.config.baseUrl };
    this.adopt(stored);
    this.applyState(created.state, 0);
    this.set({ notice: null });
    this.connect();
    return stored;
  }

  // ---- the stream -------------------------------------------------------------------------------------------------

  private connect(): void {
    if (this.stopped || !this.conv || this.ws) return;
    clearTimeout(this.retryTimer);
    const { token } = this.conv;
    const url = `${this.config.baseUrl.replace(/^http/, 'ws')}/api/v1/stream?token=${encodeURIComponent(token)}&after=${this.cursor}`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      this.retry(false);
      return;
    }
    this.ws = ws;
    let heard = false;
    ws.onmessage = (message) => {
      if (this.ws !== ws) return;
      heard = true;
      let frame: Frame;
      try {
        frame = JSON.parse(String(message.data)) as Frame;
      } catch {
        return;
      }
      this.onFrame(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.set({ connection: 'reconnecting' });
      this.retry(heard);
    };
  }

  /** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … up to 30 s. */
  private retry(heard: boolean): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts++) * (0.75 + Math.random() / 2);
    this.retryTimer = setTimeout(() => void this.reconnect(heard), delay);
  }

  private async reconnect(heard: boolean): Promise<void> {
    if (this.stopped) return;
    if (!this.conv) {
      if (this.snap.open) this.ensure().catch(this.startFailed);
      return;
    }
    const conv = this.conv;
    if (!heard) {
      // A stream refused before it said anything may mean the token is gone: ask plainly, and start afresh if so.
      try {
        await this.request('GET', `/conversations/${encodeURIComponent(conv.id)}`, conv.token);
      } catch (error) {
        if (this.conv !== conv) return;
        if (error instanceof ApiError && error.gone) {
          this.forget();
          if (this.snap.open) this.ensure().catch(this.startFailed);
          return;
        }
      }
      if (this.conv !== conv) return;
    }
    this.connect();
  }

  /** The conversation could not be started (the server unreachable, or refusing this page's origin): keep trying. */
  private readonly startFailed = () => {
    this.set({ notice: "We can't reach our support team right now. Trying again…" });
    this.retry(false);
  };

  /** Back online: try at once rather than at the end of the backoff. */
  private readonly onOnline = () => {
    if (this.ws || (!this.conv && !this.snap.open)) return;
    this.attempts = 0;
    if (this.conv) this.connect();
    else this.ensure().catch(this.startFailed);
  };

  private onFrame(frame: Frame): void {
    switch (frame.type) {
      case 'event':
        if (frame.event.seq > this.cursor) this.cursor = frame.event.seq;
        if (frame.event.message) this.add(frame.event.message, true);
        if (frame.state) this.applyState(frame.state, frame.event.seq);
        break;
      case 'state':
        this.applyState(frame.state, this.cursor);
        break;
      case 'ready':
        this.cursor = Math.max(this.cursor, frame.after);
        this.attempts = 0;
        this.set({ connection: 'open', connectedOnce: true });
        break;
      case 'queue':
        if (!this.snap.state || this.snap.state.owner === 'queue') this.set({ queue: frame.queue });
        break;
      case 'typing':
        if (frame.role === 'agent') {
          clearTimeout(this.typingTimer);
          this.set({ typing: frame.name ?? this.snap.state?.agent?.name ?? 'Someone' });
          this.typingTimer = setTimeout(() => this.set({ typing: null }), TYPING_SHOWN_MS);
        }
        break;
    }
    this.sync();
  }

  // ---- messages and state -----------------------------------------------------------------------------------------

  private dirty = false;
  private pendingList: Pending[] = [];
  private newUnread = 0;

  /** One message, once: by seq; the customer's own replaces its optimistic copy (by clientMessageId). */
  private add(message: Message, live: boolean): void {
    if (this.bySeq.has(message.seq)) return;
    this.bySeq.set(message.seq, message);
    this.dirty = true;
    if (message.clientMessageId) this.pendingList = this.pendingList.filter((p) => p.clientMessageId !== message.clientMessageId);
    if (message.role === 'agent' && this.snap.typing) {
      clearTimeout(this.typingTimer);
      this.snap = { ...this.snap, typing: null };
    }
    if (live && !this.snap.open && message.role !== 'customer') this.newUnread++;
  }

  private sync(): void {
    const patch: Partial<Snapshot> = {};
    if (this.dirty) {
      patch.messages = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
      patch.pending = this.pendingList;
      this.dirty = false;
    }
    if (this.newUnread) {
      patch.unread = this.snap.unread + this.newUnread;
      this.newUnread = 0;
    }
    patch.awaitingReply = this.inflight > 0 && this.snap.state?.owner !== 'human';
    this.set(patch);
  }

  /** `seq`: what the state is known to include; undefined when unknown (then it is taken as the newest). */
  private applyState(state: ConvState, seq: number | undefined): void {
    if (seq !== undefined) {
      if (seq < this.stateSeq) return;
      this.stateSeq = seq;
    }
    const previous = this.snap.state;
    const queue = state.owner !== 'queue' ? null : (state.queue ?? this.snap.queue);
    const reopened = previous?.owner === 'closed' && state.owner !== 'closed';
    this.snap = {
      ...this.snap,
      state,
      queue,
      ...(state.owner === 'ai' ? { followUp: 'idle', followUpError: null } : {}),
      ...(reopened ? { rating: 'idle' } : {}),
    };
    this.dirty = true;
  }

  private absorb(turn: Turn): void {
    const messages = [turn.message, ...(turn.replies ?? [])];
    for (const message of messages) if (message) this.add(message, true);
    const seq = maxSeq(messages);
    this.applyState(turn.state, seq >= 0 ? seq : undefined);
    this.sync();
  }

  // ---- what the customer does -------------------------------------------------------------------------------------

  /** Shown at once, then sent (and retried) with one clientMessageId, so the server stores it once. */
  send(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed) return false;
    const pending: Pending = { clientMessageId: uuid(), text: trimmed, status: 'sending' };
    this.pendingList = [...this.pendingList, pending];
    this.dirty = true;
    this.sync();
    void this.deliver(pending.clientMessageId);
    return true;
  }

  retrySend(clientMessageId: string): void {
    this.updatePending(clientMessageId, { status: 'sending', error: undefined });
    void this.deliver(clientMessageId);
  }

  private updatePending(clientMessageId: string, patch: Partial<Pending>): void {
    this.pendingList = this.pendingList.map((p) => (p.clientMessageId === clientMessageId ? { ...p, ...patch } : p));
    this.dirty = true;
    this.sync();
  }

  private async deliver(clientMessageId: string): Promise<void> {
    let refused = false;
    for (let attempt = 0; ; attempt++) {
      const pending = this.pendingList.find((p) => p.clientMessageId === clientMessageId);
      if (!pending) return; // the stream brought it back already
      this.inflight++;
      this.sync();
      try {
        const conv = await this.ensure();
        const turn = await this.request<Turn>('POST', `/conversations/${encodeURIComponent(conv.id)}/messages`, conv.token, {
          text: pending.text,
          clientMessageId,
        });
        this.inflight--;
        if (this.conv === conv) this.absorb(turn);
        return;
      } catch (caught) {
        this.inflight--;
        const error = caught instanceof ApiError ? caught : new ApiError(0, 'network', String(caught));
        if (!this.pendingList.some((p) => p.clientMessageId === clientMessageId)) return this.sync();
        if (error.gone && !refused && this.conv) {
          refused = true;
          this.forget();
          continue;
        }
        if (!error.transient || attempt >= 4) {
          this.updatePending(clientMessageId, { status: 'failed', error: sendError(error) });
          return;
        }
        this.sync();
        await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 1000 * 2 ** attempt)));
      }
    }
  }

  /** The "Talk to a person" button. */
  async handover(): Promise<void> {
    if (this.snap.handover === 'busy') return;
    this.set({ handover: 'busy', notice: null });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const conv = await this.ensure();
        const result = await this.request<Turn>('POST', `/conversations/${encodeURIComponent(conv.id)}/handover`, conv.token);
        if (this.conv === conv) this.absorb(result);
        this.set({ handover: 'idle' });
        return;
      } catch (error) {
        if (error instanceof ApiError && error.gone && attempt === 0 && this.conv) {
          this.forget();
          continue;
        }
        break;
      }
    }
    this.set({ handover: 'error', notice: "We couldn't reach our team just now. Please try again." });
  }

  async followUp(email: string): Promise<void> {
    const conv = this.conv;
    if (!conv || this.snap.followUp === 'busy') return;
    this.set({ followUp: 'busy', followUpError: null });
    try {
      const result = await this.request<Turn>('POST', `/conversations/${encodeURIComponent(conv.id)}/follow-up`, conv.token, { email });
      if (this.conv === conv) this.absorb(result);
      this.set({ followUp: 'idle' });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      const message =
        code === 'invalid_request'
          ? 'Please check the email address.'
          : code === 'not_waiting'
            ? "You're not waiting for a person any more."
            : "That didn't go through. Please try again.";
      this.set({ followUp: 'error', followUpError: message });
    }
  }

  async rate(score: number): Promise<void> {
    const conv = this.conv;
    if (!conv || this.snap.rating === 'busy') return;
    this.set({ rating: 'busy' });
    try {
      const result = await this.request<Turn>('POST', `/conversations/${encodeURIComponent(conv.id)}/rating`, conv.token, { score });
      if (this.conv === conv) this.absorb(result);
      this.set({ rating: 'idle' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'already_rated' && this.snap.state) {
        this.applyState({ ...this.snap.state, rating: { score } }, undefined);
        this.set({ rating: 'idle' });
        return;
      }
      this.set({ rating: 'error' });
    }
  }

  /** The customer is typing: the agent sees it; told at most every 3 s. */
  typed(): void {
    const conv = this.conv;
    const owner = this.snap.state?.owner;
    if (!conv || !owner || owner === 'closed') return;
    const now = Date.now();
    if (now - this.lastTypingSent < TYPING_EVERY_MS) return;
    this.lastTypingSent = now;
    this.request('POST', `/conversations/${encodeURIComponent(conv.id)}/typing`, conv.token).catch(() => {});
  }
}
