/**
 * The operations the OpenAPI document (`GET /openapi.json`, `GET /docs`) describes. One entry per route: its method
 * and path, who may call it, and the very zod schemas the route validates its input with, so the document cannot
 * drift from what the route accepts.
 *
 * The routes Baton was built with are listed in `operations.ts`. A new route file documents its own routes by calling
 * `registerOperations([...])` at the top level of its module (app.ts imports every route module before the first
 * request, so they are all registered by the time the document is built):
 *
 *   registerOperations([{
 *     method: 'POST', path: '/api/v1/webhooks', operationId: 'createWebhook', tags: ['webhooks'],
 *     summary: 'Subscribe a URL to events', auth: ['agent'], who: 'admin',
 *     body: WebhookBody, responses: { 201: { description: 'the webhook', schema: WebhookResponse } },
 *     errors: { 403: 'only admins manage webhooks' },
 *   }], { webhooks: 'Outbound event deliveries' });
 *
 * test/openapi.test.ts fails when a Fastify route has no operation here, or an operation no route.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Bearer tokens: a customer's for one conversation (`ct_…`), an agent's login session (`at_…`), a channel bridge's
 * server-to-server API key (`bk_…`).
 */
export type TokenKind = 'customer' | 'agent' | 'apiKey';

/** Error statuses every route may answer with `{"error": {"code", "message"}}`. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface ApiResponse {
  description: string;
  /** The body's shape; omitted for an undocumented or empty body. */
  schema?: z.ZodType;
  /** The body's media type; `application/json` unless said. */
  contentType?: string;
  /** Response headers worth knowing, by name: their description. */
  headers?: Record<string, string>;
}

export interface ApiOperation {
  method: HttpMethod;
  /** As Fastify spells it: `/api/v1/conversations/:id` (the document shows `{id}`). */
  path: string;
  /** Unique, camelCase: what generated clients name the call. */
  operationId: string;
  summary: string;
  /** Markdown; what the schemas cannot say (rules across fields, side effects, idempotency). */
  description?: string;
  tags: string[];
  /** The tokens accepted; empty: anyone, no token. */
  auth: readonly TokenKind[];
  /** Finer than `auth`, in words: which agents (`supervisor, admin`), or whose conversation. */
  who?: string;
  /** Where the token goes: `Authorization: Bearer …` (default), or the `token` query parameter (WebSocket). */
  tokenIn?: 'header' | 'query';
  /** The zod schemas the route parses `request.params`, `request.query` and `request.body` with. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success responses by status. */
  responses: Partial<Record<number, ApiResponse>>;
  /**
   * Error statuses beyond those implied (400 with any input, 401 with a token, 413 and 415 with a body), with what
   * brings them here; an implied one listed again gets this description instead.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** The route upgrades to a WebSocket (documented as the GET that starts the upgrade). */
  websocket?: boolean;
}

const registered: ApiOperation[] = [];
const registeredTags = new Map<string, string>();
/** Bumped on every registration, so a cached document knows it is stale. */
let generation = 0;

const key = (op: Pick<ApiOperation, 'method' | 'path'>) => `${op.method} ${op.path}`;

/**
 * Adds operations to the document, and optionally describes their tags (`{ tag: description }`). Registering the same
 * method and path again replaces the earlier entry (a module evaluated twice, as some test runners do, stays one entry).
 */
export function registerOperations(operations: readonly ApiOperation[], tags: Record<string, string> = {}): void {
  for (const op of operations) {
    const index = registered.findIndex((existing) => key(existing) === key(op));
    if (index >= 0) registered[index] = op;
    else registered.push(op);
  }
  for (const [name, description] of Object.entries(tags)) registeredTags.set(name, description);
  generation++;
}

export function registryGeneration(): number {
  return generation;
}

/** What was registered so far, in registration order. */
export function registeredOperations(): readonly ApiOperation[] {
  return registered;
}

export function registeredTagDescriptions(): ReadonlyMap<string, string> {
  return registeredTags;
}

export const operationKey = key;
