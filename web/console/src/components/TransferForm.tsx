import { useEffect, useState, type FormEvent } from 'react';
import { useConsole } from '../console-context.ts';
import { teamName } from '../lib/format.ts';
import { BASE, navigate } from '../lib/router.ts';
import type { StateView } from '../lib/types.ts';
import { useAction } from '../lib/use-action.ts';

/**
 * To another team's queue, or straight to one of its agents (POST …/transfer). Teams come from GET /api/v1/teams
 * (an agent's own; supervisors all) and the teams agents belong to (GET /api/v1/agents), so an agent can send a
 * conversation to any team.
 */
export function TransferForm({ id, state, disabled }: { id: string; state: StateView | null; disabled: boolean }) {
  const { api, me, store, agents, teamNames, refreshDirectory } = useConsole();
  const teamIds = [...teamNames.keys()].sort((a, b) => teamName(teamNames, a).localeCompare(teamName(teamNames, b)));
  const [team, setTeam] = useState('');
  const [agentId, setAgentId] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const transfer = useAction();

  // Default to a team other than the conversation's own, once the teams are known.
  useEffect(() => {
    if (team || teamIds.length === 0) return;
    setTeam(teamIds.find((t) => t !== state?.team) ?? teamIds[0]!);
  }, [team, teamIds, state?.team]);

  const candidates = agents.filter((a) => a.teams.includes(team) && a.id !== me.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!team) return;
    setDone(null);
    const ok = await transfer.run(async () => {
      const result = await api.transfer(id, { team, ...(agentId ? { agentId } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      store.applyState(id, result.state);
    });
    if (ok) {
      // Sent out of the agent's own teams: no longer theirs to see, so the workspace moves on.
      if (me.role === 'agent' && !me.teams.includes(team)) {
        navigate(BASE);
        return;
      }
      const target = agents.find((a) => a.id === agentId);
      setDone(`Transferred to ${target ? `${target.name}, ` : ''}${teamName(teamNames, team)}.`);
      setNote('');
      setAgentId('');
    }
  }

  return (
    <form className="tool transfer" onSubmit={submit}>
      <div className="fields">
        <div className="field">
          <label htmlFor={`transfer-team-${id}`}>Transfer to team</label>
          <select
            id={`transfer-team-${id}`}
            value={team}
            disabled={disabled}
            onChange={(e) => {
              setTeam(e.target.value);
              setAgentId('');
            }}
          >
            {teamIds.map((t) => (
              <option key={t} value={t}>
                {teamName(teamNames, t)}
                {t === state?.team ? ' (current)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`transfer-agent-${id}`}>Transfer to agent</label>
          <select id={`transfer-agent-${id}`} value={agentId} disabled={disabled} onFocus={() => void refreshDirectory().catch(() => {})} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">Anyone in the team (queue)</option>
            {candidates.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} · {a.presence}
                {a.activeConversations !== undefined ? ` · ${a.activeConversations}/${a.capacity}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`transfer-note-${id}`}>Transfer note</label>
          <input id={`transfer-note-${id}`} type="text" placeholder="Optional: why" value={note} onChange={(e) => setNote(e.target.value)} disabled={disabled} maxLength={8192} />
        </div>
        <button type="submit" disabled={disabled || transfer.busy || !team}>
          Transfer
        </button>
      </div>
      {transfer.error && (
        <p className="error small" role="alert">
          {transfer.error}
        </p>
      )}
      {done && !transfer.error && (
        <p className="ok small" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
