import { NO_SIGNAL, type SignalResult } from './signal.ts';

/**
 * `human_requested`: the customer wants a person, in their own words and spelling. Missing one of these traps a
 * customer, so the patterns lean wide; the one exception is a customer saying they do NOT want a person.
 */

const PEOPLE =
  '(?:human(?: being| agent| person)?s?|person|people|agents?|representatives?|reps?|operators?|manager|supervisor|' +
  'someone|somebody|anyone|anybody|staff|employee|advis[eo]r|associate|assistant|specialist|consultant|' +
  'customer (?:service|support|care|assistance)(?: (?:agent|representative|rep|team|person))?|' +
  'support (?:agent|team|staff|person)|live (?:chat|support)|real one)';
const QUALIFIER = '(?:(?:a|an|some|the|your|any|one of (?:your|the))\\s+)?(?:(?:real|live|actual|human|physical|proper|bloody|damn|goddamn|god damn|fucking|freaking|effing|frigging)\\s+)*';
const CONTACT_VERB =
  '(?:talk|talking|speak|speaking|chat|chatting|converse|communicate|contact|contacting|reach|reaching|call|calling)';

interface Pattern {
  pattern: RegExp;
  score: number;
}

const PATTERNS: Pattern[] = [
  // "talk to a real person", "speak with an agent", "contact customer service"
  { pattern: new RegExp(`\\b${CONTACT_VERB}\\s+(?:(?:to|with|w)\\s+)?${QUALIFIER}${PEOPLE}\\b`), score: 1 },
  // "a real person", "live agent"
  { pattern: /\b(?:real|live|actual|physical)\s+(?:human|person|people|agent|representative|rep|operator|someone|somebody)\b/, score: 1 },
  // "connect me to an agent", "transfer me", "escalate this to a manager"
  {
    pattern: new RegExp(
      `\\b(?:connect|transfer|put|pass|forward|escalate|route|redirect|switch)\\s+(?:me|this|my (?:call|chat|case|request|issue|complaint))\\s+(?:(?:through\\s+)?(?:to|with|over to)\\s+)?${QUALIFIER}${PEOPLE}\\b`,
    ),
    score: 1,
  },
  { pattern: /\b(?:transfer|connect|escalate)\s+me\b/, score: 0.9 },
  // "direct me to an operator", "can you direct to me an agent"
  { pattern: new RegExp(`\\b(?:direct|refer)\\s+(?:me\\s+to|to\\s+me)\\s+${QUALIFIER}${PEOPLE}\\b`), score: 1 },
  // "get me a human", "give me someone"
  { pattern: new RegExp(`\\b(?:get|give|find|bring|send)\\s+me\\s+${QUALIFIER}${PEOPLE}\\b`), score: 1 },
  // "I want a human", "need an agent", "asking for a manager"
  {
    pattern: new RegExp(`\\b(?:want|wanna|need|(?:would|'d) like|prefer|request|requesting|demand|ask for|asking for)\\s+${QUALIFIER}${PEOPLE}\\b`),
    score: 1,
  },
  // "human please", "agent now"
  { pattern: /\b(?:human|person|agent|representative|operator|manager|supervisor)\s+(?:please|pls|plz|now|asap)\b/, score: 1 },
  // a message that is only the word: "human", "Agent!", "representative please"
  { pattern: /^\s*(?:an?\s+)?(?:human|agent|person|representative|rep|operator|manager|supervisor|customer service)\s*[!.?]*\s*$/, score: 1 },
  // "is there a human", "is anyone there"
  { pattern: /\bis (?:there|anyone|anybody|someone|somebody)\b.{0,30}\b(?:human|person|real|alive)\b/, score: 0.9 },
  // "stop the bot", "I'm tired of this robot", "a person, not a bot"
  { pattern: /\b(?:stop|enough|tired of|sick of|done with|hate|not|no more)\s+(?:(?:this|the|a|another|your)\s+)?(?:stupid\s+|useless\s+)?(?:bot|robot|chatbot|machine|automated)\b/, score: 0.9 },
  // "call me back", "can someone call me"
  { pattern: /\b(?:call|phone|ring)\s+me(?:\s+back)?\b|\bcall ?back\b/, score: 0.9 },
];

/** The customer saying they do not want a person: "I don't need a human, just tell me…". */
const DECLINED = new RegExp(
  `\\b(?:don'?t|do not|doesn'?t|does not|not|never|rather not)\\s+(?:really\\s+)?(?:need|want|wanna|require)\\s+(?:to\\s+${CONTACT_VERB}\\s+(?:to|with)\\s+)?${QUALIFIER}${PEOPLE}\\b|\\bno need (?:for|to)\\b`,
);

/** Asking whether a person is needed is not asking for one: "Do I need to speak to a representative to…?" */
const ASKS_WHETHER = /^\s*(?:should|do|does|must|would) (?:i|we|you) (?:need to |have to )?(?:contact|call|speak|talk|reach|go)\b/;

/** Common misspellings, folded onto the words the patterns look for. */
const VOCABULARY = [
  'talk', 'talking', 'speak', 'speaking', 'chat', 'chatting', 'contact', 'contacting', 'human', 'person', 'agent',
  'operator', 'assistant', 'representative', 'someone', 'somebody', 'customer', 'service', 'support', 'manager',
  'supervisor', 'transfer', 'connect', 'with', 'please', 'people', 'calling', 'direct',
];
/** Misspellings too short for the one-edit rule. */
const SHORT_TYPOS: Record<string, string> = { wth: 'with', wiht: 'with', w: 'with', u: 'you', ppl: 'people' };
/** Real words one typo away from a vocabulary word: never corrected. */
const KEEP = new Set(['that', 'what', 'chap', 'hat', 'than', 'then', 'pages', 'page', 'agents', 'wit', 'witch', 'cat', 'urgent', 'parson', 'manage', 'manages', 'service', 'serviced', 'custom', 'support']);

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const tailA = a.slice(i + 1);
  const tailB = b.slice(i + 1);
  if (a.length === b.length) {
    // substitution, or two adjacent letters swapped
    return tailA === tailB || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Corrections already worked out: customers reuse the same few thousand words, so this stays small. */
const corrected = new Map<string, string>();

function correct(token: string): string {
  let result = corrected.get(token);
  if (result === undefined) {
    result = correctUncached(token);
    if (corrected.size >= 20_000) corrected.clear();
    corrected.set(token, result);
  }
  return result;
}

function correctUncached(token: string): string {
  const short = SHORT_TYPOS[token];
  if (short) return short;
  // "tosomebody": a missing space after "to"
  if (token.startsWith('to') && VOCABULARY.includes(token.slice(2))) return `to ${token.slice(2)}`;
  if (token.length < 4 || KEEP.has(token) || VOCABULARY.includes(token)) return token;
  return VOCABULARY.find((word) => word.length >= 4 && withinOneEdit(token, word)) ?? token;
}

export function normalizeForSignals(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[a-z']+/g, (token) => correct(token))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Clauses, so that "I don't need a bot, get me a human" is read as two wishes. */
function clauses(text: string): string[] {
  return text.split(/[.;!?,\n]+|\s(?:but|though|however)\s/).filter((c) => c.trim().length > 0);
}

export function detectHumanRequest(text: string): SignalResult {
  let best = NO_SIGNAL;
  for (const clause of clauses(normalizeForSignals(text))) {
    if (DECLINED.test(clause) || ASKS_WHETHER.test(clause)) continue;
    for (const { pattern, score } of PATTERNS) {
      const match = pattern.exec(clause);
      if (match && score > best.score) best = { score, evidence: [match[0].trim()] };
    }
  }
  return best;
}
