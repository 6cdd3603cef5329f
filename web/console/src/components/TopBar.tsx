import { useConsole } from '../console-context.ts';
import { useStoreSnapshot } from '../lib/use-store.ts';
import type { Agent } from '../lib/types.ts';
import { NavLink } from './NavLink.tsx';
import { NotificationsButton } from './NotificationsButton.tsx';
import { PresenceSelect } from './PresenceSelect.tsx';

/** The bar across the top: where you are, whether the live stream is connected, your presence, signing out. */
export function TopBar({ onPresence, onSignOut }: { onPresence: (agent: Agent) => void; onSignOut: () => void }) {
  const { me, store } = useConsole();
  const { connection } = useStoreSnapshot(store);
  const connectionLabel = connection === 'open' ? 'Live' : connection === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <header className="topbar">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          B
        </span>
        <span>Baton console</span>
      </div>
      <nav aria-label="Views" className="views">
        <NavLink path="/console" match={(p) => !p.startsWith('/console/supervisor')}>
          Conversations
        </NavLink>
        {me.role !== 'agent' && (
          <NavLink path="/console/supervisor" match={(p) => p.startsWith('/console/supervisor')}>
            Supervisor
          </NavLink>
        )}
      </nav>
      <div className="topbar-end">
        <span className={`connection connection-${connection}`} data-testid="console-connection" data-state={connection} role="status">
          <span className="dot" aria-hidden="true" />
          {connectionLabel}
        </span>
        <NotificationsButton />
        <PresenceSelect onChange={onPresence} />
        <span className="me" title={me.email}>
          {me.name}
          <span className="muted"> · {me.role}</span>
        </span>
        <button type="button" className="ghost" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
