/**
 * How long customers of each team actually waited of late (queued to taken by a person), kept as a window of the
 * latest waits. Pure. The promise when nobody of the team is online yet: no model of agents' capacity applies then,
 * but what people were seen to wait does, as long as there is enough of it.
 *
 * @example
 * const waits = new RecentWaits();
 * waits.record('billing', 240);
 * waits.typicalRange('billing', 3); // null until MIN_WAITS are known
 */

const WINDOW = 50;
const MIN_WAITS = 5;

export class RecentWaits {
  private readonly byTeam = new Map<string, number[]>();

  record(team: string, seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) return;
    let waits = this.byTeam.get(team);
    if (!waits) this.byTeam.set(team, (waits = []));
    waits.push(seconds);
    if (waits.length > WINDOW) waits.shift();
  }

  count(team: string): number {
    return this.byTeam.get(team)?.length ?? 0;
  }

  /**
   * The middle half of the team's recent waits (25th to 75th percentile); a place further back adds a median wait for
   * each one ahead to the top of it. Null with fewer than five waits known.
   */
  typicalRange(team: string, position: number): { lowSeconds: number; highSeconds: number } | null {
    const waits = this.byTeam.get(team);
    if (!waits || waits.length < MIN_WAITS) return null;
    const sorted = [...waits].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    const ahead = Math.max(0, position - 1);
    return { lowSeconds: Math.round(at(0.25)), highSeconds: Math.round(at(0.75) + ahead * at(0.5)) };
  }
}
