/** The widget as the customer sees it. Text is only ever rendered as text nodes (never as HTML). */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Message } from './api.ts';
import type { Chat, Pending, Snapshot } from './chat.ts';
import { authorText, clock, firstName, queueText, statusText, teamTitle } from './format.ts';

function useSnapshot(chat: Chat): Snapshot {
  const [snapshot, setSnapshot] = useState(chat.snapshot);
  useEffect(() => {
    const unsubscribe = chat.subscribe(() => setSnapshot(chat.snapshot));
    setSnapshot(chat.snapshot);
    return unsubscribe;
  }, [chat]);
  return snapshot;
}

export function App({ chat, title, customerEmail }: { chat: Chat; title: string; customerEmail?: string }) {
  const s = useSnapshot(chat);
  const launcher = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Closing the panel gives the keyboard back to the launcher.
  useEffect(() => {
    if (!s.open && wasOpen.current) launcher.current?.focus();
    wasOpen.current = s.open;
  }, [s.open]);

  return (
    <div class="root">
      {s.open ? (
        <Panel chat={chat} s={s} title={title} customerEmail={customerEmail} />
      ) : (
        <button
          ref={launcher}
          type="button"
          class="launcher"
          aria-label="Open chat"
          aria-haspopup="dialog"
          aria-describedby={s.unread ? 'baton-unread' : undefined}
          data-testid="baton-launcher"
          onClick={() => chat.setOpen(true)}
        >
          <svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z" />
          </svg>
          {s.unread > 0 && (
            <span class="badge" id="baton-unread">
              <span aria-hidden="true">{s.unread}</span>
              <span class="sr">{s.unread === 1 ? '1 new message' : `${s.unread} new messages`}</span>
            </span>
          )}
        </button>
      )}
    </div>
  );
}

function Panel({ chat, s, title, customerEmail }: { chat: Chat; s: Snapshot; title: string; customerEmail?: string }) {
  const panel = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastFocused = useRef<Element | null>(null);
  const [text, setText] = useState('');

  useEffect(() => input.current?.focus(), []);

  // Keep the newest message in view, unless the customer scrolled up to read.
  useLayoutEffect(() => {
    const el = log.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [s.messages, s.pending, s.typing, s.awaitingReply]);

  // A control that had the keyboard went away (the rating buttons, the email form, "Talk to a person" once a person
  // has the conversation): give the keyboard to the message box rather than losing it to the page.
  useEffect(() => {
    const root = panel.current?.getRootNode() as ShadowRoot | Document | undefined;
    const gone = lastFocused.current && !lastFocused.current.isConnected;
    if (gone && root && !root.activeElement && (document.activeElement === document.body || !document.activeElement)) {
      input.current?.focus();
    }
  });

  const submit = () => {
    if (chat.send(text)) {
      setText('');
      stick.current = true;
    }
  };

  const state = s.state;
  const owner = state?.owner ?? 'ai';
  const queue = owner === 'queue' ? s.queue : null;
  const outOfHours = !!queue?.opensAt;
  const offerEmail = owner === 'queue' && (outOfHours || (queue !== null && (!queue.eta || queue.eta.highSeconds > 15 * 60)));
  const talkBusy = s.handover === 'busy';

  const items = [
    ...s.messages.map((m) => <Bubble key={m.clientMessageId ?? `seq-${m.seq}`} m={m} />),
    ...s.pending.map((p) => <PendingBubble key={p.clientMessageId} p={p} onRetry={() => chat.retrySend(p.clientMessageId)} />),
  ];

  return (
    <div
      ref={panel}
      class="panel"
      role="dialog"
      aria-label="Chat with us"
      data-testid="baton-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') chat.setOpen(false);
      }}
      onFocusIn={(e) => (lastFocused.current = e.target as Element)}
      onFocusOut={(e) => {
        const target = e.target as Element;
        setTimeout(() => {
          const root = panel.current?.getRootNode() as ShadowRoot | undefined;
          // Focus left for somewhere else (not because its element was removed): stop tracking it.
          if (target.isConnected && root && !root.activeElement && lastFocused.current === target) lastFocused.current = null;
        });
      }}
    >
      <header class="head">
        <div class="who">
          <h2 class="title">{title}</h2>
          <p class="status">
            <span class="sr">Replying: </span>
            <span data-testid="baton-status" aria-live="polite">
              {statusText(state)}
            </span>
          </p>
        </div>
        <span class="conn" data-testid="baton-connection" data-state={s.connection} role="status">
          {s.connection === 'open' ? <span class="sr">Connected</span> : s.connectedOnce ? 'Reconnecting…' : 'Connecting…'}
        </span>
        <button type="button" class="close" aria-label="Close chat" onClick={() => chat.setOpen(false)}>
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </header>

      {queue && (
        <div
          class="queue"
          data-testid="baton-queue"
          data-position={queue.position}
          data-eta-low={queue.eta?.lowSeconds}
          data-eta-high={queue.eta?.highSeconds}
          role="status"
        >
          {queueText(queue)}
        </div>
      )}
      {owner === 'queue' && outOfHours && queue && (
        <div class="hours" data-testid="baton-out-of-hours">
          <p class="hours-text">
            {`Our ${teamTitle(queue.team)} team is closed right now and opens `}
            <strong>{queue.opening ?? new Date(queue.opensAt!).toLocaleString()}</strong>
            {". They'll reply right here, or leave your email and they'll follow up."}
          </p>
          <FollowUp chat={chat} s={s} initial={customerEmail} />
        </div>
      )}
      {offerEmail && !outOfHours && (
        <div class="hours">
          <p class="hours-text">Rather not wait here? Leave your email and the team will follow up.</p>
          <FollowUp chat={chat} s={s} initial={customerEmail} />
        </div>
      )}

      <div
        ref={log}
        class="log"
        role="log"
        aria-live="polite"
        aria-label="Messages"
        data-testid="baton-messages"
        tabIndex={0}
        onScroll={() => {
          const el = log.current!;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
      >
        {items.length === 0 && <p class="hello">Hi! Ask us anything about orders, delivery or returns. A person is always a click away.</p>}
        {items}
      </div>

      {s.typing ? (
        <p class="typing" data-testid="baton-typing" role="status">
          {`${firstName(s.typing)} is typing…`}
        </p>
      ) : (
        s.awaitingReply && (
          <p class="typing" aria-hidden="true">
            Assistant is replying…
          </p>
        )
      )}

      {owner === 'closed' && state?.closedAs === 'resolved' && <Rating chat={chat} s={s} />}

      {s.notice && (
        <p class="notice" role="alert">
          {s.notice}
        </p>
      )}

      {owner !== 'human' && (
        <div class="talkbar">
          <span class="talk-hint">{owner === 'queue' ? "You're in line for a person" : 'Prefer a human?'}</span>
          <button
            type="button"
            class="talk"
            data-testid="baton-talk-to-person"
            aria-disabled={talkBusy || undefined}
            onClick={() => {
              if (!talkBusy) void chat.handover();
            }}
          >
            Talk to a person
          </button>
        </div>
      )}

      <form
        class="compose"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <textarea
          ref={input}
          aria-label="Message"
          rows={1}
          maxLength={8000}
          placeholder="Type your message…"
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            if (e.currentTarget.value.trim()) chat.typed();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="send">
          Send
        </button>
      </form>
    </div>
  );
}

function Bubble({ m }: { m: Message }) {
  return (
    <div class={`msg ${m.role}`} data-testid="baton-message" data-role={m.role} data-seq={m.seq}>
      <span class="author" data-testid="baton-author">
        {authorText(m)}
      </span>
      <p class="text">{m.text}</p>
      {m.sources?.length ? <p class="meta">{`From: ${m.sources.map((source) => source.title).join(', ')}`}</p> : null}
      <time class="meta" dateTime={m.createdAt}>
        {clock(m.createdAt)}
      </time>
    </div>
  );
}

function PendingBubble({ p, onRetry }: { p: Pending; onRetry: () => void }) {
  return (
    <div class="msg customer pending" data-testid="baton-message" data-role="customer" data-pending="true">
      <span class="author" data-testid="baton-author">
        You
      </span>
      <p class="text">{p.text}</p>
      {p.status === 'sending' ? (
        <span class="meta">Sending…</span>
      ) : (
        <span class="meta failed">
          {`${p.error ?? 'Not sent'}. `}
          <button type="button" class="link" onClick={onRetry}>
            Retry
          </button>
        </span>
      )}
    </div>
  );
}

function FollowUp({ chat, s, initial }: { chat: Chat; s: Snapshot; initial?: string }) {
  const [email, setEmail] = useState(initial ?? '');
  const saved = s.state?.followUpEmail;
  if (saved && s.followUp !== 'error') {
    return (
      <p class="ok" role="status">
        {`Thanks, the team will follow up at ${saved} if you're not here.`}
      </p>
    );
  }
  return (
    <form
      class="follow"
      onSubmit={(e) => {
        e.preventDefault();
        if (email.trim()) void chat.followUp(email.trim());
      }}
    >
      <input
        type="email"
        aria-label="Email"
        autoComplete="email"
        placeholder="you@example.com"
        required
        value={email}
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
      <button type="submit" class="secondary" aria-disabled={s.followUp === 'busy' || undefined}>
        Email me
      </button>
      {s.followUpError && (
        <p class="error" role="alert">
          {s.followUpError}
        </p>
      )}
    </form>
  );
}

function Rating({ chat, s }: { chat: Chat; s: Snapshot }) {
  if (s.state?.rating) {
    return (
      <div class="csat" data-testid="baton-csat" role="status">
        Thanks for your rating
      </div>
    );
  }
  return (
    <div class="csat" data-testid="baton-csat">
      <p class="csat-q" id="baton-csat-q">
        Resolved. How did we do?
      </p>
      <div class="stars" role="group" aria-labelledby="baton-csat-q">
        {[1, 2, 3, 4, 5].map((score) => (
          <button
            key={score}
            type="button"
            aria-label={`Rate ${score} of 5`}
            onClick={() => {
              if (s.rating !== 'busy') void chat.rate(score);
            }}
          >
            <span aria-hidden="true">★</span>
          </button>
        ))}
      </div>
      {s.rating === 'error' && (
        <p class="error" role="alert">
          That didn't go through. Please try again.
        </p>
      )}
    </div>
  );
}
