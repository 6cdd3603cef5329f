import { useConsole } from '../console-context.ts';
import { useNow } from '../lib/use-now.ts';
import { HandoversByReason } from './HandoversByReason.tsx';
import { SlaBreaches } from './SlaBreaches.tsx';
import { SupervisorAgents } from './SupervisorAgents.tsx';
import { SupervisorQueues } from './SupervisorQueues.tsx';
import { useSupervisorData } from './use-supervisor-data.ts';
import { WaitsAgainstPromises } from './WaitsAgainstPromises.tsx';

/** Every queue live, the agents and their load, handovers by reason, waits against promises and SLA breaches. */
export function SupervisorView() {
  const { teams, agents } = useConsole();
  const { conversations, metrics, listedAt } = useSupervisorData();
  const now = useNow();
  const waiting = conversations.filter((c) => c.state.owner === 'queue');

  return (
    <main className="supervisor" data-testid="supervisor" id="main" tabIndex={-1}>
      <header className="supervisor-head">
        <h1>Supervisor</h1>
        <p className="muted small">
          {teams.reduce((n, t) => n + t.queue.waiting, 0)} waiting · {agents.filter((a) => a.presence === 'online').length} agents online ·{' '}
          {teams.reduce((n, t) => n + t.queue.freeCapacity, 0)} free places
        </p>
      </header>
      <div className="supervisor-grid">
        <SupervisorQueues teams={teams} waiting={waiting} now={now} />
        <SupervisorAgents agents={agents} conversations={conversations} />
        <WaitsAgainstPromises waiting={waiting} now={now} />
        <HandoversByReason conversations={conversations} metrics={metrics} listedAt={listedAt} />
        <SlaBreaches conversations={conversations} metrics={metrics} />
      </div>
    </main>
  );
}
