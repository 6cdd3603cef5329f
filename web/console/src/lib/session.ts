import type { Agent } from './types.ts';

/** The agent's login, kept for this browser tab only (sessionStorage), so a reload does not sign them out. */
export interface Session {
  token: string;
  expiresAt: string;
  agent: Agent;
}

const KEY = 'baton:console:session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || Date.parse(session.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage full or disabled: the session lasts until the tab reloads.
  }
}

export function clearSession(): void {
  try {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(POSITION_KEY);
  } catch {
    // nothing to clear
  }
}

const POSITION_KEY = 'baton:console:position';

/** The agent stream's last global position, so a reload does not replay the whole history. */
export function loadPosition(): number | null {
  const value = Number(sessionStorage.getItem(POSITION_KEY));
  return Number.isInteger(value) && value > 0 ? value : null;
}

export function savePosition(position: number): void {
  try {
    sessionStorage.setItem(POSITION_KEY, String(position));
  } catch {
    // not kept: the next load replays from the probe instead
  }
}
