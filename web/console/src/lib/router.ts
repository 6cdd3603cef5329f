import { useSyncExternalStore } from 'react';

/** The console routes itself under /console (the server serves the same page for every /console path). */
export const BASE = '/console';

export type Route = { view: 'workspace'; conversationId: string | null } | { view: 'supervisor' };

export function routeOf(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  if (path === '/supervisor' || path.startsWith('/supervisor/')) return { view: 'supervisor' };
  const match = /^\/conversations\/([^/]+)\/?$/.exec(path);
  return { view: 'workspace', conversationId: match ? decodeURIComponent(match[1]!) : null };
}

export function pathOf(route: Route): string {
  if (route.view === 'supervisor') return `${BASE}/supervisor`;
  return route.conversationId ? `${BASE}/conversations/${encodeURIComponent(route.conversationId)}` : BASE;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export function useRoute(): Route {
  return routeOf(usePathname());
}
