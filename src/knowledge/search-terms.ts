/**
 * How text becomes search terms, the same for articles and for questions: lower case, accents dropped, filler words
 * left out, light suffix stripping. What remains of a question are its content words, the ones an answer must cover.
 */

/** Words that say nothing about what a question is about, including the politeness around support questions. */
const STOP_WORDS = new Set(
  `a about above after again all also am an and any anyone anything are as at be been before being but by
  can cannot could couldn did didn do does doesn doing don done dont goes going gone went for from get gets getting got had has have
  having he her hers here hey hi hello him his how however i if im in into is isn it its ive just let lets like me
  might mine more much many must my myself need needs no nor not now of off ok okay on once only or other our ours
  out over please pls plz really regarding right she should so some someone something still such than thank thanks
  that the their theirs them then there these they this those thx to too under until up very via want wanted wants
  was wasn way we well were weren what whats when where which while who whom whose why will with without won
  would wouldn yes yet you your yours yourself help hiya dear cant wont isnt doesnt didnt couldnt shouldnt arent
  wasnt havent hasnt youre ur wat wats til`.split(/\s+/),
);

/** Spellings folded before splitting, so "e-mail" and "email" are one term. */
const FOLDS: [RegExp, string][] = [
  [/\be-mail/g, 'email'],
  [/\bsign-?up\b/g, 'signup'],
  [/\blog-?in\b/g, 'login'],
];

/** Text with no character past ASCII has no accents to drop: most questions skip the costly Unicode steps. */
const NOT_ASCII = /[^\x00-\x7f]/;

/** Splits text into lower-case words without accents. */
export function tokenize(text: string): string[] {
  const ascii = !NOT_ASCII.test(text);
  let folded = ascii ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  // Each fold only changes text with a hyphen in it.
  if (folded.includes('-')) for (const [pattern, replacement] of FOLDS) folded = folded.replace(pattern, replacement);
  return folded.match(ascii ? /[a-z0-9]+/g : /[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Strips common English suffixes so "returns", "returned" and "returning" meet at "return". Not linguistics: it only
 * has to map a word's forms to one term, and it runs on both sides, so odd stems ("chang") do no harm.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  let stripped = false;
  if (w.endsWith('ing') && w.length > 5) {
    w = w.slice(0, -3);
    stripped = true;
  } else if (w.endsWith('ed') && w.length > 4) {
    w = w.slice(0, -2);
    stripped = true;
  }
  // "shipped" → "shipp" → "ship"; l, s and z stay doubled ("billing" → "bill").
  if (stripped && /([b-df-hj-km-np-rtv-y])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** One word as an index or query term; null for words that carry no meaning here. */
export function searchTerm(word: string): string | null {
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  return stem(word);
}

/** The distinct content terms of a question, in order. */
export function contentTerms(text: string): string[] {
  const terms = tokenize(text)
    .map(searchTerm)
    .filter((term): term is string => term !== null);
  return [...new Set(terms)];
}
