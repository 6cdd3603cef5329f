import type { Config } from '../config/config.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import type { Priority } from '../domain/events.ts';
import type { EscalationDecision } from '../escalation/policy.ts';
import { readWorkflowFile, type Workflow, type WorkflowCondition, type WorkflowTarget } from './workflow-file.ts';

export interface RouteTarget {
  team: string;
  priority: Priority;
  /** The workflow filter that matched (none: the default targets, or the team the policy named). */
  filter?: string;
  /** Where the conversation goes, in order: the first target's queue, then the next after its timeout. */
  targets?: WorkflowTarget[];
}

/** Chooses the team (and the priority in its queue) for a conversation that is handed over. */
export interface Router {
  route(decision: EscalationDecision, state: ConversationState): RouteTarget;
}

/**
 * Routes by the workflow: the first filter whose conditions the handover meets gives the targets, else the default
 * ones. A team the escalation policy named for the rule that held wins: the business said so in its policy.
 */
export class WorkflowRouter implements Router {
  constructor(private readonly workflow: Workflow) {}

  route(decision: EscalationDecision, state: ConversationState): RouteTarget {
    const attributes = state.customer.attributes ?? {};
    const facts: Facts = {
      topics: decision.topics,
      reasons: decision.reasons.map((r) => r.code),
      priority: [decision.priority],
      tier: typeof attributes.tier === 'string' ? [attributes.tier.toLowerCase()] : [],
      language: typeof attributes.language === 'string' ? [attributes.language.toLowerCase()] : [],
    };
    const filter = this.workflow.filters.find((f) => f.when.some((condition) => meets(condition, facts)));
    const targets = filter?.targets ?? this.workflow.defaultTargets;
    if (decision.team) {
      // The policy's team, with the workflow's overflow from there when the matching filter goes through that team.
      const from = targets.findIndex((target) => target.team === decision.team);
      return { team: decision.team, priority: decision.priority, targets: from >= 0 ? targets.slice(from) : [{ team: decision.team }] };
    }
    return { team: targets[0]!.team, priority: decision.priority, targets, ...(filter ? { filter: filter.name } : {}) };
  }
}

type Facts = Record<keyof WorkflowCondition, readonly string[]>;

/** Every field the condition names holds one of its values. */
function meets(condition: WorkflowCondition, facts: Facts): boolean {
  for (const [field, values] of Object.entries(condition) as [keyof WorkflowCondition, string[]][]) {
    const have = facts[field];
    if (!values.some((value) => have.includes(field === 'tier' || field === 'language' ? value.toLowerCase() : value))) return false;
  }
  return true;
}

/** The router `baton start` runs, from config: shared by the service and `baton eval`. */
export function routerFromConfig(config: Config): Router {
  return new WorkflowRouter(readWorkflowFile(config.routing.workflowFile));
}
