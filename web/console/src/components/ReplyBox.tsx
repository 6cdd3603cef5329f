import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useConsole } from '../console-context.ts';
import { draftOf, setDraft } from '../lib/drafts.ts';
import { useAction } from '../lib/use-action.ts';

/** The customer sees "… is typing" for a few seconds after each signal; one every 3 s at most keeps it up. */
const TYPING_EVERY_MS = 3000;

/**
 * The reply to the customer (POST …/messages). Enter sends, Shift+Enter starts a new line. While the agent types,
 * a typing signal goes out at most every 3 s. Writing on a conversation the AI or the queue holds takes it over.
 */
export function ReplyBox({ id, disabled, takesOver }: { id: string; disabled: boolean; takesOver: boolean }) {
  const { api, store } = useConsole();
  const [text, setText] = useState(() => draftOf(id));
  const send = useAction();
  const lastTyping = useRef(0);

  function change(value: string) {
    setText(value);
    setDraft(id, value);
    const now = Date.now();
    if (value.trim() && now - lastTyping.current >= TYPING_EVERY_MS) {
      lastTyping.current = now;
      void api.typing(id).catch(() => {});
    }
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (!body || disabled) return;
    const ok = await send.run(async () => {
      const result = await api.reply(id, body);
      store.applyState(id, result.state);
    });
    if (ok) {
      setText('');
      setDraft(id, '');
      lastTyping.current = 0;
    }
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <form className="composer reply" onSubmit={submit}>
      <label htmlFor={`reply-${id}`} className="composer-label">
        Reply
        {takesOver && !disabled && <span className="muted small"> · sending takes this conversation over</span>}
      </label>
      <div className="composer-row">
        <textarea
          id={`reply-${id}`}
          aria-label="Reply"
          rows={3}
          value={text}
          disabled={disabled}
          placeholder={disabled ? 'You cannot reply to this conversation now.' : 'Write to the customer. Enter sends, Shift+Enter for a new line.'}
          onChange={(e) => change(e.target.value)}
          onKeyDown={keyDown}
          maxLength={8192}
        />
        <button type="submit" className="primary" disabled={disabled || send.busy || !text.trim()}>
          Send reply
        </button>
      </div>
      {send.error && (
        <p className="error small" role="alert">
          {send.error}
        </p>
      )}
    </form>
  );
}
