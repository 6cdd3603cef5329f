import type { Agent, ConversationView, EventView, HandoverPacket, Owner, Presence, StateView, Team } from './types.ts';

/** An API error: `{"error": {"code", "message"}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What an error says to a person. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message === 'Failed to fetch' ? 'The server cannot be reached. Try again.' : error.message;
  return String(error);
}

type Json = Record<string, unknown>;

async function request<T>(method: string, path: string, token: string | null, body?: Json): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: reported below by status
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `The server answered ${response.status}`);
  }
  return parsed as T;
}

export async function login(email: string, password: string): Promise<{ token: string; expiresAt: string; agent: Agent }> {
  return request('POST', '/api/v1/auth/login', null, { email, password });
}

/** The API as one signed-in agent uses it; a 401 anywhere calls `onUnauthorized` (the session ended). */
export class Api {
  constructor(
    readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  private async call<T>(method: string, path: string, body?: Json): Promise<T> {
    try {
      return await request<T>(method, path, this.token, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.onUnauthorized();
      throw error;
    }
  }

  me() {
    return this.call<{ agent: Agent }>('GET', '/api/v1/agents/me').then((r) => r.agent);
  }
  setPresence(status: Presence) {
    return this.call<{ agent: Agent }>('POST', '/api/v1/agents/me/presence', { status }).then((r) => r.agent);
  }
  agents() {
    return this.call<{ agents: Agent[] }>('GET', '/api/v1/agents').then((r) => r.agents);
  }
  teams() {
    return this.call<{ teams: Team[] }>('GET', '/api/v1/teams').then((r) => r.teams);
  }
  conversations(owner?: Owner, limit = 500) {
    const query = new URLSearchParams({ limit: String(limit), ...(owner ? { owner } : {}) });
    return this.call<{ conversations: ConversationView[] }>('GET', `/api/v1/conversations?${query}`).then((r) => r.conversations);
  }
  conversation(id: string) {
    return this.call<ConversationView>('GET', `/api/v1/conversations/${encodeURIComponent(id)}`);
  }
  events(id: string, after = 0, limit = 500) {
    return this.call<{ events: EventView[] }>('GET', `/api/v1/conversations/${encodeURIComponent(id)}/events?after=${after}&limit=${limit}`).then((r) => r.events);
  }
  packet(id: string) {
    return this.call<HandoverPacket>('GET', `/api/v1/conversations/${encodeURIComponent(id)}/handover`);
  }
  claim(id: string) {
    return this.action(id, 'claim', {});
  }
  reply(id: string, text: string) {
    return this.action(id, 'messages', { text });
  }
  typing(id: string) {
    return this.call<void>('POST', `/api/v1/conversations/${encodeURIComponent(id)}/typing`, {});
  }
  note(id: string, text: string) {
    return this.action(id, 'notes', { text });
  }
  transfer(id: string, to: { team?: string; agentId?: string; note?: string }) {
    return this.action(id, 'transfer', to);
  }
  handBack(id: string, note?: string) {
    return this.action(id, 'handback', note ? { note } : {});
  }
  resolve(id: string, note?: string) {
    return this.action(id, 'resolve', note ? { note } : {});
  }
  metrics() {
    return fetch('/metrics').then((r) => (r.ok ? r.text() : Promise.reject(new ApiError(r.status, 'metrics', `/metrics answered ${r.status}`))));
  }

  private action(id: string, what: string, body: Json) {
    return this.call<{ state: StateView }>('POST', `/api/v1/conversations/${encodeURIComponent(id)}/${what}`, body);
  }
}
