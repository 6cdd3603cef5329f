import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake model does with the next request. */
export type ScriptedResponse =
  | { kind: 'text'; text: string }
  | { kind: 'tool_calls'; calls: { name: string; arguments: Record<string, unknown> | string; id?: string }[] }
  /** An error status; `retryAfterMs` is sent as `retry-after-ms`, which the SDK honours before retrying. */
  | { kind: 'error'; status: number; message?: string; retryAfterMs?: number }
  /** A 200 whose body is not JSON. */
  | { kind: 'malformed'; body?: string }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { kind: 'hang' };

/** Shorthands for scripts. */
export const say = (text: string): ScriptedResponse => ({ kind: 'text', text });
export const callTool = (name: string, args: Record<string, unknown> | string, id?: string): ScriptedResponse => ({
  kind: 'tool_calls',
  calls: [{ name, arguments: args, id }],
});

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed chat completion request: model, messages, tools, stream, ... */
  body: any;
}

export interface FakeLlmServer {
  /** The OpenAI-style base URL, ending in /v1. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Queues responses, one per request, in order. A request with nothing queued gets a 500 saying so. */
  script(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible chat completions endpoint on a real loopback port, answering from a script: what a test
 * needs to drive the real provider and SDK through answers, tool calls and failures.
 */
export async function startFakeLlmServer(): Promise<FakeLlmServer> {
  const queue: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  let nextId = 1;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return sendJson(res, 404, { error: { message: `fake LLM: no route ${req.method} ${req.url}` } });
    }
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { error: { message: 'fake LLM: request body is not JSON' } });
    }
    requests.push({ path: req.url, headers: req.headers, body });
    const response = queue.shift();
    if (!response) return sendJson(res, 500, { error: { message: 'fake LLM: no scripted response left' } });
    const id = `chatcmpl-fake-${nextId++}`;
    switch (response.kind) {
      case 'hang':
        return;
      case 'error':
        return sendJson(
          res,
          response.status,
          { error: { message: response.message ?? 'fake LLM error', type: 'server_error' } },
          response.retryAfterMs === undefined ? {} : { 'retry-after-ms': String(response.retryAfterMs) },
        );
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(response.body ?? '{"choices": [ this is not json');
      case 'text':
      case 'tool_calls': {
        const message = assistantMessage(response, id);
        if (body.stream) return sendStream(res, id, body.model, message);
        return sendJson(res, 200, {
          id,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        });
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...responses) => void queue.push(...responses),
    async close() {
      // Hanging requests and keep-alive sockets would hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface AssistantMessage {
  role: 'assistant';
  content: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
}

function assistantMessage(response: Extract<ScriptedResponse, { kind: 'text' | 'tool_calls' }>, id: string): AssistantMessage {
  if (response.kind === 'text') return { role: 'assistant', content: response.text };
  return {
    role: 'assistant',
    content: null,
    tool_calls: response.calls.map((call, i) => ({
      id: call.id ?? `call_${id}_${i}`,
      type: 'function',
      function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
    })),
  };
}

/** The same answer as server-sent events, for a client that asked for `stream: true`. */
function sendStream(res: ServerResponse, id: string, model: string, message: AssistantMessage): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const chunk = (delta: object, finishReason: string | null) =>
    res.write(
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
      })}\n\n`,
    );
  chunk({ role: 'assistant', content: '' }, null);
  if (message.content) chunk({ content: message.content }, null);
  message.tool_calls?.forEach((call, index) => chunk({ tool_calls: [{ index, ...call }] }, null));
  chunk({}, message.tool_calls ? 'tool_calls' : 'stop');
  res.end('data: [DONE]\n\n');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
