import { NO_SIGNAL, type SignalResult } from './signal.ts';

const compiled = new Map<string, RegExp>();

/** A configured word or phrase as a whole-word, any-case pattern (spaces match any run of spaces), built once. */
function patternOf(keyword: string): RegExp {
  let pattern = compiled.get(keyword);
  if (!pattern) {
    const body = keyword
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu');
    compiled.set(keyword, pattern);
  }
  return pattern;
}

/** `keyword`: the business's own trigger words or phrases, in the customer's message. */
export function detectKeywords(text: string, keywords: readonly string[]): SignalResult {
  const evidence: string[] = [];
  for (const keyword of keywords) {
    const match = patternOf(keyword).exec(text);
    if (match) evidence.push(match[0]);
  }
  return evidence.length > 0 ? { score: 1, evidence } : NO_SIGNAL;
}
