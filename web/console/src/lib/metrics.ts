/** The few Baton counters the supervisor view shows from /metrics (Prometheus text), since the server started. */
export interface MetricsSummary {
  handoversByReason: Map<string, number>;
  firstResponseBreaches: number;
  abandoned: number;
  assignmentsByHow: Map<string, number>;
}

const LINE = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/;

export function parseMetrics(text: string): MetricsSummary {
  const summary: MetricsSummary = { handoversByReason: new Map(), firstResponseBreaches: 0, abandoned: 0, assignmentsByHow: new Map() };
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const [, name, labelText, rawValue] = match;
    const value = Number(rawValue);
    if (!Number.isFinite(value)) continue;
    const labels = new Map<string, string>();
    for (const pair of (labelText ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels.set(pair[1]!, pair[2]!);
    const add = (map: Map<string, number>, key: string | undefined) => key !== undefined && map.set(key, (map.get(key) ?? 0) + value);
    if (name === 'baton_handovers_total') add(summary.handoversByReason, labels.get('reason'));
    else if (name === 'baton_first_response_breaches_total') summary.firstResponseBreaches += value;
    else if (name === 'baton_abandoned_total') summary.abandoned += value;
    else if (name === 'baton_assignments_total') add(summary.assignmentsByHow, labels.get('how') ?? labels.get('via'));
  }
  return summary;
}
