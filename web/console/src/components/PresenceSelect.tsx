import { useState, type ChangeEvent } from 'react';
import { useConsole } from '../console-context.ts';
import { askNotificationPermission, unlockAudio } from '../lib/alerts.ts';
import { errorText } from '../lib/api.ts';
import type { Agent, Presence } from '../lib/types.ts';

/**
 * Online, away or offline (POST /api/v1/agents/me/presence). Online, waiting conversations are assigned at once;
 * offline, the ones held go back to their queue. Choosing is a user gesture: the beep is unlocked and, going
 * online, the browser asks (once) whether the console may show notifications.
 */
export function PresenceSelect({ onChange }: { onChange: (agent: Agent) => void }) {
  const { api, me } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(event: ChangeEvent<HTMLSelectElement>) {
    const status = event.target.value as Presence;
    unlockAudio();
    if (status === 'online') void askNotificationPermission();
    setBusy(true);
    setError(null);
    try {
      onChange(await api.setPresence(status));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="presence">
      <span className={`presence-dot presence-${me.presence}`} aria-hidden="true" />
      <label htmlFor="presence" className="visually-hidden">
        Presence
      </label>
      <select id="presence" value={me.presence} onChange={change} disabled={busy} data-presence={me.presence}>
        <option value="online">Online</option>
        <option value="away">Away</option>
        <option value="offline">Offline</option>
      </select>
      {error && (
        <span className="error inline" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
