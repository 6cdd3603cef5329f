import { useConsole } from '../console-context.ts';
import { customerName, range, teamName } from '../lib/format.ts';
import type { CustomerProfile, QueueView, StateView } from '../lib/types.ts';
import { useAction } from '../lib/use-action.ts';
import { NavLink } from './NavLink.tsx';

/** Who the customer is, where the conversation stands (waiting, with whom), Resolve and Close. */
export function ConversationHeader({ id, state, customer, queue }: { id: string; state: StateView | null; customer: CustomerProfile | undefined; queue: QueueView | null }) {
  const { api, me, store, teamNames } = useConsole();
  const resolve = useAction();
  const owner = state?.owner;
  const othersAndLocked = owner === 'human' && state?.agentId !== me.id && me.role === 'agent';

  return (
    <header className="conversation-head">
      <div className="conversation-title">
        <h2>{customerName(customer)}</h2>
        <p className="meta">
          {customer?.email && <span>{customer.email} · </span>}
          <span>{teamName(teamNames, state?.team)}</span>
          {state?.priority && (
            <>
              {' · '}
              <span className={`priority priority-${state.priority}`}>{state.priority}</span>
            </>
          )}
          {' · '}
          <span data-testid="conversation-status" data-owner={owner ?? 'unknown'} className={`status status-${owner ?? 'unknown'}`}>
            {statusText(state, queue, me.id, teamName(teamNames, state?.team))}
          </span>
        </p>
      </div>
      <div className="head-actions">
        <button
          type="button"
          disabled={!state || owner === 'closed' || othersAndLocked || resolve.busy}
          onClick={() => void resolve.run(async () => store.applyState(id, (await api.resolve(id)).state))}
        >
          Resolve
        </button>
        <NavLink path="/console" className="button ghost" aria-label="Close conversation">
          Close
        </NavLink>
      </div>
      {resolve.error && (
        <p className="error head-error" role="alert">
          {resolve.error}
        </p>
      )}
    </header>
  );
}

function statusText(state: StateView | null, queue: QueueView | null, myId: string, team: string): string {
  if (!state) return 'Loading…';
  switch (state.owner) {
    case 'ai':
      return state.handover ? 'Handed back to the AI' : 'With the AI';
    case 'queue': {
      const place = queue ? ` · #${queue.position}${queue.eta ? `, told ${range(queue.eta.lowSeconds, queue.eta.highSeconds)}` : ''}` : '';
      return `Waiting in the ${team} queue${place}`;
    }
    case 'human':
      return state.agentId === myId ? 'You have this conversation' : `${state.agent?.name ?? 'Another agent'} has this conversation`;
    case 'closed':
      return state.closedAs === 'abandoned' ? 'Abandoned: the customer left' : 'Resolved';
  }
}
