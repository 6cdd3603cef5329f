import type { Priority } from './types.ts';

/** "0:42", "12:05", "1:02:05". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** "3–6 min" for an ETA range in seconds. */
export function range(lowSeconds: number, highSeconds: number): string {
  const low = Math.max(1, Math.round(lowSeconds / 60));
  const high = Math.max(low, Math.round(highSeconds / 60));
  return low === high ? `about ${low} min` : `${low}–${high} min`;
}

export function secondsSince(iso: string | undefined | null, now: number): number {
  if (!iso) return 0;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? (now - at) / 1000 : 0;
}

export function timeOfDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** "account_management" → "Account management". */
export function humanize(code: string): string {
  const words = code.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const REASONS: Record<string, string> = {
  human_requested: 'The customer asked for a person',
  cannot_resolve: 'The AI had no grounded answer',
  repeated_failure: 'The AI went round in circles',
  sensitive_topic: 'A sensitive topic: a dispute, fraud, legal or a complaint',
  frustration: 'The customer is frustrated',
  high_priority: 'Safety, an outage or real stakes',
  sales_opportunity: 'A purchase worth a salesperson\'s time',
  vip: 'A VIP customer',
  keyword: 'A configured keyword',
  ai_error: 'The AI or a tool failed or timed out',
  agent: 'An agent took it over',
};

/** What a handover reason code means, for a tooltip. */
export function reasonDescription(code: string): string {
  return REASONS[code] ?? humanize(code);
}

export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** A team's name from the names known (GET /api/v1/teams), else made from its id. */
export function teamName(names: ReadonlyMap<string, string>, id: string | null | undefined): string {
  if (!id) return 'No team';
  return names.get(id) ?? humanize(id);
}

export function customerName(customer: { name?: string; email?: string; externalId?: string } | undefined): string {
  return customer?.name?.trim() || customer?.email || customer?.externalId || 'Anonymous customer';
}
