/**
 * How a new handover gets the agent's attention beyond the page: a short beep (WebAudio, unlocked by a user gesture,
 * as browsers require) and a browser notification when the agent allowed them (asked on a gesture too).
 */

type AudioContextClass = typeof AudioContext;

let audio: AudioContext | null = null;

/** Call from a user gesture (a click, a key): browsers only let a page make sound after one. */
export function unlockAudio(): void {
  try {
    if (!audio) {
      const Context = (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext) as AudioContextClass | undefined;
      if (!Context) return;
      audio = new Context();
    }
    if (audio.state === 'suspended') void audio.resume().catch(() => {});
  } catch {
    audio = null;
  }
}

/** Two short rising tones, a quarter of a second in all. */
export function beep(): void {
  if (!audio || audio.state !== 'running') return;
  try {
    const start = audio.currentTime + 0.01;
    for (const [offset, frequency] of [
      [0, 660],
      [0.13, 880],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.11);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.12);
    }
  } catch {
    // no sound this time
  }
}

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for permission to notify: call from a user gesture. Resolves to the answer. */
export async function askNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/** A browser notification, when allowed; clicking it brings the console forward and calls `onClick`. */
export function notify(title: string, body: string, tag: string, onClick?: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      onClick?.();
      notification.close();
    };
  } catch {
    // Some browsers only notify from a service worker: the in-page notice and the beep still tell.
  }
}
