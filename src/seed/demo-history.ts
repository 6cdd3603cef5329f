import { randomUUID } from 'node:crypto';
import type { ManualClock } from '../clock.ts';
import * as commands from '../domain/commands.ts';
import { seededRandom } from '../simulation/seeded-random.ts';
import type { Store } from '../store/store.ts';
import { DEMO_AGENTS } from './demo-company.ts';

/** Past conversations a team handled, per team. */
const PER_TEAM = 8;
/** They ended before now by this much at least, and span this long. */
const ENDED_BEFORE_MS = 20 * 60_000;
const SPAN_MS = 3 * 3_600_000;

const QUESTIONS: Record<string, string> = {
  billing: 'I was charged twice for my last order, can someone look at it?',
  technical_support: 'The app keeps crashing when I open my orders, can I talk to someone?',
  sales: 'We are thinking of buying for our whole team, can I talk to sales?',
  account_management: 'I need help with my business account, please put me through to a person.',
  general: 'Could a person help me with a question about my order?',
};

/**
 * The demo company's recent past: for each team, a few conversations from the last hours that were handed over,
 * waited, were taken by the team's agent and resolved, written to the event log as they happened (with a clock
 * moved by hand, on a store of its own). So a fresh demo has the handle times and waits its wait promises learn
 * from, as a company that has been answering customers would. Deterministic.
 */
export async function seedDemoHistory(store: Store, clock: ManualClock, now: number): Promise<number> {
  const random = seededRandom(20261125);
  const agents = await store.listAgents();
  let written = 0;
  for (const demo of DEMO_AGENTS.filter((a) => a.role === 'agent')) {
    const agent = agents.find((a) => a.email === demo.email);
    const team = demo.teams[0]!;
    if (!agent) continue;
    const ref: commands.AgentRef = { id: agent.id, name: agent.name, role: agent.role, teams: agent.teams };
    for (let i = 0; i < PER_TEAM; i++) {
      let t = now - ENDED_BEFORE_MS - SPAN_MS + (i * SPAN_MS) / PER_TEAM + random() * 60_000;
      clock.set(t);
      const { state } = await store.createConversation({
        id: randomUUID(),
        customerTokenHash: `demo-history-${randomUUID()}`,
        customer: { name: `Demo customer ${i + 1}`, attributes: { demo: true } },
        channel: 'web',
      });
      const at = async (ms: number, decide: Parameters<Store['append']>[1]) => {
        t += ms;
        clock.set(t);
        await store.append(state.id, decide);
      };
      const question = QUESTIONS[team] ?? QUESTIONS.general!;
      await at(5_000, (s) => commands.customerMessage(s, question));
      await at(2_000, (s) =>
        commands.requestHandover(s, {
          trigger: 'button',
          reasons: [{ code: 'human_requested', score: 1, evidence: [question] }],
          topics: [],
          priority: 'normal',
          team,
          rules: [],
          notice: `I'm passing you to a person from our ${team.replace(/_/g, ' ')} team.`,
        }),
      );
      // Waits of one to seven minutes; handle times of four to fifteen.
      await at(60_000 + random() * 360_000, (s) => commands.autoAssign(s, agent, team));
      await at(20_000, (s) => commands.agentMessage(s, ref, 'Hi, thanks for waiting. Let me look into this for you.'));
      await at(220_000 + random() * 660_000, (s) => commands.resolve(s, ref, 'demo history'));
      written++;
    }
  }
  return written;
}
