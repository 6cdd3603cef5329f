import type { StreamFrame } from './types.ts';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

export interface StreamOptions {
  token: string;
  /** Where to resume: a conversation's seq, or a global position for the all-conversations stream. */
  after: () => number;
  conversationId?: string;
  onFrame: (frame: StreamFrame) => void;
  onStatus?: (status: StreamStatus) => void;
  /** Called after a few failed attempts in a row: the session may have ended. */
  onTrouble?: () => void;
}

/**
 * `GET /api/v1/stream` as a WebSocket that reconnects with backoff, resuming from `after()` each time so nothing is
 * missed. `{type: 'ready'}` marks the end of a replay. Returns a function that closes it for good.
 */
export function openStream(options: StreamOptions): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (closed) return;
    options.onStatus?.(failures === 0 ? 'connecting' : 'reconnecting');
    const query = new URLSearchParams({ token: options.token, after: String(options.after()) });
    if (options.conversationId) query.set('conversationId', options.conversationId);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/api/v1/stream?${query}`);
    socket = ws;
    let opened = false;
    ws.onmessage = (message) => {
      let frame: StreamFrame;
      try {
        frame = JSON.parse(String(message.data)) as StreamFrame;
      } catch {
        return;
      }
      if (frame.type === 'ready') {
        opened = true;
        failures = 0;
        options.onStatus?.('open');
      }
      options.onFrame(frame);
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      if (closed) return;
      if (!opened) failures += 1;
      if (failures >= 3) options.onTrouble?.();
      options.onStatus?.('reconnecting');
      const delay = Math.min(10_000, 500 * 2 ** Math.min(failures, 5)) + Math.random() * 300;
      timer = setTimeout(connect, delay);
    };
  };

  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    socket?.close(1000, 'done');
  };
}
