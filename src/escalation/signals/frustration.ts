import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MessageMemo } from './message-memo.ts';
import { withinOneEdit } from './one-edit.ts';
import { NO_SIGNAL, type CustomerTurns, type SignalResult } from './signal.ts';

/**
 * `frustration`: the customer is angry or fed up, in their own words: insults and swearing at the company, shouting,
 * "useless", "ridiculous", waiting that nobody answers, the same failure again, demands ("Talk to a human now"),
 * sarcasm, and sentiment that sinks over the conversation. Enthusiasm ("LOVE IT!!!") shouts too, so shouting and "!!!"
 * only count in a message that is not positive, and swearing only counts aimed at the company or with other anger
 * ("my goddamn password" is a request).
 *
 * How: a message is read once into tokens in a canonical spelling (chat spellings and typos folded), with VADER's
 * lexicon valence per word (adjusted for support talk), clauses that ask or suppose, sarcasm and praise. Patterns
 * over the canonical text give cues, each weighed by its context; a message's cues add up (1 - Π(1 - s)) and count
 * from a floor up; the conversation's messages add up too, older ones fading, and a sentiment drop to the latest
 * message adds its own share.
 *
 * This file also holds that reading, which complaint.ts shares: both detectors run on every customer message, and
 * each message is read once however often the conversation is re-read.
 */


// ---------------------------------------------------------------------------------------------------------------
// Word valence: VADER's lexicon, word by word

/**
 * Lexicon values that mislead on customers' messages: brands and request words the lexicon calls positive ("United",
 * "help", "please", "like" in "I'd like"), factual words of routine requests it calls strongly negative ("problem",
 * "lost" card, "penalty", "fraud"), swearing used as an intensifier, and words it lacks.
 */
const VALENCE_OVERRIDES: Record<string, number> = {
  united: 0, delta: 0, hand: 0, po: 0, foe: 0, wrong: -0.8, incorrect: -0.5, true: 0, vip: 0, l: 0, help: 0, please: 0, like: 0, want: 0, care: 0, cares: 0,
  well: 0, yes: 0, yeah: 0, ok: 0, okay: 0, sure: 0, kind: 0, free: 0.5, urgent: 0, apple: 0, amazon: 0, virgin: 0,
  lol: 0.3, lmao: 0.3, haha: 0.8, unbelievable: 0, kidding: 0, joke: -1.8, jokes: -1.8, insane: 0, crazy: 0, sick: 0,
  fire: 0, killing: 0, killer: 0, wicked: 0, bomb: 0,
  problem: -0.6, problems: -0.6, trouble: -0.6, troubles: -0.6, lost: -0.6, forgotten: 0, penalty: -0.3,
  penalties: -0.3, fraud: -0.8, stolen: -0.8, hacked: -0.8, emergency: -0.5, cancel: 0, cancelled: -0.3,
  canceled: -0.3, no: -0.4, sorry: 0, complaint: -0.8, complain: -0.8, claim: 0, charged: 0, declined: 0,
  damn: -0.8, goddamn: -0.8, bloody: -0.4, hell: -1.5, fucking: 0, freaking: 0, effing: 0, frigging: 0,
  kill: -1.5, dead: -1.5, die: -1.2, died: -1.2, dies: -1.2,
  trash: -2, garbage: -2, rubbish: -2, disgraceful: -2.6, shambles: -2.2, nightmare: -2.2, ripoff: -2.5,
  scammed: -2.5, robbery: -2, shady: -1.6, hassle: -1.3, headache: -1.3, unreliable: -1.8, absurd: -1.8,
  clowns: -1.8, crappy: -2.2, shitty: -2.5, sucks: -2.2, bullshit: -2.6, appalled: -2.2, appalling: -2.3,
  unacceptable: -2.4, ridiculous: -2.0, useless: -2.2, pathetic: -2.6, atrocious: -2.8, abysmal: -2.8,
  horrendous: -2.8, dreadful: -2.4, lousy: -2, incompetent: -2.3, disrespectful: -2.2, overcharged: -1.8,
  delayed: -0.9, late: -0.6, broken: -1.5, damaged: -1.3, faulty: -1.5, defective: -1.5, rude: -2.2,
  // neutral in support requests, though the lexicon rates them
  top: 0, support: 0, supported: 0, supports: 0, credit: 0, credited: 0, accept: 0, accepted: 0, accepting: 0,
  accepts: 0, create: 0, creating: 0, beneficiary: 0, friend: 0, friends: 0, restore: 0, restoring: 0, freeman: 0,
  number: 0, withdrawal: 0, reach: 0, reached: 0, reaches: 0, reaching: 0, certain: 0, certainly: 0, allow: 0,
  definitely: 0, swift: 0, solve: 0, solving: 0, resolve: 0, holiday: 0, freeze: 0, guarantee: 0, giving: 0,
  clear: 0, cleared: 0, clearly: 0, interested: 0, progress: 0, pretty: 0, important: 0, security: 0, secure: 0,
  impression: 0, matter: 0, play: 0, active: 0, increase: 0, increased: 0, prevent: 0, determined: 0, truly: 0,
  wd: 0, treat: 0, treated: 0, hope: 0.5, hoping: 0.5, wish: 0, fine: 0.3, leave: 0, pay: 0, stop: -0.3,
  block: -0.5, blocked: -0.5, charges: 0, error: -1, errors: -1, mistake: -0.8, rejected: -1, rejecting: -1,
  dispute: -0.5, denied: -1, customer: 0, save: 0, gift: 0, reward: 0, rewards: 0, bonus: 0, offer: 0, deal: 0,
  promise: 0, promised: 0, honor: 0, favor: 0, favour: 0, loyalty: 0.5, loyal: 0.5, trust: 0.5, played: 0,
  // praise the lexicon lacks
  smooth: 1.8, seamless: 2, painless: 1.8, effortless: 1.8, spotless: 1.8, speedy: 1.5, promptly: 1.5, quick: 1.2,
  quickly: 1, fast: 1.2, comfy: 2, legend: 2.2, gem: 2.2, incredible: 2.8, unreal: 1.5, lifesaver: 2.5, mvp: 2,
  fixed: 1, solved: 1, sorted: 1, resolved: 1, early: 1, superstar: 2.5, slaps: 1.5, obsessed: 1.5, stellar: 2.5, flawless: 2.5, phenomenal: 2.8, brill: 2, warranty: 0, safe: 0, protection: 0, easy: 0.8, win: 0, fan: 0, party: 0,
};

/**
 * VADER's lexicon (vader-sentiment's vader_lexicon.txt: a word, its mean valence, …), read once. Looking a word up is
 * what scoring it alone with the library gives (checked over the whole lexicon: only multi-character emoticons and
 * phrases differ, and neither is ever a word here), at a fraction of the cost on a word first met.
 */
const LEXICON: ReadonlyMap<string, number> = (() => {
  const file = createRequire(import.meta.url).resolve('vader-sentiment/vader_lexicon.txt');
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) lexicon.set(line.slice(0, tab), Number(line.slice(tab + 1, line.indexOf('\t', tab + 1))));
  }
  return lexicon;
})();

function lexiconValence(word: string): number {
  return LEXICON.get(word) ?? 0;
}

const valences = new Map<string, number>();

/** A lower-case word's valence (-4..4), 0 for words the lexicon does not know. */
function wordValence(word: string): number {
  let valence = valences.get(word);
  if (valence === undefined) {
    valence = Object.hasOwn(VALENCE_OVERRIDES, word) ? VALENCE_OVERRIDES[word]! : lexiconValence(word);
    if (valences.size >= 50_000) valences.clear();
    valences.set(word, valence);
  }
  return valence;
}

const EMOJI_VALENCE: Record<string, number> = {
  '😡': -2.8, '🤬': -3, '😠': -2.5, '😤': -2, '🙄': -1.5, '😒': -1.5, '😑': -1, '😞': -2, '😔': -1.8, '😢': -2,
  '😭': -2, '☹': -2, '🙁': -1.8, '😩': -2, '😫': -2, '🤦': -1.5, '👎': -2, '💩': -2, '😣': -1.5, '😖': -1.8,
  '😊': 2, '😀': 2, '😃': 2, '😄': 2, '😁': 2, '🙂': 1.2, '😍': 2.8, '🥰': 2.8, '❤': 2.5, '♥': 2.5, '💕': 2.5,
  '💖': 2.5, '💙': 2.5, '💜': 2.5, '👍': 1.8, '🙌': 2, '👏': 2, '🎉': 2.5, '🔥': 1.5, '✨': 1.5, '💯': 1.8,
  '😎': 1.5, '🙏': 1.2, '🥳': 2.5, '😘': 2.5, '🤩': 2.8, '😂': 0.5, '🤣': 0.5, '🍕': 0,
};

/** Emoticons by valence; emoji and emoticons are tokens of their own. */
const EMOTICON_VALENCE: Record<string, number> = {
  ':(': -1.9, ':-(': -1.9, ":'(": -2.2, ':/': -1.4, ':-/': -1.4, '>:(': -2.7, ':@': -2.5, '-_-': -1.2, ':|': -0.5,
  '</3': -3, ':)': 2, ':-)': 2, ':d': 2.3, ';)': 1, ';-)': 1, '<3': 2.5, ':p': 1, 'xd': 2,
};

/**
 * Words of things going wrong, each a weak sign: a complaint tells what failed, and a routine request names at most
 * one of them ("I have a problem with my lost password").
 */
const FAILURE_WEIGHTS = new Map<string, number>(Object.entries({
  // lost, damaged, broken
  vanished: 0.3, vanish: 0.3, disappeared: 0.3, disappear: 0.25, disappears: 0.3, wiped: 0.3, erased: 0.3,
  deleted: 0.2, misplaced: 0.3, swapped: 0.3, mixup: 0.3, skipped: 0.3, skips: 0.3, eats: 0.2, corrupted: 0.35,
  corrupt: 0.3, cracked: 0.3, shattered: 0.3, leaked: 0.3, shrank: 0.3, frayed: 0.3, bent: 0.25, warped: 0.3,
  chipped: 0.3, smashed: 0.3, crushed: 0.3, tear: 0.25, scratches: 0.3, dent: 0.25, stains: 0.3, mould: 0.3, mold: 0.3,
  flickering: 0.3, flickers: 0.3, stank: 0.3, spilled: 0.25, spilt: 0.25, overcrowded: 0.3, understaffed: 0.35, rusted: 0.3, rusty: 0.3, moldy: 0.35, mouldy: 0.35, rotten: 0.35,
  spoiled: 0.3, lukewarm: 0.25, melted: 0.25, noisy: 0.25, clicking: 0.2, rattling: 0.25, squeaking: 0.25,
  lagging: 0.3, laggy: 0.3, lag: 0.25, unplayable: 0.4, unresponsive: 0.3, freezes: 0.3, offline: 0.2,
  blacked: 0.3, drops: 0.2, sluggish: 0.3, blurry: 0.2, malfunction: 0.35, malfunctioning: 0.35, fault: 0.2,
  // service that failed
  overdue: 0.3, postponed: 0.2, bumped: 0.3, unresolved: 0.35, unreachable: 0.3, unavailable: 0.15, rejected: 0.2,
  surcharge: 0.25, pricey: 0.2, shameful: 0.4, shame: 0.3, disgrace: 0.4, inconsistent: 0.25, tasteless: 0.3,
  bland: 0.25, cardboard: 0.2, unhelpful: 0.4, claimed: 0.15, accused: 0.3, blamed: 0.3, threatened: 0.3,
  harassed: 0.35, harassing: 0.35, spammed: 0.3, hacked: 0.2, closing: 0.1,
  error: 0.3, errors: 0.3, glitch: 0.3, glitches: 0.3, glitchy: 0.3, glitching: 0.3, bug: 0.25, bugs: 0.25,
  buggy: 0.3, drift: 0.3, drifting: 0.3, scratched: 0.3, dented: 0.3, ripped: 0.3, torn: 0.3, stained: 0.3,
  leaking: 0.3, leaks: 0.3, missing: 0.3, stuck: 0.3, stranded: 0.35, deplaned: 0.3, delay: 0.3, delays: 0.3,
  delayed: 0.3, late: 0.25, overcharged: 0.4, lie: 0.3, lied: 0.35, lies: 0.3, lying: 0.3, liar: 0.35, liars: 0.35,
  excuse: 0.25, excuses: 0.3, mess: 0.3, messed: 0.3, filthy: 0.35, dirty: 0.3, gross: 0.3, rude: 0.4,
  ignored: 0.35, ignoring: 0.35, downhill: 0.35, worse: 0.3, worst: 0.4, broken: 0.3, broke: 0.3, failing: 0.3,
  failed: 0.25, fails: 0.3, failure: 0.3, crashed: 0.3, crashes: 0.3, crashing: 0.3, crash: 0.25, useless: 0.4,
  faulty: 0.3, defective: 0.3, damaged: 0.3, wrong: 0.2, incorrect: 0.2, outage: 0.3, outages: 0.3,
  disconnected: 0.25, dropped: 0.2, dropping: 0.25, canceled: 0.2, unreliable: 0.35, slow: 0.2, nobody: 0.2,
  never: 0.15, nothing: 0.15, problem: 0.15, problems: 0.15, issue: 0.15, issues: 0.2, trouble: 0.15,
  troubles: 0.15, lost: 0.15, unable: 0.15, waited: 0.2, waiting: 0.2, again: 0.2, still: 0.15, ruined: 0.35,
  scam: 0.4, overbooked: 0.35, spam: 0.25, cold: 0.15, stale: 0.3, expired: 0.25, hung: 0.2, refused: 0.3,
  denied: 0.2, declined: 0.15, frozen: 0.2, locked: 0.2, hidden: 0.2, disappointing: 0.4, unusable: 0.4,
  substituted: 0.3, substitutions: 0.25, random: 0.15, soggy: 0.3, greasy: 0.2, undercooked: 0.35, burnt: 0.3, raw: 0.15, cramped: 0.2, crowded: 0.2, smelly: 0.3,
  smelled: 0.2, stinks: 0.3, worthless: 0.4, yelled: 0.35, screaming: 0.25, screamed: 0.3, shouting: 0.25,
  snapped: 0.3, pilled: 0.3, peeling: 0.3, faded: 0.2, shrunk: 0.3, drains: 0.25, draining: 0.25, overpriced: 0.35,
  robbery: 0.4, pending: 0.2, unanswered: 0.4, banned: 0.25, suspended: 0.2, refusing: 0.3, refuses: 0.3,
  refuse: 0.25, unskippable: 0.3, slower: 0.3, freezing: 0.25, disconnects: 0.25, nightmare: 0.4, disaster: 0.4,
  chaos: 0.35, joke: 0.3, hassle: 0.3, headache: 0.3, waste: 0.35, wasted: 0.35, inconvenience: 0.3,
  inconvenienced: 0.35, misleading: 0.35, confusing: 0.2, complicated: 0.2, expensive: 0.15, stolen: 0.2,
  ridiculous: 0.4, unacceptable: 0.4, terrible: 0.4, horrible: 0.4, awful: 0.4, pathetic: 0.4,
}));

/** How much a word tells of something gone wrong (0: nothing). */
function failureWeight(word: string): number {
  return FAILURE_WEIGHTS.get(word) ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a message: tokens in a canonical form, clauses, sentiment, shouting

/** Chat spellings, folded so the patterns need one spelling. */
const SPELLINGS: Record<string, string> = {
  u: 'you', ya: 'you', yall: 'you', "y'all": 'you', ur: 'your', r: 'are', im: "i'm", ive: "i've", id: "i'd",
  dont: "don't", doesnt: "doesn't", didnt: "didn't", cant: "can't", wont: "won't", isnt: "isn't", wasnt: "wasn't",
  arent: "aren't", werent: "weren't", havent: "haven't", hasnt: "hasn't", hadnt: "hadn't", couldnt: "couldn't",
  wouldnt: "wouldn't", shouldnt: "shouldn't", aint: "ain't", thats: "that's", whats: "what's", wheres: "where's",
  its: "it's", youre: "you're", theyre: "they're", noone: 'no one', nobodys: "nobody's", thx: 'thanks', thnx: 'thanks',
  thanx: 'thanks', tks: 'thanks', pls: 'please', plz: 'please', ppl: 'people', bc: 'because', cuz: 'because',
  coz: 'because', hr: 'hour', hrs: 'hours', min: 'minute', mins: 'minutes', wk: 'week', wks: 'weeks', msg: 'message',
  pkg: 'package', rly: 'really', srsly: 'seriously', tmrw: 'tomorrow', '2day': 'today', '2nd': 'second',
  '3rd': 'third', '4th': 'fourth', '5th': 'fifth', cancelled: 'canceled', cancelling: 'canceling', wat: 'what',
  fuckin: 'fucking', fking: 'fucking', fkn: 'fucking', effin: 'effing', freakin: 'freaking', sux: 'sucks',
  reciept: 'receipt', recieved: 'received', recieve: 'receive', tho: 'though', gonna: 'going to', wanna: 'want to',
};

/**
 * Words the patterns look for, with typos one edit away folded onto them ("reclamagion", "complaiint", "ridiculus").
 * Only long words: short ones have real words one edit away.
 */
const VOCABULARY = [
  'complaint', 'complaints', 'complain', 'complaining', 'reclamation', 'unhappy', 'disappointed', 'disappointing',
  'dissatisfied', 'unacceptable', 'ridiculous', 'terrible', 'horrible', 'disgusting', 'disgraceful', 'appalling',
  'pathetic', 'useless', 'incompetent', 'unprofessional', 'frustrated', 'frustrating', 'answering', 'responding',
  'canceled', 'compensation', 'service', 'against', 'customer', 'consumer', 'experience', 'lodging', 'waiting',
  'nobody', 'refund', 'delayed', 'package', 'luggage', 'seriously', 'annoying', 'disconnected', 'organization',
  'business', 'company',
];
/** Real words one edit from a vocabulary word: never folded. */
const KEEP = new Set([
  'compliant', 'complains', 'writing', 'waiving', 'waiter', 'baiting', 'relayed', 'delayer', 'services', 'serviced',
  'servile', 'customs', 'consumes', 'consumed', 'refunds', 'packages', 'packaged', 'nobody', 'business',
]);
const SHORT_TYPOS: Record<string, string> = { clain: 'claim', cliam: 'claim', coaim: 'claim', calim: 'claim', claom: 'claim' };

/** Words that customers type without the space between them ("filea claim", "consumerclaim", "uwas"). */
const GLUED_PARTS = new Set([
  'a', 'an', 'to', 'u', 'i', 'my', 'the', 'your', 'ur', 'me', 'was', 'with', 'file', 'lodge', 'make', 'consumer',
  'customer', 'claim', 'complaint', 'reclamation', 'help', 'service',
]);

function unglued(word: string): string | undefined {
  for (let i = 1; i < word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (GLUED_PARTS.has(head) && GLUED_PARTS.has(tail)) return `${canonicalWord(head)} ${canonicalWord(tail)}`;
  }
  return undefined;
}

const canonicalWords = new Map<string, string>();

/** A lower-case word as the patterns spell it. */
function canonicalWord(word: string): string {
  let canonical = canonicalWords.get(word);
  if (canonical === undefined) {
    canonical = canonicalUncached(word);
    if (canonicalWords.size >= 50_000) canonicalWords.clear();
    canonicalWords.set(word, canonical);
  }
  return canonical;
}

function canonicalUncached(word: string): string {
  const spelled = Object.hasOwn(SPELLINGS, word) ? SPELLINGS[word]! : Object.hasOwn(SHORT_TYPOS, word) ? SHORT_TYPOS[word]! : undefined;
  if (spelled) return spelled;
  // "sooo", "pleaseeee": a run of three or more letters is emphasis
  if (/(.)\1\1/.test(word)) {
    const single = word.replace(/(.)\1+/g, '$1');
    if (VOCABULARY.includes(single) || wordValence(single) !== 0 || Object.hasOwn(SPELLINGS, single) || single.length <= 3) return canonicalWord(single);
    return canonicalWord(word.replace(/(.)\1\1+/g, '$1$1'));
  }
  if (word.length < 5 || KEEP.has(word) || VOCABULARY.includes(word) || wordValence(word) !== 0) return word;
  return VOCABULARY.find((known) => known.length >= 6 && withinOneEdit(word, known)) ?? unglued(word) ?? word;
}

export type TokenKind = 'word' | 'punct' | 'symbol' | 'mention' | 'hashtag';

export interface Token {
  kind: TokenKind;
  /** Its place among the message's tokens. */
  index: number;
  /** Where the token is in the message as written. */
  start: number;
  end: number;
  /** Lower case, chat spellings and typos folded; punctuation runs as one mark ("!!!" is "!"). */
  text: string;
  /** What the word is known for (see `Trait`), its lexicon valence and failure weight: looked up once per word. */
  traits: number;
  lexicon: number;
  failure: number;
  /** Its valence in this message (after negation, boosters, capitals, sarcasm). */
  valence: number;
  /** Written in capitals (two letters or more). */
  capitals: boolean;
  /** Repeated marks ("!!!": 3) or stretched letters ("sooo": 1). */
  emphasis: number;
}

export interface MessageReading {
  text: string;
  tokens: Token[];
  /** The tokens' canonical text joined by single spaces: what the patterns run on. */
  canonical: string;
  /** Where each token starts in `canonical`. */
  offsets: number[];
  /** Per token: starts a clause that is hypothetical ("if my flight is delayed") from that token on. */
  hypothetical: boolean[];
  /** Per token: in a clause that asks for information ("is there an outage?", "how do I report a lost bag"). */
  asking: boolean[];
  /** Like VADER's compound: -1 (angry) .. 1 (delighted), after sarcasm. */
  sentiment: number;
  /** Sum of positive and of negative word valences. */
  positive: number;
  negative: number;
  /** Mostly capitals: shouting, or enthusiasm. */
  shouting: boolean;
  /** Sarcasm markers (🙄, "#not", "thanks for nothing", "oh great"): praise words here do not count as praise. */
  sarcasm: Token[];
  /** Praise with no sarcasm: a failure mentioned here is told, not complained about ("home despite the delay, thanks"). */
  praising: boolean;
  /** Thanks with no sarcasm; thanks alone is manners, and often follows a complaint. */
  thanking: boolean;
  /**
   * Where a failure told first was then settled ("wrong item came but you refunded me instantly, thank you"): the
   * index of the "but" before the happy ending, or -1.
   */
  settledAt: number;
  /** The customer blames themselves ("ordered two by accident", "my mistake"): what went wrong is no grievance. */
  ownMistake: boolean;
  /** Each detector's verdict on this message alone, kept with it: a conversation is re-read every turn. */
  frustration?: MessageVerdict;
  /** The signs of anger found, for complaint.ts: anger is about something. */
  angerCues?: readonly Cue[];
  complaint?: MessageVerdict;
}

const NEGATORS = new Set([
  'not', 'no', 'never', "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "can't",
  'cannot', "couldn't", "wouldn't", "haven't", "hasn't", "hadn't", "ain't", "shouldn't", 'nothing', 'nobody',
  'none', 'without', 'neither', 'nor', 'hardly', 'barely',
]);
const BOOSTERS = new Set([
  'very', 'so', 'really', 'extremely', 'absolutely', 'completely', 'totally', 'utterly', 'incredibly', 'truly',
  'fucking', 'freaking', 'effing', 'frigging', 'bloody', 'damn', 'goddamn', 'super', 'such', 'most', 'too', 'beyond',
]);

const CONTRASTS = new Set(['but', 'though', 'however', 'although']);
const CLAUSE_ENDS = new Set(['.', '!', '?', '?!', ';', ',', ':', 'but', 'though', 'however', 'although']);
const HYPOTHETICAL_WORDS = new Set(['if', 'unless', 'whether', 'suppose', 'supposing', 'assuming', 'incase']);
const QUESTION_OPENERS = new Set([
  'is', 'are', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'shall', 'may',
  'might', 'has', 'have', 'had', 'am', 'any', 'what', 'which', 'when', 'who', 'where', 'how',
]);

const THANKS = new Set(['thanks', 'thank', 'thankyou', 'ty', 'cheers', 'appreciate', 'appreciated', 'grateful']);
/** Words that may start a sarcasm marker or a self-blame ("oh great", "thanks for nothing", "by mistake"). */
const SARCASM_WORDS = new Set([
  'great', 'fantastic', 'nice', 'perfect', 'awesome', 'lovely', 'brilliant', 'wonderful', 'cool', 'convenient', 'fun',
  'super', 'amazing', 'terrific', 'excellent', 'splendid', 'marvelous', 'love', 'loving', 'enjoy', 'enjoying', 'glad',
  'happy', 'yay', 'classic', 'typical', 'impressive', 'job', 'done', 'bravo', 'congrats', 'congratulations', 'thanks',
  'thank', 'oh', 'just', 'yeah', 'surprise', 'shocker', 'appreciate', 'appreciated', 'way', 'one', 'good', 'times',
  '#not', '#sarcasm', '🙄', '🙃', '😒',
]);
const MISTAKE_WORDS = new Set(['accident', 'mistake', 'accidentally', 'fault', 'bad', 'error', 'messed', 'screwed']);

/** What a word is known for, as bits: most questions about a token are then one look-up. */
export const Trait = {
  negator: 1,
  booster: 2,
  thanks: 4,
  contrast: 8,
  clauseEnd: 16,
  hypothetical: 32,
  questionOpener: 64,
  sarcasm: 128,
  mistake: 256,
  raised: 512,
  currency: 1024,
} as const;

function traitsOf(word: string): number {
  return (
    (NEGATORS.has(word) ? Trait.negator : 0) |
    (BOOSTERS.has(word) ? Trait.booster : 0) |
    (THANKS.has(word) ? Trait.thanks : 0) |
    (CONTRASTS.has(word) ? Trait.contrast : 0) |
    (CLAUSE_ENDS.has(word) ? Trait.clauseEnd : 0) |
    (HYPOTHETICAL_WORDS.has(word) ? Trait.hypothetical : 0) |
    (QUESTION_OPENERS.has(word) ? Trait.questionOpener : 0) |
    (SARCASM_WORDS.has(word) ? Trait.sarcasm : 0) |
    (MISTAKE_WORDS.has(word) ? Trait.mistake : 0) |
    (RAISED_WORDS.has(word) ? Trait.raised : 0) |
    (word === '$' || word === '£' || word === '€' ? Trait.currency : 0)
  );
}

const OWN_MISTAKE = /\b(?:by (?:accident|mistake)|accidentally|my (?:mistake|fault|bad|error)|i (?:messed|screwed) up|i made a mistake)\b/;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const EMOTICON = /(?:>?[:;=]'?-?[()/\\|@dDpP[\]]|<\/?3|-_-|xD)(?=$|[\s.,!?])/y;
const URL = /(?:https?:\/\/|www\.)\S*/y;

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code > 0xbf && code < 0x2000;
}

interface WordInfo {
  text: string;
  traits: number;
  lexicon: number;
  failure: number;
}

const infos = new Map<string, WordInfo>();

/** What is known of a canonical word (or mark), looked up once. */
function infoOf(text: string): WordInfo {
  let info = infos.get(text);
  if (info === undefined) {
    info = { text, traits: traitsOf(text), lexicon: /^[a-z]/.test(text) ? wordValence(text) : 0, failure: failureWeight(text) };
    if (infos.size >= 50_000) infos.clear();
    infos.set(text, info);
  }
  return info;
}

const rawInfos = new Map<string, WordInfo>();

/** What is known of a word as typed: its canonical form's info. */
function infoOfRaw(raw: string): WordInfo {
  let info = rawInfos.get(raw);
  if (info === undefined) {
    info = infoOf(canonicalWord(raw));
    if (rawInfos.size >= 50_000) rawInfos.clear();
    rawInfos.set(raw, info);
  }
  return info;
}

function push(tokens: Token[], kind: TokenKind, start: number, end: number, info: WordInfo, emphasis = 0, capitals = false): void {
  tokens.push({ kind, index: tokens.length, start, end, text: info.text, traits: info.traits, lexicon: info.lexicon, failure: info.failure, valence: 0, capitals, emphasis });
}

/** Letters of a message's words, and how many of them are capitals. */
interface Capitals {
  letters: number;
  capitals: number;
}

/** Tokens of a message, in one pass over its characters; capitals are counted on the way. */
function tokenize(text: string, lower: string, counts: Capitals): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = lower.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9 || code === 13) {
      i++;
      continue;
    }
    if ((code === 104 && lower.startsWith('http', i)) || (code === 119 && lower.startsWith('www.', i))) {
      // links say nothing about mood
      URL.lastIndex = i;
      if (URL.test(lower)) {
        i = URL.lastIndex;
        continue;
      }
    }
    if (isLetter(code) || code === 39 || code === 0x2019) {
      let end = i;
      let curly = false;
      let upper = 0;
      let letters = 0;
      while (end < text.length) {
        const c = lower.charCodeAt(end);
        if (isLetter(c)) {
          const written = text.charCodeAt(end);
          if (c >= 97 && c <= 122) {
            letters++;
            if (written !== c) upper++;
          }
          end++;
        } else if ((c === 39 || c === 0x2019) && end > i && end + 1 < text.length && isLetter(lower.charCodeAt(end + 1))) {
          // an apostrophe inside a word ("don't"); anything else ends it
          curly ||= c === 0x2019;
          end++;
        } else break;
      }
      if (end === i) {
        i++;
        continue;
      }
      const raw = curly ? lower.slice(i, end).replace(/\u2019/g, "'") : lower.slice(i, end);
      const capitals = letters >= 2 && upper === letters;
      // "3hrs", "40min": a number glued to its unit
      const glued = code >= 48 && code <= 57 ? /^(\d+)([a-z]+)$/.exec(raw) : null;
      if (glued && !/^(?:st|nd|rd|th|s|am|pm|k|x|g|gb|mb|p)$/.test(glued[2]!)) {
        const split = i + glued[1]!.length;
        push(tokens, 'word', i, split, infoOf(glued[1]!));
        push(tokens, 'word', split, end, infoOfRaw(glued[2]!), 0, capitals);
      } else {
        const info = infoOfRaw(raw);
        push(tokens, 'word', i, end, info, info.text.length < raw.length && /(.)\1\1/.test(raw) ? 1 : 0, capitals);
      }
      counts.capitals += upper;
      counts.letters += letters;
      i = end;
      continue;
    }
    if (code === 64 || code === 35) {
      // @brand, #hashtag
      let end = i + 1;
      while (end < text.length && (isLetter(lower.charCodeAt(end)) || lower.charCodeAt(end) === 95)) end++;
      if (end > i + 1) {
        if (code === 64) push(tokens, 'mention', i, end, infoOf('@'));
        else push(tokens, 'hashtag', i, end, infoOf(lower.slice(i, end)));
        i = end;
        continue;
      }
    }
    if (code === 33 || code === 63) {
      let end = i;
      let exclaims = false;
      let asks = false;
      while (end < text.length && (lower.charCodeAt(end) === 33 || lower.charCodeAt(end) === 63)) {
        if (lower.charCodeAt(end) === 33) exclaims = true;
        else asks = true;
        end++;
      }
      push(tokens, 'punct', i, end, infoOf(exclaims && asks ? '?!' : exclaims ? '!' : '?'), end - i);
      i = end;
      continue;
    }
    if (code === 58 || code === 59 || code === 61 || code === 60 || code === 62 || code === 45 || code === 120) {
      // :( ;) =D <3 >:( -_- xD
      EMOTICON.lastIndex = i;
      const emoticon = EMOTICON.exec(lower);
      if (emoticon && (i === 0 || !isLetter(lower.charCodeAt(i - 1)))) {
        push(tokens, 'symbol', i, EMOTICON.lastIndex, infoOf(emoticon[0]));
        i = EMOTICON.lastIndex;
        continue;
      }
    }
    if (code === 36 || code === 0xa3 || code === 0x20ac) {
      // $ £ €: money is often what a complaint is about
      push(tokens, 'punct', i, i + 1, infoOf(lower[i]!));
      i++;
      continue;
    }
    if (code === 46 || code === 44 || code === 59 || code === 58) {
      let end = i + 1;
      while (end < text.length && lower.charCodeAt(end) === code) end++;
      push(tokens, 'punct', i, end, infoOf(lower[i]!), end - i);
      i = end;
      continue;
    }
    if (code > 0x2000) {
      const point = lower.codePointAt(i)!;
      const width = point > 0xffff ? 2 : 1;
      const char = lower.slice(i, i + width);
      if (PICTOGRAPHIC.test(char)) push(tokens, 'symbol', i, i + width, infoOf(char));
      i += width;
      continue;
    }
    i++;
  }
  return tokens;
}

/** Hashtag words that carry a mood, found inside run-together tags ("#worstserviceever"). */
const HASHTAG_MOODS: [RegExp, number][] = [
  [/fail|worst|suck|disappoint|unacceptable|ripoff|scam|joke|awful|terrible|horrible|shame|angry|annoy|frustrat|boycott|neveragain|badservice|notimpressed|nothappy|useless|ridiculous|rude|fedup|sotired/, -2.2],
  [/love|best|thank|happy|awesome|great|amazing|favou?rite|impressed|excellent|perfect|win/, 2],
];

function hashtagValence(tag: string): number {
  const body = tag.slice(1);
  const direct = wordValence(body);
  if (direct !== 0) return direct;
  for (const [pattern, valence] of HASHTAG_MOODS) if (pattern.test(body)) return valence;
  return 0;
}

const SARCASM_MARKERS =
  /(?:^| )(?:#not|#sarcasm|🙄|🙃|😒|yeah right|oh (?:great|joy|good|wonderful|perfect|lovely|brilliant)|just (?:great|perfect|wonderful|brilliant|lovely|fantastic)|just what i (?:needed|wanted)|what a surprise|surprise surprise|shocker|thanks for nothing|thanks a lot (?:for (?:nothing|\w+ing)|[@#.!]|$)|thank you (?:so much )?for (?:nothing|losing|ruining|breaking|canceling|delaying|wasting|ignoring|charging|overcharging|leaving|stranding|hanging up|making me wait|keeping me)|thanks (?:so much |again )?for (?:losing|ruining|breaking|canceling|delaying|wasting|ignoring|charging|overcharging|leaving|stranding|hanging up|making me wait|keeping me)|(?:love|loving|enjoy|enjoying|glad|happy|great|nice) (?:how|that|the way|when) (?:you|your|i|my|we|the|they|it)\b.*\b(?:canceled|delayed|late|lost|broken|charged|blame|blamed|waiting|on hold|stuck|missing|down|crash\w*|ignore\w*|wait \d+)\b|so glad i (?:paid|waited|spent|chose|bought|booked)|(?:great|awesome|perfect|fantastic|wonderful|brilliant|lovely|nice|cool|terrific|super|excellent) (?:[,.!] )+(?:another|more|again|now (?:i|my|the|it)|so now|no|nothing|still|just what)|way to go|good job|well done|nice one|bravo|really appreciate it|much appreciated)(?![a-z])/;

/**
 * Whether praise words are sarcasm: a marker that is sarcastic on its own (🙄, "#not", "thanks for nothing"), or a
 * congratulation that only reads as sarcasm next to a failure ("good job", "really appreciate it").
 */
const SARCASTIC_ALONE = /#not|#sarcasm|🙄|🙃|😒|yeah right|oh |just (?:great|perfect|wonderful|brilliant|lovely|fantastic|what)|surprise|shocker|nothing|for (?:losing|ruining|breaking|canceling|delaying|wasting|ignoring|charging|overcharging|leaving|stranding|hanging|making|keeping)|how|that|the way|when|so glad|another|more|again|now|no|still/;
const FAILED_ACTION = /\b(?:didn't|doesn't|won't|can't|couldn't|wasn't|isn't)\b/;

/** A happy word closing a message about a failure: "…going back to JFK. fantastic", "…physical damage. nice". */
const SARCASTIC_ENDING =
  /[.!,;] (?:(?:oh|just|so|how|really|very|well|great|thanks|thank you) )?(?:great|fantastic|nice|perfect|awesome|lovely|brilliant|wonderful|cool|convenient|fun|super|amazing|terrific|excellent|splendid|marvelous|love it|love this|good times|yay|classic|typical|impressive|great job|good job|well done|nice one|bravo|congrats|congratulations)(?: [@#][^ ]*| [.!]| [\u{1F300}-\u{1FAFF}\u2600-\u27BF][^ ]*)*$/u;

/** Whether the text before `end` (in `canonical`) names something gone wrong. */
function namesFailure(reading: { tokens: Token[]; offsets: number[] }, end: number): boolean {
  for (let i = 0; i < reading.tokens.length && reading.offsets[i]! < end; i++) {
    const token = reading.tokens[i]!;
    if (token.kind === 'word' && (token.failure >= 0.25 || token.lexicon <= -1.5)) return true;
  }
  return false;
}

function findSarcasm(reading: { canonical: string; tokens: Token[]; offsets: number[] }): Token[] {
  const ending = SARCASTIC_ENDING.exec(reading.canonical);
  if (ending && (namesFailure(reading, ending.index) || FAILED_ACTION.test(reading.canonical.slice(0, ending.index)))) {
    return tokensIn(reading, ending.index + 2, reading.canonical.length).filter((t) => t.kind === 'word');
  }
  const match = SARCASM_MARKERS.exec(reading.canonical);
  if (!match) return [];
  const marker = match[0].trim();
  if (!SARCASTIC_ALONE.test(marker) && !namesFailure(reading, reading.canonical.length)) return [];
  const start = match.index + (match[0].length - match[0].trimStart().length);
  return tokensIn(reading, start, start + marker.length);
}

/** The index of the token at `canonical[offset]` (or the next one). */
function tokenAt(reading: { offsets: number[] }, offset: number): number {
  let i = 0;
  while (i + 1 < reading.offsets.length && reading.offsets[i + 1]! <= offset) i++;
  return i;
}

/** The tokens covering `canonical[from, to)`. */
function tokensIn(reading: { tokens: Token[]; offsets: number[] }, from: number, to: number): Token[] {
  const covered: Token[] = [];
  for (let i = 0; i < reading.tokens.length; i++) {
    const start = reading.offsets[i]!;
    const end = start + reading.tokens[i]!.text.length;
    if (end > from && start < to) covered.push(reading.tokens[i]!);
    else if (start >= to) break;
  }
  return covered;
}

/** The customer's own words for a stretch of tokens, exactly as written. */
export function quote(reading: MessageReading, tokens: readonly Token[]): string {
  if (tokens.length === 0) return '';
  return reading.text.slice(tokens[0]!.start, tokens.at(-1)!.end);
}

/**
 * A message read once: both detectors read every recent message on every turn, so readings are kept by text. Each
 * reading holds its tokens, so fewer are kept than the other detectors keep.
 */
const readings = new MessageMemo<MessageReading>(4_096);

export function readMessage(text: string): MessageReading {
  return readings.get(text, readUncached);
}

function readUncached(text: string): MessageReading {
  let lower = text.toLowerCase();
  // offsets must match the message as written; a rare character that changes length in lower case is left as is
  if (lower.length !== text.length) lower = [...text].map((c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
  const counts: Capitals = { letters: 0, capitals: 0 };
  const tokens = tokenize(text, lower, counts);

  let canonical = '';
  const offsets: number[] = [];
  for (const token of tokens) {
    if (canonical.length > 0) canonical += ' ';
    offsets.push(canonical.length);
    canonical += token.text;
  }
  const reading: MessageReading = {
    text, tokens, canonical, offsets, hypothetical: [], asking: [], sentiment: 0, positive: 0, negative: 0,
    shouting: false, sarcasm: [], praising: false, thanking: false, settledAt: -1,
    ownMistake: false,
  };

  // capitals: over letters of words, not of @brands or #tags
  reading.shouting = counts.capitals >= 10 && counts.capitals / counts.letters >= 0.7;

  let seen = 0;
  for (const token of tokens) seen |= token.traits;
  markClauses(reading);
  reading.ownMistake = (seen & Trait.mistake) !== 0 && OWN_MISTAKE.test(reading.canonical);
  reading.sarcasm = (seen & Trait.sarcasm) !== 0 ? findSarcasm(reading) : [];
  scoreSentiment(reading);
  return reading;
}

/** Openers of a request for information without a question mark ("how do I report a lost bag"). */
const ASKS_FOR_INFORMATION =
  /^(?:(?:@ )*(?:hi|hello|hey) )?(?:how (?:do|can|to|should|would|could) i|can (?:you|i) (?:tell|help|show|check|see)|i (?:want|need|would like|'d like) to (?:know|ask|check|see|find out))\b/;
const INFORMATION_OPENERS = new Set(['@', 'hi', 'hello', 'hey', 'how', 'can', 'i']);

function markClauses(reading: MessageReading): void {
  const { tokens } = reading;
  const hypothetical = (reading.hypothetical = new Array<boolean>(tokens.length).fill(false));
  const asking = (reading.asking = new Array<boolean>(tokens.length).fill(false));
  let clauseStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const token = tokens[i];
    if (token !== undefined && (token.traits & Trait.clauseEnd) === 0) continue;
    // a clause is [clauseStart, i)
    let first = clauseStart;
    while (first < i && tokens[first]!.kind !== 'word') first++;
    const asksQuestion = token?.text === '?' || token?.text === '?!';
    const asksForInformation =
      (asksQuestion && first < i && (tokens[first]!.traits & Trait.questionOpener) !== 0) ||
      (clauseStart < i &&
        INFORMATION_OPENERS.has(tokens[clauseStart]!.text) &&
        ASKS_FOR_INFORMATION.test(reading.canonical.slice(reading.offsets[clauseStart], token ? reading.offsets[i] : undefined)));
    let inHypothesis = false;
    for (let j = clauseStart; j < i; j++) {
      const word = tokens[j]!;
      if ((word.traits & Trait.hypothetical) !== 0 || (word.text === 'case' && tokens[j - 1]?.text === 'in')) inHypothesis = true;
      hypothetical[j] = inHypothesis;
      asking[j] = asksForInformation;
    }
    clauseStart = i + 1;
  }
}

/**
 * VADER's scoring, on these tokens: a negation within three words flips and damps a word, a booster or capitals
 * strengthen it, "but" weighs what follows. Sarcastic praise counts as blame.
 */
function scoreSentiment(reading: MessageReading): void {
  const { tokens } = reading;
  const sarcastic = reading.sarcasm.length > 0;
  const mixedCase = !reading.shouting;
  let butAt = -1;
  for (let i = 0; i < tokens.length; i++) if ((tokens[i]!.traits & Trait.contrast) !== 0) butAt = i;
  let sum = 0;
  let positive = 0;
  let negative = 0;
  let praise = 0;
  let praiseBeforeBut = 0;
  let negativeAfterBut = 0;
  let thanks = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let valence =
      token.kind === 'word' ? token.lexicon
      : token.kind === 'hashtag' ? hashtagValence(token.text)
      : token.kind === 'symbol' ? (EMOJI_VALENCE[token.text] ?? EMOTICON_VALENCE[token.text] ?? 0)
      : 0;
    if (valence === 0) continue;
    const sign = Math.sign(valence);
    if (token.capitals && mixedCase) valence += sign * 0.733;
    if (token.emphasis > 0 && token.kind === 'word') valence += sign * 0.3;
    const before = tokens[i - 1];
    if (before !== undefined && (before.traits & Trait.booster) !== 0) valence += sign * 0.293;
    for (let back = 1; back <= 3; back++) {
      const word = tokens[i - back];
      if (word === undefined || (word.traits & Trait.clauseEnd) !== 0) break;
      if ((word.traits & Trait.negator) !== 0 && !(word.text === 'no' && back > 1)) {
        valence *= -0.74;
        break;
      }
    }
    if (butAt >= 0) valence *= i < butAt ? 0.5 : i > butAt ? 1.5 : 1;
    if (sarcastic && valence > 0) valence = -valence * 0.5;
    token.valence = valence;
    sum += valence;
    if (valence > 0) positive += valence;
    else negative += valence;
    if (valence < 0 && i > butAt) negativeAfterBut += valence;
    // praise is a strongly positive word, not a negated complaint ("no accidents") or a mild one ("loyalty"), and
    // not one that a "but" takes back ("great crew but the flight was 3 hours late")
    if ((token.traits & Trait.thanks) !== 0) thanks = true;
    else if (valence > 0 && (token.kind === 'symbol' || token.lexicon >= 1.8)) {
      if (i < butAt) praiseBeforeBut += valence;
      else praise += valence;
    }
  }
  // exclamation marks strengthen whichever way the message leans
  let marks = 0;
  for (const token of tokens) if (token.text === '!' || token.text === '?!') marks += token.emphasis;
  sum += Math.sign(sum) * Math.min(marks, 4) * 0.292;
  reading.sentiment = sum / Math.sqrt(sum * sum + 15);
  reading.positive = positive;
  reading.negative = negative;
  if (negativeAfterBut > -1) praise += praiseBeforeBut;
  reading.praising = !sarcastic && praise >= 2 && praise > -negative;
  reading.thanking = !sarcastic && thanks;
  if (butAt >= 0 && !sarcastic) {
    let after = 0;
    for (let i = butAt + 1; i < tokens.length; i++) after += tokens[i]!.valence;
    if (after >= 1.5) reading.settledAt = butAt;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rules: patterns over the canonical text, each with the words it cannot match without

/**
 * How a rule's match counts in its context. `event`: a failure told ("my flight was canceled"), weak in a question,
 * a hypothesis or praise. `verdict`: the customer's judgement ("unacceptable", "I want to complain"), which stands
 * anywhere. `mood`: anger ("wtf", "I'm fed up"), damped by praise around it. `amplifier`: only strengthens other
 * signs, and never in a positive message ("!!!", a swear as intensifier).
 */
export type RuleKind = 'event' | 'verdict' | 'mood' | 'amplifier';

export interface Rule {
  pattern: RegExp;
  score: number;
  kind: RuleKind;
  /** Words to look for besides the pattern's own (see `anchorsOf`), for an alternative made of common words only. */
  anchors?: readonly string[];
}

/** One sign in a message: how strong, and the customer's words that show it. */
export interface Cue {
  score: number;
  tokens: readonly Token[];
  /** The kind of rule that gave it; none for the looser signs outside the rules. */
  kind?: RuleKind;
}

export interface RuleSet {
  rules: readonly Rule[];
  /** The rules each anchor may start, as bits (rule i: bit i). */
  byAnchor: Map<string, number>;
  /** The same by whole canonical word, filled as words are met. */
  byWord: Map<string, number>;
}

/**
 * Words too common to tell anything: a rule is not looked up by them. A pattern whose every match holds one of its
 * other literal words needs no list of anchors kept by hand; one with an alternative made of these words alone names
 * an extra anchor (checked on the dev corpora: with and without the pre-check, the detectors agree on every message).
 */
const COMMON_WORDS = new Set([
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'it', "it's", 'its', 'this', 'that', 'the', 'a', 'an', 'is', 'are',
  'was', 'were', 'be', 'been', 'being', 'am', "i'm", "i've", 'do', 'does', 'did', 'have', 'has', 'had', 'to', 'of',
  'in', 'on', 'at', 'for', 'with', 'and', 'or', 'but', 'so', 'not', 'no', 'can', 'will', 'would', 'could', 'should',
  'what', 'how', 'when', 'where', 'who', 'which', 'just', 'get', 'got', 'please', 'there', 'they', 'them', 'he',
  'she', 'his', 'her', 'as', 'if', 'up', 'out', 'all', 'any', 'some', 'one', 'from', 'by', 'about', 'help', 'want',
  'need', 'know', 'order', 'account', 'then', 'than', 'now', 'also', 'very', 'too', 'more', 'like', 'see', 'go',
  'make', 'time', 'way', 'new', 'here', 's', 't',
  // routine words of support requests
  'order', 'orders', 'customer', 'could', 'check', 'checking', 'assistance', 'address', 'delivery', 'service',
  'services', 'company', 'product', 'products', 'purchase', 'shipping', 'money', 'information', 'info', 'against',
  'possible', "don't", 'cancel', 'canceling', 'cancellation', 'payment', 'payments', 'bill', 'change', 'use', 'call',
  'contact', 'back', 'issue', 'issues', 'problem', 'problems', 'trying', 'support', 'agent', 'expect', 'accepted',
  'accept', 'item', 'items', 'several', 'another', 'few', 'talk', 'speak', 'open', 'sign', 'update', 'updating',
  'inform', 'long', 'question', 'something', 'usually', 'going', 'going to', 'getting', 'would', "can't", 'cannot',
  'under', 'understand', 'premium', 'subscription', 'profile', 'termination', 'charges', 'fees', 'review', 'arrive',
  'processed', 'policy', 'toget', 'report', 'reimbursement', 'compensation', 'complaint',
]);

/**
 * Words are looked up by their first five letters, so that a stem in a pattern ("overcharg(?:ed|ing)") finds its
 * words ("overcharged").
 */
function anchorKey(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/** The literal words of a pattern that are not common: every match holds one of them, unless noted otherwise. */
function anchorsOf(pattern: RegExp): string[] {
  // escapes (\b, \w, \d) are not words
  const source = pattern.source.replace(/\\[a-zA-Z]/g, ' ');
  // "weeks?" stands for "week" and "weeks"
  const optional = [...source.matchAll(/([a-z0-9']+)\?/g)].map((m) => m[1]!.slice(0, -1));
  const words = [...(source.match(/[a-z0-9']+|[$£€]/g) ?? []), ...optional];
  return [...new Set(words.filter((word) => !COMMON_WORDS.has(word)).map(anchorKey))];
}

export function ruleSet(rules: readonly Rule[]): RuleSet {
  if (rules.length > 31) throw new Error('a rule set holds at most 31 rules (one bit each)');
  const byAnchor = new Map<string, number>();
  rules.forEach((rule, i) => {
    for (const anchor of [...anchorsOf(rule.pattern), ...(rule.anchors ?? []).map(anchorKey)]) byAnchor.set(anchor, (byAnchor.get(anchor) ?? 0) | (1 << i));
  });
  return { rules, byAnchor, byWord: new Map() };
}

/** The rules a canonical word may start. */
function rulesStartedBy(set: RuleSet, word: string): number {
  let bits = set.byWord.get(word);
  if (bits === undefined) {
    bits = set.byAnchor.get(anchorKey(word)) ?? 0;
    // a folded token may be two words ("noone": "no one")
    if (word.includes(' ')) for (const part of word.split(' ')) bits |= set.byAnchor.get(anchorKey(part)) ?? 0;
    if (set.byWord.size >= 50_000) set.byWord.clear();
    set.byWord.set(word, bits);
  }
  return bits;
}

/** The weight of a match in its context (see RuleKind). */
function contextWeight(reading: MessageReading, kind: RuleKind, tokenIndex: number): number {
  if (kind === 'verdict') return 1;
  const praising = reading.praising;
  if (kind === 'amplifier') return praising || reading.sentiment >= 0.4 ? 0 : 1;
  // a failure settled since, or the customer's own mistake, is no grievance
  const settled = (tokenIndex < reading.settledAt ? 0.5 : 1) * (reading.ownMistake ? 0.5 : 1);
  // a question tempers anger ("can you fix it?"), a hypothesis more so
  if (kind === 'mood') return (praising ? 0.4 : 1) * (reading.hypothetical[tokenIndex] ? 0.6 : reading.asking[tokenIndex] ? 0.6 : 1) * settled;
  let weight = settled;
  if (reading.hypothetical[tokenIndex]) weight *= 0.25;
  else if (reading.asking[tokenIndex]) weight *= 0.4;
  if (praising) weight *= 0.35;
  else if (reading.thanking) weight *= 0.8;
  // a message that leans happy and names nothing bad tells news, not a grievance ("came 10 min early and still hot")
  else if (reading.sentiment >= 0.2 && reading.negative === 0) weight *= 0.6;
  return weight;
}

/**
 * Every rule that matches, each once, with the customer's words it matched. `everyRule` skips the anchor pre-check:
 * for checking that the anchors miss no match.
 */
export function matchRules(reading: MessageReading, set: RuleSet, everyRule = false): Cue[] {
  let candidates = everyRule ? -1 : 0;
  if (!everyRule) {
    for (const token of reading.tokens) candidates |= rulesStartedBy(set, token.text);
  }
  const cues: Cue[] = [];
  for (let i = 0; i < set.rules.length; i++) {
    if ((candidates & (1 << i)) === 0) continue;
    const rule = set.rules[i]!;
    const match = rule.pattern.exec(reading.canonical);
    if (!match) continue;
    const first = tokenAt(reading, match.index);
    const score = rule.score * contextWeight(reading, rule.kind, first);
    if (score > 0) {
      const covered = tokensIn(reading, match.index, match.index + match[0].length);
      cues.push({ score, tokens: covered, kind: rule.kind });
    }
  }
  return cues;
}

/** Independent signs, each alone enough to some degree: 1 - Π(1 - s). */
export function combineScores(scores: readonly number[]): number {
  let none = 1;
  for (const score of scores) none *= 1 - Math.min(1, Math.max(0, score));
  return 1 - none;
}

/**
 * A message's verdict: cues below this together are noise, not a signal. A complaint may be told in facts alone (two
 * weak signs); anger needs a sign of its own, beyond a swear word and "!!!".
 */
export const COMPLAINT_FLOOR = 0.35;
export const FRUSTRATION_FLOOR = 0.4;

export type MessageVerdict = SignalResult;

export function verdictOf(reading: MessageReading, cues: readonly Cue[], floor: number): MessageVerdict {
  let none = 1;
  for (const cue of cues) none *= 1 - Math.min(1, Math.max(0, cue.score));
  const score = 1 - none;
  // (a hair under the floor is rounding: 0.25 and 0.2 together make 0.45 - 1e-17)
  if (score < floor - 1e-9) return NO_SIGNAL;
  return { score, evidence: evidenceOf(reading, cues) };
}

/**
 * The customer's words behind the cues, strongest first. Words that several cues quote, or that stand side by side,
 * make one quote, so that each is an exact stretch of the message and none repeats another.
 */
function evidenceOf(reading: MessageReading, cues: readonly Cue[]): string[] {
  const { tokens } = reading;
  const strength = new Array<number>(tokens.length).fill(0);
  for (const cue of cues) for (const token of cue.tokens) strength[token.index] = Math.max(strength[token.index]!, cue.score);
  const quotes: { text: string; score: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (strength[i] === 0) continue;
    let end = i;
    let score = strength[i]!;
    while (end + 1 < tokens.length && strength[end + 1]! > 0) score = Math.max(score, strength[++end]!);
    quotes.push({ text: reading.text.slice(tokens[i]!.start, tokens[end]!.end), score });
    i = end;
  }
  quotes.sort((a, b) => b.score - a.score);
  return quotes.map((q) => q.text);
}

/**
 * A conversation's verdict from its messages' (oldest first): the latest counts in full, each older one a little less,
 * and signs in several messages add up.
 */
export function conversationVerdict(verdicts: readonly MessageVerdict[], decay: number): SignalResult {
  // most conversations hold no sign at all: nothing to allocate
  if (verdicts.every((verdict) => verdict.score === 0)) return NO_SIGNAL;
  const scores: number[] = [];
  const evidence: string[] = [];
  for (let i = verdicts.length - 1; i >= 0; i--) {
    const verdict = verdicts[i]!;
    if (verdict.score === 0) continue;
    scores.push(verdict.score * decay ** (verdicts.length - 1 - i));
    for (const words of verdict.evidence) if (!evidence.includes(words)) evidence.push(words);
  }
  if (scores.length === 0) return NO_SIGNAL;
  return { score: round(combineScores(scores)), evidence: evidence.slice(0, 6) };
}

export const round = (value: number) => Math.round(value * 1000) / 1000;

// ---------------------------------------------------------------------------------------------------------------
// Frustration

export const NUMBER = '(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many|so many|a few|few|couple of|a couple of)';
export const DURATION = `(?:(?:over|almost|nearly|more than|about|like|at least|literally|a good|another) )?${NUMBER} (?:\\+ )?(?:minutes?|hours?|days?|weeks?|months?)`;
const YOU = "(?:you|you guys|you people|you lot|your (?:company|staff|team|service|customer service|support|agents?|app|bot|website|site|airline|people|employees))";
const INSULT =
  '(?:useless|idiots?|morons?|clowns|a joke|jokes|pathetic|incompetent|stupid|dumb|liars?|thieves|crooks|scammers?|frauds?|crap|shit|trash|garbage|rubbish|a disgrace|disgrace|disgraceful|hopeless|the worst|worst|terrible|horrible|awful|a nightmare|a mess|a scam|a shambles|worthless|ridiculous|unbelievable|beyond useless)';

const FRUSTRATION_RULES = ruleSet([
  // nobody answers: "WHY IS NOBODY ANSWERING ME", "no one is responding"
  {
    pattern: /\b(?:nobody|no one|nobody's|none of you) (?:(?:at|in|on|from) (?:the |your )?\w+ )?(?:(?:is|has|will|ever|even|at all|here|there|seems to|seems to be|bothers? to|bothered to|can|could|wants to|willing to|really) )*(?:answer|answers|answering|answered|respond|responds|responding|responded|reply|replies|replying|replied|help|helps|helping|helped|get(?:ting)? back|got back|call(?:ed|ing|s)? (?:me )?back|pick(?:s|ed|ing)? up|care|cares|know|knows|did|does|ever|came|showed|showed up|listen|listening|listens|bothered|knows? anything|tell|telling|told|contacted)\b/,
    score: 0.75,
    kind: 'mood',
  },
  // "I've been waiting for hours", "waiting 3 days", "40 minutes on hold"
  {
    pattern: new RegExp(`\\b(?:(?:been|kept|keep|still|sitting|sat|waiting|waited|wait|on hold|holding|hold) (?:(?:on hold|waiting|here|now|for|since|over) )*(?:${DURATION}|hours|days|weeks|months|ages|forever|an eternity)|${DURATION} (?:on hold|waiting|wait|of waiting|queue|in line|in the queue|and (?:still|counting|no|nothing|nobody))|(?:i|we|i've|we've|i have|we have) been (?:waiting|on hold|holding|trying)|on hold (?:for|again|forever))\\b`),
    score: 0.65,
    kind: 'mood',
    anchors: ['trying'],
  },
  // "still waiting", "still not fixed", "still no refund"
  {
    pattern: /\bstill (?:waiting|no|not|nothing|haven't|hasn't|have not|has not|can't|cannot|don't|doesn't|didn't|isn't|won't|broken|down|missing|nobody|no one|unresolved|charging|getting charged|being charged|having (?:issues|problems|trouble)|on hold|stuck|delayed|late|wrong|without|the same|happening|no response)\b/,
    score: 0.6,
    kind: 'mood',
  },
  // the same failure again: "third time I ask", "how many times", "yet again"
  {
    pattern: /\b(?:(?:second|third|fourth|fifth|sixth|nth|umpteenth|hundredth|\d+(?:st|nd|rd|th)) time\b|how many (?:more )?times|(?:yet|once|over and over|again and) again|not again|(?:keep|kept|keeps) (?:asking|telling|calling|emailing|messaging|explaining|repeating|getting|having|saying|happening)|(?:i|we) (?:already|have already|'ve already|i've already) (?:told|asked|explained|sent|called|given|said|contacted|tried)|i've already (?:told|asked|explained|sent|called|given|said|contacted|tried)|(?:called|emailed|messaged|contacted|asked|tried|rang|tweeted|dm'd|written|wrote) (?:you |them |\w+ )?(?:\d+|two|three|four|five|six|several|multiple|many|countless|so many|numerous) times|(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) (?:pair|one|replacement|repair|unit|phone|controller|device|call|email|attempt|visit|engineer|technician|appointment|complaint|order|agent|person|rep|representative|chat|ticket|message)|(?:told|explained|asked|said|sent|emailed|called|given|repeated) (?:(?:this|it|that|them|you|to|\w+) ){0,4}(?:already|before|twice|three times|again)|(?:\d+|two|three|four|five|several|multiple) different (?:people|agents|reps|representatives|departments|numbers|times|staff))\b/,
    score: 0.6,
    kind: 'mood',
  },
  // a failure "again", "AGAIN"
  {
    pattern: /\b(?:down|broken|broke|delayed|late|canceled|lost|missing|crashed|crashing|wrong|forgot|charged|overcharged|failed|stuck|happened|happening|doing this|not working|no service|no signal|no internet|no wifi|outage|it|off|out)(?: (?:my|the|our|me|us|\w+)){0,2} again\b/,
    score: 0.5,
    kind: 'mood',
  },
  // insults aimed at the company: "you guys are useless", "your app is trash"
  {
    pattern: new RegExp(`\\b${YOU} (?:(?:are|is|r|'re|were|was|seem|have been|has been|really|truly|just|so|such|a|an|fucking|bloody|absolute|absolutely|complete|completely|total|totally|utterly|beyond|the most) )*${INSULT}\\b|\\b(?:you|u|you guys|you people|y'all) (?:all |really |just |totally |fucking |seriously )?(?:suck|stink|blow)\\b|\\b(?:useless|pathetic|incompetent|stupid|dumb|worthless|shitty|crappy) (?:company|companies|airline|people|idiots|bot|robot|chatbot|machine|system|service|app|website|site|staff|morons|clowns|excuse)\\b`),
    score: 0.8,
    kind: 'mood',
  },
  // swearing at someone or something, or in exasperation
  {
    pattern: /\b(?:(?:fuck|f\*ck|screw|damn|to hell with|fk|f) (?:you|off|this|that|it|your|all of you|u)|(?:wtf|ffs|omfg|stfu|fml|bullshit|bullcrap|wth|smfh)|what the (?:fuck|hell|heck|f|frick|crap|actual)|for (?:god's|fuck's|christ's|pete's|heaven's|gods|fucks|christ|god) sake|pissed off|piss off|sick (?:and tired )?of|fed up|had enough|enough is enough|i give up|losing my (?:mind|patience|temper|shit)|driving me (?:mad|crazy|insane|nuts)|beyond (?:angry|frustrated|annoyed|furious|pissed)|are you (?:kidding|serious|joking|for real)|you(?:'ve)? (?:got|gotta|have) to be (?:kidding|joking)|give me a break|ugh|ughh|argh|arghh|grr|gr)\b/,
    score: 0.7,
    kind: 'mood',
  },
  // anger named: "I'm furious", "so frustrating", "this is ridiculous"
  {
    pattern: /\b(?:(?:i'm|i am|im|am|so|very|really|getting|extremely|beyond|absolutely|feeling|i feel|now|totally) (?:so |very |really |extremely |absolutely |beyond |fucking |bloody |super )?(?:angry|furious|livid|fuming|pissed|irate|frustrated|annoyed|outraged|infuriated|irritated|upset|exasperated|disgusted|appalled|sick of this|done)|(?:so|very|really|extremely|absolutely|beyond|incredibly|unbelievably|bloody|fucking) (?:frustrating|annoying|infuriating|irritating|aggravating|maddening)|infuriating|frustrating|exasperating|maddening|(?:this|that|it|which|that's|it's|this is) (?:(?:is|was|'s|has been|just|so|absolutely|completely|totally|utterly|beyond|fucking|bloody|getting|really) )*(?:ridiculous|absurd|beyond a joke|a joke|a farce|a nightmare|pathetic|outrageous|unacceptable|a disgrace|disgraceful|laughable|madness|bullshit|rubbish|nonsense|a shambles|shambolic)|ridiculous|pathetic|useless|joke|disgrace|outrageous|appalling|shambles)\b/,
    score: 0.6,
    kind: 'mood',
  },
  // distress: "what am I supposed to do now", "can't believe you…", "this bot doesn't understand anything"
  {
    pattern: /\b(?:(?:doesn't|don't|didn't|can't|cannot|never|won't) (?:even )?(?:understand|listen|get it)(?: (?:anything|a thing|a word|me|what i|my|the question|at all))?\b(?! why)|(?:you're|you are|you aren't|you're not) (?:not )?(?:listening|reading|understanding)|what (?:am i|are we|are you) supposed to do|what (?:do|can|should) (?:i|we) (?:even )?do now|what (?:is|'s) going on|what is happening|(?:can't|cannot|couldn't) believe (?:you|they|this|that|it|i have to|we have to|i had to|how (?:bad|long|rude|slow|poor|terrible|awful|hard|difficult)))\b/,
    score: 0.45,
    kind: 'mood',
    anchors: ['now', 'what', "can't", 'cannot'],
  },
  // demands: "Talk to a human now", "answer me", "fix it immediately", "I demand a refund"
  {
    pattern: /(?:^|[.!?] )(?:(?:@|just|so|now|ok|okay|please|again) )*(?:talk|give|get|fix|refund|call|answer|connect|transfer|put|let|send|sort|respond|reply|stop|pay|return|tell|escalate|cancel|help|speak) .{0,60}\b(?:now|right now|immediately|asap|at once|this instant|today)\b(?: (?:[.!?]|please))*$|\b(?:answer me|respond to me|reply to me|do your job|sort it out|sort this out|fix it|fix this|get your act together|i demand|i insist|i expect better)\b/,
    score: 0.55,
    kind: 'mood',
    anchors: ['now'],
  },
  // walking away: "never again", "I'm switching", "done with you"
  {
    pattern: /\b(?:never (?:again|(?:flying|fly|shopping|shop|ordering|order|buying|buy|using|use|coming|returning|recommending|recommend|booking|book|staying|stay|dealing|deal|trusting|trust) (?:with |at |from |on |to |back to )?(?:you|your|this|them|that|here|there|\w+ again|again))|i'm done|i am done|done with (?:you|this|your)|(?:i'm|i am|we're|we are|i'll be|we'll be) switching (?:to|providers|carriers|banks|airlines)|switching (?:providers|carriers|banks|airlines)|take my (?:business|money) elsewhere|lost (?:a|another|yourself a) customer|cancel(?:ing)? my (?:account|contract|subscription|membership|service) (?:because|after|since|due|if|unless)|i'll be (?:reporting|posting|telling|contacting)|report(?:ing)? you to|see you in court)\b/,
    score: 0.5,
    kind: 'mood',
  },
  // waiting with nothing: "no response", "no answer", "no updates"
  {
    pattern: /\b(?:no|zero|not a single|not one|without any|without a) (?:response|reply|replies|answer|answers|update|updates|callback|call back|information|info|communication|word|explanation|apology|acknowledgement|follow up)\b|\bignor(?:e|ed|ing|es) (?:me|my|us|our|all)\b|\bhung up on (?:me|us)\b|\bleft (?:me|us) on (?:hold|read)\b|\bleft on read\b/,
    score: 0.5,
    kind: 'mood',
    anchors: ['information', 'info'],
  },
  // exasperated questions: "seriously?", "really?", "hello???"
  {
    pattern: /(?:^|[.!?,] |@ )(?:seriously|really|hello|hellooo|anyone|anybody|come on|wow|why|what is this|what's this|what is going on|what's going on|what now|now what|how hard is it|what is wrong with you|what's wrong with you|how is this (?:ok|okay|acceptable|possible|legal|fair)|is this a joke|what's the point|what is the point) ?(?:[?!]|\?!)/,
    score: 0.45,
    kind: 'mood',
    anchors: ['what', 'this'],
  },
  // a swear as an intensifier: anger only with other signs
  {
    pattern: /\b(?:fucking|freaking|effing|frigging|bloody|damn|goddamn|shit|crap|hell)\b/,
    score: 0.2,
    kind: 'amplifier',
  },
  // "every single time", "as usual"
  {
    pattern: /\b(?:every (?:single )?(?:time|day|week|month|flight|order)|as usual|always (?:late|delayed|down|broken|the same|something))\b/,
    score: 0.25,
    kind: 'amplifier',
  },
  // "why does this keep happening"
  {
    pattern: /\bwhy (?:do|does|is|are|can't|won't|did|didn't|would|wouldn't|doesn't|isn't|aren't|hasn't|haven't|has|have|was|were|am|should|must|on earth|the hell)\b/,
    score: 0.25,
    kind: 'amplifier',
  },
  // contempt: "are you out of your minds", "you couldn't care less", "do you even care", "you don't give a damn"
  {
    pattern: /\b(?:out of (?:your|ur) (?:mind|minds|heads?)|(?:you|u|they|y'?all)\s+(?:clearly\s+|obviously\s+|really\s+)?(?:couldn'?t|could not|could)\s+care less|do (?:you|u|they) (?:even|actually) care|(?:you|u|they) (?:clearly |obviously )?(?:don'?t|do not) (?:even )?(?:care|give a (?:damn|toss|shit|fuck|crap|monkey'?s))|(?:don'?t|do not) value (?:your|ur) customers)\b/,
    score: 0.7,
    kind: 'mood',
    anchors: ['mind', 'minds', 'head', 'heads', 'care', 'give', 'value'],
  },
]);

/** Capitalised words that raise the voice when not the whole message is in capitals. */
const RAISED_WORDS = new Set([
  'you', 'your', 'again', 'still', 'never', 'nobody', 'no', 'not', 'why', 'now', 'worst', 'useless', 'ever', 'stop', 'answer', 'help',
  'please', 'seriously', 'really', 'hours', 'days', 'weeks', 'what', 'where', 'how', 'who', 'refund', 'money',
  'anyone', 'nothing', 'ridiculous', 'unacceptable', 'enough', 'done', 'wrong', 'twice', 'three',
]);

/** One message's frustration on its own, before the conversation around it. */
export function messageFrustration(reading: MessageReading): MessageVerdict {
  if (reading.frustration === undefined) {
    reading.angerCues = frustrationCues(reading);
    reading.frustration = verdictOf(reading, reading.angerCues, FRUSTRATION_FLOOR);
  }
  return reading.frustration;
}

/** Anger in a positive message is enthusiasm ("I LOVE YOU JETBLUE!!!"). */
function frustrationCues(reading: MessageReading): Cue[] {
  const cues = matchRules(reading, FRUSTRATION_RULES);
  const { tokens } = reading;
  let asks = false;
  let words = 0;
  let raised: Token | undefined;
  let marks: Token | undefined;
  let stretched: Token | undefined;
  let angryWords = 0;
  // something gone wrong or denied: "my package never arrived!!!"
  let grim = false;
  for (const token of tokens) {
    if (token.text === '?' || token.text === '?!') asks = true;
    if (token.kind === 'word') {
      words++;
      if (token.capitals && raised === undefined && (token.traits & Trait.raised) !== 0) raised = token;
      if (token.emphasis > 0) stretched ??= token;
    } else if (token.kind === 'punct' && (token.text === '?!' || ((token.text === '!' || token.text === '?') && token.emphasis >= 2))) marks ??= token;
    if (token.valence <= -1.5) angryWords++;
    if (token.failure > 0 || (token.traits & Trait.negator) !== 0) grim = true;
  }
  const positive = reading.praising || reading.sentiment >= 0.4;
  // shouting and "!!!" carry joy as well as anger: anger only with a negative word, a question or a demand
  const heated = !positive && (reading.negative < 0 || asks || grim || HEATED_OPENING.test(reading.canonical));
  if (heated) {
    if (reading.shouting && words >= 2) {
      // shouting a question or something negative is anger; shouting news may be joy ("LANDED 30 MIN EARLY!!!")
      const angry = reading.sentiment < 0 || asks;
      cues.push({ score: angry ? 0.45 : 0.25, tokens: tokens.filter(isNotMention) });
    } else if (raised) {
      cues.push({ score: 0.3, tokens: [raised] });
    }
    if (marks) cues.push({ score: marks.emphasis >= 3 || marks.text === '?!' ? 0.3 : 0.2, tokens: [marks] });
  }
  if (!positive && stretched) cues.push({ score: 0.1, tokens: [stretched] });
  if (reading.sarcasm.length > 0) cues.push({ score: 0.6, tokens: reading.sarcasm });
  // the lexicon's anger: strongly negative words, counted when the message as a whole is negative
  if (reading.sentiment <= -0.5 && angryWords > 0 && !reading.ownMistake) {
    const words: Token[] = [];
    for (const token of tokens) if (token.valence <= -1.5) words.push(token);
    cues.push({ score: Math.min(0.6, 0.15 + (-reading.sentiment - 0.5) * 1.0), tokens: words });
  }
  return cues;
}

const HEATED_OPENING = /^(?:@ )*(?:where|why|when|who|how|what(?! a\b)|answer|stop|give|get|fix|refund|cancel|help)\b/;

function isNotMention(token: Token): boolean {
  return token.kind !== 'mention';
}

/** Sentiment sinking this much from the customer's earlier messages to the latest is frustration building. */
const TREND_DROP = 0.4;

/** Frustration in the conversation so far (oldest message first), the latest message weighing most. */
export function detectFrustration(turns: CustomerTurns): SignalResult {
  if (turns.length === 0) return NO_SIGNAL;
  const readings = turns.map(readMessage);
  const verdicts = readings.map(messageFrustration);
  const latest = readings.at(-1)!;
  // a clearly happy latest message settles what came before ("thanks, that fixed it")
  if (latest.praising && verdicts.at(-1)!.score === 0) return NO_SIGNAL;
  const result = conversationVerdict(verdicts, 0.75);

  if (readings.length >= 2 && latest.sentiment <= -0.25) {
    let earlier = 0;
    for (let i = 0; i < readings.length - 1; i++) earlier += readings[i]!.sentiment / (readings.length - 1);
    const drop = earlier - latest.sentiment;
    if (drop >= TREND_DROP) {
      const words: string[] = [];
      for (const token of latest.tokens) if (token.valence < 0) words.push(quote(latest, [token]));
      const trend = Math.min(0.5, drop * 0.5);
      const score = round(combineScores([result.score, trend]));
      if (score >= FRUSTRATION_FLOOR) {
        const evidence = result.evidence.length > 0 ? result.evidence : words.slice(0, 3);
        return { score, evidence };
      }
    }
  }
  return result;
}
