import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppendResult } from '../store/store.ts';

/** What the queues can tell of a team now (the dispatcher's teamStatus). */
export interface TeamGauges {
  teams(): string[];
  teamStatus(team: string): { waiting: number; agentsOnline: number; freeCapacity: number };
}

/**
 * The service's Prometheus metrics, counted from the appends this node makes (every node counts its own; Prometheus
 * adds them up): handovers by reason and team, details customers gave again after a handover (the measure of a failed
 * context transfer), first-response breaches and abandonments; and, read when scraped, each team's queue.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly handovers: Counter<'reason' | 'team'>;
  private readonly askedAgain: Counter<'slot'>;
  private readonly conversationsAskedAgain: Counter;
  private readonly slaBreaches: Counter<'team'>;
  private readonly abandoned: Counter;
  private readonly assigned: Counter<'via'>;

  constructor(teams: TeamGauges) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'baton_process_' });
    this.handovers = new Counter({ name: 'baton_handovers_total', help: 'Handovers from the AI to a person, by reason (one per reason) and team', labelNames: ['reason', 'team'], registers });
    this.askedAgain = new Counter({
      name: 'baton_asked_again_total',
      help: 'Details a customer gave again after a handover although the handover packet held them (a failed context transfer)',
      labelNames: ['slot'],
      registers,
    });
    this.conversationsAskedAgain = new Counter({ name: 'baton_conversations_asked_again_total', help: 'Conversations in which the customer gave a known detail again after a handover', registers });
    this.slaBreaches = new Counter({ name: 'baton_first_response_breaches_total', help: 'Handovers nobody answered within the first-response target', labelNames: ['team'], registers });
    this.abandoned = new Counter({ name: 'baton_abandoned_total', help: 'Customers who left a queue before anyone answered', registers });
    this.assigned = new Counter({ name: 'baton_assignments_total', help: 'Conversations given to a person, by how (auto, claim, takeover)', labelNames: ['via'], registers });
    const waiting = new Gauge({ name: 'baton_queue_waiting', help: 'Conversations waiting in each team queue', labelNames: ['team'], registers });
    const online = new Gauge({ name: 'baton_agents_online', help: 'Agents online in each team', labelNames: ['team'], registers });
    const free = new Gauge({ name: 'baton_agent_free_capacity', help: 'Conversations the online agents of each team can still take', labelNames: ['team'], registers });
    // Read when scraped (render), from the queues as they are.
    this.collectQueues = () => {
      for (const team of teams.teams()) {
        const status = teams.teamStatus(team);
        waiting.set({ team }, status.waiting);
        online.set({ team }, status.agentsOnline);
        free.set({ team }, status.freeCapacity);
      }
    };
  }

  private readonly collectQueues: () => void;

  /** Counts what one append did. Cheap: a look at the event types. */
  afterAppend(result: AppendResult): void {
    let askedBefore: number | undefined;
    for (const event of result.events) {
      switch (event.type) {
        case 'handover.requested':
          for (const reason of event.data.reasons) this.handovers.inc({ reason: reason.code, team: event.data.team });
          break;
        case 'message.created':
          if (event.data.role === 'customer') askedBefore ??= result.state.askedAgain.filter((a) => a.seq < event.seq).length;
          break;
        case 'conversation.sla_breached':
          this.slaBreaches.inc({ team: event.data.team });
          break;
        case 'conversation.abandoned':
          this.abandoned.inc();
          break;
        case 'conversation.assigned':
          this.assigned.inc({ via: event.data.via });
          break;
        default:
          break;
      }
    }
    if (askedBefore === undefined) return;
    const seqs = new Set(result.events.map((e) => e.seq));
    const fresh = result.state.askedAgain.filter((a) => seqs.has(a.seq));
    for (const again of fresh) this.askedAgain.inc({ slot: again.slot });
    if (fresh.length > 0 && askedBefore === 0) this.conversationsAskedAgain.inc();
  }

  /** The text exposition, queues read now. */
  async render(): Promise<string> {
    this.collectQueues();
    return this.registry.metrics();
  }
}
