import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.ts';
import type { AgentRole } from '../domain/commands.ts';
import type { Store } from '../store/store.ts';

export const DEMO_TEAMS = [
  { id: 'technical_support', name: 'Technical support' },
  { id: 'billing', name: 'Billing' },
  { id: 'sales', name: 'Sales' },
  { id: 'account_management', name: 'Account management' },
  { id: 'general', name: 'General' },
];

export const DEMO_PASSWORD = 'demo';

export const DEMO_AGENTS: { email: string; name: string; role: AgentRole; teams: string[] }[] = [
  { email: 'billing@demo.local', name: 'Bea Billing', role: 'agent', teams: ['billing'] },
  { email: 'tech@demo.local', name: 'Theo Tech', role: 'agent', teams: ['technical_support'] },
  { email: 'sales@demo.local', name: 'Sam Sales', role: 'agent', teams: ['sales'] },
  { email: 'accounts@demo.local', name: 'Ada Accounts', role: 'agent', teams: ['account_management'] },
  { email: 'general@demo.local', name: 'Gus General', role: 'agent', teams: ['general'] },
  { email: 'supervisor@demo.local', name: 'Sofia Supervisor', role: 'supervisor', teams: DEMO_TEAMS.map((t) => t.id) },
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
