import { useState } from 'react';
import { askNotificationPermission, notificationPermission, unlockAudio } from '../lib/alerts.ts';

/** Offers to turn browser notifications on while the browser has not been asked yet (asking needs a click). */
export function NotificationsButton() {
  const [permission, setPermission] = useState(notificationPermission);
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="ghost small"
      onClick={async () => {
        unlockAudio();
        setPermission(await askNotificationPermission());
      }}
    >
      Enable notifications
    </button>
  );
}
