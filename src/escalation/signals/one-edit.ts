/**
 * Typos as the detectors allow them: one edit, a letter added, dropped or changed, or two neighbouring letters
 * swapped (the commonest slip on a keyboard, counted as one edit rather than two).
 */

/** Whether `a` and `b` are the same word or one edit apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Every word one edit from `word` (letters a–z and the apostrophe). */
export function oneEditAway(word: string): string[] {
  const letters = "abcdefghijklmnopqrstuvwxyz'";
  const words: string[] = [];
  for (let i = 0; i <= word.length; i++) {
    for (const letter of letters) {
      words.push(word.slice(0, i) + letter + word.slice(i));
      if (i < word.length) words.push(word.slice(0, i) + letter + word.slice(i + 1));
    }
    if (i < word.length) words.push(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length) words.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return words;
}
