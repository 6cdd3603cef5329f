import { useSyncExternalStore } from 'react';
import type { ConsoleSnapshot, ConsoleStore } from './console-store.ts';

export function useStoreSnapshot(store: ConsoleStore): ConsoleSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
