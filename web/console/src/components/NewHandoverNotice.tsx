import { useConsole } from '../console-context.ts';
import { timeOfDay } from '../lib/format.ts';

export interface HandoverNotice {
  conversationId: string;
  title: string;
  who: string;
  team: string;
  reasons: string[];
  at: number;
  /** Already the agent's (assigned or transferred to them), not waiting for someone to claim it. */
  assigned: boolean;
}

/** The in-page notice of a new handover (the beep and the browser notification come with it). */
export function NewHandoverNotice({ notice, onDismiss }: { notice: HandoverNotice; onDismiss: () => void }) {
  const { openConversation } = useConsole();
  return (
    <section className="notice" data-testid="new-handover" data-conversation-id={notice.conversationId} role="status" aria-live="polite">
      <div className="notice-head">
        <strong>{notice.title}</strong>
        <span className="muted small">{timeOfDay(new Date(notice.at).toISOString())}</span>
      </div>
      <p>
        {notice.who} · {notice.team}
      </p>
      {notice.reasons.length > 0 && (
        <ul className="chips">
          {notice.reasons.map((code) => (
            <li key={code} className="chip">
              {code}
            </li>
          ))}
        </ul>
      )}
      <div className="notice-actions">
        <button type="button" className="small" onClick={() => openConversation(notice.conversationId)}>
          Open
        </button>
        <button type="button" className="ghost small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
