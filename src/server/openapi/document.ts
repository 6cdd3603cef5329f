/**
 * Builds the OpenAPI 3.1 document from the operation registry. Request parts and responses are converted from their
 * zod schemas with zod's own `z.toJSONSchema` (JSON Schema 2020-12, the dialect of OpenAPI 3.1; `io: 'input'`, so a
 * request schema describes what a client may send: defaults make fields optional, coercions show the target type).
 * Schemas carrying `.meta({ id })` become named components.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { coreOperations, coreTags } from './operations.ts';
import { operationKey, registeredOperations, registeredTagDescriptions, type ApiOperation, type ErrorStatus, type TokenKind } from './registry.ts';
import { ErrorResponse } from './schemas.ts';

type Json = Record<string, unknown>;

const PACKAGE = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; description?: string };

/** What each error status means across the API; an operation's `errors` says more for itself. */
const ERROR_MEANINGS: Record<ErrorStatus, string> = {
  400: 'malformed JSON (`invalid_json`) or a bad field (`invalid_request`, naming the field)',
  401: '`unauthorized`: a missing, unknown or expired token',
  403: '`forbidden`: the token may not do this',
  404: 'not found',
  409: 'a conflicting action',
  413: '`payload_too_large`: a body over 64 KB',
  415: '`unsupported_media_type`: a body that is not JSON',
  422: 'the request cannot be processed',
  429: 'too many requests',
  503: 'unavailable',
};

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const TOKEN_NAMES: Record<TokenKind, string> = {
  customer: 'a customer token (`ct_…`)',
  agent: 'an agent session token (`at_…`)',
  apiKey: 'a channel API key (`bk_…`)',
};


/** `/a/:id/b` → `/a/{id}/b`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Converts zod schemas and gathers the named ones (and any shared sub-schemas zod extracts) into `components.schemas`. */
class SchemaCollector {
  readonly components: Record<string, Json> = {};

  convert(schema: z.ZodType, label: string): Json {
    let json: Json;
    try {
      json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Json;
    } catch (error) {
      throw new Error(`OpenAPI: the schema of ${label} cannot be written as JSON Schema: ${(error as Error).message}`);
    }
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    // Named schemas keep their id; zod's own extractions (`__schema0`, …) are local to one conversion, so get a prefix.
    const names = new Map(Object.keys(defs).map((name) => [name, name.startsWith('__') ? `${label.replace(/[^A-Za-z0-9]/g, '_')}${name}` : name]));
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node === null || typeof node !== 'object') return node;
      const out: Json = {};
      for (const [k, v] of Object.entries(node)) {
        out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? `#/components/schemas/${names.get(v.slice(8)) ?? v.slice(8)}` : rewrite(v);
      }
      return out;
    };
    for (const [name, def] of Object.entries(defs)) {
      const target = names.get(name)!;
      const converted = rewrite(def) as Json;
      const existing = this.components[target];
      if (existing && JSON.stringify(existing) !== JSON.stringify(converted)) {
        throw new Error(`OpenAPI: two different schemas are named "${target}" (the second in ${label}); give one another id`);
      }
      this.components[target] = converted;
    }
    return rewrite(json) as Json;
  }
}

function parameters(op: ApiOperation, collector: SchemaCollector): Json[] {
  const out: Json[] = [];
  const add = (schema: z.ZodObject | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const json = collector.convert(schema, `${op.operationId}.${where}`);
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, Json>)) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      });
    }
  };
  add(op.params, 'path');
  add(op.query, 'query');
  // A path parameter the params schema does not name is still a parameter (OpenAPI requires each to be declared).
  for (const match of op.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (!out.some((p) => p.in === 'path' && p.name === match[1])) out.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  return out;
}

function operationObject(op: ApiOperation, collector: SchemaCollector, errorRef: Json): Json {
  const hasBody = BODY_METHODS.has(op.method);
  const implied: Partial<Record<ErrorStatus, string>> = {};
  if (op.params || op.query || op.body) implied[400] = ERROR_MEANINGS[400];
  if (op.auth.length > 0) implied[401] = ERROR_MEANINGS[401];
  if (hasBody) {
    implied[413] = ERROR_MEANINGS[413];
    implied[415] = ERROR_MEANINGS[415];
  }
  const errors = { ...implied, ...op.errors };

  const responses: Json = {};
  for (const [status, response] of Object.entries(op.responses)) {
    if (!response) continue;
    responses[status] = {
      description: response.description,
      ...(response.headers
        ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) }
        : {}),
      ...(response.schema
        ? { content: { [response.contentType ?? 'application/json']: { schema: collector.convert(response.schema, `${op.operationId}.${status}`) } } }
        : {}),
    };
  }
  for (const [status, description] of Object.entries(errors).sort(([a], [b]) => Number(a) - Number(b))) {
    if (responses[status]) continue;
    responses[status] = { description, content: { 'application/json': { schema: errorRef } } };
  }

  const tokens = op.auth.map((kind) => TOKEN_NAMES[kind]).join(' or ');
  const auth = op.auth.length === 0 ? 'anyone, no token' : `${tokens}${op.tokenIn === 'query' ? ' in the `token` query parameter' : ''}${op.who ? `; ${op.who}` : ''}`;
  const description = [op.description, `**Who:** ${auth}.`, op.websocket ? '**Upgrades to a WebSocket.**' : undefined].filter(Boolean).join('\n\n');

  const params = parameters(op, collector);
  return {
    operationId: op.operationId,
    summary: op.summary,
    description,
    tags: op.tags,
    ...(op.auth.length > 0 ? { security: [{ [op.tokenIn === 'query' ? 'queryToken' : 'bearerAuth']: [] }] } : { security: [] }),
    'x-baton-auth': { tokens: op.auth, ...(op.who ? { who: op.who } : {}), in: op.tokenIn ?? 'header' },
    ...(op.websocket ? { 'x-baton-websocket': true } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.body.safeParse(undefined).success,
            content: { 'application/json': { schema: collector.convert(op.body, `${op.operationId}.body`) } },
          },
        }
      : {}),
    responses,
  };
}

export interface OpenApiOptions {
  operations?: readonly ApiOperation[];
  tags?: Record<string, string>;
  version?: string;
}

/** Every operation: Baton's own, then those route modules registered; a method and path documented twice is an error. */
export function allOperations(): ApiOperation[] {
  const all = [...coreOperations, ...registeredOperations()];
  const seen = new Set<string>();
  const ids = new Set<string>();
  for (const op of all) {
    if (seen.has(operationKey(op))) throw new Error(`OpenAPI: ${operationKey(op)} is documented twice`);
    if (ids.has(op.operationId)) throw new Error(`OpenAPI: operationId ${op.operationId} is used twice`);
    seen.add(operationKey(op));
    ids.add(op.operationId);
  }
  return all;
}

export function buildOpenApiDocument(options: OpenApiOptions = {}): Json {
  const operations = options.operations ?? allOperations();
  const tagDescriptions = options.tags ?? { ...coreTags, ...Object.fromEntries(registeredTagDescriptions()) };
  const collector = new SchemaCollector();
  const errorRef = collector.convert(ErrorResponse, 'Error');

  const paths: Record<string, Json> = {};
  const tagOrder: string[] = [];
  for (const op of operations) {
    const path = (paths[openApiPath(op.path)] ??= {});
    path[op.method.toLowerCase()] = operationObject(op, collector, errorRef);
    for (const tag of op.tags) if (!tagOrder.includes(tag)) tagOrder.push(tag);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Baton',
      version: options.version ?? PACKAGE.version,
      description:
        `${PACKAGE.description ?? 'AI customer support'}.\n\n` +
        'JSON over HTTP. Errors are `{"error": {"code", "message"}}` with a 4xx status. Customers hold a token for one conversation ' +
        '(`ct_…`, from `POST /api/v1/conversations`); agents log in for a session token (`at_…`). Both go in `Authorization: Bearer …`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'this Baton' }],
    tags: tagOrder.map((name) => ({ name, ...(tagDescriptions[name] ? { description: tagDescriptions[name] } : {}) })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A customer token (`ct_…`) for its one conversation, an agent session token (`at_…`) from `POST /api/v1/auth/login`, ' +
            'or a channel bridge\'s API key (`bk_…`).',
        },
        queryToken: { type: 'apiKey', in: 'query', name: 'token', description: 'The same tokens, in the query: for the WebSocket stream.' },
      },
      schemas: collector.components,
    },
  };
}
