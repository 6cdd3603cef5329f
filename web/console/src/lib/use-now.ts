import { useEffect, useState } from 'react';

/** The time now, updated every `everyMs`: for clocks that count (waiting times, the SLA). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
