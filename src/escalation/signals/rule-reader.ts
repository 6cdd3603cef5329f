import { oneEditAway } from './one-edit.ts';
import { originalOffset, sentenceEnd, sentenceStart } from './sentences.ts';

/**
 * The reader high-priority.ts and sales-opportunity.ts share: rules of patterns, each with the anchor words every
 * match holds, checked against the sentence around the match (a hypothetical, a denial, a question about the
 * service), over text lower-cased once with its misspelt key words corrected. A message without a rule's anchor
 * words never runs that rule's pattern.
 */

/**
 * How a match is checked against its sentence.
 * - `event`: the customer tells of something happening; a hypothetical ("what happens if…", a condition in the present
 *   tense) or a denial right before it ("nobody was hurt") cancels it.
 * - `mention`: a word that also names the thing in general ("urgent", "outage"); a denial ("not urgent") or a question
 *   about the service ("how urgent is shipping?") cancels it too.
 * - `wish`: the customer wants something ("a quote for 500 seats"); only a denial cancels it ("we don't need a demo").
 * - `always`: nothing cancels it.
 */
export type Check = 'event' | 'mention' | 'wish' | 'always';

export interface Rule<K extends string> {
  kind: K;
  score: number;
  check: Check;
  /**
   * Whole words, space-separated, one of which every match of `pattern` holds (after misspellings are corrected; the
   * part of a word before an apostrophe counts as a word too: "site's" holds "site");
   * "#number" stands for any word with a digit, "#money" for a currency sign. Two groups ("a b + c d") must both be
   * met. A message without them skips the rule: most messages hold few, so most rules are never run.
   */
  anchors: string;
  pattern: RegExp;
  /** The match's sentence must not match this. */
  unless?: RegExp;
  /** The text just before the match, in its clause, must not match this. */
  notAfter?: RegExp;
  /** The text just after the match, in its sentence, must not match this. */
  notBefore?: RegExp;
  /** The message must also match this. */
  needs?: RegExp;
  /** A score from what the match holds (a quantity, an amount) instead of `score`; 0 passes the match over. */
  scoreMatch?: (match: RegExpExecArray) => number;
}

/** What a rule found in a message. */
export interface Found<K extends string> {
  kind: K;
  score: number;
  /** The customer's own words that matched: a substring of the message. */
  evidence: string;
  /** Where the words start in the message. */
  at: number;
}

export interface Vocabulary {
  /**
   * Key words customers misspell: a word of five letters or more one edit from one of them is read as it. Forms that
   * must stay as they are belong here too ("outages" is no misspelling of "outage").
   */
  typos: readonly string[];
  /** Real words one edit from a key word: never corrected ("outrage" is not "outage"). */
  keep: readonly string[];
  /** Misspellings two edits away that customers write often. */
  common?: Readonly<Record<string, string>>;
}

/** Reads a message: what each rule found, at most once per rule. `everyRule` skips the anchor check (for tests). */
export type RuleReader<K extends string> = (message: string, everyRule?: boolean) => Found<K>[];

/** Anchor masks of a word: the rules whose first and second anchor groups it meets, and the word it is a typo of. */
interface WordEntry {
  first: number;
  second: number;
  fix: string | undefined;
}

const HASH_BITS = 1 << 16;
const NO_WORD: WordEntry = { first: 0, second: 0, fix: undefined };
const NO_SHIFTS: number[] = [];
const QUOTES = /[\u2018\u2019`´]/g;

function wordHash(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = (Math.imul(hash, 31) + word.charCodeAt(i)) | 0;
  return hash;
}

function lowerKeepingLength(text: string): string {
  const lower = text.toLowerCase();
  // a few characters change length in lower case ("İ"); then only ASCII letters are lowered, so offsets still hold
  return lower.length === text.length ? lower : text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * A reader for a detector's rules (at most 32). Each message is lower-cased with one apostrophe, its misspelt key
 * words corrected (with a map back to the customer's own text, so evidence is quoted exactly), and only the rules
 * whose anchors it meets are run.
 */
export function ruleReader<K extends string>(rules: readonly Rule<K>[], vocabulary: Vocabulary): RuleReader<K> {
  if (rules.length > 32) throw new Error('a rule reader holds at most 32 rules');
  const words = new Map<string, WordEntry>();
  const entry = (word: string): WordEntry => {
    let found = words.get(word);
    if (found === undefined) {
      found = { first: 0, second: 0, fix: undefined };
      words.set(word, found);
    }
    return found;
  };
  let noSecondGroup = 0;
  rules.forEach((rule, r) => {
    const bit = 1 << r;
    const [first = '', second] = rule.anchors.split('+');
    for (const word of first.trim().split(/\s+/)) entry(word).first |= bit;
    if (second === undefined) noSecondGroup |= bit;
    else for (const word of second.trim().split(/\s+/)) entry(word).second |= bit;
  });
  const number = words.get('#number') ?? NO_WORD;
  const money = words.get('#money') ?? NO_WORD;

  const vocabularyWords = new Set(vocabulary.typos);
  const keep = new Set(vocabulary.keep);
  const typos = new Map<string, string>();
  for (const word of vocabulary.typos) {
    for (const typo of oneEditAway(word)) {
      // a real word the rules look for is never a typo
      if (typo.length < 5 || vocabularyWords.has(typo) || keep.has(typo) || words.has(typo) || typos.has(typo)) continue;
      typos.set(typo, word);
    }
  }
  for (const [typo, word] of Object.entries(vocabulary.common ?? {})) typos.set(typo, word);
  for (const [typo, word] of typos) {
    const meant = words.get(word) ?? NO_WORD;
    words.set(typo, { first: meant.first, second: meant.second, fix: word });
  }
  /** The hash of every word above, as bits: a word whose bit is clear is looked up no further. */
  const hashes = new Uint8Array(HASH_BITS >> 3);
  for (const word of words.keys()) {
    const bit = wordHash(word) & (HASH_BITS - 1);
    hashes[bit >> 3] = hashes[bit >> 3]! | (1 << (bit & 7));
  }
  const globals = rules.map(({ pattern }) => new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`));
  const allRules = rules.length === 32 ? -1 : (1 << rules.length) - 1;

  return function read(message: string, everyRule = false): Found<K>[] {
    let lower = lowerKeepingLength(message);
    let first = 0;
    let second = 0;
    let fixes: [number, number, string][] | undefined;
    // a word: a run of letters, digits and apostrophes
    let start = -1;
    let hash = 0;
    let digits = false;
    // where a word's first apostrophe is, and the hash of the word before it: "site's" holds "site"
    let apostrophe = -1;
    let hashBefore = 0;
    for (let i = 0; i <= lower.length; i++) {
      let code = i < lower.length ? lower.charCodeAt(i) : 32;
      if (code === 0x2018 || code === 0x2019 || code === 0x60 || code === 0xb4) {
        // curly and stray quotes are apostrophes; folding keeps the length
        lower = lower.replace(QUOTES, "'");
        code = 39;
      }
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39) {
        if (start < 0) {
          start = i;
          hash = 0;
          digits = false;
          apostrophe = -1;
        }
        if (code <= 57 && code >= 48) digits = true;
        else if (code === 39 && apostrophe < 0) {
          apostrophe = i;
          hashBefore = hash;
        }
        hash = (Math.imul(hash, 31) + code) | 0;
        continue;
      }
      // $ £ €
      if (code === 36 || code === 163 || code === 8364) {
        first |= money.first;
        second |= money.second;
      }
      if (start < 0) continue;
      if (digits) {
        first |= number.first;
        second |= number.second;
      } else {
        const bit = hash & (HASH_BITS - 1);
        if ((hashes[bit >> 3]! & (1 << (bit & 7))) !== 0) {
          const known = words.get(lower.slice(start, i));
          if (known !== undefined) {
            first |= known.first;
            second |= known.second;
            if (known.fix !== undefined) (fixes ??= []).push([start, i, known.fix]);
          }
        }
        if (apostrophe > start) {
          const before = hashBefore & (HASH_BITS - 1);
          if ((hashes[before >> 3]! & (1 << (before & 7))) !== 0) {
            const known = words.get(lower.slice(start, apostrophe));
            if (known !== undefined) {
              first |= known.first;
              second |= known.second;
            }
          }
        }
      }
      start = -1;
    }
    const anchored = everyRule ? allRules : first & (second | noSecondGroup);
    if (anchored === 0) return [];

    let text = lower;
    let shifts = NO_SHIFTS;
    if (fixes !== undefined) {
      // corrections that change a word's length: [read start, read end, original start, original end] each
      shifts = [];
      let out = '';
      let copied = 0;
      let shift = 0;
      for (const [from, to, fix] of fixes) {
        out += lower.slice(copied, from) + fix;
        copied = to;
        if (fix.length !== to - from) {
          const readStart = from + shift;
          shift += fix.length - (to - from);
          shifts.push(readStart, readStart + fix.length, from, to);
        }
      }
      text = out + lower.slice(copied);
    }

    const found: Found<K>[] = [];
    for (let r = 0; r < rules.length; r++) {
      if (((anchored >>> r) & 1) === 0) continue;
      const rule = rules[r]!;
      if (rule.needs !== undefined && !rule.needs.test(text)) continue;
      const global = globals[r]!;
      global.lastIndex = 0;
      let best: Found<K> | undefined;
      for (let match = global.exec(text); match !== null; match = global.exec(text)) {
        const matchStart = match.index;
        const matchEnd = matchStart + match[0].length;
        if (matchEnd === matchStart) {
          global.lastIndex++;
          continue;
        }
        if (!counts(rule, text, matchStart, matchEnd)) continue;
        const score = rule.scoreMatch ? rule.scoreMatch(match) : rule.score;
        if (score <= 0 || (best !== undefined && score <= best.score)) continue;
        const from = originalOffset(matchStart, shifts, false);
        const evidence = message.slice(from, originalOffset(matchEnd, shifts, true)).trim();
        best = { kind: rule.kind, score, evidence, at: from };
        // a rule scored by its match may find a stronger one further on
        if (!rule.scoreMatch) break;
      }
      if (best !== undefined) found.push(best);
    }
    return found;
  };
}

/** The clause before a match: from the last comma, semicolon, colon or "but" in its sentence. */
function clauseBefore(text: string, sentenceFrom: number, matchStart: number): string {
  const before = text.slice(sentenceFrom, matchStart);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf(' but '));
  return cut < 0 ? before : before.slice(cut + 1);
}

/** Asking about what would happen, not telling what does: "what happens in an emergency?", "in case of a fire". */
const HYPOTHETICAL =
  /\b(?:what (?:happens|would happen|will happen|should (?:i|we|you|one) do|do (?:i|we|you) do|to do|does (?:\w+ )?do|is the (?:procedure|process|protocol|policy)|are the (?:steps|procedures|rules)) (?:if|when|in|during|after|with)|what if|in case|in the event|supposing|suppose|hypothetical\w*|imagine|let'?s say|for example)\b/;
/** A condition ("if") opens the sentence before the match: the customer may be supposing… */
const CONDITION = /(?:^|[^\w'])(?<!(?:know|sure|wonder|wondering|see|check|checking|tell|ask|asking|out|confirm|unsure|certain|idea|doubt|clue|whether)\s+)if\s+(.*)$/;
/** …but not in the past tense or about something going on: "if my phone is overheating, what do I do?" */
const REAL = /\b(?:was|were|had|has been|have been|did|didn'?t|got|found|lost|saw|noticed|happened|\w+ed|(?:is|are|'s|'re|am|keeps?|kept|started|starts) (?:\w+ )?\w+ing|(?:is|are|'s|'re) (?:down|offline|on fire|in danger))\b/;
/** Words that deny (not "can't" or "cannot": "I can't believe the site is down again" is no denial). */
const NEGATION =
  "(?:not|no|never|no longer|(?:do|does|did|is|was|are|were|wo|would|should|have|has|had)n'?t|aint|ain't)";
/** A denial right before an event: "didn't catch fire", "no one was hurt", "never overheated". */
const DENIED_EVENT = new RegExp(
  `\\b(?:${NEGATION}|nothing|nobody|no one|noone|none|without)\\s+(?:(?:was|were|been|be|is|are|got|get|gotten|actually|even|really|ever|yet|seriously|badly|anyone|anybody|one|of us|of them)\\s+){0,2}$`,
);
/** A denial of a mention: "not urgent", "isn't an emergency", "no urgency", "non-urgent", "don't think it's urgent". */
const DENIED_MENTION = new RegExp(
  `\\b(?:${NEGATION}|nothing|non|hardly|less|without)\\s*-?\\s*(?:(?:that|so|super|very|really|too|an?|the|at all|particularly|especially|exactly|even|actually|overly|terribly|like|be|been|is|was|it|it'?s|its|this|that'?s|think|believe|feel|consider|say|mean|reckon|call|an actual|a real|any|of an?|truly|yet|quite|considered|entirely|totally|all that|much of an?)\\s+){0,4}$`,
);
/** A wish taken back: "we don't need a demo", "not interested in a quote", "no need for a quote". */
const DENIED_WISH = new RegExp(
  `\\b${NEGATION}\\s+(?:(?:want|wanna|need|needs|require|plan|planning|intend|looking|interested|going|gonna|trying|like|to|in|for|a|an|the|any|buy|order|purchase|get|book|schedule|request|see|do|really|actually|currently|yet|at this (?:time|point)|right now)\\s+){0,4}$`,
);
/** A question about the service opens the match's clause: "how urgent is shipping?", "do you compensate outages?" */
const ASKS = /^\s*(?:(?:hi|hello|hey|so|and|also|ok|okay|just)\W+)*(?:do (?:you|u|they|i)|does|is there|are there|is it|is this|is that|what|what'?s|whats|wat|wats|wot|wut|wht|which|how|hw|when|wen|whn|where|wher|can (?:i|we)|could (?:i|we)|may i|will (?:i|my|the|it)|would (?:i|my|the|it))\b/;
const ASKS_WITHOUT_QUESTION_MARK = /^\s*(?:what|wat|wot|wut|wht|how|hw|which|when|wen)\b/;

/** Whether a match holds up in its sentence (see `Check`). */
function counts(rule: Rule<string>, text: string, matchStart: number, matchEnd: number): boolean {
  const from = sentenceStart(text, matchStart);
  const to = sentenceEnd(text, matchEnd);
  if (rule.unless?.test(text.slice(from, to))) return false;
  const clause = clauseBefore(text, from, matchStart);
  if (rule.notAfter?.test(clause)) return false;
  if (rule.notBefore?.test(text.slice(matchEnd, to))) return false;
  if (rule.check === 'always') return true;
  if (rule.check === 'wish') return !DENIED_WISH.test(clause);
  const before = text.slice(from, matchStart);
  if (HYPOTHETICAL.test(before)) return false;
  const condition = CONDITION.exec(before);
  if (condition && !REAL.test(condition[1]! + text.slice(matchStart, matchEnd))) return false;
  if (rule.check === 'event') return !DENIED_EVENT.test(clause);
  if (DENIED_MENTION.test(clause)) return false;
  // a question about the service: the match's clause opens with one, in a sentence asking it
  return !(ASKS.test(clause) && (text.charCodeAt(to) === 63 || ASKS_WITHOUT_QUESTION_MARK.test(clause)));
}

/** Scores rounded as the other detectors round them. */
export const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The quotes of a conversation, strongest first, at most `max`: a quote inside another one kept already, or holding
 * one, adds nothing ("stuck abroad", "I'm stuck abroad").
 */
export function strongestQuotes(quotes: { score: number; text: string }[], max: number): string[] {
  quotes.sort((a, b) => b.score - a.score);
  const kept: string[] = [];
  for (const { text } of quotes) {
    if (text.length === 0 || kept.some((k) => k.includes(text) || text.includes(k))) continue;
    kept.push(text);
    if (kept.length === max) break;
  }
  return kept;
}
