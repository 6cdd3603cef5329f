import { useEffect, useRef, useState } from 'react';
import { ApiError, errorText, type Api } from './api.ts';
import type { HandoverPacket } from './types.ts';

export interface PacketState {
  packet: HandoverPacket | null;
  /** The conversation was never handed over: there is no packet. */
  none: boolean;
  error: string | null;
}

/**
 * The handover packet (GET …/handover), read again shortly after the conversation changes (`version`: its last seq),
 * since the server builds it from the event log each time it is asked.
 */
export function usePacket(api: Api, conversationId: string, version: number | undefined): PacketState {
  const [state, setState] = useState<PacketState>({ packet: null, none: false, error: null });
  const loadedOnce = useRef(false);

  useEffect(() => {
    if (version === undefined) return;
    let cancelled = false;
    const timer = setTimeout(
      () => {
        api.packet(conversationId).then(
          (packet) => {
            loadedOnce.current = true;
            if (!cancelled) setState({ packet, none: false, error: null });
          },
          (error: unknown) => {
            if (cancelled) return;
            if (error instanceof ApiError && error.code === 'no_handover') setState({ packet: null, none: true, error: null });
            else setState((s) => ({ ...s, error: errorText(error) }));
          },
        );
      },
      loadedOnce.current ? 300 : 0,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, conversationId, version]);

  return state;
}
