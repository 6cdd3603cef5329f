import { oneEditAway, withinOneEdit } from './one-edit.ts';
import { NO_SIGNAL, type SignalResult } from './signal.ts';

/**
 * `human_requested`: the customer wants a person, in their own words and spelling. Missing one of these traps a
 * customer, so the patterns lean wide; the one exception is a customer saying they do NOT want a person.
 */

const PEOPLE =
  '(?:human(?: being| agent| person)?s?|person|people|agents?|representatives?|reps?|operators?|manager|supervisor|' +
  'someone|somebody|anyone|anybody|staff|employee|advis[eo]r|associate|assistant|specialist|consultant|' +
  'customer (?:service|support|care|assistance)(?: (?:agent|representative|rep|team|person))?|' +
  'support (?:agent|team|staff|person)|live (?:chat|support)|real one|colleagues?|boss|team member|staff member|team|some ?one|some ?body|' +
  "(?:(?:whoever|someone|somebody|the person|the one)(?: who| that)?(?:'s| is)?|who(?:'s| is)) in charge|" +
  'members? of (?:staff|(?:your|the|ur) (?:team|staff|support team))|(?:your|the|ur) (?:team|staff|support team|people))';
const QUALIFIER =
  '(?:(?:a|an|some|the|your|ur|any|one of (?:your|ur|the)|someone (?:from|in|on|at) (?:your|the|ur))\\s+)?' +
  '(?:(?:real|live|actual|human|physical|proper|senior|concerned|relevant|responsible|appropriate|qualified|bloody|damn|goddamn|god damn|fucking|freaking|effing|frigging)\\s+)*';
const CONTACT_VERB =
  '(?:talk|talking|speak|speaking|chat|chatting|converse|communicate|contact|contacting|reach|reaching|call|calling|' +
  'discuss (?:this|it|that|things|my \\w+)|(?:talk|go) (?:it|this|things) (?:through|over)|have a (?:word|chat|conversation|quick word))';

/**
 * Pre-checks: every match of a pattern holds one of its anchor words, whole, so a clause with none of them skips the
 * pattern, and most messages name no person, bot or call at all. PEOPLE always follows a space and ends at a word
 * boundary, so the first word of a PEOPLE phrase is whole; keep PERSON_WORDS in step with PEOPLE and the patterns.
 */
const PERSON_WORDS = [
  'human', 'humans', 'person', 'people', 'agent', 'agents', 'representative', 'representatives', 'rep', 'reps',
  'operator', 'operators', 'manager', 'supervisor', 'someone', 'somebody', 'anyone', 'anybody', 'staff', 'employee',
  'adviser', 'advisor', 'associate', 'assistant', 'specialist', 'consultant', 'customer', 'support', 'live', 'real',
  'colleague', 'colleagues', 'boss', 'team', 'member', 'members', 'some', 'whoever', 'charge',
];

interface Pattern {
  pattern: RegExp;
  score: number;
  /** Every match holds one of these words, whole. */
  anchor: string[];
}

const PATTERNS: Pattern[] = [
  // "talk to a real person", "speak with an agent", "contact customer service"
  { pattern: new RegExp(`\\b${CONTACT_VERB}\\s+(?:(?:to|with|w)\\s+)?${QUALIFIER}${PEOPLE}\\b`), score: 1, anchor: PERSON_WORDS },
  // "a real person", "live agent"
  { pattern: /\b(?:real|live|actual|physical)\s+(?:human|person|people|agent|representative|rep|operator|someone|somebody)\b/, score: 1, anchor: PERSON_WORDS },
  // "connect me to an agent", "transfer me", "escalate this to a manager"
  {
    pattern: new RegExp(
      `\\b(?:connect|transfer|put|pass|forward|escalate|route|redirect|switch)\\s+(?:me|this|my (?:call|chat|case|request|issue|complaint))\\s+(?:(?:through\\s+)?(?:to|with|over to)\\s+)?${QUALIFIER}${PEOPLE}\\b`,
    ),
    score: 1,
    anchor: PERSON_WORDS,
  },
  { pattern: /\b(?:transfer|connect|escalate)\s+me\b/, score: 0.9, anchor: ['transfer', 'connect', 'escalate'] },
  // "transfer to person", "hand this over to a human", "put me through to a member of staff", "escalate to a supervisor"
  {
    pattern: new RegExp(
      `(?<!\\b(?:was|were|been|got|get)\\s)\\b(?:transfer|connect|put|pass|hand|forward|escalated?|route|redirect|switch|get)\\s+(?:(?:me|this|it|my (?:call|chat|case|request|issue|complaint|ticket))\\s+)?(?:(?:through|thru|over|up|across)\\s+)?(?:to|with)\\s+${QUALIFIER}${PEOPLE}\\b`,
    ),
    score: 1,
    anchor: PERSON_WORDS,
  },
  // "put me in touch with your support team"
  { pattern: new RegExp(`\\bin touch with\\s+${QUALIFIER}${PEOPLE}\\b`), score: 1, anchor: PERSON_WORDS },
  // "have someone contact me", "can somebody from your team get in touch with me", "a person to call me"
  {
    pattern: new RegExp(
      `\\b${PEOPLE}\\b(?:\\s+(?:from|in|at|on|of)\\s+[^.,!?]{1,40}?)?\\s+(?:to\\s+|(?:could|can|should|will|would|please|pls)\\s+)?(?:contact|call|phone|ring|dm|email|e-mail|message|text|get in touch with|reach out to|get back to|telephone)\\s+(?:me|us|him|her)\\b`,
    ),
    score: 0.9,
    anchor: PERSON_WORDS,
  },
  // "can I get a real customer service person", "could I have a human review this", "get a human to look at it"
  { pattern: new RegExp(`\\b(?:can|could|may)\\s+(?:i|we)\\s+(?:get|have)\\s+${QUALIFIER}${PEOPLE}\\b`), score: 0.9, anchor: PERSON_WORDS },
  {
    pattern: new RegExp(`\\b(?:get|have|need|want)\\s+${QUALIFIER}(?:human|person|agent|representative|rep|someone|somebody|staff member|member of staff)\\s+(?:to\\s+)?(?:look|review|check|handle|deal|sort|go over|help)\\b|\\b(?:assistance|help|support)\\s+from\\s+${QUALIFIER}${PEOPLE}\\b`),
    score: 0.9,
    anchor: PERSON_WORDS,
  },
  // "can a member of staff do it please", "could someone sort this out"
  {
    pattern: new RegExp(`\\b(?:can|could|would|will)\\s+${QUALIFIER}${PEOPLE}\\s+(?:please\\s+)?(?:do|sort|handle|fix|change|look at|look into|check|deal with|help)\\b`),
    score: 0.9,
    anchor: PERSON_WORDS,
  },
  // "anyone human there?", "somebody real"
  { pattern: /\b(?:anyone|anybody|someone|somebody)\s+(?:human|real|alive)\b/, score: 0.9, anchor: ['anyone', 'anybody', 'someone', 'somebody'] },
  // "who can I speak to?", "who is your supervisor?"
  // (not "who do I contact about…", which asks where to turn and the AI can answer)
  { pattern: /\bwho\s+(?:can|could)\s+(?:i|we)\s+(?:speak|talk|chat)\s*(?:to|with)?\s*(?:now|instead)?\s*[?]?\s*$|\bwho(?:'s| is)\s+(?:your|ur|the)\s+(?:manager|supervisor|boss)\b|\bwho(?:'s| is) in charge\b/, score: 0.9, anchor: ['who'] },
  // "direct me to an operator", "can you direct to me an agent"
  { pattern: new RegExp(`\\b(?:direct|refer)\\s+(?:me\\s+to|to\\s+me)\\s+${QUALIFIER}${PEOPLE}\\b`), score: 1, anchor: PERSON_WORDS },
  // "get me a human", "give me someone"
  { pattern: new RegExp(`\\b(?:get|give|find|bring|send)\\s+me\\s+${QUALIFIER}${PEOPLE}\\b`), score: 1, anchor: PERSON_WORDS },
  // "I want a human", "need an agent", "asking for a manager"
  {
    pattern: new RegExp(`\\b(?:want|wanna|need|(?:would|'d) like|prefer|request|requesting|demand|ask for|asking for)\\s+${QUALIFIER}${PEOPLE}\\b`),
    score: 1,
    anchor: PERSON_WORDS,
  },
  // "human please", "agent now"
  { pattern: /\b(?:human|person|agent|representative|rep|operator|manager|supervisor)\s+(?:(?:support|service|agent|help|assistance)\s+)?(?:please|pls|plz|now|asap)\b/, score: 1, anchor: PERSON_WORDS },
  // a message that is only the word: "human", "Agent!", "representative please"
  {
    pattern:
      /^\s*(?:(?:request|requesting|need|want)\s*:?\s*)?(?:an?\s+)?(?:(?:human|live|real)\s+)?(?:human|agent|person|representative|rep|operator|manager|supervisor|customer (?:service|support|care)(?:\s+(?:rep|representative|agent|team|person))?|(?:human|live) (?:support|help|agent|assistance))(?:\s+(?:agent|human|person|representative|rep|operator))*\s*[!.?]*\s*$/,
    score: 1,
    anchor: PERSON_WORDS,
  },
  // "is there a human", "is anyone there"
  { pattern: /\bis (?:there|anyone|anybody|someone|somebody)\b.{0,30}\b(?:human|person|real|alive)\b/, score: 0.9, anchor: ['human', 'person', 'real', 'alive'] },
  // "stop the bot", "I'm tired of this robot", "a person, not a bot"
  { pattern: /\b(?:stop|enough|tired of|sick of|done with|hate|not|no more)\s+(?:(?:this|the|a|another|your)\s+)?(?:stupid\s+|useless\s+)?(?:bot|robot|chatbot|machine|automated)\b/, score: 0.9, anchor: ['bot', 'robot', 'chatbot', 'machine', 'automated'] },
  // "I don't want to chat with AI", "not interested in talking to a bot", "not comfortable with an automated system"
  {
    pattern: new RegExp(
      `\\b(?:don't|do not|dont|not|rather not|no longer)\\s+(?:\\w+\\s+){0,3}?(?:${CONTACT_VERB}|deal(?:ing)?|sort(?:ing)?(?: this| it)? out)\\s+(?:(?:to|with)\\s+)?(?:(?:a|an|the|this|your|some)\\s+)?(?:ai|bot|robot|chatbot|machine|automated (?:system|assistant|service)|assistant|computer)\\b`,
    ),
    score: 0.9,
    anchor: ['bot', 'robot', 'chatbot', 'machine', 'automated', 'ai', 'assistant', 'computer'],
  },
  // "call me back", "can someone call me"
  { pattern: /\b(?:call|phone|ring)\s+me(?:\s+back)?\b|\bcall ?back\b/, score: 0.9, anchor: ['call', 'callback', 'phone', 'ring'] },
  // "is there a human I can chat with" (however "there" is spelled), "do you have someone I could speak to"
  {
    pattern: new RegExp(
      `\\b(?:(?:is|are)\\s+\\S+|have|got)\\s+${QUALIFIER}${PEOPLE}\\s+(?:that\\s+|who\\s+)?(?:i|we)\\s+(?:can|could|may|might)\\s+(?:\\w+ly\\s+)?${CONTACT_VERB}\\b`,
    ),
    score: 0.9,
    anchor: PERSON_WORDS,
  },
];

/** No pattern beats this: the first clause that reaches it decides. */
const TOP_SCORE = Math.max(...PATTERNS.map(({ score }) => score));

/** Each anchor word, with the patterns it anchors as bits (pattern i: bit i). */
const ANCHORS = new Map<string, number>();
PATTERNS.forEach(({ anchor }, i) => {
  for (const word of anchor) ANCHORS.set(word, (ANCHORS.get(word) ?? 0) | (1 << i));
});
/** Any anchor word. */
const MENTIONS = new RegExp(`\\b(?:${[...ANCHORS.keys()].join('|')})\\b`);
const ALL_MENTIONS = new RegExp(MENTIONS.source, 'g');

/** The customer saying they do not want a person: "I don't need a human, just tell me…". */
const DECLINED = new RegExp(
  `\\b(?:don'?t|do not|doesn'?t|does not|not|never|rather not)\\s+(?:really\\s+)?(?:need|want|wanna|require|asking for|looking for)\\s+(?:to\\s+${CONTACT_VERB}\\s+(?:to|with)\\s+)?${QUALIFIER}${PEOPLE}\\b|\\bno need (?:for|to)\\b|\\b(?:don'?t|do not|dont|never|no need to)\\s+(?:call|phone|ring|contact)\\s+(?:me|us)\\b`,
);

/** Asking whether a person is needed is not asking for one: "Do I need to speak to a representative to…?" */
const ASKS_WHETHER = /^\s*(?:should|do|does|must|would) (?:i|we|you) (?:need to |have to )?(?:contact|call|speak|talk|reach|go)\b/;

/** Common misspellings, folded onto the words the patterns look for. */
const VOCABULARY = [
  'talk', 'talking', 'speak', 'speaking', 'chat', 'chatting', 'contact', 'contacting', 'human', 'person', 'agent',
  'operator', 'assistant', 'representative', 'someone', 'somebody', 'customer', 'service', 'support', 'manager',
  'supervisor', 'transfer', 'connect', 'with', 'please', 'people', 'calling', 'direct', 'there', 'anyone', 'real',
];
/** Misspellings too short for the one-edit rule. */
const SHORT_TYPOS: Record<string, string> = {
  wth: 'with', wiht: 'with', w: 'with', u: 'you', ppl: 'people', spk: 'speak', tlk: 'talk', hooman: 'human', hoomans: 'humans',
  sumone: 'someone', thru: 'through',
};
/** Real words one typo away from a vocabulary word: never corrected. */
const KEEP = new Set(['that', 'what', 'chap', 'hat', 'than', 'then', 'pages', 'page', 'agents', 'wit', 'witch', 'cat', 'urgent', 'parson', 'manage', 'manages', 'service', 'serviced', 'custom', 'support',
  // one edit from "there", "anyone" or "real"
  'three', 'where', 'here', 'these', 'theme', 'anyon', 'read', 'seal', 'deal', 'meal', 'reel', 'rea', 'really', 'teal', 'heal', 'zeal', 'veal', 'realm', 'ream']);

/**
 * Every word that `correct` may change or whose correction may hold an anchor word: the short typos, "to" glued to a vocabulary word, every
 * word one edit from one, and the anchor words themselves. A word with an apostrophe may hold an anchor word too
 * ("agent's"), and is always looked up.
 */
const MAY_CORRECT_WORDS = [
  ...Object.keys(SHORT_TYPOS),
  ...VOCABULARY.flatMap((word) => [`to${word}`, ...oneEditAway(word)]),
  ...ANCHORS.keys(),
].filter((word) => /^[a-z']+$/.test(word));
/** Longer words all share one length in `wordKey`: none of them is in MAY_CORRECT_WORDS. */
const LONGEST = Math.max(...MAY_CORRECT_WORDS.map((word) => word.length)) + 1;

function letterIndex(code: number): number {
  return code === 39 ? 26 : code - 97;
}

/** A word (a run of `[a-z']`) as a number: its length, first two letters and last letter. */
function wordKey(text: string, start: number, end: number): number {
  const length = Math.min(end - start, LONGEST);
  const first = letterIndex(text.charCodeAt(start));
  const second = end - start > 1 ? letterIndex(text.charCodeAt(start + 1)) : 27;
  return ((length * 28 + first) * 28 + second) * 28 + letterIndex(text.charCodeAt(end - 1));
}

/** The keys of MAY_CORRECT_WORDS. In customers' messages about one word in eight shares a key with one. */
const MAY_CORRECT = new Uint8Array((LONGEST + 1) * 28 ** 3);
for (const word of MAY_CORRECT_WORDS) MAY_CORRECT[wordKey(word, 0, word.length)] = 1;

interface Correction {
  text: string;
  /** `text` holds an anchor word (see MENTIONS). */
  mentions: boolean;
}

/** Corrections already worked out: customers reuse the same few thousand words, so this stays small. */
const corrected = new Map<string, Correction>();

function correct(token: string): Correction {
  let result = corrected.get(token);
  if (result === undefined) {
    const text = correctUncached(token);
    result = { text, mentions: MENTIONS.test(text) };
    if (corrected.size >= 20_000) corrected.clear();
    corrected.set(token, result);
  }
  return result;
}

function correctUncached(token: string): string {
  const short = Object.hasOwn(SHORT_TYPOS, token) ? SHORT_TYPOS[token] : undefined;
  if (short) return short;
  // "tosomebody": a missing space after "to"
  if (token.startsWith('to') && VOCABULARY.includes(token.slice(2))) return `to ${token.slice(2)}`;
  if (token.length < 4 || KEEP.has(token) || VOCABULARY.includes(token)) return token;
  return VOCABULARY.find((word) => word.length >= 4 && withinOneEdit(token, word)) ?? token;
}

interface Words {
  text: string;
  /**
   * `text` may hold an anchor word; if not, MENTIONS cannot match it even after spaces are collapsed. An anchor word
   * is letters with a word boundary either side, and the characters around a word are never letters, so it lies
   * within one corrected word.
   */
  mentions: boolean;
  /** `/\s+/` may find more than a single space to replace. */
  uneven: boolean;
}

/**
 * The words (runs of `[a-z']`) of lower-case text through `correct`, in one pass over its characters: a replace
 * callback costs twice as much. Undefined if the text holds a quote still to fold, as folding changes the words.
 */
function correctWords(lower: string): Words | undefined {
  let out = '';
  let copied = 0;
  let start = -1;
  let apostrophe = false;
  let mentions = false;
  let uneven = false;
  for (let i = 0; i <= lower.length; i++) {
    // past the end, '!' ends the last word as any non-word character would
    const code = i < lower.length ? lower.charCodeAt(i) : 33;
    if ((code >= 97 && code <= 122) || code === 39) {
      if (start < 0) {
        start = i;
        apostrophe = false;
      }
      if (code === 39) apostrophe = true;
      continue;
    }
    // ` ‘ ’
    if (code === 96 || code === 0x2018 || code === 0x2019) return undefined;
    // tabs, line breaks, two spaces in a row; beyond ASCII, some characters are spaces too. (`i > 0`: one read before
    // the start has V8 recompile the loop for out-of-bounds reads, and every later read is slower.)
    if (code < 32 || code > 126 || (code === 32 && i > 0 && lower.charCodeAt(i - 1) === 32)) uneven = true;
    if (start >= 0 && (apostrophe || MAY_CORRECT[wordKey(lower, start, i)] === 1)) {
      const token = lower.slice(start, i);
      const fixed = correct(token);
      mentions ||= fixed.mentions;
      if (fixed.text !== token) {
        out += lower.slice(copied, start) + fixed.text;
        copied = i;
        // a correction is not checked for spaces
        uneven = true;
      }
    }
    start = -1;
  }
  return { text: copied === 0 ? lower : out + lower.slice(copied), mentions, uneven };
}

/** Chat spellings with digits ("2 speak 2 some1") and stretched letters ("humaaaan"), before the words are read. */
function unchat(lower: string): string {
  let text = lower;
  if (/\d/.test(text)) text = text.replace(/\b(?:some|sum)1\b/g, 'someone').replace(/\b(?:any|ne)1\b/g, 'anyone').replace(/(?<=[a-z] )2(?= [a-z])/g, 'to');
  if (/([a-z])\1\1/.test(text)) text = text.replace(/([a-z])\1{2,}/g, '$1');
  return text;
}

function normalize(text: string): Words {
  const lower = unchat(text.toLowerCase());
  // once folded, no quote is left
  const words = correctWords(lower) ?? correctWords(lower.replace(/[\u2018\u2019`]/g, "'"))!;
  // / \s+|[^\S ]\s*/ replaces what /\s+/ would, but leaves single spaces alone
  words.text = (words.uneven ? words.text.replace(/ \s+|[^\S ]\s*/g, ' ') : words.text).trim();
  return words;
}

export function normalizeForSignals(text: string): string {
  return normalize(text).text;
}

/** Clauses, so that "I don't need a bot, get me a human" is read as two wishes. */
function clauses(text: string): string[] {
  return text.split(/[.;!?,\n]+|\s(?:but|though|however)\s/).filter((c) => c.trim().length > 0);
}

export function detectHumanRequest(text: string): SignalResult {
  const { text: normalized, mentions } = normalize(text);
  if (!mentions) return NO_SIGNAL;
  let best = NO_SIGNAL;
  for (const clause of clauses(normalized)) {
    let anchored = 0;
    for (const word of clause.match(ALL_MENTIONS) ?? []) anchored |= ANCHORS.get(word)!;
    if (anchored === 0) continue;
    let found: SignalResult | undefined;
    for (const [i, { pattern, score }] of PATTERNS.entries()) {
      // a pattern that cannot beat the best so far cannot change the result
      if ((anchored & (1 << i)) === 0 || score <= (found ?? best).score) continue;
      const match = pattern.exec(clause);
      if (match) found = { score, evidence: [match[0].trim()] };
    }
    // declining or asking whether only matters for a clause that would count
    if (found && !DECLINED.test(clause) && !ASKS_WHETHER.test(clause)) {
      best = found;
      if (best.score >= TOP_SCORE) break;
    }
  }
  return best;
}
