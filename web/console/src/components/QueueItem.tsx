import { useState } from 'react';
import { useConsole } from '../console-context.ts';
import { ApiError, errorText } from '../lib/api.ts';
import { clock, customerName, range, reasonDescription, secondsSince, teamName } from '../lib/format.ts';
import type { ConversationView } from '../lib/types.ts';
import { ReasonChips } from './ReasonChips.tsx';

/** One waiting conversation: who, which team, how long, how urgent, why it was handed over; Claim or View it. */
export function QueueItem({ conversation, now, takenBy, onRefused }: { conversation: ConversationView; now: number; takenBy?: string; onRefused?: () => void }) {
  const { api, store, teamNames, openConversation } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { state } = conversation;
  const waited = secondsSince(state.waitingSince ?? state.queuedAt ?? state.handover?.at, now);
  const reasons = state.handover?.reasons ?? [];
  const evidence = reasons.flatMap((r) => r.evidence)[0];
  const queue = state.queue;

  async function claim() {
    setBusy(true);
    setError(null);
    try {
      const result = await api.claim(conversation.id);
      store.applyState(conversation.id, result.state);
      openConversation(conversation.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'already_assigned') {
        // Someone was quicker: say who (the API names them), and show the conversation where it is now.
        setError(e.message);
        onRefused?.();
        void api.conversation(conversation.id).then((view) => store.applyState(view.id, view.state), () => {});
      } else {
        setError(errorText(e));
      }
      setBusy(false);
    }
  }

  const label = customerName(conversation.customer);
  return (
    <li className={`queue-item${state.slaBreachedAt ? ' breached' : ''}${takenBy ? ' taken' : ''}`} data-testid="queue-item" data-conversation-id={conversation.id} data-priority={state.priority}>
      <div className="row">
        <strong className="truncate">{label}</strong>
        <span className={`priority priority-${state.priority ?? 'normal'}`} title="Priority">
          {state.priority ?? 'normal'}
        </span>
      </div>
      <div className="meta">
        <span>{teamName(teamNames, state.team)}</span>
        <span aria-hidden="true"> · </span>
        <span data-testid="waiting-time" title="Waiting since the handover">
          waiting {clock(waited)}
        </span>
        {queue && (
          <>
            <span aria-hidden="true"> · </span>
            <span title={queue.eta ? 'Promised to the customer' : queue.etaUnknownReason}>
              #{queue.position}
              {queue.eta ? `, told ${range(queue.eta.lowSeconds, queue.eta.highSeconds)}` : ''}
            </span>
          </>
        )}
      </div>
      <ReasonChips reasons={reasons.map((r) => r.code)} describe={reasonDescription} />
      {evidence && <q className="evidence">{evidence}</q>}
      {takenBy && !error && <p className="taken-by small">{takenBy} has this conversation</p>}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      <div className="item-actions">
        <button type="button" className="primary small" onClick={claim} disabled={busy}>
          Claim
        </button>
        <button type="button" className="small" onClick={() => openConversation(conversation.id)}>
          View
        </button>
      </div>
    </li>
  );
}
