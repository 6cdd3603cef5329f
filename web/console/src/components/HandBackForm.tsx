import { useState, type FormEvent } from 'react';
import { useConsole } from '../console-context.ts';
import { useAction } from '../lib/use-action.ts';

/** Back to the AI (POST …/handback), with a note for whoever reads the conversation later. */
export function HandBackForm({ id, disabled }: { id: string; disabled: boolean }) {
  const { api, store } = useConsole();
  const [note, setNote] = useState('');
  const handBack = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await handBack.run(async () => store.applyState(id, (await api.handBack(id, note.trim() || undefined)).state));
    if (ok) setNote('');
  }

  return (
    <form className="tool handback" onSubmit={submit}>
      <label htmlFor={`handback-${id}`}>Hand-back note</label>
      <input id={`handback-${id}`} type="text" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Optional: what was done" maxLength={8192} disabled={disabled} />
      <button type="submit" disabled={disabled || handBack.busy}>
        Hand back to AI
      </button>
      {handBack.error && (
        <p className="error small" role="alert">
          {handBack.error}
        </p>
      )}
    </form>
  );
}
