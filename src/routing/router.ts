import type { Config } from '../config/config.ts';
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

/**
 * Until routing is a workflow of its own (issue 5): the team the escalation policy names (billing for a payment
 * dispute, say), otherwise one default team's queue.
 */
export class PolicyTeamRouter implements Router {
  constructor(private readonly defaultTeam = 'general') {}

  route(decision: EscalationDecision): RouteTarget {
    return { team: decision.team ?? this.defaultTeam, priority: decision.priority };
  }
}

/** The router `baton start` runs, from config: shared by the service and `baton eval`. */
export function routerFromConfig(config: Config): Router {
  return new PolicyTeamRouter(config.routing.defaultTeam);
}
