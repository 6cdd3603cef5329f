import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConsoleContext, type ConsoleContextValue } from '../console-context.ts';
import { beep, notify } from '../lib/alerts.ts';
import { Api } from '../lib/api.ts';
import { ConsoleStore, type ConsoleSignal } from '../lib/console-store.ts';
import { hasDraft } from '../lib/drafts.ts';
import { customerName, humanize, teamName } from '../lib/format.ts';
import { navigate, pathOf, useRoute } from '../lib/router.ts';
import { saveSession, type Session } from '../lib/session.ts';
import type { Agent, Team } from '../lib/types.ts';
import { SupervisorView } from '../supervisor/SupervisorView.tsx';
import type { HandoverNotice } from './NewHandoverNotice.tsx';
import { TopBar } from './TopBar.tsx';
import { Workspace } from './Workspace.tsx';

/** The signed-in console: the live store, the directory (teams, agents), new-handover alerts and the two views. */
export function ConsoleShell({ session, onSignOut }: { session: Session; onSignOut: (why?: string) => void }) {
  const api = useMemo(() => new Api(session.token, () => onSignOut('Your session has ended. Sign in again.')), [session.token, onSignOut]);
  const [me, setMe] = useState<Agent>(session.agent);
  const [store] = useState(() => new ConsoleStore(api, session.agent));
  const [teams, setTeams] = useState<Team[]>([]);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [notice, setNotice] = useState<HandoverNotice | null>(null);
  const route = useRoute();

  useEffect(() => {
    void store.start();
    return () => store.stop();
  }, [store]);

  const refreshDirectory = useCallback(async () => {
    const [nextTeams, nextAgents] = await Promise.all([api.teams(), api.agents()]);
    setTeams(nextTeams);
    setAgents(nextAgents);
  }, [api]);

  const updateMe = useCallback(
    (agent: Agent) => {
      setMe(agent);
      saveSession({ ...session, agent });
      // Presence changes who is online in the agent's teams.
      void refreshDirectory().catch(() => {});
    },
    [session, refreshDirectory],
  );

  useEffect(() => {
    api.me().then(updateMe, () => {});
  }, [api, updateMe]);

  useEffect(() => {
    void refreshDirectory().catch(() => {});
  }, [refreshDirectory]);

  const teamNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const team of teams) names.set(team.id, team.name);
    for (const agent of agents) for (const id of agent.teams) if (!names.has(id)) names.set(id, humanize(id));
    return names;
  }, [teams, agents]);

  const openConversation = useCallback((id: string) => navigate(pathOf({ view: 'workspace', conversationId: id })), []);

  // The signal handler reads the latest of these without re-subscribing.
  const latest = useRef({ route, me, teamNames });
  useEffect(() => {
    latest.current = { route, me, teamNames };
  }, [route, me, teamNames]);

  useEffect(() => {
    /** Waiting conversations announced after a moment, unless the router assigns them first (no double alert). */
    const pending = new Map<string, ReturnType<typeof setTimeout>>();
    const describe = (signal: ConsoleSignal) => {
      const { teamNames: names } = latest.current;
      const conversation = signal.conversation;
      const reasons = conversation.state.handover?.reasons.map((r) => r.code) ?? [];
      return { who: customerName(conversation.customer), team: teamName(names, conversation.state.team), reasons };
    };
    const announce = (notice: HandoverNotice) => {
      setNotice(notice);
      const body = `${notice.who} · ${notice.team}${notice.reasons.length ? ` · ${notice.reasons.join(', ')}` : ''}`;
      alertAgent(latest.current.me, notice.title, body, notice.conversationId, openConversation);
    };
    const stop = store.onSignal((signal: ConsoleSignal) => {
      const id = signal.conversation.id;
      clearTimeout(pending.get(id));
      pending.delete(id);
      const { route: now } = latest.current;
      const openId = now.view === 'workspace' ? now.conversationId : null;
      if (signal.kind === 'assigned') {
        // Claimed or taken over here: the agent asked for it, so it just opens.
        if (signal.via === 'claim' || signal.via === 'takeover') {
          if (!hasDraft(openId) && now.view === 'workspace') openConversation(id);
          return;
        }
        // Assigned by the router, or transferred to them: it appears in their conversations and opens, unless they are
        // in the middle of writing a reply elsewhere (then the notice offers to open it).
        const interrupting = openId !== id && hasDraft(openId);
        if (!interrupting && now.view === 'workspace') openConversation(id);
        const title = signal.via === 'transfer' ? 'Transferred to you' : 'New handover assigned to you';
        announce({ conversationId: id, title, ...describe(signal), at: Date.now(), assigned: true });
        return;
      }
      const title = signal.reason === 'handover' ? 'New handover waiting' : `Waiting again: ${humanize(signal.reason)}`;
      pending.set(
        id,
        setTimeout(() => {
          pending.delete(id);
          const current = store.getSnapshot().conversations.get(id);
          if (current?.state.owner !== 'queue') return;
          announce({ conversationId: id, title, ...describe({ ...signal, conversation: current }), at: Date.now(), assigned: false });
        }, ANNOUNCE_WAITING_AFTER_MS),
      );
    });
    return () => {
      stop();
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, [store, openConversation]);

  // Queues and loads change with every assignment: read teams and agents again shortly after the stream brings a change.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = store.subscribe(() => {
      // At most once a second, however busy the stream.
      timer ??= setTimeout(() => {
        timer = undefined;
        void refreshDirectory().catch(() => {});
      }, 1000);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [store, refreshDirectory]);

  const context: ConsoleContextValue = useMemo(
    () => ({ api, me, store, teams, agents, teamNames, refreshDirectory, openConversation }),
    [api, me, store, teams, agents, teamNames, refreshDirectory, openConversation],
  );

  const supervisor = me.role !== 'agent';
  const signOut = useCallback(async () => {
    // Going offline first puts any conversations held back in their queue at once.
    await api.setPresence('offline').catch(() => {});
    onSignOut();
  }, [api, onSignOut]);

  return (
    <ConsoleContext.Provider value={context}>
      <div className="app">
        <TopBar onPresence={updateMe} onSignOut={signOut} />
        {route.view === 'supervisor' && supervisor ? (
          <SupervisorView />
        ) : (
          <Workspace conversationId={route.view === 'workspace' ? route.conversationId : null} notice={notice} onDismissNotice={() => setNotice(null)} />
        )}
      </div>
    </ConsoleContext.Provider>
  );
}

/** Long enough for the router to assign a conversation to someone online; short enough to feel immediate. */
const ANNOUNCE_WAITING_AFTER_MS = 1200;

/** The beep and the browser notification, when the agent is there to take conversations (not offline). */
function alertAgent(me: Agent, title: string, body: string, conversationId: string, open: (id: string) => void): void {
  if (me.presence === 'offline') return;
  beep();
  notify(title, body, `baton-${conversationId}`, () => open(conversationId));
}
