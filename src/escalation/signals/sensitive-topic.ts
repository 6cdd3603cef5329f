import { oneEditAway } from './one-edit.ts';
import { MessageMemo } from './message-memo.ts';
import { isSentenceEnd, originalOffset, sentenceEnd, sentenceStart } from './sentences.ts';
import type { CustomerTurns, Topic, TopicSignal } from './signal.ts';

/**
 * Sensitive topics in the customer's own words: `payment_dispute`, `fraud_security`, `legal` and `cancellation`.
 *
 * Patterns read the customer's perspective ("a payment I didn't make", "charged me twice", "my card was stolen")
 * rather than keywords, because the words alone ("charge", "card", "identity") fill every informational banking
 * question. Each match is then checked against the sentence around it: a trigger inside a hypothetical ("what happens
 * if my card is stolen?") or, for bare mentions, a negation ("I don't think it's fraud") or a question about the
 * service ("do you offer fraud protection?") does not count.
 *
 * Over a conversation, a topic stands from the message that raised it, a little weaker per turn since, until the
 * customer takes it back in so many words ("found it", "it was my husband").
 *
 * It runs on every message, so it is built for speed: one pass over a message lower-cases it, corrects misspelt key
 * words and finds the rules whose anchor words it holds; only those rules run, and each message is read once.
 */

type SensitiveTopic = Extract<Topic, 'payment_dispute' | 'fraud_security' | 'legal' | 'cancellation'>;

/**
 * How a rule's match is checked against its sentence.
 * - `event`: the customer reports something that happened to them; only a hypothetical cancels it.
 * - `wish`: the customer wants something done ("cancel my plan"); a negation cancels it too ("I don't want to cancel").
 * - `mention`: a word that also names the topic in general ("fraud", "GDPR"); a negation or a question about the
 *   service cancels it too ("do you offer fraud protection?").
 * - `threat`: what the customer will do ("I'll see you in court"): a condition does not cancel it ("if you don't
 *   refund me I'll sue"), a negation does ("I'm not going to sue").
 */
type Kind = 'event' | 'wish' | 'mention' | 'threat';

interface Rule {
  topic: SensitiveTopic;
  score: number;
  kind: Kind;
  /**
   * Word beginnings, space-separated, one of which every match of `pattern` holds (after normalisation); "word." is a
   * whole word. Two groups ("a b + c d") must both be met. A message without them skips the rule: most messages
   * hold few, so most rules are never run.
   */
  anchors: string;
  pattern: RegExp;
  /** A second topic the same words point to, at this score: "charged for something I never ordered". */
  also?: { topic: SensitiveTopic; score: number };
  /** The message must also match this: "I didn't make it" counts where a payment is talked about. */
  needs?: RegExp;
  /** The match's sentence must not match this. */
  unless?: RegExp;
  /** The text just before the match, in its clause, must not match this. */
  notAfter?: RegExp;
  /** The match tells of something lost or stolen, which "found it" later takes back. */
  loss?: true;
}

/** One pattern from alternatives written one to a line. */
function anyOf(...alternatives: string[]): RegExp {
  return new RegExp(alternatives.join('|'));
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary. Every pattern runs on lower-case text whose apostrophes are all "'" and whose common misspellings of
// key words are corrected (see `read`).

/** Money leaving an account, as customers name it. */
const MOVEMENT =
  '(?:payments?|charges?|transactions?|trans|txns?|purchases?|debits?|direct debits?|dd|withdrawa?ls?|withdraws?|wd|' +
  'deductions?|transfers?|spending|spends?|entr(?:y|ies)|amounts?|sums?|bills?|subscriptions?|payees?|' +
  'standing orders?|activit(?:y|ies)|money|cash|funds)';
/** Money that left the account: where money *came from* is a source-of-funds question, where a payment came from is not. */
const OUTGOING = '(?:payments?|charges?|transactions?|purchases?|debits?|direct debits?|dd|withdrawa?ls?|wd|deductions?|subscriptions?)';
/** Talk of money moving: makes "I didn't make it" or "not mine" about a payment. */
const MONEY_CONTEXT = new RegExp(
  `\\b(?:${MOVEMENT.slice(3, -1)}|charged|debited|deducted|withdrawn|withdrew|taken out|took out|spent|bought|ordered|paid|statement|app says|app shows)\\b|[£$€]\\s?\\d`,
);
/** Money, or the ways into an account: "it wasn't me" about either is fraud. */
const MONEY_OR_ACCESS_CONTEXT = new RegExp(`${MONEY_CONTEXT.source}|\\b(?:log(?:ged)?[- ]?in\\w*|sign(?:ed)?[- ]?in\\w*|access\\w*|password|account|cards?|details|buy\\w*|purchased)\\b`);
/** Words that deny. */
const NEGATION =
  "(?:don'?t|do not|didn'?t|did not|doesn'?t|does not|haven'?t|have not|hasn'?t|has not|hadn'?t|had not|wasn'?t|was not|weren'?t|were not|never|not|no longer)";
/** The negation words as anchors: whole words, as "no" must not anchor on "now". */
const NEGATION_ANCHORS = "not. no. never dont. don't. didnt. didn't. doesnt. doesn't. isnt. isn't. wasnt. wasn't. arent. aren't. werent. weren't. havent. haven't. hasnt. hasn't. hadnt. hadn't. cant. can't. cannot. couldnt. couldn't. wont. won't. wouldnt. wouldn't.";
/** Someone other than the customer, who should not have their card or account. */
const SOMEONE =
  '(?:some ?ones?|some1|sum1|somebody|some body|somebodys|anyone|anybody|people|a person|thie(?:f|ves)|a thief|the thief|hackers?|a hacker|the hacker|' +
  'scammers?|fraudsters?|criminals?|strangers?|a stranger|crooks?|whoever|a third party|third parties|an? (?:unknown|random|unauthori[sz]ed) (?:person|party|individual|user|people))';
/** "someone else", "somebody besides me" */
const OTHER_THAN_ME = '(?:\\s+(?:else|besides me|other than me|apart from me|except me|not me))?';
/** What thieves take or use. */
const BELONGINGS =
  '(?:(?:debit |credit |bank |visa |master ?card |new |old |physical |virtual )?cards?|wallet|purse|handbag|bag|backpack|rucksack|' +
  '(?:mobile |cell |smart ?)?phone|mobile|cell|iphone|android|device|laptop|belongings|things|stuff|everything(?: i (?:have|had|own|owned))?|(?:other|old|previous|first) one)';
/** What a customer can lose: things, not passwords ("I lost my password" is a reset, not a risk). */
const LOSABLE =
  '(?:(?:debit |credit |bank |visa |master ?card |new |physical )?cards?|wallet|purse|handbag|bag|backpack|(?:mobile |cell |smart ?)?phone|mobile|cell|iphone|android|device|(?:other|old|previous|first) one)' +
  // the card's PIN or number is not the card
  "(?!(?:'s)?\\s+(?:pin|number|details|info|code|cvv|expiry|statement|limit|settings?|activation|option|page|tab|section|menu|button|location)\\b)";
/** What a fraudster gets hold of. */
const CREDENTIALS =
  '(?:(?:card |account |bank |banking |personal |login |security )?(?:details|info|information|data|number|credentials)|' +
  'identity|id|pin|password|login|account|acc|acct|online banking|banking app|app|email|e-mail|profile)';
/** Whose thing it is: the customer's, mostly, but "the card" or "my wife's card" too. */
const MY = "(?:my|our|me|mine|all my|both my|the|a|his|her|my wife's|my husband's|my partner's)";
/** Words that say a payment looks like someone else's doing. */
const SUSPICIOUS = '(?:strange|weird|odd|suspicious|fishy|dodgy|unusual|shady|sketchy|fraudulent|bogus|fake|false|dubious)';
/** Words that say a payment is wrong: a dispute, and maybe not the customer's doing either. */
const WRONG = '(?:wrong|incorrect|off|not right|not correct|an error|a mistake|mistaken|in error)';

/** What someone else does with a card, an account or money. */
const WHAT_INTRUDERS_DO =
  '(?:reset\\w*|using|used|use|uses|access\\w*|got into|gotten into|get into|getting into|broke into|break into|breaking into|logg?ed in\\w*|log(?:ging)? in\\w*|sign(?:ed|ing)? in\\w*|hack\\w*|took|taken|take|taking|stole|stolen|steal\\w*|swiped|nicked|withdr\\w*|spent|spend\\w*|charged|charging|made|making|bought|buying|ordered|ordering|purchas\\w*|copied|cop(?:y|ies)|clon\\w*|skimm\\w*|opened|open\\w*|changed|emptied|drained|cleaned out|applied|impersonat\\w*|pretend\\w*|pos(?:ed|ing) as|got hold of|gotten hold of|gained|obtained|found|has|have|had|got|gotten|transferred|moved|sent|took out|taking out)';
/** What they do it to: the customer's things, money, identity. */
const WHAT_INTRUDERS_TAKE =
  `(?:${MY}\\s+(?:\\w+\\s+)?(?:${BELONGINGS}|${CREDENTIALS}|money|cash|funds|savings|balance|name)|${MOVEMENT}|(?:in|under|with|using) (?:my|our) (?:name|ssn|social(?: security)?(?: number)?|national insurance(?: number)?|ni number|identity|details|info\\w*|id)|as me|to be me)`;
/** How a customer makes, allows or takes part in a payment: what "I didn't …" denies. */
const PAYING_VERBS =
  '(?:make|made|do|did|done|authori[sz]\\w*|approv\\w*|order\\w*|buy|bought|purchas\\w*|sign\\w* up|set\\w* up|setup|request\\w*|initiat\\w*|withdr\\w*|take|took|taken|spen[dt]|agree\\w*|consent\\w*|creat\\w*|perform\\w*|complet\\w*|submit\\w*|put|send|sent|pay|paid|carr(?:y|ied) out|touch\\w*|give|gave|ask for|asked for|go (?:to|there|in)|went (?:to|there|in)|visit\\w*|use|used|charge|charged|accept\\w*|deposit\\w*|shop\\w*|deal\\w*|dealt|heard|subscrib\\w*|regist\\w*|join\\w*)';

// ---------------------------------------------------------------------------------------------------------------
// Sentence checks.

/** Asking about what would happen, not telling what did: "what happens if my card is stolen?", "am I covered if…". */
const HYPOTHETICAL = anyOf(
  `\\bwhat (?:happens|would happen|will happen|do you do|does the bank do|does \\w+ do) (?:if|when)\\b`,
  `\\bam i (?:covered|liable|protected|responsible|insured|reimbursed)\\b`,
  `\\b(?:are|is) (?:you|we|customers|cards?|my money|my account) (?:\\w+ )?(?:covered|liable|protected|insured|safe|refunded|reimbursed) (?:if|when|against|from)\\b`,
  `\\b(?:what if|in case|in the event|supposing|suppose|hypothetical\\w*)\\b`,
);
/** A condition ("if") opens the sentence before the trigger: the customer may be asking in general… */
const CONDITION = /(?:^|[^\w'])(?<!(?:know|sure|wonder|wondering|see|check|checking|tell|ask|asking|out|confirm|unsure|certain|idea|doubt|clue|whether)\s+)if\s+(.*)$/;
/** …but one in the past tense tells what happened ("if my card was stolen, can I still…")… */
const PAST = /\b(?:was|were|had|has been|have been|did|didn'?t|got|found|lost|saw|noticed|stole|took|made|happened|\w+ed)\b/;
/** …and asking what to do about it is how customers in trouble ask: "what should I do if my card is stolen?" */
const ASKS_WHAT_TO_DO = anyOf(
  `\\bwhat (?:do|should|can|must|shall|would|could) (?:i|we)(?: \\w+)? do\\b`,
  `\\bwhat (?:are|is) (?:the|my) (?:next |first )?(?:steps?|options?)\\b`,
  `\\bsteps? (?:do|should|can|must) i\\b`,
  `\\bsteps? i (?:need|have|should|must)\\b`,
  `\\bhow (?:do|can|should|would|will|to|must) (?:i|we)?\\s*(?:\\w+\\s+)?(?:report|block|freeze|cancel|stop|get|lock|protect|prevent|secure|dispute|recover|contact|replace|deactivate|use|access|disable|notify|tell)\\b`,
  `\\bwho (?:do|should|can|would|must) (?:i|we) (?:contact|call|speak|talk|report|tell|notify)\\b`,
  `\\b(?:what to do|what (?:steps|actions?)|(?:next|first) steps?|how to|what can be done|please|help|urgent\\w*|asap|immediately)\\b`,
);
/** A question about the service, not about something that happened to this customer. */
const ASKS_ABOUT_SERVICE = anyOf(
  // "do you…", "is the card…", unless it asks them to act: "can you freeze it?"
  `\\b(?:do|does|can|could|will|would|is|are)\\s+(?:you|your|u|ur|the bank|this bank|the app|this app|the card|this card|cards|you guys|the company)\\b(?!\\s+(?:please|pls|plz|help|think|know|see|check|look|freeze|block|stop|cancel|refund|reverse|investigate|tell|confirm|fix|sort|remove|get|give|send|put|find|trace|explain|close|delete|terminate|end|unsubscribe|shut|deactivate|remove|report|process|let|make|arrange|deal|handle|change|update|just|actually|assist))`,
  `\\b(?:protect\\w*|prevent\\w*|avoid\\w*|safeguards?|insur\\w*|polic(?:y|ies)|tips?|detect\\w*|compliant|compliance|regulated|registered with|authori[sz]ed by)\\b`,
  `\\b(?:how safe|how secure|safe (?:to|from)|secure (?:to|from)|keep (?:\\w+ )?(?:\\w+ )?(?:safe|secure))\\b`,
  // asking for a definition or for general advice: "what is a chargeback?", "how do I know if a website is a scam?"
  `\\bwhat (?:is|are|does|do) (?:a |an )?\\w+ mean\\b`,
  `^\\s*what(?:'s| is| are| does)\\s+(?:an?\\s+)?\\w+(?:\\s+\\w+)?\\s*$`,
  `\\bhow (?:do|can|would|could|should) (?:i|you|we|one|people) (?:know|tell|spot|check|recogni[sz]e|identify|avoid)\\b[^.!?]{0,12}\\b(?:an?|any|fake|genuine)\\b`,
);
/** The customer takes the word back: "I don't think it's fraud", "not a scam". */
const NEGATED_BEFORE =
  /\b(?:don'?t|doesn'?t|didn'?t|do not|does not|did not|isn'?t|is not|wasn'?t|was not|aren'?t|weren'?t|won'?t|wouldn'?t|haven'?t|hasn'?t|not|no|never|nothing)\s+(?!(?:know|sure|understand|idea|clue|able|find|see)\b)(?:(?:think|believe|suspect|reckon|feel|say|saying|mean|claiming|accusing|want|wanna|need|plan|intend|going|wish|trying|asking)\b\s*)?(?:\S+\s+){0,3}$/;
/** A wish taken back: "I don't want to cancel", "no need to close it". The negation must govern the wish itself. */
const NEGATED_WISH =
  /\b(?:don'?t|doesn'?t|didn'?t|do not|does not|did not|won'?t|wouldn'?t|not|never|no need to)\s+(?:(?:really|actually|even)\s+)?(?:(?:want|wanna|wish|need|plan|intend|mean|going|trying|like)\s+(?:to\s+)?)?$/;
/** Not a loss after all: the card was found, is at home or virtual, or the question is what a replacement costs. */
const NOT_A_LOSS =
  /\b(?:found|(?:was|were|been|finally|managed to|able to)\s+(?:\w+\s+)?find|at (?:home|my (?:parents'?|mum'?s|mom'?s|dad'?s|friend'?s|house|flat|office|work|car|room)|the office|work)|re-?link\w*|put it back|recovered|got it back|virtual|disposable|digital|(?:left|is|it's) (?:at|in) (?:home|my (?:parents'?|mum'?s|mom'?s|dad'?s|friend'?s|house|flat|office|car|room)|the office|work)|how much|what (?:does|do) (?:the bank|you|it) charge|(?:fee|cost|price|charge) (?:for|of) (?:a )?(?:lost|stolen|replac\w*))\b|\b(?:thought (?:i|it|they|that i|that it) (?:had |was |were |'d )?(?:lost|been lost|stolen|been stolen|missing)|turned up|reactivat\w*|re-?activat\w*|unfreeze|unblock)/;
/** Before "charged twice": a question about what will happen ("will I be charged twice?"), not a complaint. */
const FUTURE_BEFORE =
  /^\s*(?:am|are|is)\s+(?:i|we|you|it|they)\s+$|\b(?:will|would|'ll|could|can|might|may|gonna|going to|do|does|to|avoid|prevent|without)\s+(?:(?:i|you|it|we|they|this|that|my card|me)\s+)?(?:(?:still|ever|also|not|never)\s+)?(?:(?:be|get|being)\s+)?$/;
/** A phrase from a cash withdrawal, where "I didn't get all of it" means the machine short-changed the customer. */
const CASH_CONTEXT = /\b(?:atms?|cash ?machines?|cash ?points?|machines?|cash|withdr\w*|wd|take (?:\w+ )?out|took (?:\w+ )?out|taking (?:\w+ )?out)\b/;
/** Newsletters and marketing are routine to stop. */
const MARKETING = /\b(?:\w*(?:newsl|wslett|sletter|newsle)\w*|mailing list|marketing|promo\w*|e-?mails?|notifications?|alerts?|offers?|spam)\b/;
/** Asking what cancelling costs is asking a price, not leaving. */
const ASKS_PRICE = /\b(?:cancell?ation|termination|exit) (?:fees?|polic\w*|charges?|terms|period|costs?|penalt\w*|window|rules)\b|\b(?:fees?|costs?|penalt(?:y|ies)|how much|charges? for)\b/;
const NOT_CANCELLING = new RegExp(`${MARKETING.source}|${ASKS_PRICE.source}`);

// ---------------------------------------------------------------------------------------------------------------
// Rules, by topic. A score of 1 is the customer plainly telling of the event ("my card was stolen"); lower scores are
// readings that usually, not always, mean the topic ("what is this charge?").

const FRAUD: Rule[] = [
  // "I don't recognise this payment", "a charge I can't recall making", "a merchant I've never heard of"
  {
    topic: 'fraud_security', score: 1, kind: 'event',
    anchors: `recogn recall rememb identif know familiar responsib aware seen heard understand sure unsure uncertain idea clue + ${NEGATION_ANCHORS} unsure uncertain`,
    pattern: anyOf(
      `\\b(?:${NEGATION}|can'?t|cannot|can not|couldn'?t|could not|not really)\\s+(?:\\w+\\s+)?(?:recogni[sz]\\w*|recall\\w*|remember\\w*|identify|know (?:what|where|who|why|how)\\s+(?:this|these|that|those|it|they|the)\\b(?!\\s+(?:\\w+\\s+)?(?:fees?|limits?|rates?|policy|options?|methods?|steps?|process)\\b)|know (?:about|anything about|of)\\b|familiar with|responsible for|aware of|seen (?:it |this |that |them |these |the \\w+ )?before|heard of|understand (?:what|where) (?:this|these|that|those|it|they|the))`,
      `\\b(?:unsure|not sure|uncertain) (?:of|about)\\b`,
      `\\b(?:have|had|got)\\s+no (?:idea|clue)\\b`,
      `\\bno (?:idea|clue)\\s+(?:who|what|where)\\b`,
      `\\b(?:to|by|from)\\s+(?:someone|somebody|people|a person|a company|companies|a business|businesses|a merchant|merchants|a seller|sellers|a vendor|vendors|a name|names|an account|accounts|a place|places|a shop|shops)\\s+(?:that\\s+|who\\s+)?(?:i|we)\\s+(?:don'?t|do not|didn'?t|did not|never)\\s+(?:\\w+\\s+)?(?:know|recogni[sz]e|heard of)\\b`,
      `\\bby (?:someone|somebody|people|a company|a business|a merchant|a seller) (?:i|we) (?:don'?t|do not|didn'?t|did not) know\\b`,
    ),
    needs: MONEY_CONTEXT,
    // an unexpected fee is a question about the price list; the app's layout or one's own password is no payment
    unless: /\bfees?\b|\b(?:recogni[sz]e|remember|recall|familiar with)\s+(?:the|this|your|my)\s+(?:\w+\s+)?(?:app|layout|design|screen|page|website|site|interface|menu|button|version|update|feature|logo|username|user ?name|password|passcode|pin|login|e-?mail|phone number)\b/,
  },
  // "an unknown charge", "a strange direct debit", "suspicious login", "an unusual withdrawal"
  {
    topic: 'fraud_security', score: 0.95, kind: 'event',
    anchors: 'unrecogn unknown unfamiliar strange weird odd unusual myster random suspic suspect fishy question unexpect unexplain bogus fake false fraudul dodgy shady sketchy phantom rogue bizarre illegit unident unauthor unapprov unsanction unrequest non authori',
    pattern: new RegExp(`\\b(?:unrecogni[sz]ed|unknown|unfamiliar|strange|weird|odd|unusual|mysterious|random|suspicious|suspect|fishy|questionable|unexpected|unexplained|bogus|fake|false|fraudulent|dodgy|shady|sketchy|phantom|rogue|bizarre|illegitimate|unidentified|unauthori[sz]ed|unapproved|unsanctioned|unrequested|non-?authori[sz]ed|not authori[sz]ed)\\s+(?:(?:card|cash|direct|debit|atm|online|large|small|new|\\w+ly)\\s+){0,2}(?:${MOVEMENT}|logins?|log-?ins?|sign-?ins?|access|use|usage|deposits?|e-?mails?|texts?|messages?|calls?|sms|links?)\\b`),
    unless: /\b(?:(?:strange|weird|odd|unusual) (?:amount|fee|rate|exchange)|random (?:amount|sum))\b/,
  },
  // the same, said after the payment: "a direct debit that looks suspicious", "a transaction… which is weird"
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'strange weird odd suspic fishy dodgy unusual shady sketchy fraudul bogus fake false dubious should suppos',
    pattern: anyOf(
      `\\b(?:payments?|charges?|transactions?|purchases?|debits?|direct debits?|withdrawa?ls?|deductions?)\\b[^.!?]{0,80}?\\b(?:is|are|was|were|looks?|looked|seems?|seemed|appears?|appeared)\\s+(?:(?:a bit|a little|quite|very|really|totally|completely|kind of|kinda|pretty|so|to be|like)\\s+)?${SUSPICIOUS}\\b`,
      `\\b(?:shouldn'?t|should not|isn'?t supposed to|is not supposed to|not supposed to|wasn'?t supposed to) be (?:there|on my|in my)`,
      `\\b(?:don'?t|do not) think (?:it |this |that )?should be there\\b`,
      `\\b(?:not sure|unsure)\\b[^.!?]{0,20}\\bsupposed? to be (?:there|on)\\b`,
    ),
    needs: MONEY_CONTEXT,
    unless: /\bfees?\b/,
  },
  // "a payment on my statement is wrong": disputed, and maybe not the customer's doing
  {
    topic: 'fraud_security', score: 0.8, kind: 'event',
    anchors: 'wrong incorrect off right correct error mistak',
    pattern: new RegExp(`\\b(?:payments?|charges?|transactions?|purchases?|debits?|direct debits?|withdrawa?ls?|deductions?)\\b[^.!?]{0,80}?\\b(?:is|are|was|were|looks?|looked|seems?|seemed|appears?|appeared)\\s+(?:(?:a bit|a little|quite|very|really|totally|completely|kind of|kinda|pretty|so|to be|like)\\s+)?${WRONG}\\b`),
    needs: MONEY_CONTEXT,
    // a wrong exchange rate is a question about the rate
    unless: /\brates?\b/,
    also: { topic: 'payment_dispute', score: 0.8 },
  },
  // "what is this charge?", "where did this payment come from?", "why is there a direct debit…", "tell me what this withdrawal is"
  {
    topic: 'fraud_security', score: 0.85, kind: 'event',
    anchors: 'what where who why',
    pattern: anyOf(
      `\\b(?:what(?:'s| is| are| was| were)|whats)\\s+(?:this|these|that|those)\\s+(?:\\w+\\s+){0,2}?${MOVEMENT}\\b(?!\\s+(?:fee|limit|rate|time|policy))`,
      `\\bwhat\\s+(?:this|these|that|those)\\s+(?:\\w+\\s+){0,2}?${MOVEMENT}\\b(?:\\s+(?:\\w+\\s+){0,4}?)?\\s*(?:is|are|was|were)\\b`,
      `\\bwhat the\\s+(?:\\w+\\s+){0,2}?${MOVEMENT}\\s+(?:is|was)\\s+(?:in|on) my\\b`,
      `\\b(?:where|who)(?:'s|\\s+(?:did|does|do|is|are|was|were|has|have))?\\s+(?:this|these|that|those|the|an?)\\s+(?:\\w+\\s+){0,2}?${OUTGOING}\\b[^.!?]{0,30}?\\b(?:come|came|coming|comes|originat\\w*|from)\\b`,
      `\\bwhy (?:is|are) there\\s+(?:an?\\s+|some\\s+|this\\s+|these\\s+)?(?:\\w+\\s+){0,2}?(?:payments?|charges?|transactions?|purchases?|direct debits?|debits?|withdrawa?ls?|cash|money)\\b`,
      `\\bwhy (?:is|are) there\\s+(?:an?\\s+)?[£$€]\\s?\\d`,
      `\\bwhat(?:'s| is| was)\\s+(?:this|that)\\s+[£$€]\\s?\\d`,
      `\\bwhy there (?:is|are)\\s+(?:an?\\s+|some\\s+)?(?:\\w+\\s+){0,2}?(?:payments?|charges?|transactions?|purchases?|direct debits?|debits?|withdrawa?ls?|cash|money)\\b`,
      `\\bwhy (?:is|are) (?:this|these|that|those)\\s+(?:\\w+\\s+){0,2}?(?:payments?|charges?|transactions?|purchases?|direct debits?|debits?|withdrawa?ls?)\\s+(?:on|in|showing)\\b`,
    ),
    unless: /\b(?:fees?|(?:extra|additional) (?:fees?|charges?)|charges? for|exchange rate)\b/,
  },
  // "a payment I didn't make", "I never authorised it", "payment I didn't do", "I don't think I made this"
  {
    topic: 'fraud_security', score: 1, kind: 'event',
    anchors: `${NEGATION_ANCHORS} + make made do did done authori approv order buy bought purchas sign set setup request initiat withdr take took taken spen put send sent pay paid carr touch give gave ask go went visit use used charg accept deposit shop deal heard subscrib regist join`,
    pattern: new RegExp(`\\b(?:i|we|me|i'?ve|i have|myself)\\s+(?:(?:definitely|certainly|really|honestly|absolutely|just|swear|know|def|defo|sure|surely|even|actually|also|still|literally|100%|myself)\\s+)?${NEGATION}\\s+(?:(?:think|believe|know if|know whether|know that|recall|remember)\\s+(?:i|we)\\s+)?(?:(?!(?:want|wanna|wish|need|plan|intend|like|know|mean|seem)\\b)\\w+\\s+)?${PAYING_VERBS}\\b(?!\\s+(?:a |an |any )?(?:\\w+\\s+)?(?:before|yet|so far|in the past|for (?:a )?(?:long|while|years|months)))`),
    needs: MONEY_CONTEXT,
  },
  // "a payment that isn't mine", "it wasn't me", "not done by me", "doesn't belong to me"
  {
    topic: 'fraud_security', score: 0.95, kind: 'event',
    anchors: `${NEGATION_ANCHORS} + mine me. my. myself us. belong something`,
    pattern: anyOf(
      `\\b(?:not|isn'?t|wasn'?t|aren'?t|weren'?t|isnt|wasnt|arent|werent)\\s+(?:(?:even|actually|really)\\s+)?(?:mine|me|by me|made by me|done by me|from me|authori[sz]ed by me|approved by me|my doing|one of mine|something i (?:did|made|bought|ordered))\\b`,
      `\\b(?:this|that|it|these|those|which|debit|payment|charge|transaction|purchase|withdrawal)\\s+(?:is|was|are|were)(?:n'?t|\\s+not)\\s+(?:\\w+\\s+)?my\\s+(?:payment|charge|transaction|purchase|debit|withdrawal|doing)s?\\b`,
      `\\b(?:not|n't)\\s+(?:been\\s+|be\\s+)?(?:done|made|authori[sz]ed|approved|initiated|performed|carried out|completed|set up|created|requested)\\s+by\\s+(?:me|myself|us)\\b`,
      `\\b(?:doesn'?t|does not|don'?t|do not)\\s+belong to (?:me|us)\\b`,
    ),
    needs: MONEY_OR_ACCESS_CONTEXT,
  },
  // "someone used my card", "somebody has my details", "someone withdrew money from my account"
  {
    topic: 'fraud_security', score: 1, kind: 'event',
    anchors: 'some sum1 any people person thie hack scam fraud crimin strang crook whoever third unknown random unauthor',
    pattern: new RegExp(`\\b${SOMEONE}${OTHER_THAN_ME}\\s+(?:(?:'s|'ve|has|have|had|is|are|was|were|must|may|might|could|probably|possibly|apparently|somehow|already|just|now|then|been|have|got|be|else|keeps?|kept)\\s+){0,3}(?:(?:trying|tried|attempting|attempted)\\s+to\\s+)?${WHAT_INTRUDERS_DO}\\b[^.!?]{0,40}?\\b${WHAT_INTRUDERS_TAKE}\\b`),
    unless: /\b(?:(?:can|could|will|would|may|might|does|do|is it possible for|is it ok for|is it okay for|allowed? (?:for )?|let|allow|give|add|authori[sz]e)\s+(?:my|a|an|some|any|the|other|another)?\s*(?:other\s+)?(?:some ?one|somebody|anyone|anybody|people|person|friend|partner|wife|husband|child|son|daughter|family|kid|kids)|(?:sent|send|sends|transferred|transfer)\s+(?:me|to me)|(?:sent|transferred|moved)\b[^.!?]{0,30}\b(?:to|into) (?:my|me))\b/,
  },
  // "I think someone else is using it" (the card, said before)
  {
    topic: 'fraud_security', score: 0.95, kind: 'event',
    anchors: 'some sum1 any people person thie hack scam fraud crimin strang crook whoever third unknown random unauthor',
    pattern: new RegExp(`\\b${SOMEONE}${OTHER_THAN_ME}\\s+(?:(?:'s|has|have|is|are|was|must|may|might|could|probably|possibly|been|have)\\s+){0,3}(?:using|used|use|uses|access\\w*|hack\\w*|clon\\w*|copied)\\s+(?:it|them)\\b`),
    needs: /\b(?:cards?|account|details|phone|app)\b/,
    unless: /\b(?:can|could|will|would|may|might|does|do|is it possible for|is it ok for)\s+(?:some ?one|somebody|anyone|anybody|people)\b/,
  },
  // "my card was stolen", "phone got nicked", "details have been compromised"
  {
    topic: 'fraud_security', score: 1, kind: 'event',
    loss: true,
    anchors: 'stol nick pinch swip rob snatch hack compromis clon skimm cop breach expos leak phish taken used',
    pattern: anyOf(
      `\\b(?:details|info|information|identity|credentials|card number|card details)(?:'s|'ve)?\\s+(?:(?:was|were|has|have|had|got|been|being|may|might|must|could|have been|has been|be|just|already)\\s+){1,3}used\\b\\b`,
      `\\b(?:${BELONGINGS}|${CREDENTIALS}|savings|money|funds)(?:'s|'ve)?\\s+(?:(?:that|which)\\s+)?(?:(?:was|were|where|has|have|had|got|gets|is|are|been|being|'s|'ve|may|might|must|could|seems to|appears to|to|have been|has been|be|possibly|probably|maybe|definitely|all|just|already|now|recently)\\s+){0,4}(?:stolen|nicked|pinched|swiped|robbed|snatched|hacked(?: into)?|compromised|cloned|skimmed|copied|breached|exposed|leaked|phished|taken over|used (?:by someone|by somebody|without))\\b`,
    ),
  },
  // "my card is missing", "phone has gone", "lost my wallet", "can't find my card", "report my card as lost"
  {
    topic: 'fraud_security', score: 0.95, kind: 'event',
    loss: true,
    anchors: 'lost los miss gone misplac taken left drop forgot find locat where have longer retriev track recover stol report mark flag possess location',
    pattern: anyOf(
      `\\b${LOSABLE}(?:'s)?\\s+(?:(?:was|were|has|have|had|got|is|are|been|'s|may|might|must|could|seems to|appears to|to|have been|has been|be|possibly|probably|maybe|definitely|just|already|now|gone|went|all)\\s+){1,3}(?:lost|missing|gone|misplaced|taken|lost or stolen|left (?:at|in|on|behind)\\b)(?! (?:from the (?:atm|machine)|by the (?:atm|machine)|in the (?:post|mail)))`,
      `\\b(?:lost|misplaced|dropped|left|lose|losing|forgot|forgotten)\\s+(?:${MY}|track of my)\\s+(?:\\w+\\s+)?${LOSABLE}\\b`,
      `\\b(?:can'?t|cannot|can not|cant|couldn'?t|could not|unable to|not able to)\\s+(?:\\w+\\s+)?(?:find|locate)\\s+${MY}\\s+(?:\\w+\\s+)?${LOSABLE}\\b`,
      `\\b(?:(?:don'?t|do not|dont|not sure|unsure)\\s+(?:know\\s+)?where|(?:don'?t|do not|dont) have|no longer (?:have|know where))\\s+(?:my|our)\\s+(?:\\w+\\s+)?${LOSABLE}\\b`,
      `\\b(?:don'?t|do not|dont|no longer) have the (?:\\w+\\s+)?(?:phone|device|mobile)\\b`,
      `\\b(?:find|retrieve|locate|track down|recover)\\s+(?:my|our)\\s+(?:lost\\s+|missing\\s+)?(?:bank |debit |credit )?card\\b(?!'s|\\s+(?:pin|number|details|info|code|cvv|expiry|statement|limit|settings?|activation))`,
      `\\bmy card's location\\b`,
      `\\bnot in possession of ${MY}\\s+(?:\\w+\\s+)?${LOSABLE}\\b`,
      `\\b${LOSABLE} (?:is|was|has|are|'s) (?:missing|gone)\\b`,
      `\\b(?:lost|stolen|missing) (?:${LOSABLE})\\b`,
      `\\b(?:report\\w*|mark\\w*|flag\\w*)\\s+(?:${MY}\\s+)?(?:\\w+\\s+)?${LOSABLE}\\s+(?:as\\s+)?(?:lost|stolen|missing)\\b`,
    ),
    unless: new RegExp(`${NOT_A_LOSS.source}|\\b(?:in|inside|into) (?:the |an |a |your )?(?:atm|cash ?machine|cash ?point|machine)\\b`),
    notAfter: /\b(?:atm|machine|cash ?point|cash machine)\b[^.!?]*$/,
  },
  // "I lost it" (the card or phone, said before)
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    loss: true,
    anchors: 'lost misplac drop losing',
    pattern: /\b(?:i|i'?ve|i have|i had|after|since|i think i|i may have|i might have|i must have)\s+(?:just\s+)?(?:lost|misplaced|dropped|losing|misplacing) (?:it|them|mine)\b/,
    needs: new RegExp(`\\b${LOSABLE}\\b`),
    unless: NOT_A_LOSS,
  },
  // "someone stole my wallet", "got mugged", "I've been hacked", "I was scammed", "identity theft"
  {
    topic: 'fraud_security', score: 1, kind: 'event',
    loss: true,
    anchors: 'stol nick pinch snatch pick swip mug rob burgl held hack scam phish defraud con swindl skimm clon compromis victim target identity id name using used use uses details',
    pattern: anyOf(
      `\\b(?:stole|nicked|pinched|snatched|pickpocketed|swiped)\\s+(?:${MY})\\b`,
      `\\b(?:mugged|robbed|pick-?pocketed|burgled|burglar\\w*|held up at (?:knife|gun)point)\\b`,
      `\\b(?:i|i'?ve|i have|i'?m|i am|we|we'?ve|we have|was|been|got|get|getting)\\s+(?:\\w+\\s+)?(?:been\\s+|got\\s+|gotten\\s+|just\\s+)?(?:hacked|scammed|phished|defrauded|conned|swindled|skimmed|cloned|compromised|a victim of|the victim of|victim of|targeted by)\\b`,
      `\\b(?:identity|id)\\s+(?:theft|fraud|stolen)`,
      `\\b(?:stole|stolen|using|used|use|uses)\\s+my\\s+(?:identity|name|details)\\b`,
      `\\b(?:in my name|under my name)\\b`,
    ),
    unless: /\b(?:you|u|ya|you guys|your (?:bank|company|app|staff|prices?)|(?:the |an |your )?(?:atm|machine|cash ?point|cash machine))\s+(?:have\s+|'ve\s+|just\s+|literally\s+)?(?:robbed|stole|scammed|ripped|nicked|snatched|swiped)|\bdaylight robbery\b|\b(?:change|update|edit|correct|wrong|spelled|spelt|spelling|misspelled|legal|put|add|transfer|open|register\w*)\b[^.!?]{0,30}\b(?:in|under) my name\b/,
  },
  // "used my card without permission", "taken without my consent"
  {
    topic: 'fraud_security', score: 1, kind: 'event',
    anchors: 'without',
    pattern: /\bwithout\s+(?:my|our|me|any)?\s*(?:\w+\s+)?(?:permission|consent|knowledge|knowing|authori[sz]ation|approval|say-?so|agreement|being aware|me knowing|me being aware|asking(?: me)?|telling me)\b/,
    unless: /^\s*(?:can|could|will|would|is it (?:legal|possible|allowed)|are you allowed|do you)\b/,
  },
  // "suspicious of my card's security", "my card's security has been breached"
  {
    topic: 'fraud_security', score: 0.85, kind: 'event',
    anchors: 'suspic worri concern afraid scared nervous paranoi security some',
    pattern: anyOf(
      `\\b(?:suspicious|worried|concerned|afraid|scared|nervous|paranoid)\\s+(?:of|about|that)\\s+(?:my|our)\\s+(?:\\w+\\s+)?(?:card|account|details|security)\\b[^.!?]{0,20}?\\b(?:security|safety|compromis\\w*|used|hacked|stolen|accessed)\\b`,
      `\\bsecurity breach\\b`,
      `\\b(?:someone|somebody)\\b[^.!?]{0,15}\\b(?:got|has|have|knows?)\\s+my\\s+(?:card details|card number|password|login)\\b`,
    ),
    unless: /\b(?:change|changing|reset|resetting)\s+(?:my\s+)?(?:pin|password)\b/,
  },
  // "fraud", "a scam", "phishing", "hackers"
  {
    topic: 'fraud_security', score: 0.85, kind: 'mention',
    anchors: 'fraud scam phish smish vish hack identity id impersonat spoof sim account clon skimm breach security compromis unauthor mule data',
    pattern: anyOf(
      `\\bfraud\\b`,
      `\\bfrauds\\b`,
      `\\bfraudulent\\w*\\b`,
      `\\bfraudster\\w*\\b`,
      `\\bfraudulently\\b`,
      `\\bscam\\b`,
      `\\bscams\\b`,
      `\\bscammers?\\b`,
      `\\bscammy\\b`,
      `\\bphishing\\b`,
      `\\bphished\\b`,
      `\\bsmishing\\b`,
      `\\bvishing\\b`,
      `\\bhackers?\\b`,
      `\\bhacking\\b`,
      `\\bhack\\b`,
      `\\bidentity theft\\b`,
      `\\bid theft\\b`,
      `\\bimpersonat\\w*\\b`,
      `\\bspoof\\w*\\b`,
      `\\bsim swap\\w*\\b`,
      `\\baccount takeover\\b`,
      `\\bcloned\\b`,
      `\\bskimm(?:ed|er|ing)\\b`,
      `\\bdata breach\\b`,
      `\\bsecurity breach\\b`,
      `\\bbreach of (?:my|our) (?:data|security|account)\\b`,
      `\\bcompromised\\b`,
      `\\bunauthori[sz]ed\\b`,
      `\\bsecurity (?:issue|concern|problem|breach|risk|threat)\\b`,
      `\\bmoney mule\\b`,
    ),
    unless: /\b(?:life ?hacks?|hack(?:s)? for)\b/,
  },
  // messages, calls and links that were not from the bank: phishing
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'claim pretend saying said says purport suppos legit genuine real from gave given told shared sent entered typed put click did was have confirm',
    pattern: anyOf(
      `\\b(?:did|was it|was that|have) (?:you|your (?:bank|team|staff|fraud team|security team))\\s+(?:just\\s+|really\\s+|actually\\s+)?(?:call|ring|phone|text|e-?mail|message|contact)\\w*\\s+me\\b`,
      `\\bconfirm (?:if|whether|that) (?:you|it was you|this (?:is|was) you|that was you) (?:called|rang|phoned|texted|e-?mailed|messaged|contacted)\\b`,
      `\\b(?:e-?mails?|texts?|messages?|calls?|sms|caller|someone|somebody|(?:a |the |some )?(?:man|woman|guy|lady|bloke|person|fella))\\b[^.!?]{0,30}?\\b(?:claim\\w*|pretend\\w*|saying|said|says|purport\\w*|supposedly)\\b[^.!?]{0,20}?\\b(?:to be|it was|it's|it is|they were|they're|he was|she was|from)\\b[^.!?]{0,12}?\\b(?:you|your|the bank|my bank|bank|\\w+ bank|paypal|amazon|hmrc|fraud team|security team)\\b`,
      `\\bis (?:this|that|it) (?:e-?mail|text|message|call|sms|link|website|site)?\\s*(?:legit|legitimate|genuine|real|from you|really from you)\\b`,
      `\\b(?:gave|given|told|shared|sent|entered|typed|put)\\s+(?:them|him|her|someone|somebody|the caller|a caller|a stranger|the scammer|it)?\\s*(?:my\\s+)?(?:card details|card number|pin|password|passcode|one[- ]time (?:code|password)|otp|security code|verification code|code|login|login details|bank details|account details|details)\\b[^.!?]{0,40}?\\b(?:link|caller|text|call|email|someone|somebody|scam|fake|stranger|pretend\\w*)\\b`,
      `\\bclicked (?:on )?(?:a|the|this|that) (?:dodgy |suspicious |fake |weird |strange )?link\\b`,
    ),
  },
  // "I clicked the link and put in my login"
  {
    topic: 'fraud_security', score: 0.85, kind: 'event',
    anchors: 'click tap opened followed entered put typed gave given shared filled',
    pattern: anyOf(
      `\\b(?:clicked|tapped|opened|followed)\\s+(?:on\\s+)?(?:it|the|a|an|that|this)\\b[^.!?]{0,60}?\\b(?:entered|put in|typed in|typed|gave|given|shared|sent|filled in)\\s+(?:them\\s+|it\\s+)?(?:all\\s+)?(?:my|our)\\s+(?:\\w+\\s+)?(?:login|details|password|pin|card|code|bank|account|info\\w*|passcode)`,
      `\\b(?:entered|put in|typed in|gave|shared|filled in)\\s+(?:them\\s+|it\\s+)?(?:all\\s+)?(?:my|our)\\s+(?:\\w+\\s+)?(?:login|details|password|pin|card details|card number|code|bank details|passcode)\\b[^.!?]{0,40}?\\b(?:fake|dodgy|scam|phishing|wasn'?t you|not you|wasn'?t real|not real)\\b`,
    ),
    needs: /\b(?:link|e-?mails?|texts?|sms|messages?|website|site|call|caller|page|form)\b/,
  },
  // "a password reset I didn't ask for", "my email was changed and it wasn't me", "a login from another country"
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'password passcode email mail phone pin address details login log sign access security code otp reset verification',
    pattern: anyOf(
      `\\b(?:password|passcode|e-?mail(?: address)?|phone number|pin|address|details|login|security questions?)\\b[^.!?]{0,30}?\\b(?:was|were|has been|have been|got|been)\\s+(?:\\w+\\s+)?(?:changed|reset|updated)\\b[^.!?]{0,40}?\\b(?:didn'?t|did not|not me|wasn'?t me|never|without)\\b`,
      `\\b(?:\\w*codes?|otps?|password resets?|reset (?:e-?mails?|links?|codes?)|verification|login (?:alert|attempt|notification)|sign-?in (?:alert|attempt|notification))\\b[^.!?]{0,40}?\\b(?:i|that i)\\s+(?:didn'?t|did not|never|haven'?t)\\s+(?:request|ask|initiat|tri|attempt|make|do)\\w*`,
      `\\b(?:log(?:ged)?[- ]?in|sign(?:ed)?[- ]?in|access(?:ed)?)\\w*\\b[^.!?]{0,40}?\\b(?:from|in|at)\\s+(?:an?\\s+)?(?:\\w+\\s+)?(?:unknown|unrecogni[sz]ed|new|strange|different|another|foreign|weird|unfamiliar)\\s+(?:device|location|country|ip|phone|place|city|computer|browser)`,
    ),
  },
  // "money has disappeared from my account", "£200 gone", "my account was emptied", "missing cash from my account"
  {
    topic: 'fraud_security', score: 0.85, kind: 'event',
    anchors: 'disappear vanish gone went missing been drain empt clean wip taking',
    pattern: anyOf(
      `(?:\\b(?:money|funds|cash|savings|balance)|[£$€]\\s?\\d[\\d,.]*k?|\\b\\d[\\d,.]*\\s?(?:pounds|quid|dollars|bucks|euros))\\b[^.!?]{0,30}?\\b(?:disappeared|vanished|gone missing|went missing|missing from my|(?:is|are|has|have|just)\\s+(?:just\\s+)?gone|been stolen|been taken out|been drained|been emptied)\\b`,
      `\\b(?:account|savings|balance)\\s+(?:has been|have been|was|got|is)\\s+(?:\\w+\\s+)?(?:emptied|drained|cleaned out|wiped out)\\b`,
      `\\b(?:who|someone|somebody) is taking (?:money|cash|funds)\\b`,
      `\\bmissing (?:\\w+\\s+)?(?:money|cash|funds) from (?:my|our)\\b`,
    ),
    // a top-up or transfer gone astray, anywhere in the message, is not theft
    needs: /^(?![\s\S]*\b(?:top(?:ped|ping|s)?.?(?:up|off)|transfer\w*|sent|send|deposit\w*|cheque|check|salary|refund|pending|arrive\w*|receiv\w*|friend|atm|machine|exchang\w*|crypto)\b)/,
  },
  // "freeze my card", "block my card immediately"
  {
    topic: 'fraud_security', score: 0.8, kind: 'event',
    anchors: 'freez froze block lock cut put stop suspend',
    pattern: anyOf(
      `\\b(?:freeze|froze|frozen|freezing|block|blocking|lock|locking|cut off|put a (?:hold|freeze|stop|block) on|stop|suspend|suspending)\\s+(?:${MY})\\s+(?:\\w+\\s+)?(?:cards?|account|accounts|acc|acct)\\b`,
      `\\b(?:cards?|account) (?:frozen|blocked|locked|suspended) (?:immediately|asap|right away|now|urgently)\\b`,
    ),
    notAfter: /\b(?:can'?t|cannot|can not|don'?t|do not|not|didn'?t|did not|unable to)\s+(?:\w+\s+)?$/,
    unless: /\b(?:unfreeze|unblock|unlock|temporar\w*|travel\w*|abroad|gambling)\b/,
  },
  // "someone has a copy of my card", "the app says I withdrew cash but I didn't"
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'copy copies duplicat clone say said show claim indicat tell listed apparent suppos made done used taken author withdrawn initiat spent bought ordered access opened changed logged hack how',
    pattern: anyOf(
      `\\b(?:copy|copies|duplicate|clone)\\s+of\\s+my\\s+card\\b`,
      `\\b(?:says?|said|saying|shows?|showing|showed|claims?|indicates?|tells? me|telling me|listed|apparently|supposedly)\\b[^.!?]{0,15}?\\b(?:i|i've|i have)\\s+(?:[\\w,]+\\s+){1,8}?(?:but|though|even though|however|yet|when|and)\\s+(?:i|i've|that's)\\s+(?:\\w+\\s+)?(?:didn'?t|did not|haven'?t|have not|never|don'?t|do not|a mistake|wrong|not true)\\b`,
      `\\bi supposedly\\b`,
      `\\b(?:made|done|used|taken|authori[sz]ed|withdrawn|initiated|spent|bought|ordered|accessed|opened|changed|logged into|hacked)\\s+by\\s+(?:someone|somebody|a person|people|an? (?:unknown|third) (?:party|person)|a third party|third parties|a stranger|strangers|hackers?|a hacker|fraudsters?|scammers?|criminals?)(?:\\s+(?:else|other than me|besides me|i (?:don'?t|do not) know))?\\b`,
      `\\bhow (?:did )?(?:this|that|the|these|those)\\s+(?:\\w+\\s+)?(?:payments?|charges?|transactions?|debits?|withdrawals?)\\s+(?:get|got|come|came|end(?:ed)? up)\\s+(?:on|in|into|onto)\\s+my\\b`,
      `\\b(?:someone|somebody|people|strangers?)\\b[^.!?]{0,20}\\b(?:has|have|got|with|gained|getting)\\s+(?:\\w+\\s+)?access\\b`,
    ),
    // letting family or friends in is no break-in
    unless: /\b(?:let|allow|give|add|authori[sz]e)\s+(?:my\s+|other\s+|another\s+)?(?:some ?one|somebody|anyone|people|person|friends?|partner|wife|husband|family|kids?|son|daughter)\b/,
  },
  // "the app says I withdrew cash. I didn't!": the denial in a sentence of its own
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'say said show claim indicat',
    pattern: /\b(?:says?|said|saying|shows?|showing|claims?|indicates?)\b (?:that )?i (?:withdrew|withdraw|made|took|got|spent|paid|bought|received|sent|have made|have withdrawn)\b/,
    needs: /[.!?]\s*(?:but\s+)?i (?:didn'?t|did not|haven'?t|have not|never)\b|\b(?:not me|wasn'?t me|that'?s (?:a mistake|wrong|not true))\b/,
  },
  // cash the app shows that the customer never had: "cash I did not get showed up in my app"
  {
    topic: 'fraud_security', score: 0.85, kind: 'event',
    anchors: 'cash money fund withdraw wd balance non unreceiv',
    pattern: anyOf(
      `\\b(?:cash|money|funds|withdrawa?ls?|wd|balance)\\b[^.!?]{0,40}?\\b(?:i|that i)\\s+(?:did not|didn'?t|never|haven'?t|have not)\\s+(?:get|receive|accept|take|withdraw|deposit|put)\\b`,
      `\\b(?:non-?received|unreceived)\\s+(?:cash|money|funds)\\b`,
      `\\b(?:i|we)\\s+(?:did not|didn'?t|never)\\s+(?:get|receive|withdraw|take out)\\s+(?:the|this|that|these|any)\\s+(?:cash|money|funds|withdrawa?l)\\b[^.!?]{0,30}?\\b(?:show\\w*|in my app|on my statement|in my account|on the app|in the app)\\b`,
    ),
    unless: /\b(?:asked|request\w*|wanted|tried|entered|selected|chose|gave me|only|enough|full|all (?:the|of)|right amount|correct amount|instead|less|short|yet|transfer\w*|top.?up|friend|salary|refund)\b/,
    also: { topic: 'payment_dispute', score: 0.7 },
  },
  // the card is with the customer, or they are elsewhere: "used in Spain but I'm in London", "I still have my card"
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'card',
    pattern: anyOf(
      `\\b(?:i\\s+)?(?:still have|still got|have still got|have got|had|have)\\s+(?:my|the)\\s+(?:physical\\s+)?card\\s+(?:\\w+\\s+){0,3}?(?:with me|on me|here|in my (?:hand|wallet|purse|pocket|possession))`,
      `\\b(?:i\\s+)?still have (?:my|the) (?:physical )?card\\b`,
      `\\bcard (?:has been|is|was|'s been)\\s+(?:\\w+\\s+)?(?:in my (?:wallet|purse|pocket|hand|possession)|with me)\\b`,
    ),
    needs: MONEY_CONTEXT,
  },
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'used',
    pattern: /\b(?:cards?|account|details)\s+(?:has been|have been|was|were|got|is being|are being|being)\s+used\b[^.!?]{0,40}?\b(?:but|while|when|yet|though|even though|whereas)\s+(?:i|i'm|i've|i was|i am|i have|we|we're)\b/,
  },
  // "who tf is DIGITALOCEAN and why are they charging me"
  {
    topic: 'fraud_security', score: 0.8, kind: 'event',
    anchors: 'who',
    pattern: /\bwho (?:the hell |tf |the fuck |on earth |the heck )?(?:is|are|was|were|tf is)\b/,
    needs: /\b(?:charg\w*|debit\w*|taking|took|billing|billed|payments?|transactions?|withdrawals?)\b/,
    unless: /\b(?:who (?:is|are) (?:my|the|your) (?:account manager|manager|adviser|advisor|contact|beneficiar\w*|recipient|payee)|who (?:is|are) you)\b/,
  },
  // "a place I've never been to", "a store far away", "an odd remote town"
  {
    topic: 'fraud_security', score: 0.85, kind: 'event',
    anchors: 'odd strange weird unknown unfamiliar remote random never not',
    pattern: anyOf(
      `\\b(?:odd|strange|weird|unknown|unfamiliar|remote|random)\\s+(?:\\w+\\s+)?(?:location|place|town|city|country|area|store|shop|merchant|vendor|seller|company|business|name|website|site)s?\\b`,
      `\\b(?:never|not)\\s+(?:even\\s+)?(?:been|visited|shopped|gone)\\s+(?:to|in|at|there)\\b`,
    ),
    needs: MONEY_CONTEXT,
  },
  // something on the account the customer denies: "a device logged in I don't own", "orders I didn't place",
  // "a new payee I didn't add", "an account I never opened", "posts I didn't make"
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: `device payee card order post login log sign account email password phone number address change purchas transfer profile + ${NEGATION_ANCHORS}`,
    pattern: new RegExp(
      `\\b(?:devices?|payees?|cards?|orders?|posts?|log-?ins?|sign-?ins?|accounts?|e-?mails?|passwords?|phone numbers?|address|changes?|purchases?|transfers?|profiles?)\\b[^.!?]{0,40}?\\b(?:i|we)\\s+(?:\\w+\\s+)?(?:didn'?t|did not|never|don'?t|do not|haven'?t|have not)\\s+(?:\\w+\\s+)?(?:make|made|place|placed|add|added|own|open|opened|order|ordered|authori[sz]e\\w*|request\\w*|set up|creat\\w*|do|did|recogni[sz]e|send|sent|post|posted|chang\\w*|buy|bought|apply for|applied for)\\b`,
    ),
    notAfter: FUTURE_BEFORE,
  },
  // "someone's changed my password", "somebody knows my PIN", "my account was hijacked", "a stranger has my login"
  {
    topic: 'fraud_security', score: 0.95, kind: 'event',
    anchors: 'some hijack taken took',
    pattern: anyOf(
      `\\bsome(?:one|body|1)(?:'s| has| had| have)?\\s+(?:\\w+\\s+)?(?:changed|reset|accessed|hijacked|knows|got|has)\\s+(?:my|our|the)\\s+(?:\\w+\\s+)?(?:pin|password|passcode|login|log-?in|details|account|email|phone number|security questions?)\\b`,
      `\\b(?:hijack\\w*|took over|taken over|taking over)\\s+(?:my|our|the)?\\s*(?:\\w+\\s+)?(?:account|profile|email|phone number|number|sim)\\b`,
      `\\b(?:account|profile|email|sim)\\s+(?:was|has been|got|been)\\s+(?:hijacked|taken over)\\b`,
    ),
  },
  // scams that made the customer act: "told me to move my money to a safe account", "it wasn't him", "I typed in my card number"
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'safe wasn wasnt typed entered put gave fake scam',
    pattern: anyOf(
      `\\bsafe account\\b`,
      `\\b(?:it )?(?:wasn'?t|was not)\\s+(?:really\\s+)?(?:him|her|them|my (?:son|daughter|mum|mom|dad|husband|wife|partner|friend|brother|sister|boss|bank))\\b`,
      `\\b(?:typed|entered|put|gave|given|shared|sent)\\s+(?:in\\s+)?(?:them\\s+|him\\s+|her\\s+)?(?:my\\s+)?(?:card (?:number|details)|bank details|details|password|pin|login|security code|one-?time (?:code|passcode)|otp)\\b`,
    ),
    needs: /\b(?:fake|scam\w*|phish\w*|link|text|sms|whats ?app|email|e-mail|call(?:ed)?|message|pretend\w*|claim\w*|said (?:they|he|she) (?:was|were)|"|“)/,
  },
  // used where the customer is not: "used in Spain and I'm at home", "a £900 withdrawal in Romania, I'm in Leeds";
  // changed behind their back: "an email saying my password was changed. I didn't change it"; "I think it was stolen"
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'used use payment withdraw transaction charge purchase spent chang reset stolen nicked pinched swiped',
    pattern: anyOf(
      `\\b(?:used|payments?|withdrawa?ls?|transactions?|charges?|purchases?|spent)\\b[^!?]{0,40}?\\b(?:in|at|from)\\s+[a-z]+\\b[^!?]{0,25}?\\b(?:i'?m|i am|i was|i live|i'?ve been|i have been|but i'?m|while i was)\\s+(?:\\w+\\s+)?(?:at home|in (?:the )?[a-z]+|here|asleep|in bed|at work)\\b`,
      `\\b(?:password|e-?mail|pin|phone number|number|address|details|security questions?)\\s+(?:was|were|has been|have been|got|had been)\\s+(?:changed|reset|updated)\\b[^!?]{0,40}?\\b(?:i didn'?t|i did not|i never|i haven'?t|wasn'?t me|not me)\\b`,
      `\\b(?:it|they|mine|both)(?:'s| was| were| has been| have been| got| must have been| might have been| may have been)\\s+(?:been\\s+)?(?:stolen|nicked|pinched|swiped)\\b`,
    ),
    needs: MONEY_OR_ACCESS_CONTEXT,
    notAfter: FUTURE_BEFORE,
    loss: true,
  },
  // someone else in the account: "my ex has been in my account", "he went into my online banking", "watching stuff on
  // my streaming account from Brazil"; the card at home while used: "it's been in a drawer", "I was asleep"
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'been went got gets logged into watching using drawer asleep sleeping bed',
    pattern: anyOf(
      `\\b(?:he|she|they|someone|somebody|some guy|a stranger|(?:my|her|his) ex|[a-z]+'s ex|whoever)\\b[^.!?]{0,40}?\\b(?:went|got|has been|have been|had been|logged|gets|keeps getting)\\s+(?:in|into|on)\\s+(?:to\\s+)?(?:my|our)\\s+(?:\\w+\\s+)?(?:account|banking|online banking|app|profile|email)\\b`,
      `\\b(?:some(?:one|body)(?:'s| has| is)?\\s+(?:been\\s+)?(?:watching|using|streaming|buying|ordering|posting|logging in))\\b[^.!?]{0,30}?\\bmy\\s+(?:\\w+\\s+)?(?:account|profile|card|login)\\b`,
      `\\b(?:it'?s|it has|it'?s been|card'?s been|card has been|it was|card was)\\s+(?:been\\s+)?(?:in (?:a|my|the) (?:drawer|wallet|purse|pocket|safe)|at home|with me)\\b`,
      `\\b(?:i|we) (?:was|were) (?:asleep|sleeping|in bed|on a plane|in hospital)\\b`,
    ),
    needs: MONEY_OR_ACCESS_CONTEXT,
  },
  // "I think it was stolen", "mine's been nicked" (the wallet, phone or card talked of)
  {
    topic: 'fraud_security', score: 0.9, kind: 'event',
    anchors: 'stolen nicked pinched swiped',
    pattern: /\b(?:it|they|mine|both)(?:'s| was| were| has been| have been| got| must have been| might have been| may have been)\s+(?:been\s+)?(?:stolen|nicked|pinched|swiped)\b/,
    needs: /\b(?:wallet|purse|handbag|bag|phone|mobile|cards?|laptop|id|passport|details)\b/,
    notAfter: FUTURE_BEFORE,
    loss: true,
  },
  // "got a text saying my account is locked and to click a link, I clicked it"
  {
    topic: 'fraud_security', score: 0.85, kind: 'event',
    anchors: 'clicked tapped opened followed',
    pattern: /\b(?:i|we) (?:clicked|tapped|opened|followed|pressed) (?:it|the link|on it|on the link|that link|the link in it)\b/,
    needs: /\b(?:link|text|sms|email|e-mail|message|whats ?app|call)\b/,
  },
  // the denial with its subject dropped: "a cash withdrawal that didn't make is showing up"
  {
    topic: 'fraud_security', score: 0.85, kind: 'event',
    anchors: `that which + ${NEGATION_ANCHORS}`,
    pattern: /\b(?:payments?|charges?|transactions?|withdrawa?ls?|debits?|purchases?|transfers?)\s+(?:that|which)\s+(?:i\s+)?(?:didn'?t|did not|never)\s+(?:make|made|authori[sz]e|do|did)\b/,
  },
  // money out the customer cannot account for: "my app says I withdrew money from an ATM", "some cash is showing up on
  // my app", "I have a cash withdrawal on my statement. Why is that?", "I want a refund on a direct debit"
  {
    topic: 'fraud_security', score: 0.75, kind: 'event',
    anchors: 'says shows claims showing show why refund',
    pattern: anyOf(
      `\\b(?:app|statement|account|bank|balance)\\s+(?:says|shows|claims|is saying|is showing)\\s+(?:that\\s+)?(?:i|we)\\s+(?:withdr\\w*|took out|spent|paid|made|bought)\\b`,
      `\\b(?:some |a )?(?:cash|withdrawa?ls?)\\s+(?:that\\s+)?(?:is\\s+|are\\s+)?(?:show(?:s|ing)? up|appear(?:s|ing|ed)?)\\s+(?:on|in)\\s+my\\s+(?:app|account|statement)\\b`,
      `\\b(?:i have|there'?s|there is)\\s+(?:an?\\s+)?(?:cash\\s+)?(?:withdrawal|payment|charge|transaction|debit)\\s+(?:in|on)\\s+my\\s+(?:statement|account|app)\\b(?=[^]*\\bwhy\\b)`,
      `\\brefund (?:on|for|of) (?:a|the|this|that|my) direct debit\\b`,
    ),
    notAfter: FUTURE_BEFORE,
  },
];

/** Left side of "charged twice": a payment or the act of paying. */
const PAID = `(?:charg\\w*|bill(?:ed|ing)|debit(?:ed|ing)|deduct\\w*|paid|payed|paying|pay|took|taken|tak(?:ing|en) out|came out|come out|comes out|gone out|went out|goes out|taking|processed|posted|${MOVEMENT}|show(?:s|ing|ed|n)?(?: up)?|appear\\w*|went through|go through|gone through|listed|recorded|registered|collected|drawn)`;
/** More than once. */
const REPEATED =
  '(?:twice|two times?|2 times?|2x|x2|three times|3 times|thrice|(?:multiple|several|many|numerous|a few|too many|to many|a couple of|a couple|various|duplicate|repeated) times|more than (?:once|one time)|over and over(?: again)?|again and again|a second time|repeatedly|in double|double)';

const DISPUTE: Rule[] = [
  // "charged twice", "payment came out two times", "charged multiple times at the same place"
  {
    topic: 'payment_dispute', score: 1, kind: 'event',
    anchors: 'twice two 2 x2 three 3 thrice multipl several many numerous few couple various duplicat repeat more over again second double',
    pattern: new RegExp(`\\b${PAID}\\b[^.!?]{0,60}?\\b${REPEATED}\\b(?!\\s+(?:a|per|every|each|in (?:a|one) (?:day|week|month)|daily|weekly|monthly|yearly|a (?:day|week|month|year))\\b)`),
    unless: /\b(?:declined|failed|rejected|refused)\s+(?:\w+\s+)?(?:twice|two times|multiple times|several times|more than once)\b(?![^.!?]*\b(?:charg|bill|debit|taken|deduct))|\b(?:tried|trying|try|attempt\w*|tries|retried)\b[^.!?]{0,40}\b(?:a couple of|a couple|several|multiple|many|a few|numerous|various|two|three) times\b|\b(?:sent|paid|transferred|gave|given)\s+(?:me|us)\b|\b(?:received|got)\s+(?:\w+\s+)?(?:money|payments?|transfers?|refunds?)\b/,
    notAfter: FUTURE_BEFORE,
  },
  // "double charged", "duplicate payment", "the same charge twice", "two charges for one purchase", "charged again"
  {
    topic: 'payment_dispute', score: 1, kind: 'event',
    anchors: 'doubl duplicat repeat two 2 three 3 twice multipl several many more extra second should both again over',
    pattern: anyOf(
      `\\bdouble[- ]?(?:charg\\w*|bill\\w*|debit\\w*|pa(?:y|id|yment)s?|dip\\w*|taken|deduct\\w*)\\b`,
      `\\bdoubl(?:e|y|ed)[- ]charged\\b`,
      `\\bduplicat\\w*\\s+(?:\\w+\\s+)?${MOVEMENT}\\b`,
      `\\b${MOVEMENT}\\s+(?:(?:was|were|has been|have been|got|is|are|being)\\s+)?(?:duplicated|doubled|repeated)\\b`,
      `\\bduplicate (?:billing|charging)\\b`,
      `\\b(?:two|2|three|3)\\s+(?:identical|duplicate|of the same|same)\\s+(?:\\w+\\s+)?${MOVEMENT}\\b`,
      `\\b(?:same|one|single)\\s+(?:\\w+\\s+)?${MOVEMENT}\\b[^.!?]{0,40}?\\b(?:twice|two times|more than once|multiple|several|two|repeated|over and over|again)\\b`,
      `\\brepeat(?:ed)?\\s+(?:${MOVEMENT})\\b`,
      `\\b(?:multiple|several|many|two|2|three|3|too many|to many|more than one|extra)\\s+(?:\\w+\\s+)?(?:charges|payments|transactions|debits|withdrawals|purchases|charge|payment|transaction)\\b[^.!?]{0,40}?\\b(?:for|from|of)\\s+(?:(?:just|only)\\s+)?(?:one|a single|the same|a|1|my)\\s+(?:\\w+\\s+)?(?:transactions?|purchases?|payments?|items?|things?|orders?|meals?|visits?|bills?)\\b`,
      `\\b(?:multiple|several|two|2) of the same\\s+(?:\\w+\\s+)?(?:transaction|charge|payment|purchase|debit)s?\\b`,
      `\\b(?:second|2nd|duplicate)\\s+(?:\\w+\\s+)?(?:charge|payment|transaction|debit)\\s+(?:of|for)\\s+(?:the\\s+)?(?:\\w+\\s+)?same\\b`,
      `\\b(?:being|getting|been|got|get|was|were|it|they|you)\\s+(?:charged|billed|debited|charging|billing)\\s+(?:me\\s+)?again\\b`,
      `\\b(?:should|supposed to)\\s+(?:only\\s+)?(?:be|have)\\s+(?:only\\s+)?(?:one|1|a single)\\s+(?:charge|payment|transaction)\\b`,
      `\\b\\bduplicate times\\b\\b`,
      `\\b(?:ordered|bought|purchased|wanted|had|got|ate)\\s+(?:only\\s+)?(?:one|1|a single)\\b[^.!?]{0,40}?\\b(?:charged|billed|paid|debited|taken)\\s+(?:\\w+\\s+)?(?:for\\s+)?(?:two|2|three|3|twice|both|double)\\b\\b`,
      `\\b(?:charged|billed)\\s+(?:me\\s+)?for\\s+(?:two|2|three|3|both)\\b[^.!?]{0,30}?\\b(?:only|just|one|single)\\b\\b`,
      `\\bboth\\s+(?:of\\s+(?:the|my)\\s+)?(?:payments|charges|transactions|debits)\\s+(?:have\\s+|has\\s+|were\\s+)?(?:gone through|went through|came out|been taken|taken|been charged|gone out|went out|cleared|processed|been processed)\\b`,
    ),
    notAfter: FUTURE_BEFORE,
  },
  // "overcharged", "charged the wrong amount", "charged more than the price", "wrongly billed", "the amount charged is wrong"
  {
    topic: 'payment_dispute', score: 1, kind: 'event',
    anchors: 'over wrong incorrect inaccura false erroneous more too extra mistak excess higher double error unfair charg bill debit greater bigger different right correct high off took taken paid deduct statement invoice receipt app amount',
    pattern: anyOf(
      `\\bover-?charg\\w*`,
      `\\bover-?bill\\w*`,
      `\\b(?:wrong|incorrect|inaccurate|false|erroneous)\\s+(?:\\w+\\s+)?(?:amount|sum|price|total|figure|value|charges?|charging|billing)`,
      `\\b(?:charged|billed|debited|took|taken|deducted|paid)\\s+(?:me\\s+)?(?:[£$€]\\s?\\d[\\d.,]*\\s+|\\d[\\d.,]*\\s*(?:pounds|dollars|euros|quid|bucks)\\s+)?(?:(?:way|far|much|a lot|too|an?|the)\\s+)?(?:more|too much|extra|wrong|incorrect\\w*|wrongly|in error|by mistake|by error|mistaken\\w*|excessive\\w*|higher|double)\\b`,
      `\\b(?:wrongly|incorrectly|mistakenly|wrongfully|unfairly|erroneously|falsely)\\s+(?:charged|billed|debited|taken|deducted)`,
      `\\b(?:charged|billed|debited|charging|billing)\\s+(?:me\\s+)?[£$€]?\\d[\\d.,]*\\s*(?:\\w+\\s+)?(?:instead of|rather than|when (?:it|the)|but|while)`,
      `\\b(?:charged|billed)\\s+(?:me\\s+)?(?:the\\s+)?(?:full|normal|regular|original|standard|old|higher)\\s+(?:price|rate|amount|fare)`,
      `\\b(?:more|higher|greater|bigger) than (?:what )?(?:i|was|it) (?:was )?(?:quoted|expected|agreed|authori[sz]ed|approved|signed up|should|supposed|told|advertised|listed|shown|displayed|spent|paid|bought|ordered|entered|owe|actually)`,
      `\\b(?:price|amount|bill|total)\\b[^.!?]{0,30}\\b(?:higher|more|different) than (?:what )?(?:i|was|it|we)\\b`,
      `\\b(?:amount|sum|total|price|bill)\\s+(?:\\w+\\s+){0,2}?(?:is|was|are|were|seems|looks)\\s+(?:\\w+\\s+)?(?:wrong|incorrect|not right|not correct|too high|off)`,
      `\\b(?:total|price|receipt|bill|amount|cost)\\b[^.!?]{0,25}?\\b(?:is|was|says|said|showed|shows)\\s+[£$€]?\\s?\\d[\\d.,]*\\s+(?:but|yet|and)\\s+(?:\\w+\\s+){0,4}?(?:charged|billed|debited|took|taken|paid|deducted)\\s+(?:me\\s+)?[£$€]?\\s?\\d`,
      `\\b(?:bill|statement|invoice|receipt|app|amount|charge)\\s+(?:says|shows|is|was|said|showed)\\s+[£$€]?\\s?\\d[\\d.,]*\\s+(?:but|when|yet|whereas|though)\\s+(?:\\w+\\s+){0,4}?(?:is|was|should be|says|said|costs?|agreed|quoted|price is|were)\\s+(?:only\\s+|just\\s+)?[£$€]?\\s?\\d`,
    ),
    notAfter: FUTURE_BEFORE,
    unless: /\b(?:typed|entered|put in|sent|send|transfer\w*)\s+(?:\w+\s+){0,3}?(?:the )?wrong\b|\bwrong (?:currency|account|card|pin|person|address|recipient|details|name|number|exchange rate|rate)\b|\bexchange rate\b/,
  },
  // the customer did not get the cash they asked for: "I didn't get the right amount", "didn't get all the cash"
  {
    topic: 'payment_dispute', score: 1, kind: 'event',
    anchors: `${NEGATION_ANCHORS} unable able + all enough full right correct whole entire requested total amount sum cash money notes funds asked wanted withdrew entered selected specified typed much that this what`,
    pattern: new RegExp(
      `\\b(?:${NEGATION}|not able to|unable to|couldn'?t|could not|wasn'?t able to|was not able to)\\s+(?:\\w+\\s+)?(?:get|receive|got|received|given|getting|receiving|gotten|dispensed|distributed|revieve|give|gave|dispense|pay out|paid out)\\s+(?:me\\s+)?(?:the\\s+)?(?:all (?:the |my |of (?:the |my |it)?)?(?:cash|money|notes|funds)?|as much(?: \\w+)? as|all of it|enough (?:cash|money)|(?:my\\s+)?(?:full|right|correct|whole|entire|requested|total) (?:\\w+\\s+)?(?:amount|sum|cash|money|withdrawal)|(?:amount|cash|money|sum) (?:of (?:cash|money) )?(?:i|that i) (?:asked|requested|wanted|needed|withdrew|entered|selected|chose|tried|specified|typed|put in)|(?:that|this) amount|what i (?:asked|requested|wanted|withdrew|entered|selected))\\b`,
    ),
    unless: /\b(?:transfer\w*|top.?up\w*|deposit\w*|salary|wage|friend|recipient|refund|cheque|check|pin|exchange rate|card (?:back|returned)|back (?:my|the) card|(?:new|replacement) card|sent|send|sending|paid (?:them|him|her)|beneficiary|payee)\b|\b(?:kept|swallowed|ate|retained|took|stole|has|holding|keeps|eaten|swallow)\s+(?:my|the)\s+(?:\w+\s+)?card\b/,
  },
  // the same told by numbers: "asked for $100 but only got $20", "less than I asked for", "short-changed"
  {
    topic: 'payment_dispute', score: 1, kind: 'event',
    anchors: 'asked request wanted needed tried entered select chose typed put went only got received given came dispens than then amount cash money short',
    pattern: anyOf(
      `\\b(?:asked for|requested|wanted|needed|tried to (?:withdraw|take out|get)|entered|selected|chose|typed in|put in|went to)\\s+(?:[£$€]\\s?)?\\d[\\d,.]*\\b[^.!?]{0,40}?\\b(?:got|received|gave|give|came out|given|dispensed|go)\\b`,
      `\\b(?:only|just)\\s+(?:got|get|go|received|receive|gave(?: me)?|given|came out|dispensed|paid(?: me)?|getting|gotten)\\s+(?:me\\s+)?(?:out\\s+)?(?:[£$€]\\s?\\d|\\d)[\\d,.]*(?!\\s*(?:free|withdrawals?|transfers?|top.?ups?|per|a (?:day|week|month)|each|times|%))`,
      `\\b(?:got|received|given)\\s+only\\s+(?:[£$€]\\s?)?\\d`,
      `\\bonly\\s+(?:[£$€]\\s?\\d[\\d,.]*|\\d[\\d,.]*\\s*(?:pounds|dollars|euros|quid|bucks)?)\\s+(?:came out|was dispensed|dispensed|was given|came through)\\b`,
      `\\bonly (?:got|received|given|get) (?:some|part|half|a bit|a little) of\\b`,
      `\\b(?:didn'?t|did not|never) ask for (?:the|this|that) (?:amount|sum)\\b`,
      `\\b(?:got|received|given)\\s+(?:[£$€]\\s?\\d[\\d,.]*|\\d[\\d,.]*\\s+\\w+)\\s+(?:but|when|and|instead)\\s+(?:i\\s+)?(?:entered|asked|requested|wanted|should|tried)`,
      `(?:[£$€]\\s?\\d+|\\d+ (?:pounds|dollars|euros|quid|bucks))\\s+(?:\\w+\\s+)?(?:came out|was dispensed|dispensed)\\s+(?:instead|rather|but|when|not)`,
      `\\b(?:less|fewer|lower|smaller|more|higher|larger|bigger|different)\\s+(?:(?:amount of\\s+)?(?:cash|money|amount|sum|notes)\\s+)?th[ae]n (?:what |the amount )?(?:i |was |it )?(?:actually |really |originally )?(?:asked|requested|wanted|entered|expected|specified|selected|chose|withdrew|tried|put in|typed)`,
      `\\b(?:correct|right|full|whole) amount\\b[^.!?]{0,20}?\\b(?:was not|wasn'?t|not|never)\\s+(?:received|given|dispensed)`,
      `\\b(?:wasn'?t|was not|isn'?t|is not|not)\\s+(?:the\\s+)?(?:right|correct|full) amount\\b`,
      `\\b(?:cash|money) i (?:wanted|asked for|requested)\\s+(?:wasn'?t|was not|still hasn'?t|has not|hasn'?t|never)\\b`,
      `\\bshort[- ]?changed\\b`,
      `\\bshorted me\\b`,
    ),
    unless: /\b(?:transfer\w*|top.?up\w*|deposit\w*|salary|wage|friend|recipient|refund|cheque|check|pin|exchange rate|card (?:back|returned)|back (?:my|the) card|(?:new|replacement) card|sent|send|sending|paid (?:them|him|her)|beneficiary|payee)\b|\b(?:kept|swallowed|ate|retained|took|stole|has|holding|keeps|eaten|swallow)\s+(?:my|the)\s+(?:\w+\s+)?card\b/,
  },

  // the machine gave nothing, yet the money left the account: "the ATM didn't dispense any cash but my balance went down"
  {
    topic: 'payment_dispute', score: 1, kind: 'event',
    anchors: 'give gave dispens pay. paid spit came come nothing stuck jam + atm machine cash dispenser hole it. didn didnt. did.',
    pattern: anyOf(
      `\\b(?:atm|cash ?machine|cash ?point|machine|dispenser|hole in the wall|it)\\b[^.!?]{0,60}?\\b(?:didn'?t (?:give|dispense|pay|spit)|did not (?:give|dispense|pay)|never (?:gave|dispensed)|no (?:cash|money|notes) came out|nothing came out|(?:dispensed|gave|paid out) (?:nothing|no)|didn'?t come out|never came out|got stuck|jammed)\\b`,
      `\\b(?:didn'?t|did not) (?:the|this|your|that) (?:atm|machine|cash ?machine|cash ?point) (?:give|dispense|pay)\\b`,
    ),
    needs: /\b(?:debited|charged|taken|deducted|went down|gone down|shows?|showing|shown|app|balance|still|statement|says|said|withdrawn from|out of my account|from my account)\b/,
    unless: /\b(?:kept|swallowed|ate|retained|took|stole|has|holding|keeps|eaten|swallow)\s+(?:my|the)\s+(?:\w+\s+)?card\b|\b(?:card (?:back|returned)|back (?:my|the) card)\b/,
  },
  // the same at a cash machine: "the ATM kept my cash", "it didn't give me my money", "a partial withdrawal"
  {
    topic: 'payment_dispute', score: 1, kind: 'event',
    anchors: 'only gave kept ate swallow took short less fewer partial lower smaller more higher larger bigger different cash money amount withdraw correspond match add tally atm cashpoint rest',
    pattern: anyOf(
      `\\b(?:atm|cash ?machine|cash ?point|machine|dispenser|hole in the wall|it)\\b[^.!?]{0,60}?\\b(?:only (?:gave|give|paid|dispensed|spat|came|got|had|allowed)|gave (?:me )?(?:the )?(?:wrong|less|incorrect|not enough|a different|only|fewer|more)|(?:kept|ate|swallowed|took) (?:my )?(?:cash|money|notes|[£$€]\\s?\\d+)|short\\w*)\\b`,
      `\\b(?:got|get|received|given|gave me|came out|dispensed)\\s+(?:\\w+\\s+)?(?:less|fewer|a partial|partial)\\b`,
      `\\b(?:a )?partial (?:amount|sum|withdrawal)\\b`,
      `\\b(?:less|lower|smaller|more|higher|larger|bigger|different)\\s+(?:(?:amount of\\s+)?(?:cash|money|amount|sum|notes|wd|withdrawa?l)\\s+)?th[ae]n (?:what |the amount )?(?:i |was |it )?(?:actually |really )?(?:got|received|gave|given|took|did|thought|should)`,
      `\\b(?:cash|money|amount|withdrawa?l)\\b[^.!?]{0,40}?\\b(?:received|got|given|gave me|dispensed|withdrew|withdrawn|came out)\\b[^.!?]{0,30}?\\b(?:not|n't|less|different|wrong|incorrect|short|doesn'?t match|does not match|didn'?t match|don'?t match)\\b`,
      `\\b(?:amount|cash|money)\\b[^.!?]{0,50}?\\b(?:did not|didn'?t|never|wasn'?t)\\s+(?:come out|dispensed|given)\\b`,
      `\\b(?:doesn'?t|does not|didn'?t|did not) (?:correspond|match|add up|tally)\\b`,
      `\\b(?:withdrawa?l|cash|amount)\\s+(?:was|is)\\s+(?:short|incorrect|wrong|not (?:entirely )?complete)\\b`,
      `\\b(?:atm|cash machine|cashpoint)\\s+(?:\\w+\\s+)?(?:was|is)\\s+(?:wrong|incorrect)\\b`,
      `\\bthe rest of (?:my|the) (?:cash|money)\\b`,
      `\\b(?:didn'?t|did not|never|wouldn'?t|would not)\\s+(?:\\w+\\s+){0,3}?(?:give|dispense|pay out|spit out)\\s+(?:me\\s+)?(?:all|the full|the whole|the right|the correct|enough)\\b`,
      `\\b(?:cash|money)\\s+(?:was|is)\\s+missing\\b`,
    ),
    needs: CASH_CONTEXT,
    unless: /\b(?:transfer\w*|top.?up\w*|deposit\w*|salary|wage|friend|recipient|refund|cheque|check|pin|exchange rate|card (?:back|returned)|back (?:my|the) card|(?:new|replacement) card|sent|send|sending|paid (?:them|him|her)|beneficiary|payee)\b|\b(?:kept|swallowed|ate|retained|took|stole|has|holding|keeps|eaten|swallow)\s+(?:my|the)\s+(?:\w+\s+)?card\b/,
  },

  // "chargeback", "I want to dispute this charge", "I disagree with a charge", "reverse this transaction"
  {
    topic: 'payment_dispute', score: 0.95, kind: 'mention',
    anchors: 'chargeb back disput contest query disagree revers',
    pattern: anyOf(
      `\\bcharge-?backs?\\b`,
      `\\bcharge backs?\\b`,
      `\\bdisput\\w*\\b`,
      `\\bcontest(?:ing)? (?:a|the|this|that) (?:charge|payment|transaction|debit)\\b`,
      `\\bquery(?:ing)? (?:a|the|this|that) (?:charge|payment|transaction|debit)\\b`,
      `\\bdisagree with (?:a|the|this|that|these) (?:charge|payment|transaction|debit|bill)s?\\b`,
      `\\brevers\\w* (?:a|the|this|that|these) (?:charge|payment|transaction)s?\\b`,
      `\\b(?:charge|payment|transaction)s? (?:\\w+ )?reversed\\b`,
    ),
  },
  // disputing a direct debit is claiming it was not authorised (the Direct Debit Guarantee)
  {
    topic: 'fraud_security', score: 0.8, kind: 'mention',
    anchors: 'disput',
    pattern: anyOf(
      `\\bdisput\\w*\\s+(?:(?:a|the|this|that|an|my)\\s+)?(?:\\w+\\s+)?(?:direct )?debit\\b`,
      `\\b(?:direct )?debit\\b[^.!?]{0,30}?\\bdisput\\w*`,
    ),
  },
  // charged for something not received, after cancelling, or for a failed payment
  {
    topic: 'payment_dispute', score: 0.9, kind: 'event',
    anchors: 'charg bill debit paid paying taken tak took deduct went came revers remov refund reimburs',
    pattern: anyOf(
      `\\b(?:charg\\w*|billed|debited|paid|taken|deducted|took (?:the )?money|money (?:was |got |has been )?(?:taken|deducted|debited))\\b[^.!?]{0,60}?\\b(?:never|not|n'?t|didn'?t|haven'?t|hasn'?t)\\s+(?:\\w+\\s+)?(?:received|arrived|got|get|delivered|come|came|showed up|turned up|sent|shipped|provided|used|given)\\b`,
      `\\b(?:still|keep|kept|continu\\w*)\\s+(?:being\\s+|getting\\s+|to\\s+)?(?:charg\\w*|bill\\w*|debit\\w*|tak\\w* (?:money|payments?))\\b[^.!?]{0,50}?\\b(?:after|even though|despite|though|since|although|when)\\b[^.!?]{0,30}?\\b(?:cancel\\w*|switch\\w*|closed|left|moved)`,
      `\\b(?:charg\\w*|bill\\w*|debit\\w*|tak(?:en|ing) (?:\\w+\\s+)?(?:money|payments?)|took (?:\\w+\\s+)?(?:money|payments?))\\b[^.!?]{0,50}?\\b(?:after|even though|despite|though|since|although|when)\\s+(?:(?:i|we|i'd|i had|i have|i've)\\s+(?:already\\s+|had\\s+)?)?(?:cancel\\w*|closed|closing|ended|ending|terminat\\w*|left|leaving|stopped|stopping|unsubscrib\\w*|returned|returning|sent (?:it|them) back|paid)\\b`,
      `\\b(?:charg\\w*|billed)\\b[^.!?]{0,40}?\\b(?:even though|although|despite|when)\\b[^.!?]{0,40}?\\b(?:on sale|discount\\w*|free|promo\\w*|voucher|coupon|paid on time|already paid)\\b`,
      `\\b(?:charg\\w*|bill\\w*|debit\\w*)\\b[^.!?]{0,40}?\\bfor\\s+(?:\\w+\\s+){0,5}?(?:that\\s+|which\\s+)?(?:i|we)\\s+(?:already\\s+|had\\s+|have\\s+|'ve\\s+|'d\\s+)?(?:cancel\\w*|returned|closed|ended|stopped|sent back|gave back|brought back|switched)\\b`,
      `\\b(?:want|need|like|get|have)\\s+(?:it|that|this|them|these|the (?:charges?|fees?|payments?))\\s+(?:reversed|taken off|removed|refunded back)\\b`,
      `\\bcancel\\w*\\b[^.!?]{0,60}?\\b(?:still|but|yet|and)\\s+(?:\\w+\\s+){0,2}?(?:charg\\w*|bill\\w*|debit\\w*|took|taken|deducted|paid|paying)\\b`,
      `\\b(?:charged|billed|debited|paid|money (?:was |got )?(?:taken|deducted))\\b[^.!?]{0,30}?\\bfor (?:an? |the |my )?(?:(?:\\w+ )?(?:that|which) (?:was|got|had been|has been) )?(?:cancell?ed|returned|refunded|failed|declined)\\b`,
      `\\b(?:declined|failed|didn'?t go through|did not go through|rejected|refused|bounced)\\b[^.!?]{0,40}?\\b(?:but|yet|and)\\s+(?:i\\s+(?:was|got|am|have been)\\s+|(?:the )?money\\s+(?:was|got|has been)\\s+|it\\s+(?:was|still|shows)\\s+)?(?:still\\s+)?(?:charged|billed|debited|taken|deducted|went out|came out|(?:as\\s+)?multiple charges)\\b`,
      `\\b(?:refund|money back|reimburs\\w*)\\b[^.!?]{0,20}?\\b(?:for|of|on)\\s+(?:an?|the|this|that|my)\\s+(?:wrong|incorrect|duplicate|double|extra|erroneous|mistaken|false|unfair)\\b`,
      `\\b(?:did not|didn'?t) get any (?:money|cash)\\b[^.!?]{0,20}?\\b(?:charged|debited|taken)\\b`,
      `\\b(?:charged|billed|debited|paid|money (?:was |got |has been )?(?:taken|deducted))\\b[^.!?]{0,30}?\\b(?:but|and|yet)\\s+(?:there'?s\\s+|there is\\s+|i\\s+(?:have|got|received|had)\\s+|still\\s+)?no (?:order|confirmation|item|ticket|booking|goods|product|delivery|receipt|tickets|items)\\b`,
    ),
    notAfter: FUTURE_BEFORE,
  },
  // "charged for something I never ordered": a disputed charge that may be fraud
  {
    topic: 'payment_dispute', score: 0.9, kind: 'event',
    anchors: `charg bill debit pay paid taken + ${NEGATION_ANCHORS}`,
    pattern: /\b(?:charg\w*|billed|debited|paying|paid|taken)\b[^.!?]{0,30}?\bfor\s+(?:\w+\s+){0,3}?(?:i|we)\s+(?:\w+\s+)?(?:never|didn'?t|did not|haven'?t|have not)\s+(?:\w+\s+)?(?:order\w*|buy|bought|purchas\w*|sign\w* up|subscrib\w*|agree\w*|authori[sz]\w*|request\w*)\b/,
    also: { topic: 'fraud_security', score: 0.85 },
  },
  // "billed for a night I didn't stay", "charged for something I never received"
  {
    topic: 'payment_dispute', score: 0.9, kind: 'event',
    anchors: `charg bill debit pay paid taken + ${NEGATION_ANCHORS}`,
    pattern: /\b(?:charg\w*|billed|debited|paying|paid|taken)\b[^.!?]{0,30}?\bfor\s+(?:\w+\s+){0,3}?(?:i|we)\s+(?:\w+\s+)?(?:never|didn'?t|did not|haven'?t|have not)\s+(?:\w+\s+)?(?:ask\w* for|want\w*|use|used|stay\w*|receiv\w*|get|got|ate|eat|had|book\w*|select\w*|chose|choose|click\w*|opt\w*|pick\w*|tick\w*)\b/,
  },
  // amounts that do not agree: "£20 less than I paid", "the amount on my statement is different to what the shop
  // charged", "£80 for a £20 ride", "£600 instead of £60", "only got half my money back", "a fee on a transfer you said was free"
  {
    topic: 'payment_dispute', score: 0.9, kind: 'event',
    anchors: 'less more differ match half part instead free again wrong charg bill paid took debit',
    pattern: anyOf(
      `\\b(?:less|more)\\s+than\\s+(?:what\\s+)?(?:i|we|it)\\s+(?:\\w+\\s+)?(?:paid|sent|spent|charged|cost|was charged|expected|agreed|owed)\\b`,
      `\\b(?:amount|charge|payment|total|price|sum|debit|figure)s?\\b[^.!?]{0,50}?\\b(?:is |was |are |were )?(?:different (?:to|from|than)|(?:doesn'?t|does not|don'?t|do not|didn'?t|did not) match)\\b`,
      `\\b(?:only\\s+(?:got|get|received|had)\\s+)?(?:half|part|some) (?:of )?(?:my|the) (?:money|refund|payment|deposit)\\b[^.!?]{0,20}?\\bback\\b`,
      `[£$€]\\s?\\d[\\d.,]*\\s+(?:instead of|rather than|for (?:a|an|the|my)\\s+[£$€]\\s?\\d)`,
      `\\b(?:fee|charge)\\b[^.!?]{0,50}?\\b(?:you |they |it )?(?:said|told me|was supposed to be|is supposed to be|was meant to be|advertised as)\\s+(?:\\w+\\s+)?(?:was\\s+|is\\s+)?free\\b`,
      `\\b(?:paid|settled)\\b[^.!?]{0,40}?\\b(?:but|and)\\s+(?:you|they|it)\\s+(?:\\w+\\s+)?(?:took|taken|charged|billed|debited)\\s+(?:\\w+\\s+){0,2}?again\\b`,
      `\\bwrong (?:exchange rate|conversion)\\b|\\bexchange rate\\b[^.!?]{0,30}?\\b(?:is|was)\\s+wrong\\b`,
    ),
    needs: MONEY_CONTEXT,
    notAfter: FUTURE_BEFORE,
  },
  // money gone for nothing: "the top up failed but the money is gone", "declined but the money left my account",
  // "it took the notes but my account wasn't credited", "took payment but said the order failed"
  {
    topic: 'payment_dispute', score: 0.9, kind: 'event',
    anchors: 'fail declin took taken credit left gone',
    pattern: anyOf(
      `\\b(?:failed|declined|rejected|didn'?t go through|did not go through)\\b[^.!?]{0,50}?\\b(?:but|yet|and)\\b[^.!?]{0,40}?\\b(?:money|funds|cash|payment|it)\\b[^.!?]{0,20}?\\b(?:gone|left|taken|missing|came out|went out|still (?:left|went|came))\\b`,
      `\\b(?:took|taken|has taken|kept)\\s+(?:my\\s+|the\\s+)?(?:money|payment|notes|cash|deposit)\\b[^.!?]{0,40}?\\b(?:but|yet)\\b[^.!?]{0,50}?\\b(?:not credited|wasn'?t credited|isn'?t credited|never credited|failed|no order|didn'?t (?:go through|arrive|show))\\b`,
    ),
  },
  // two amounts that should be one: "charged me £120, tickets were £12", "gave me £50 and my account shows £100 taken",
  // "it's £35 and I paid £53"
  {
    topic: 'payment_dispute', score: 0.85, kind: 'event',
    anchors: 'charg took taken debit bill deduct paid gave show says',
    pattern: anyOf(
      `\\b(?:charged|took|taken|debited|billed|deducted|paid|gave me|shows?|showing|says)\\b[^.!?]{0,30}?[£$€]\\s?\\d[\\d.,]*[^!?]{0,40}?(?:\\bbut\\b|\\band\\b|,|\\bwere\\b|\\bwas\\b|\\bis\\b|\\bonly\\b|\\bwhereas\\b|\\byet\\b)[^!?]{0,30}?[£$€]\\s?\\d`,
      `[£$€]\\s?\\d[\\d.,]*\\s+(?:and|but|when|yet)\\s+(?:i|we)\\s+(?:paid|was charged|were charged|spent)\\s+[£$€]\\s?\\d`,
    ),
    needs: /\b(?:charged|took|taken|debited|billed|deducted|paid|refund\w*|gave me|withdr\w*|machine|atm)\b/,
    unless: /\b(?:transfer|send|sending|move|moving)\b[^.!?]{0,20}[£$€]\s?\d[^.!?]*\band\b[^.!?]*[£$€]\s?\d[^.!?]*\bto\b/,
    notAfter: FUTURE_BEFORE,
  },
  // the amount that came or the price paid is not what was charged: "a withdrawal of 200 came out as 100 cash",
  // "bought a jacket for £60 and the payment on my card is £600", "refund is missing the £15 for shipping"
  {
    topic: 'payment_dispute', score: 0.85, kind: 'event',
    anchors: 'withdr came gave got received dispens bought ordered booked refund',
    pattern: anyOf(
      `\\bwithdr\\w*\\s+(?:of\\s+)?[£$€]?\\s?\\d[\\d.,]*[^!?]{0,30}?\\b(?:came out as|gave me|got|received|dispensed)\\s+(?:only\\s+)?[£$€]?\\s?\\d`,
      `\\b(?:bought|ordered|booked)\\b[^.!?]{0,30}?[£$€]\\s?\\d[^!?]{0,30}?\\b(?:payment|charge|charged|debit|statement|card|bill|account)\\b[^!?]{0,20}?\\b(?:is|was|shows?|says|of|for)\\s+[£$€]\\s?\\d`,
      `\\brefund\\w*\\b[^.!?]{0,20}?\\b(?:is |was |are |were )?(?:missing|short)\\b`,
    ),
  },
  // "too many charges on my card", "a mistake on an ATM transaction", "I requested a higher amount for my withdrawal"
  {
    topic: 'payment_dispute', score: 0.85, kind: 'event',
    anchors: 'many mistake error request asked higher larger bigger different',
    pattern: anyOf(
      `\\b(?:too|to) many (?:charges|payments|transactions|debits)\\b`,
      `\\b(?:mistake|error)\\s+(?:on|in|with)\\s+(?:an?|my|the|this)\\s+(?:atm\\s+|card\\s+|cash\\s+)?(?:transaction|withdrawal|payment|charge|debit)\\b`,
      `\\b(?:requested|asked for|entered|selected)\\s+(?:a|the)\\s+(?:higher|larger|bigger|different)\\s+amount\\b`,
    ),
    needs: MONEY_CONTEXT,
    notAfter: FUTURE_BEFORE,
  },
];

const LEGAL: Rule[] = [
  // "my lawyer", "the ombudsman", "small claims court", "a GDPR request", "this is illegal"
  {
    topic: 'legal', score: 0.95, kind: 'mention',
    anchors: 'violat contrary lawyer attorney solicitor barrister legal lawsuit law litigat court tribunal small class ombudsm trading cfpb consumer financial fca ftc federal bbb better regulator ofcom ofgem ofwat citizens gdpr data dsar subject sar ccpa information cease breach statutory know section right illegal unlawful against breaking',
    pattern: anyOf(
      `\\blawyers?\\b`,
      `\\b(?<!power of )attorneys?(?! general)\\b`,
      `\\bsolicitors?\\b`,
      `\\bbarristers?\\b`,
      `\\blegal (?:action|advice|proceedings?|team|department|dept|counsel|representation|route|steps|recourse|aid|case|claim|letter|matter|dispute|process|options?|avenues?|rights|measures)\\b`,
      `\\blawsuits?\\b`,
      `\\blaw ?suits?\\b`,
      `\\blitigat\\w*\\b`,
      `\\b(?<!(?:food|tennis|basketball|squash|netball|badminton|volleyball) )courts?\\b(?! (?:shoes?|yard|ship))\\b`,
      `\\btribunal\\b`,
      `\\bsmall claims\\b`,
      `\\bclass[- ]action\\b`,
      `\\bombudsm[ae]n\\b`,
      `\\btrading standards\\b`,
      `\\bcfpb\\b`,
      `\\bconsumer financial protection\\b`,
      `\\bfinancial conduct authority\\b`,
      `\\bfca\\b`,
      `\\bftc\\b`,
      `\\bfederal trade commission\\b`,
      `\\bbbb\\b`,
      `\\bbetter business bureau\\b`,
      `\\battorney general\\b`,
      `\\bregulators?\\b`,
      `\\bofcom\\b`,
      `\\bofgem\\b`,
      `\\bofwat\\b`,
      `\\bcitizens advice\\b`,
      `\\bgdpr\\b`,
      `\\bdata protection (?:act|officer|authority|law|laws|rights|breach|regulations?|complaint)\\b`,
      `\\bdsar\\b`,
      `\\bsubject access request\\b`,
      `\\bsar request\\b`,
      `\\bccpa\\b`,
      `\\binformation commissioner\\w*\\b`,
      `\\bcease and desist\\b`,
      `\\bbreach of contract\\b`,
      `\\bconsumer rights\\b`,
      `\\bstatutory rights\\b`,
      `\\bknow my rights\\b`,
      `\\bsection 75\\b`,
      `\\bright to (?:erasure|be forgotten)\\b`,
      `\\billegal\\b`,
      `\\bunlawful\\w*\\b`,
      `\\bagainst the law\\b`,
      `\\bbreaking the law\\b`,
      `\\bbreach of (?:the )?(?:law|regulations?|gdpr)\\b`,
      `\\b(?:violat\\w*|breach\\w*|breaking|contrary to|in breach of)\\s+(?:the\\s+)?(?:\\w+\\s+){0,4}?(?:act|law|laws|regulations?|directive|code of practice|consumer (?:duty|rights))\\b\\b`,
    ),
    unless: /\b(?:is it|it is|it's|are you|is this|is that) (?:legal|illegal)\b[^.!?]*\?/,
  },
  // "I'll sue you", "suing the company", "reporting you to the regulator"
  {
    topic: 'legal', score: 0.95, kind: 'threat',
    anchors: 'sue suing sued court ombudsm regulator fca cfpb ftc bbb trading authorit watchdog financial letter data consumer gdpr',
    pattern: anyOf(
      `\\b(?:(?:sue|suing|sued)\\s+(?:you|u|ya|them|your|the|this|for|over|him|her|y'?all|this)\\b|\\b(?:will|'ll|going to|gonna|to|i|and|could|should|can|might)\\s+(?:\\w+\\s+)?(?:sue|suing)\\b)(?!\\s+(?:(?:the|my|a|an|this|that|your)\\s+)?(?:\\w+\\s+)?(?:accounts?|profiles?|cards?|app|apps|plans?|services?|products?|features?|options?|platform|vouchers?|codes?|website|site|payments?|methods?|systems?|coupons?)\\b)`,
      `\\btake (?:you|this|them|it|the matter|the company|your company)\\s+to court\\b`,
      `\\b(?:report|reporting|reported|complain\\w*|escalat\\w*|take this|taking this|go|going)\\s+(?:you|this|it|them)?\\s*(?:\\w+\\s+)?to (?:the )?(?:\\w+\\s+){0,2}?(?:ombudsm[ae]n|regulators?|fca|cfpb|ftc|bbb|trading standards|authorities|watchdog|financial ombudsman)\\b`,
      `\\bsee you in court\\b|\\bletter before (?:action|claim)\\b|\\b(?:under|according to|per)\\s+(?:the\\s+)?(?:data protection|consumer (?:rights|protection)|gdpr)\\b`,
    ),
  },
];

const CANCELLATION: Rule[] = [
  // "cancel my subscription", "close my account", "terminate the contract", "cancel order 1234"
  {
    topic: 'cancellation', score: 0.9, kind: 'wish',
    anchors: 'cancel terminat discontinu clos shut delet deactivat remov rid end stop quit unsubscrib opt renew contract dele remova termina want need',
    pattern: anyOf(
      `\\b(?:cancel\\w*|terminat\\w*|discontinu\\w*)\\s+(?:(?:my|our|the|this|that|your|an?|all|all my|both|both my|of my|of the)\\s+)?(?:\\w+\\s+){0,2}?(?:order\\s*#?\\d+|subscriptions?|subs?|membership|memberships|accounts?|acc|acct|contract|contracts|plan|plans|(?<!standing )orders?|purchases?|booking|bookings|reservations?|trial|free trial|premium|prime|services?|service|policy|policies|package|bundle|line|broadband|insurance|renewal|auto[- ]?renew\\w*|recurring (?:payment|billing)s?|profile|agreement|deal|tariff|sim|phone line|pass|licen[cs]e|everything|it all|#?\\d{4,})\\b`,
      `\\b(?:close|closing|shut(?:ting)? down|delete|deleting|deactivat\\w*|remove|removing|get rid of|terminat\\w*)\\s+(?:(?:my|our|the|this|that|all|all my|both|both my)\\s+)?(?:\\w+\\s+){0,3}?(?:accounts?|acc|acct|profile|membership|subscription|isas?)\\b`,
      `\\b(?:delete|deleting|remove|removing)\\s+(?:(?:my|the|this|a)\\s+)?users?\\b`,
      // "order cancellation", "the removal of my Pro account", "account deletions"
      `\\b(?:order|subscription|membership|account|contract|plan|profile)s?\\s+(?:cancell?ations?|deletions?|removals?|closures?|terminations?)\\b`,
      `\\b(?:cancell?ation|deletion|removal|closure|termination)\\s+of\\s+(?:(?:my|our|the|this|that|an?)\\s+)?(?:\\w+\\s+){0,2}?(?:orders?|subscriptions?|membership|accounts?|contract|plan|profile|purchase)\\b`,
      // "I don't want order 1234 any more"
      `\\b(?:don'?t|do not|dont|no longer) (?:want|need) (?:my |the |this |that |order |purchase )?(?:order|purchase)\\s*#?\\d+`,
      `\\b(?:end|ending|stop|stopping|quit|quitting)\\s+(?:(?:my|our|the|this|that)\\s+)?(?:\\w+\\s+)?(?:subscriptions?|membership|contract|plan|auto[- ]?renew\\w*|recurring (?:payments?|billing))\\b`,
      `\\bunsubscrib\\w*\\b`,
      `\\b(?:turn|switch)(?:ing)? off (?:the |my )?auto[- ]?renew\\w*`,
      `\\b(?:shut|close)\\s+(?:my|our|the)\\s+(?:\\w+\\s+)?(?:accounts?|acc|acct)\\s+down\\b`,
      `\\b(?:want|need|get|wanna|like)\\s+out of (?:my|the|this|our) (?:\\w+\\s+)?(?:contract|subscription|membership|plan|deal|agreement)\\b`,
      `\\bget out of (?:my|the|this|our|a) (?:\\w+\\s+)?(?:contract|subscription|membership|plan|agreement|deal|lease)\\b`,
      `\\bopt(?:ing)? out of (?:my|the) (?:subscription|membership|contract|plan)\\b`,
      `\\b(?:don'?t|do not|not) (?:want to |wish to )?renew\\b`,
    ),
    unless: NOT_CANCELLING,
  },
  // "I want to cancel", "how do I cancel?", "cancellation of my plan"
  {
    topic: 'cancellation', score: 0.75, kind: 'wish',
    anchors: 'cancel',
    pattern: anyOf(
      `\\b(?:want|wanna|need|would like|'d like|wish|trying|tried|how (?:do|can|would) i|how to|help me|please|pls|plz|going to|gonna|have to|let me|looking to|able to|like to|want you to|can you|could you|can i|could i|i)\\s+(?:to\\s+)?cancel(?:l?ing)?\\b(?=\\s*(?:$|[.!?,;:)]|please|pls|plz|now|asap|today|right away|immediately|and\\b|but\\b|because|cos\\b|as\\b|since|how\\b|what\\b|thanks|thank you))`,
      `\\b(?:(?:my|a)\\s+cancell?ation(?:\\s+request)?|the cancell?ation of)\\b(?!\\s+(?:fees?|polic\\w*|charges?|terms|period|costs?|penalt\\w*|window|rules|options?))`,
    ),
    unless: NOT_CANCELLING,
  },
  // "a subscription I cancelled", "I already cancelled my plan"
  {
    topic: 'cancellation', score: 0.7, kind: 'wish',
    anchors: 'cancel',
    pattern: anyOf(
      `\\b(?:subscriptions?|membership|contract|plan|order|account|service|policy|booking)\\s+(?:that\\s+|which\\s+)?(?:i|we)\\s+(?:had\\s+|have\\s+|'ve\\s+|already\\s+|'d\\s+)*cancell?ed\\b`,
      `\\b(?:i|we)\\s+(?:had\\s+|have\\s+|'ve\\s+|already\\s+|'d\\s+)*cancell?ed\\s+(?:my|our|the|this|that)\\s+(?:\\w+\\s+)?(?:subscriptions?|membership|contract|plan|order|account|service|policy|booking)\\b`,
    ),
    unless: NOT_CANCELLING,
  },
  // "please end it", "I no longer need my membership"
  {
    topic: 'cancellation', score: 0.75, kind: 'wish',
    anchors: 'cancel end stop terminat clos delet remov longer',
    pattern: anyOf(
      `\\b(?:cancel\\w*|end|stop|terminate|clos(?:e|ing)|delet(?:e|ing)|remov(?:e|ing))\\s+(?:it|them)\\b`,
      `\\bno longer (?:need|want|use)\\s+(?:my|the|this)\\s+(?:\\w+\\s+)?(?:subscription|membership|account|contract|plan|service)\\b`,
    ),
    // something one cancels must have been named; a transaction to stop is no cancellation of a service
    needs: /^(?![\s\S]*\b(?:transactions?|payments?|transfers?|pending|withdrawals?|top.?ups?|charges?|direct debits?|standing orders?)\b)[\s\S]*\b(?:subscriptions?|memberships?|contracts?|plans?|orders?|services?|bookings?|polic(?:y|ies)|renewals?|accounts?|profiles?|users?)\b/,
    unless: NOT_CANCELLING,
  },
  // "I want to leave", "I'm switching banks", "close everything", "I'm done with you"
  {
    topic: 'cancellation', score: 0.8, kind: 'wish',
    anchors: 'leav switch mov tak clos shut done finish through',
    pattern: anyOf(
      `\\b(?:want|wanna|going|gonna|plan(?:ning)?|thinking (?:of|about)|decided|would like|'d like|need|i'?m|i am|we'?re)\\s+(?:to\\s+)?(?:leave|leaving|switch(?:ing)? (?:banks?|providers?|to another|to a different)|mov(?:e|ing) (?:banks|to another (?:bank|provider)|to a different (?:bank|provider))|tak(?:e|ing) my (?:business|money|custom) elsewhere)\\b(?=\\s*(?:$|[.!,?;]|you\\b|u\\b|your\\b|this (?:bank|company|service|place|network|provider)|for good|now|asap|and\\b|because|cause|cos\\b|as\\b|since|after|banks?|providers?|elsewhere))`,
      `\\b(?:close|closing|shut) (?:it all|everything)\\b`,
      `\\b(?:i'?m|i am|we'?re|we are) (?:done|finished|through) with (?:you|this bank|your bank|your company|your service)\\b`,
    ),
  },
];

const RULES: Rule[] = [...FRAUD, ...DISPUTE, ...LEGAL, ...CANCELLATION];

/** Words one of which every retraction (see RETRACTIONS) holds, anchored like a rule in the slot after the rules. */
const RETRACTION_ANCHORS =
  'found turned false remember recogni mistake bad refunded reversed dropped disappeared changed stay cancel me. ' +
  'wife husband partner son daughter kid child mum mom dad friend brother sister';
const RETRACTION_SLOT = RULES.length;

// ---------------------------------------------------------------------------------------------------------------
// Anchors: a trie of every rule's word beginnings and whole words, walked along each word of a message as it is read.
// Each node holds, per anchor group, the rules (as bit masks) whose word beginning or whole word ends there.

/** A word's characters for the trie: a-z, 0-9 and "'" (0..36); -1 ends a word. */
function trieIndex(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return code === 39 ? 36 : -1;
}
const TRIE_WIDTH = 37;
/** Every rule's anchors, then the retractions'. */
const ANCHOR_SETS = [...RULES.map(({ anchors }) => anchors), RETRACTION_ANCHORS];
if (ANCHOR_SETS.length > 64) throw new Error('anchor masks hold 64 rules');
/** Per trie node, the rules anchored there (see NODE_MASKS). */
const trieChildren: number[] = [];
const trieMasks: number[] = [];
/**
 * Per node, eight masks: for the first anchor group, rules whose word beginning ends at the node (low, high), then
 * rules whose whole word does (low, high); the same for the second group.
 */
const MASKS_PER_NODE = 8;
function newTrieNode(): number {
  for (let i = 0; i < TRIE_WIDTH; i++) trieChildren.push(0);
  for (let i = 0; i < MASKS_PER_NODE; i++) trieMasks.push(0);
  return trieMasks.length / MASKS_PER_NODE - 1;
}
newTrieNode();
/** Rules with one anchor group: their second group is always met. */
const oneGroup = { low: 0, high: 0 };
ANCHOR_SETS.forEach((anchors, r) => {
  const groups = anchors.split(' + ');
  if (groups.length === 1) {
    if (r < 32) oneGroup.low |= 1 << r;
    else oneGroup.high |= 1 << (r - 32);
  }
  groups.forEach((group, g) => {
    for (const anchor of group.split(/\s+/).filter(Boolean)) {
      const whole = anchor.endsWith('.');
      const word = whole ? anchor.slice(0, -1) : anchor;
      let node = 0;
      for (let i = 0; i < word.length; i++) {
        const c = trieIndex(word.charCodeAt(i));
        if (c < 0) throw new Error(`anchor "${anchor}" of rule ${r} is not one word`);
        let child = trieChildren[node * TRIE_WIDTH + c]!;
        if (child === 0) {
          child = newTrieNode();
          trieChildren[node * TRIE_WIDTH + c] = child;
        }
        node = child;
      }
      const slot = node * MASKS_PER_NODE + g * 4 + (whole ? 2 : 0) + (r < 32 ? 0 : 1);
      trieMasks[slot] = trieMasks[slot]! | (1 << (r % 32));
    }
  });
});
const TRIE_CHILDREN = Int32Array.from(trieChildren);
const NODE_MASKS = Int32Array.from(trieMasks);

// ---------------------------------------------------------------------------------------------------------------
// Reading a message: lower case, one apostrophe, common misspellings of key words corrected (with a map back to the
// customer's own text, so evidence is quoted exactly), and the anchors of its words.

/** Key words customers misspell, and every form of them that should stay as it is. */
const TYPO_VOCABULARY = [
  'recognise', 'recognize', 'recognised', 'recognized', 'recognising', 'recognizing', 'unrecognised', 'unrecognized',
  'authorise', 'authorize', 'authorised', 'authorized', 'unauthorised', 'unauthorized', 'withdrawal', 'withdrawals',
  'withdrawn', 'withdrew', 'withdraw', 'transaction', 'transactions', 'fraudulent', 'fraudster', 'compromised',
  'duplicate', 'duplicated', 'suspicious', 'unfamiliar', 'permission', 'payment', 'payments', 'purchase', 'purchases',
  'charged', 'charges', 'stolen', 'hacked', 'scammed', 'phishing', 'cancel', 'cancelled', 'canceled', 'cancelling',
  'canceling', 'cancellation', 'cancelation', 'subscription', 'membership', 'account', 'contract', 'overcharged',
  'chargeback', 'dispute', 'disputed', 'lawyer', 'lawsuit', 'solicitor', 'ombudsman', 'attorney', 'mysterious',
  'unknown', 'strange', 'double', 'receive', 'received', 'deducted', 'debited', 'remember', 'wallet', 'someone',
  'somebody', 'definitely', 'identity', 'twice', 'unsubscribe', 'terminate', 'delete', 'deleted', 'deletion', 'remove',
  'removed', 'removal',
];
/** Real words one edit from a vocabulary word: never corrected. */
const REAL_NEIGHBOURS = new Set([
  'accounts', 'contact', 'contrast', 'contracts', 'chancel', 'cancer', 'cancels', 'charred', 'charted', 'changed',
  'charmed', 'charger', 'chargers', 'changes', 'charge', 'charter', 'debated', 'deduced', 'doubled', 'doubly', 'doable',
  'doublet', 'doubles', 'rouble', 'hacker', 'hackers', 'backed', 'jacked', 'tacked', 'hawked', 'packed', 'racked',
  'whacked', 'lacked', 'hackled', 'hocked', 'sacked', 'shacked', 'hacks', 'identify', 'layer', 'sawyer', 'lawyers',
  'purchased', 'purchaser', 'purchasers', 'deceive', 'deceived', 'receiver', 'receives', 'shammed', 'scamped', 'slammed',
  'scrammed', 'homebody', 'stole', 'stoles', 'stolon', 'estrange', 'strangle', 'stranger', 'strangers', 'auspicious',
  'suspicions', 'trice', 'twine', 'twins', 'unknowns', 'pallet', 'walled', 'ballet', 'mallet', 'waller', 'wallets',
  'withdraws', 'disputes', 'duplicates', 'permissions', 'memberships', 'subscriptions', 'lawsuits', 'solicitors',
  'attorneys', 'remembers', 'recognises', 'recognizes', 'overcharge', 'overcharges', 'compromise', 'compromises',
  'cancelable', 'terminal', 'terminated', 'terminates', 'germinate', 'someones', 'sometime', 'fraudsters', 'chargebacks',
  'payee', 'payer', 'debuted', 'scammer', 'remote', 'removes', 'deletes', 'relate',
]);

/** Misspelling → the word meant. Built once: about 60,000 entries. */
const TYPOS = new Map<string, string>();
{
  const vocabulary = new Set(TYPO_VOCABULARY);
  for (const word of TYPO_VOCABULARY) {
    for (const typo of oneEditAway(word)) {
      if (typo.length < 5 || vocabulary.has(typo) || REAL_NEIGHBOURS.has(typo) || TYPOS.has(typo)) continue;
      TYPOS.set(typo, word);
    }
  }
  // misspellings two edits away that customers write often
  const common: Record<string, string> = {
    "didn'y": "didn't", didnt: "didn't", recongise: 'recognise', recongize: 'recognize', reconise: 'recognise', reconize: 'recognize', regonize: 'recognize',
    regonise: 'recognise', recgonize: 'recognize', recgonise: 'recognise', unathorised: 'unauthorised',
    unathorized: 'unauthorized', unautherised: 'unauthorised', unautherized: 'unauthorized', withdrawl: 'withdrawal',
    withdrawls: 'withdrawals', witdrawal: 'withdrawal', withdrawel: 'withdrawal', transcation: 'transaction',
    transcations: 'transactions', tranaction: 'transaction', stollen: 'stolen', stolden: 'stolen', canceld: 'cancelled',
    cancle: 'cancel', cancell: 'cancel', canel: 'cancel', subscribtion: 'subscription', subcription: 'subscription',
    subsciption: 'subscription', acount: 'account', accont: 'account', acct: 'account', recieve: 'receive',
    tocancel: 'to cancel', tocancell: 'to cancel',
    takin: 'taking', usin: 'using', stealin: 'stealing', chargin: 'charging', spendin: 'spending',
    recieved: 'received', definately: 'definitely', defiantly: 'definitely', sombody: 'somebody', somone: 'someone',
    someome: 'someone', sumone: 'someone', frudulent: 'fraudulent', fradulent: 'fraudulent', fraudlent: 'fraudulent',
    fraudulant: 'fraudulent', suspicous: 'suspicious', suspcious: 'suspicious', suspisious: 'suspicious',
    duplicte: 'duplicate', dupicate: 'duplicate', chargd: 'charged', chraged: 'charged', overchared: 'overcharged',
    overcharded: 'overcharged', lawer: 'lawyer', laywer: 'lawyer', ombudsmen: 'ombudsman', unknow: 'unknown',
  };
  for (const [typo, word] of Object.entries(common)) TYPOS.set(typo, word);
}
/** A word's hash, as `read` computes it letter by letter. */
function wordHash(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = (Math.imul(hash, 31) + word.charCodeAt(i)) | 0;
  return hash;
}
const TYPO_HASH_BITS = 1 << 20;
/** The hash of every word in TYPOS, as bits: about one word in twenty without a typo is looked up for nothing. */
const TYPO_HASHES = new Uint8Array(TYPO_HASH_BITS >> 3);
for (const typo of TYPOS.keys()) {
  const bit = wordHash(typo) & (TYPO_HASH_BITS - 1);
  TYPO_HASHES[bit >> 3] = TYPO_HASHES[bit >> 3]! | (1 << (bit & 7));
}

function lowerKeepingLength(text: string): string {
  const lower = text.toLowerCase();
  // a few characters change length in lower case ("İ"); then only ASCII letters are lowered, so offsets still hold
  return lower.length === text.length ? lower : text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * A message read: lower case, one apostrophe, misspelt key words corrected, and the rules its words anchor. Set by
 * `read`, used at once (one message at a time, so nothing is allocated for it).
 */
const reading = {
  text: '',
  /**
   * Where corrections changed a word's length: [read start, read end, original start, original end] per correction,
   * in order; empty when the text kept its length everywhere.
   */
  shifts: [] as number[],
  /** The rules the words may match: rule r is bit r of low (r < 32) or bit r - 32 of high. */
  low: 0,
  high: 0,
};

/** The anchor masks met by corrected words (see `read`), two groups of rule bits each. */
const met = { low1: 0, high1: 0, low2: 0, high2: 0 };

/** Counts the anchors of a correction (one word, or two: "tocancel" is "to cancel"), walking the trie along it. */
function meetWords(words: string): void {
  let node = 0;
  for (let i = 0; i <= words.length; i++) {
    const c = i < words.length ? trieIndex(words.charCodeAt(i)) : -1;
    if (c < 0) {
      if (node > 0) meetWhole(node);
      node = 0;
    } else if (node >= 0) {
      node = TRIE_CHILDREN[node * TRIE_WIDTH + c]! || -1;
      if (node > 0) meetBeginning(node);
    }
  }
}

function meetBeginning(node: number): void {
  const at = node * MASKS_PER_NODE;
  met.low1 |= NODE_MASKS[at]!;
  met.high1 |= NODE_MASKS[at + 1]!;
  met.low2 |= NODE_MASKS[at + 4]!;
  met.high2 |= NODE_MASKS[at + 5]!;
}

function meetWhole(node: number): void {
  const at = node * MASKS_PER_NODE;
  met.low1 |= NODE_MASKS[at + 2]!;
  met.high1 |= NODE_MASKS[at + 3]!;
  met.low2 |= NODE_MASKS[at + 6]!;
  met.high2 |= NODE_MASKS[at + 7]!;
}

/** Whether a message's words anchor the rule (or retractions) in a slot. */
function anchoredIn({ low, high }: { low: number; high: number }, slot: number): boolean {
  return ((slot < 32 ? low >>> slot : high >>> (slot - 32)) & 1) === 1;
}

/** Reads a message into `reading`, in one pass over its characters. */
function read(message: string): void {
  let lower = lowerKeepingLength(message);
  let out = '';
  let copied = 0;
  let shift = 0;
  const shifts = reading.shifts;
  shifts.length = 0;
  let low1 = 0;
  let high1 = 0;
  let low2 = oneGroup.low;
  let high2 = oneGroup.high;
  // corrected words count through `met`
  met.low1 = 0;
  met.high1 = 0;
  met.low2 = 0;
  met.high2 = 0;
  // a word: a run of letters, digits and apostrophes; one without digits may be a known misspelling
  let start = -1;
  let hash = 0;
  let digits = false;
  let node = 0;
  for (let i = 0; i <= lower.length; i++) {
    let code = i < lower.length ? lower.charCodeAt(i) : 32;
    if (code === 0x2018 || code === 0x2019 || code === 0x60 || code === 0xb4) {
      // curly and stray quotes are apostrophes; folding keeps the length
      lower = lower.replace(/[\u2018\u2019`´]/g, "'");
      code = 39;
    }
    const c = trieIndex(code);
    if (c >= 0) {
      if (start < 0) {
        start = i;
        hash = 0;
        digits = false;
        node = 0;
      }
      if (c >= 26 && c <= 35) digits = true;
      hash = (Math.imul(hash, 31) + code) | 0;
      if (node >= 0) {
        node = TRIE_CHILDREN[node * TRIE_WIDTH + c]! || -1;
        if (node > 0) {
          const at = node * MASKS_PER_NODE;
          low1 |= NODE_MASKS[at]!;
          high1 |= NODE_MASKS[at + 1]!;
          low2 |= NODE_MASKS[at + 4]!;
          high2 |= NODE_MASKS[at + 5]!;
        }
      }
      continue;
    }
    if (start < 0) continue;
    let corrected: string | undefined;
    const bit = hash & (TYPO_HASH_BITS - 1);
    if (!digits && (TYPO_HASHES[bit >> 3]! & (1 << (bit & 7))) !== 0) corrected = TYPOS.get(lower.slice(start, i));
    if (corrected === undefined) {
      if (node > 0) {
        const at = node * MASKS_PER_NODE;
        low1 |= NODE_MASKS[at + 2]!;
        high1 |= NODE_MASKS[at + 3]!;
        low2 |= NODE_MASKS[at + 6]!;
        high2 |= NODE_MASKS[at + 7]!;
      }
    } else {
      meetWords(corrected);
      out += lower.slice(copied, start) + corrected;
      copied = i;
      if (corrected.length !== i - start) {
        const readStart = start + shift;
        shift += corrected.length - (i - start);
        shifts.push(readStart, readStart + corrected.length, start, i);
      }
    }
    start = -1;
  }
  reading.text = copied === 0 ? lower : out + lower.slice(copied);
  reading.low = (low1 | met.low1) & (low2 | met.low2);
  reading.high = (high1 | met.high1) & (high2 | met.high2);
}

// ---------------------------------------------------------------------------------------------------------------
// Matching.

/** The clause before a match: from the last comma, semicolon, colon or "but" in its sentence. */
function clauseBefore(text: string, sentenceFrom: number, matchStart: number): string {
  const before = text.slice(sentenceFrom, matchStart);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf(' but '));
  return cut < 0 ? before : before.slice(cut + 1);
}

/** A clause is quoted whole as evidence up to this length: "there is a payment I don't recognise", not "don't recognise". */
const MAX_QUOTED_CLAUSE = 100;

function isClauseEnd(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code === 44 || code === 59 || code === 58 || isSentenceEnd(text, i);
}

/** The part of the text to quote for a match: its clause when short enough, else the match itself. */
function quotedSpan(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !isClauseEnd(text, from - 1)) from--;
  let to = end;
  while (to < text.length && !isClauseEnd(text, to)) to++;
  return to - from <= MAX_QUOTED_CLAUSE ? [from, to] : [start, end];
}

/** Whether a match holds up in its sentence (see `Kind`). */
function counts(rule: Rule, text: string, matchStart: number, matchEnd: number): boolean {
  const from = sentenceStart(text, matchStart);
  const sentence = text.slice(from, sentenceEnd(text, matchEnd));
  const before = text.slice(from, matchStart);
  if (rule.unless?.test(sentence)) return false;
  const clause = clauseBefore(text, from, matchStart);
  if (rule.notAfter?.test(clause)) return false;
  if (HYPOTHETICAL.test(before)) return false;
  const condition = CONDITION.exec(before);
  if (condition && rule.kind !== 'threat' && !PAST.test(condition[1]! + text.slice(matchStart, matchEnd)) && !ASKS_WHAT_TO_DO.test(sentence)) return false;
  if (rule.kind === 'wish' && NEGATED_WISH.test(clause)) return false;
  if ((rule.kind === 'mention' || rule.kind === 'threat') && NEGATED_BEFORE.test(clause)) return false;
  if (rule.kind === 'mention' && ASKS_ABOUT_SERVICE.test(sentence)) return false;
  // "do you report fraud to the authorities?" asks how the service works
  if (rule.kind === 'threat' && /^\W*(?:do|does|can|could|will|would|is|are)\s+(?:you|your|the bank|the company)\b/.test(sentence)) return false;
  return true;
}

interface Found {
  topic: SensitiveTopic;
  score: number;
  evidence: string;
  /** See `Rule.loss`. */
  loss: boolean;
}

/** A topic taken back: all of it, or only what was lost or stolen ("found it"). */
interface Retraction {
  topic: SensitiveTopic;
  onlyLoss: boolean;
}

/** What one message says: the topics it raises, and those it takes back from earlier messages. */
interface Read {
  found: Found[];
  retracts: Retraction[];
}

/**
 * A later message that takes an earlier one back, in so many words: "found it", "it was my husband", "changed my mind".
 * Only explicit words count: a customer who merely moves on keeps the topic.
 */
const RETRACTIONS: (Retraction & { pattern: RegExp })[] = [
  {
    topic: 'fraud_security',
    onlyLoss: true,
    pattern: /\b(?:found (?:it|them|my (?:\w+ )?(?:card|phone|wallet|purse|bag))\b(?!\s+(?:odd|strange|weird|suspicious|hard|difficult|funny|on|in (?:my|the) (?:statement|app|account)))|(?:it|they) turned up)\b/,
  },
  {
    topic: 'fraud_security',
    onlyLoss: false,
    pattern: /\b(?:(?:it|that|they|this) (?:was|were) (?:me|my (?:\w+ )?(?:wife|husband|partner|son|daughter|kid|child|mum|mom|dad|friend|brother|sister)) ?(?:after all)?|false alarm|i (?:remember|recogni[sz]e) (?:it|it now|now|them|that|making|doing)|my (?:mistake|bad))\b/,
  },
  {
    topic: 'payment_dispute',
    onlyLoss: false,
    pattern: /\b(?:false alarm|my (?:mistake|bad)|(?:it|the (?:\w+ )?(?:charge|payment|transaction))s? (?:has |have )?(?:been (?:refunded|reversed)|dropped off|disappeared))\b/,
  },
  {
    topic: 'cancellation',
    onlyLoss: false,
    pattern: /\b(?:changed my mind|(?:i'?ll|i will|i'?m going to|i am going to) stay|(?:don'?t|do not) (?:want to |need to )?cancel (?:any ?more|after all))\b/,
  },
];
const NO_RETRACTIONS: Retraction[] = [];

const NOTHING: Found[] = [];
/** Each rule's pattern, global, to go through its matches. */
const GLOBAL_PATTERNS = RULES.map(({ pattern }) => new RegExp(pattern.source, `${pattern.flags}g`));

/** Every topic the message raises, with the words that raised it. */
function findInMessage(message: string): Found[] {
  read(message);
  const { text, shifts, low, high } = reading;
  if (low === 0 && high === 0) return NOTHING;
  const found: Found[] = [];
  let moneyContext: boolean | undefined;
  for (let r = 0; r < RULES.length; r++) {
    if (!anchoredIn(reading, r)) continue;
    const rule = RULES[r]!;
    const global = GLOBAL_PATTERNS[r]!;
    global.lastIndex = 0;
    for (let match = global.exec(text); match !== null; match = global.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (end === start) {
        global.lastIndex++;
        continue;
      }
      if (rule.needs) {
        const needed = rule.needs === MONEY_CONTEXT ? (moneyContext ??= MONEY_CONTEXT.test(text)) : rule.needs.test(text);
        if (!needed) break;
      }
      if (!counts(rule, text, start, end)) continue;
      const [from, to] = quotedSpan(text, start, end);
      const evidence = message.slice(originalOffset(from, shifts, false), originalOffset(to, shifts, true)).trim();
      const loss = rule.loss === true;
      found.push({ topic: rule.topic, score: rule.score, evidence, loss });
      if (rule.also) found.push({ topic: rule.also.topic, score: rule.also.score, evidence, loss });
      break;
    }
  }
  return found;
}

/** What a message takes back; `text` is the read message. Never a topic it raises itself. */
function retractedIn(text: string, found: readonly Found[]): Retraction[] {
  let retracts = NO_RETRACTIONS;
  // most messages hold none of the words of a retraction
  if (!anchoredIn(reading, RETRACTION_SLOT)) return retracts;
  for (const { topic, onlyLoss, pattern } of RETRACTIONS) {
    if (pattern.test(text) && !found.some((f) => f.topic === topic)) retracts = [...retracts, { topic, onlyLoss }];
  }
  return retracts;
}

function isRetracted(found: Found, retracted: readonly Retraction[]): boolean {
  return retracted.some(({ topic, onlyLoss }) => topic === found.topic && (!onlyLoss || found.loss));
}

/** Messages already read: each turn is read again on every later turn of its conversation. */
const readings = new MessageMemo<Read>();

/**
 * A message that says it asks in general ("just asking", "in general", "for an article I'm writing") tells of nothing
 * that happened to the customer, whatever words it uses.
 */
const ASKS_IN_GENERAL =
  /\b(?:just asking|asking in general|in general|generally speaking|just so i know|just curious|out of curiosity|for future reference|hypothetically|for an article|asking for a friend)\b|\bif (?:i|we) (?:ever|were)\b|\bwhat(?:'s| is) (?:your|the bank'?s) (?:policy|process|procedure) (?:on|for)\b|\bwhat(?:'s| is) (?:an? )?(?:chargeback|dispute)\b/i;

function readOnce(message: string): Read {
  return readings.get(message, readUncached);
}

function readUncached(message: string): Read {
  // (findInMessage reads the message into `reading`, which retractedIn looks at)
  const found = findInMessage(message);
  return { found: ASKS_IN_GENERAL.test(message) ? NOTHING : found, retracts: retractedIn(reading.text, found) };
}

/** A topic raised a turn earlier still stands, a little weaker per turn back: the latest message weighs most. */
const DECAY_PER_TURN = 0.92;
/** At most this many quotes per topic. */
const MAX_EVIDENCE = 3;

/**
 * `sensitive_topic`'s topics over the customer's messages (oldest first, the one being answered last): each topic
 * that fired, scored by its strongest mention decayed by how many turns back it was, strongest first.
 */
export function detectSensitiveTopics(turns: CustomerTurns): TopicSignal[] {
  const signals: TopicSignal[] = [];
  // topics a later message took back, for the messages before it
  let retracted = NO_RETRACTIONS;
  for (let i = turns.length - 1; i >= 0; i--) {
    const { found, retracts } = readOnce(turns[i]!);
    const weight = DECAY_PER_TURN ** (turns.length - 1 - i);
    for (const one of found) {
      if (isRetracted(one, retracted)) continue;
      const { topic, score, evidence } = one;
      const weighted = round(score * weight);
      let signal = signals.find((s) => s.topic === topic);
      if (!signal) {
        signal = { topic, score: 0, evidence: [] };
        signals.push(signal);
      }
      const known = signal.evidence.indexOf(evidence);
      if (weighted > signal.score) {
        signal.score = weighted;
        // the strongest quote first
        if (known >= 0) signal.evidence.splice(known, 1);
        signal.evidence.unshift(evidence);
      } else if (known < 0) {
        signal.evidence.push(evidence);
      }
      if (signal.evidence.length > MAX_EVIDENCE) signal.evidence.length = MAX_EVIDENCE;
    }
    if (retracts.length > 0) retracted = [...retracted, ...retracts];
  }
  return signals.sort((a, b) => b.score - a.score);
}

const round = (value: number) => Math.round(value * 1000) / 1000;
