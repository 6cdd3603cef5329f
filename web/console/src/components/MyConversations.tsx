import { useConsole } from '../console-context.ts';
import { clock, customerName, secondsSince, teamName } from '../lib/format.ts';
import { pathOf } from '../lib/router.ts';
import { useNow } from '../lib/use-now.ts';
import { useStoreSnapshot } from '../lib/use-store.ts';
import { NavLink } from './NavLink.tsx';

/** The conversations the agent holds now, newest handover first; each opens on click. */
export function MyConversations({ currentId }: { currentId: string | null }) {
  const { store, me, teamNames } = useConsole();
  const { conversations, loaded } = useStoreSnapshot(store);
  const now = useNow();
  const mine = [...conversations.values()]
    .filter((c) => c.state.owner === 'human' && c.state.agentId === me.id)
    .sort((a, b) => Date.parse(b.state.handover?.at ?? b.updatedAt ?? '') - Date.parse(a.state.handover?.at ?? a.updatedAt ?? ''));

  return (
    <section className="panel" data-testid="my-conversations" aria-labelledby="my-conversations-title">
      <h2 id="my-conversations-title">
        My conversations <span className="count">{mine.length}</span>
      </h2>
      {mine.length === 0 ? (
        <p className="muted small">{loaded ? 'None right now.' : 'Loading…'}</p>
      ) : (
        <ul className="conversation-list">
          {mine.map((c) => {
            const awaitingReply = !c.state.firstResponseAt;
            const since = c.state.handover?.at ?? c.updatedAt;
            return (
              <li key={c.id}>
                <NavLink
                  path={pathOf({ view: 'workspace', conversationId: c.id })}
                  match={() => c.id === currentId}
                  className={`conversation-item${c.id === currentId ? ' current' : ''}`}
                  data-testid="conversation-item"
                  data-conversation-id={c.id}
                >
                  <span className="conversation-item-body">
                    <span className="row">
                      <strong className="truncate">{customerName(c.customer)}</strong>
                      {c.state.priority && <span className={`priority priority-${c.state.priority}`}>{c.state.priority}</span>}
                    </span>
                    <span className="meta">
                      {teamName(teamNames, c.state.team)}
                      {awaitingReply ? (
                        <span className={c.state.slaBreachedAt ? 'warn' : ''}> · awaiting your first reply · {clock(secondsSince(since, now))}</span>
                      ) : (
                        <span> · replied</span>
                      )}
                    </span>
                  </span>
                </NavLink>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
