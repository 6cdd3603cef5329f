import { useState, type FormEvent } from 'react';
import { useConsole } from '../console-context.ts';
import { useAction } from '../lib/use-action.ts';

/** An internal note (POST …/notes): for agents only, never shown to the customer. */
export function NoteBox({ id }: { id: string }) {
  const { api } = useConsole();
  const [text, setText] = useState('');
  const add = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = text.trim();
    if (!body) return;
    if (await add.run(() => api.note(id, body))) setText('');
  }

  return (
    <form className="tool note-box" onSubmit={submit}>
      <label htmlFor={`note-${id}`}>Internal note</label>
      <textarea id={`note-${id}`} rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder="Only agents see this." maxLength={8192} />
      <button type="submit" disabled={add.busy || !text.trim()}>
        Add note
      </button>
      {add.error && (
        <p className="error small" role="alert">
          {add.error}
        </p>
      )}
    </form>
  );
}
