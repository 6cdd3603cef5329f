import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.ts';
import type { AgentRole } from '../domain/commands.ts';
import type { Store, TeamRecord } from '../store/store.ts';

/** Skills are named after the topics the routing workflow matches on, so skill expressions read like the topics. */
export const DEMO_TEAMS: Required<TeamRecord>[] = [
  { id: 'technical_support', name: 'Technical support', skills: ['technical'], languages: ['en'] },
  { id: 'billing', name: 'Billing', skills: ['billing', 'refund', 'payment_dispute'], languages: ['en', 'de'] },
  { id: 'sales', name: 'Sales', skills: ['sales'], languages: ['en'] },
  { id: 'account_management', name: 'Account management', skills: ['account', 'fraud_security', 'vip'], languages: ['en'] },
  { id: 'general', name: 'General', skills: ['general'], languages: ['en'] },
];

export const DEMO_PASSWORD = 'demo';

const skillsOf = (teamId: string) => DEMO_TEAMS.find((t) => t.id === teamId)!.skills;

export const DEMO_AGENTS: {
  email: string;
  name: string;
  role: AgentRole;
  teams: string[];
  skills: string[];
  languages: string[];
  capacity: number;
}[] = [
  { email: 'billing@demo.local', name: 'Bea Billing', role: 'agent', teams: ['billing'], skills: skillsOf('billing'), languages: ['en', 'de'], capacity: 3 },
  { email: 'tech@demo.local', name: 'Theo Tech', role: 'agent', teams: ['technical_support'], skills: skillsOf('technical_support'), languages: ['en'], capacity: 3 },
  { email: 'sales@demo.local', name: 'Sam Sales', role: 'agent', teams: ['sales'], skills: skillsOf('sales'), languages: ['en'], capacity: 3 },
  { email: 'accounts@demo.local', name: 'Ada Accounts', role: 'agent', teams: ['account_management'], skills: skillsOf('account_management'), languages: ['en'], capacity: 3 },
  { email: 'general@demo.local', name: 'Gus General', role: 'agent', teams: ['general'], skills: skillsOf('general'), languages: ['en'], capacity: 3 },
  // The supervisor steps in anywhere, so holds every skill and a larger load.
  {
    email: 'supervisor@demo.local',
    name: 'Sofia Supervisor',
    role: 'supervisor',
    teams: DEMO_TEAMS.map((t) => t.id),
    skills: [...new Set(DEMO_TEAMS.flatMap((t) => t.skills))],
    languages: ['en'],
    capacity: 5,
  },
];

/** Seeds the demo company on first start (no agents yet); returns whether it did. Safe when nodes start together. */
export async function seedDemoCompany(store: Store): Promise<boolean> {
  if ((await store.countAgents()) > 0) return false;
  for (const team of DEMO_TEAMS) await store.upsertTeam(team);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = false;
  for (const agent of DEMO_AGENTS) {
    if (await store.createAgentUnlessEmailTaken({ id: randomUUID(), passwordHash, ...agent })) created = true;
  }
  return created;
}
