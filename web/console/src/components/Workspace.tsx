import { useEffect } from 'react';
import { useConsole } from '../console-context.ts';
import { useStoreSnapshot } from '../lib/use-store.ts';
import { ConversationView } from './ConversationView.tsx';
import { MyConversations } from './MyConversations.tsx';
import { NewHandoverNotice, type HandoverNotice } from './NewHandoverNotice.tsx';
import { QueueList } from './QueueList.tsx';

/** The agent's desk: the new-handover notice, their conversations and the queues on the left; the open one beside. */
export function Workspace({ conversationId, notice, onDismissNotice }: { conversationId: string | null; notice: HandoverNotice | null; onDismissNotice: () => void }) {
  const { store, me } = useConsole();
  const { conversations } = useStoreSnapshot(store);

  // The tab says how many wait, so a glance at it is enough.
  const waiting = [...conversations.values()].filter((c) => c.state.owner === 'queue').length;
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) Baton console` : 'Baton console';
  }, [waiting]);

  return (
    <div className="workspace">
      <aside className="sidebar" aria-label="Conversations and queues">
        {notice && <NewHandoverNotice notice={notice} onDismiss={onDismissNotice} />}
        <MyConversations currentId={conversationId} />
        <QueueList />
      </aside>
      <main className="main" id="main" tabIndex={-1}>
        {conversationId ? (
          <ConversationView key={conversationId} id={conversationId} />
        ) : (
          <div className="empty-main">
            <h2>No conversation open</h2>
            <p className="muted">
              {me.presence === 'online'
                ? 'Handovers for your teams are assigned to you as they come, and open here.'
                : 'Set your presence to Online to receive handovers, or claim one from a queue.'}
            </p>
          </div>
        )}
      </main>
    </div>
  );
}
