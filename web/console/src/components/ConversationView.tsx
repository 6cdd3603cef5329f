import { useEffect } from 'react';
import { useConsole } from '../console-context.ts';
import type { StateView } from '../lib/types.ts';
import { useConversationStream } from '../lib/use-conversation-stream.ts';
import { usePacket } from '../lib/use-packet.ts';
import { useStoreSnapshot } from '../lib/use-store.ts';
import { ConversationHeader } from './ConversationHeader.tsx';
import { HandBackForm } from './HandBackForm.tsx';
import { NoteBox } from './NoteBox.tsx';
import { Packet } from './Packet.tsx';
import { ReplyBox } from './ReplyBox.tsx';
import { Transcript } from './Transcript.tsx';
import { TransferForm } from './TransferForm.tsx';

/** One conversation: the handover packet beside the live transcript, the reply box, notes and what to do next. */
export function ConversationView({ id }: { id: string }) {
  const { api, me, store } = useConsole();
  const live = useConversationStream(api, id);
  const listed = useStoreSnapshot(store).conversations.get(id);
  const state: StateView | null = live.state ?? listed?.state ?? null;
  const started = live.events.find((e) => e.type === 'conversation.started');
  const customer = listed?.customer ?? (started?.type === 'conversation.started' ? started.data.customer : undefined);
  const packet = usePacket(api, id, state?.lastSeq);

  // This conversation's own stream sees what the all-conversations stream may not (a transfer out of the agent's
  // teams): the lists learn it from here.
  useEffect(() => {
    if (live.state) store.applyState(id, live.state);
  }, [store, id, live.state]);

  if (live.error && !state) {
    return (
      <section className="conversation conversation-missing" data-testid="conversation" data-conversation-id={id}>
        <h2>This conversation cannot be shown</h2>
        <p className="error" role="alert">
          {live.error}
        </p>
      </section>
    );
  }

  const owner = state?.owner;
  const mine = owner === 'human' && state?.agentId === me.id;
  /** Someone else has it, and an agent may not act on another's conversation (supervisors may). */
  const othersAndLocked = owner === 'human' && !mine && me.role === 'agent';
  const closed = owner === 'closed';

  return (
    <section className="conversation" data-testid="conversation" data-conversation-id={id} data-owner={owner ?? 'unknown'} aria-label="Conversation">
      <ConversationHeader id={id} state={state} customer={customer} queue={live.queue} />
      <div className="conversation-body">
        <Packet packet={packet} state={state} customer={customer} />
        <div className="conversation-main">
          <Transcript events={live.events} customer={customer} typing={live.customerTyping} ready={live.ready} status={live.status} />
          <ReplyBox id={id} disabled={!state || closed || othersAndLocked} takesOver={owner === 'ai' || owner === 'queue'} />
          <div className="tools">
            <NoteBox id={id} />
            <HandBackForm id={id} disabled={owner !== 'human' || othersAndLocked} />
            <TransferForm id={id} state={state} disabled={!state || closed || othersAndLocked} />
          </div>
        </div>
      </div>
    </section>
  );
}
