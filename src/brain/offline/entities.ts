import type { Entity } from '../brain.ts';

const PATTERNS: { type: Entity['type']; pattern: RegExp; normalize?: (match: string) => string }[] = [
  { type: 'email', pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, normalize: (m) => m.toLowerCase() },
  // Order numbers in the demo store are six to ten digits, often written with a leading '#'.
  { type: 'order_number', pattern: /(?<![\d+])#?\d{6,10}\b/g, normalize: (m) => m.replace('#', '') },
  { type: 'phone', pattern: /(?<!\w)\+\d[\d\s-]{7,15}\d\b/g, normalize: (m) => m.replace(/[\s-]/g, '') },
  {
    type: 'amount',
    pattern: /(?:[$€£]\s?\d+(?:[.,]\d{1,2})?|\b\d+(?:[.,]\d{1,2})?\s?(?:usd|eur|gbp|dollars|euros|pounds)\b)/gi,
  },
];

/** Order numbers, emails, phone numbers and amounts mentioned in a message. */
export function extractEntities(text: string): Entity[] {
  const entities: Entity[] = [];
  for (const { type, pattern, normalize } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const raw = match[0];
      if (type === 'order_number' && entities.some((e) => e.type === 'phone' && e.text.includes(raw))) continue;
      entities.push({ type, text: raw, value: normalize ? normalize(raw) : raw });
    }
  }
  return entities;
}
