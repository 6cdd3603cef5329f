import type { ConversationState } from './conversation-state.ts';
import type { StoredEvent } from './events.ts';

/**
 * The offline summary of a handed-over conversation, in three lines: what the customer wants (their own words), what
 * was tried (the AI's actions and answers), and where it stands (why a person is needed, where it waits, what is
 * known). Extractive: nothing is invented, every clause comes from the log. Pure.
 */

const GREETING = /^(hi|hello|hey|good (morning|afternoon|evening)|thanks?|thank you|ok(ay)?|yes|no)\b[\s!.,]*$/i;
const MAX_QUOTE = 160;

/** Reason codes in words, for the "stands" line. */
const REASON_WORDS: Record<string, string> = {
  human_requested: 'asked for a person',
  cannot_resolve: 'the AI could not resolve it',
  repeated_failure: 'repeated failed attempts',
  frustration: 'frustrated',
  sensitive_topic: 'a sensitive topic',
  complaint: 'a complaint',
  vip: 'a VIP customer',
  high_priority: 'high priority',
  keyword: 'a configured keyword',
  sales_opportunity: 'a sales opportunity',
  ai_error: 'the AI failed',
};

export function extractiveSummary(state: ConversationState, events: readonly StoredEvent[]): string {
  const customerTexts = events.flatMap((e) => (e.type === 'message.created' && e.data.role === 'customer' ? [e.data.text.trim()] : []));
  const substantive = customerTexts.filter((text) => !GREETING.test(text) && text.split(/\s+/).length >= 3);
  const wants = substantive[0] ?? customerTexts[0];
  const lines: string[] = [];
  lines.push(wants ? `Wants: "${cut(wants)}"${substantive.length > 1 ? `; latest: "${cut(substantive.at(-1)!)}"` : ''}` : 'Wants: (the customer has not said yet)');

  const tried: string[] = [];
  for (const event of events) {
    if (event.type === 'action.executed') tried.push(`${event.data.name.replace(/_/g, ' ')} ${describeInputs(event.data.inputs)}${event.data.ok ? '' : ' (failed)'}`.trim());
    if (event.type === 'message.created' && event.data.role === 'ai' && event.data.sources?.length) {
      for (const source of event.data.sources) if (!tried.includes(`answered from "${source.title}"`)) tried.push(`answered from "${source.title}"`);
    }
  }
  const failed = events.filter((e) => e.type === 'message.created' && e.data.role === 'ai' && e.data.understood === false).length;
  if (failed > 0) tried.push(`${failed} ${failed === 1 ? 'answer' : 'answers'} that did not resolve it`);
  lines.push(`Tried: ${tried.length > 0 ? tried.join('; ') : 'nothing yet'}.`);

  const reasons = (state.handover?.reasons ?? []).map((r) => {
    const words = REASON_WORDS[r.code] ?? r.code.replace(/_/g, ' ');
    return r.evidence[0] ? `${words} ("${cut(r.evidence[0], 80)}")` : words;
  });
  const where =
    state.owner === 'queue'
      ? `waiting for ${teamWords(state.team)}`
      : state.owner === 'human'
        ? `with ${state.agentName ?? 'an agent'} (${teamWords(state.team)})`
        : state.owner === 'closed'
          ? 'closed'
          : 'back with the AI';
  const known = Object.entries(state.collected).map(([slot, value]) => `${slot.replace(/_/g, ' ')} ${value}`);
  lines.push(
    `Stands: ${reasons.length > 0 ? `handed over: ${reasons.join(', ')}; ` : ''}${where}${state.priority ? `, ${state.priority} priority` : ''}` +
      `${known.length > 0 ? `; known: ${known.join(', ')}` : ''}.`,
  );
  return lines.join('\n');
}

function teamWords(team: string | null): string {
  return team ? `the ${team.replace(/_/g, ' ')} team` : 'a team';
}

function describeInputs(inputs: Record<string, unknown>): string {
  const values = Object.values(inputs).filter((v) => typeof v === 'string' || typeof v === 'number');
  return values.length > 0 ? values.slice(0, 2).join(', ') : '';
}

function cut(text: string, max = MAX_QUOTE): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
