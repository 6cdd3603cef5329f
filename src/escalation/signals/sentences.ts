/**
 * Positions in a customer's message as the detectors read it: sentences, and the way back from the lower-cased,
 * typo-corrected text to the customer's own words (for exact quotes).
 */

/** A position in the read text, back in the customer's text; inside a corrected word, its start or end. */
export function originalOffset(position: number, shifts: readonly number[], atEnd: boolean): number {
  let delta = 0;
  for (let i = 0; i < shifts.length; i += 4) {
    const readStart = shifts[i]!;
    const readEnd = shifts[i + 1]!;
    if (position <= readStart) break;
    if (position < readEnd) return atEnd ? shifts[i + 3]! : shifts[i + 2]!;
    delta = shifts[i + 3]! - readEnd;
  }
  return position + delta;
}

export function isSentenceEnd(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  // "!", "?", line breaks, and "." that is not inside a number ("$1.99") or a word ("a.s.a.p")
  if (code === 33 || code === 63 || code === 10 || code === 13) return true;
  if (code !== 46) return false;
  const next = text.charCodeAt(i + 1);
  return !((next >= 48 && next <= 57) || (next >= 97 && next <= 122));
}

export function sentenceStart(text: string, from: number): number {
  let i = from - 1;
  while (i >= 0 && !isSentenceEnd(text, i)) i--;
  return i + 1;
}

export function sentenceEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isSentenceEnd(text, i)) i++;
  return i;
}
