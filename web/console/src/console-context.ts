import { createContext, useContext } from 'react';
import type { Api } from './lib/api.ts';
import type { ConsoleStore } from './lib/console-store.ts';
import type { Agent, Team } from './lib/types.ts';

/** What every part of the signed-in console shares: the API, who is signed in, the live store and the directory. */
export interface ConsoleContextValue {
  api: Api;
  me: Agent;
  store: ConsoleStore;
  /** The agent's teams (supervisors: all), with their queues as last read. */
  teams: Team[];
  /** Every agent, with presence and load as last read. */
  agents: Agent[];
  /** Team names by id, for every team known (from the teams and the agents' teams). */
  teamNames: ReadonlyMap<string, string>;
  /** Reads teams and agents again. */
  refreshDirectory: () => Promise<void>;
  /** Opens a conversation in the workspace. */
  openConversation: (id: string) => void;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the signed-in console');
  return value;
}
