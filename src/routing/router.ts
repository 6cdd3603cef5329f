import type { ConversationState } from '../domain/conversation-state.ts';
import type { Priority } from '../domain/events.ts';
import type { EscalationDecision } from '../escalation/policy.ts';

export interface RouteTarget {
  team: string;
  priority: Priority;
}

/** Chooses the team (and the priority in its queue) for a conversation that is handed over. */
export interface Router {
  route(decision: EscalationDecision, state: ConversationState): RouteTarget;
}

/** The first router: every handover waits in one team's queue (`general` by default). */
export class SingleTeamRouter implements Router {
  constructor(private readonly team = 'general') {}

  route(decision: EscalationDecision): RouteTarget {
    return { team: this.team, priority: decision.priority };
  }
}
