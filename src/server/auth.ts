import type { FastifyRequest } from 'fastify';
import { AGENT_TOKEN_PREFIX, API_KEY_PREFIX, CUSTOMER_TOKEN_PREFIX, hashToken } from '../auth/tokens.ts';
import type { AgentRef } from '../domain/commands.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';

export type Principal =
  | { kind: 'customer'; conversationId: string }
  | { kind: 'agent'; agent: AgentRef & { email: string } };

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

const unauthorized = () => new DomainError(401, 'unauthorized', 'a valid bearer token is required');

/** Customer tokens recently seen, with their conversation: a customer writes again and again, and hashing costs. */
const KNOWN_CUSTOMER_TOKENS = 10_000;

/** Resolves a token to who holds it: a customer (one conversation) or a logged-in agent. */
export class Authenticator {
  /** A customer token never moves to another conversation, so what it resolved to can be kept (bounded, oldest out). */
  private readonly customerTokens = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async principal(token: string | undefined): Promise<Principal> {
    if (!token) throw unauthorized();
    if (token.startsWith(CUSTOMER_TOKEN_PREFIX)) {
      let conversationId = this.customerTokens.get(token);
      if (conversationId === undefined) {
        conversationId = await this.store.conversationIdForToken(hashToken(token));
        if (!conversationId) throw unauthorized();
        if (this.customerTokens.size >= KNOWN_CUSTOMER_TOKENS) this.customerTokens.delete(this.customerTokens.keys().next().value!);
        this.customerTokens.set(token, conversationId);
      }
      return { kind: 'customer', conversationId };
    }
    if (token.startsWith(AGENT_TOKEN_PREFIX)) {
      const agent = await this.store.agentForSession(hashToken(token), this.clock.now().toISOString());
      if (!agent) throw unauthorized();
      return { kind: 'agent', agent: { id: agent.id, name: agent.name, role: agent.role, teams: agent.teams, email: agent.email } };
    }
    if (token.startsWith(API_KEY_PREFIX)) {
      throw new DomainError(401, 'api_key_not_accepted', 'channel API keys work only on the /api/v1/channels routes; this needs a customer or agent token');
    }
    throw unauthorized();
  }

  async agent(token: string | undefined): Promise<AgentRef & { email: string }> {
    const principal = await this.principal(token);
    if (principal.kind !== 'agent') throw new DomainError(403, 'forbidden', 'this needs an agent login');
    return principal.agent;
  }

  /** A customer may touch only their own conversation; agents pass here and are checked by team later. */
  async forConversation(token: string | undefined, conversationId: string): Promise<Principal> {
    const principal = await this.principal(token);
    if (principal.kind === 'customer' && principal.conversationId !== conversationId) {
      if (!(await this.store.getState(conversationId))) throw notFound('conversation');
      throw new DomainError(403, 'forbidden', 'this token is for another conversation');
    }
    return principal;
  }
}
