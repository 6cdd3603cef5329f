import { useLayoutEffect, useRef } from 'react';
import { useConsole } from '../console-context.ts';
import { customerName, humanize, teamName, timeOfDay } from '../lib/format.ts';
import type { StreamStatus } from '../lib/stream.ts';
import type { CustomerProfile, EventView } from '../lib/types.ts';

/**
 * The whole conversation as it happens: the customer's, the AI's (marked "AI"), the agents' and the system's
 * messages, internal notes, and what happened between them (handed over, assigned, transferred, …). Customer text is
 * only ever a text node.
 */
export function Transcript({ events, customer, typing, ready, status }: { events: EventView[]; customer: CustomerProfile | undefined; typing: boolean; ready: boolean; status: StreamStatus }) {
  const log = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  useLayoutEffect(() => {
    const element = log.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [events.length, typing]);

  return (
    <div className="transcript-wrap">
      <div
        ref={log}
        className="transcript"
        data-testid="transcript"
        role="log"
        aria-label="Transcript"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {!ready && events.length === 0 && <p className="muted small">{status === 'reconnecting' ? 'Reconnecting…' : 'Loading the conversation…'}</p>}
        <ol>
          {events.map((event) => (
            <Entry key={event.seq} event={event} customer={customer} />
          ))}
        </ol>
      </div>
      <p className="typing" data-testid="customer-typing" hidden={!typing} aria-live="polite">
        {typing ? `${customerName(customer)} is typing…` : ''}
      </p>
    </div>
  );
}

function Entry({ event, customer }: { event: EventView; customer: CustomerProfile | undefined }) {
  const { me, teamNames } = useConsole();
  if (event.type === 'message.created') {
    const { message } = event;
    const author =
      message.role === 'customer'
        ? (message.author.name ?? customerName(customer))
        : message.role === 'ai'
          ? (message.author.name ?? 'Assistant')
          : message.role === 'agent'
            ? `${message.author.name ?? 'Agent'}${message.author.id === me.id ? ' (you)' : ''}`
            : 'Baton';
    return (
      <li className={`message message-${message.role}`} data-testid="transcript-message" data-role={message.role} data-seq={message.seq}>
        <div className="message-head">
          {message.role === 'ai' && (
            <span className="badge badge-ai" title="Written by the AI">
              AI
            </span>
          )}
          <span className="author">{author}</span>
          <time dateTime={message.createdAt} className="muted small">
            {timeOfDay(message.createdAt)}
          </time>
        </div>
        <p className="message-text">{message.text}</p>
        {message.sources && message.sources.length > 0 && <p className="sources small muted">Sources: {message.sources.map((s) => s.title).join(' · ')}</p>}
      </li>
    );
  }
  if (event.type === 'note.added') {
    return (
      <li className="note" data-testid="transcript-note" data-seq={event.seq}>
        <div className="message-head">
          <span className="badge badge-note">Internal note</span>
          <span className="author">{event.actor?.name ?? 'Agent'}</span>
          <time dateTime={event.at} className="muted small">
            {timeOfDay(event.at)}
          </time>
        </div>
        <p className="message-text">{event.data.text}</p>
      </li>
    );
  }
  const text = describe(event, (id) => teamName(teamNames, id));
  if (!text) return null;
  return (
    <li className={`event event-${event.type.replace('.', '-')}`} data-testid="transcript-event" data-type={event.type} data-seq={event.seq}>
      <span>{text}</span>
      <time dateTime={event.at} className="muted">
        {timeOfDay(event.at)}
      </time>
    </li>
  );
}

/** A line for what happened, or null for what needs none. */
function describe(event: EventView, team: (id: string) => string): string | null {
  switch (event.type) {
    case 'conversation.started':
      return `Conversation started (${event.data.channel})`;
    case 'handover.requested':
      return `Handed over: ${event.data.reasons.map((r) => r.code).join(', ') || 'no reason'} → ${team(event.data.team)}, ${event.data.priority}`;
    case 'conversation.queued':
      return `Waiting in the ${team(event.data.team)} queue${event.data.reason && event.data.reason !== 'handover' ? ` (${humanize(event.data.reason)})` : ''}`;
    case 'conversation.assigned':
      return `${event.data.agentName} took it (${event.data.via === 'auto' ? 'assigned' : event.data.via})`;
    case 'conversation.transferred':
      return `Transferred to ${event.data.toAgentName ? `${event.data.toAgentName}, ` : ''}${team(event.data.toTeam)}${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'conversation.handed_back':
      return `${event.actor?.name ?? 'An agent'} handed it back to the AI${event.data.note ? `: ${event.data.note}` : ''}`;
    case 'conversation.resolved':
      return `Resolved by ${event.actor?.name ?? 'an agent'}${event.data.note ? `: ${event.data.note}` : ''}`;
    case 'conversation.reopened':
      return 'The customer wrote again: reopened with the AI';
    case 'conversation.sla_breached':
      return 'The first-response target was missed';
    case 'conversation.abandoned':
      return 'The customer left the queue';
    case 'follow_up.requested':
      return `The customer left an email for a follow-up: ${event.data.email}`;
    case 'conversation.rated':
      return `The customer rated the help ${event.data.score} of 5${event.data.comment ? `: ${event.data.comment}` : ''}`;
    case 'action.executed':
      return `The AI ran ${humanize(event.data.name).toLowerCase()}: ${event.data.ok ? 'done' : 'failed'}`;
    case 'details.collected':
      return `The AI noted ${Object.entries(event.data.details)
        .map(([slot, value]) => `${humanize(slot).toLowerCase()} ${value}`)
        .join(', ')}`;
    default:
      return null;
  }
}
