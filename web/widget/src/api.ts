/** The customer side of Baton's HTTP API, as the widget uses it (see README.md, "API"). */

export type Role = 'customer' | 'ai' | 'agent' | 'system';
export type Owner = 'ai' | 'queue' | 'human' | 'closed';

export interface Message {
  id: string;
  seq: number;
  role: Role;
  text: string;
  author: { kind: Role; id?: string; name?: string; team?: string };
  createdAt: string;
  clientMessageId?: string;
  sources?: { id: string; title: string }[];
}

/** A waiting customer's place and promise (`eta` null when no honest range can be given). */
export interface QueueInfo {
  team: string;
  position: number;
  eta: { lowSeconds: number; highSeconds: number } | null;
  etaUnknownReason?: string;
  opensAt?: string;
  opening?: string;
}

export interface ConvState {
  owner: Owner;
  team?: string;
  agentId?: string;
  agent?: { id: string; name?: string | null };
  queue?: QueueInfo;
  followUpEmail?: string;
  closedAs?: 'resolved' | 'abandoned';
  rating?: { score: number };
}

export interface StreamEvent {
  seq: number;
  type: string;
  message?: Message;
}

export type Frame =
  | { type: 'event'; event: StreamEvent; state?: ConvState }
  | { type: 'state'; state: ConvState }
  | { type: 'ready'; after: number }
  | { type: 'queue'; conversationId: string; queue: QueueInfo }
  | { type: 'typing'; role: 'customer' | 'agent'; name?: string };

export interface Turn {
  message?: Message;
  replies?: Message[];
  state: ConvState;
}

/** An answer with a 4xx/5xx status; `status` 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** Worth trying again with the same request (network, 5xx, throttling). */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
  }
  /** The stored token or conversation is not (or no longer) valid. */
  get gone(): boolean {
    return this.status === 401 || this.status === 403 || this.status === 404;
  }
}

export function api(base: string) {
  return async function request<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network', 'The connection failed');
    }
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!response.ok) throw new ApiError(response.status, json.error?.code ?? 'error', json.error?.message ?? `HTTP ${response.status}`);
    return json as T;
  };
}

export type Request = ReturnType<typeof api>;
