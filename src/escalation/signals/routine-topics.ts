import { MessageMemo } from './message-memo.ts';
import { round, ruleReader, strongestQuotes, type Found, type Rule, type RuleReader, type Vocabulary } from './rule-reader.ts';
import type { CustomerTurns, Topic, TopicSignal } from './signal.ts';

/**
 * The routine topics of a conversation, for routing it to the right team: what the customer's words are about, asked
 * or told, among
 * - `technical`: the app, site, device or service not working (crashes, errors, won't load, no signal, installation);
 * - `billing`: invoices, bills, payment methods, a payment failing, fees and charges, subscriptions, direct debits;
 * - `refund`: asking for one, or where one is ("I want my money back", "still waiting for my refund");
 * - `order`: an order's status, changing or cancelling it, placing one;
 * - `shipping`: delivery times and options, addresses, couriers, "where is my parcel";
 * - `account`: logging in, passwords, the profile and its details, opening, switching or deleting an account, proving
 *   one's identity;
 * - `sales`: prices of plans and products, discounts, buying, upgrades, quotes (big deals are sales-opportunity.ts's).
 *
 * A question names its topic as much as a statement ("how do I change my password?" is about `account`), so no
 * sentence check cancels a match: only the words themselves. A message may name several topics, or none ("hello").
 * Double charges and fraud are sensitive-topic.ts's; this detector may name the billing side of them too.
 *
 * Each message scores a topic by its clearest words (0.6 for a word that only leans to it, "payment", up to 0.85 for
 * one that names it, "refund", "invoice", "password"), a little more when several rules agree, at most 0.9. Over a
 * conversation the strongest message counts, older ones a little weaker per turn since.
 *
 * It shares its reader with high-priority.ts and sales-opportunity.ts (rule-reader.ts): a message without a rule's
 * anchor words never runs that rule's pattern, and each message is read once.
 */

export type RoutineTopic = Extract<Topic, 'technical' | 'billing' | 'refund' | 'order' | 'shipping' | 'account' | 'sales'>;

/**
 * What a rule finds: a topic, or words that point to two at once ("where is my parcel" is about the order and its
 * delivery, "change my address" about the account or a delivery, "I want to buy…" a purchase and an order).
 */
type Kind = RoutineTopic | 'whereabouts' | 'address' | 'purchase';

/** The topics a kind names, each with a factor on the rule's score. */
const KIND_TOPICS: Record<Kind, readonly (readonly [RoutineTopic, number])[]> = {
  technical: [['technical', 1]],
  billing: [['billing', 1]],
  refund: [['refund', 1]],
  order: [['order', 1]],
  shipping: [['shipping', 1]],
  account: [['account', 1]],
  sales: [['sales', 1]],
  whereabouts: [['shipping', 1], ['order', 0.95]],
  address: [['shipping', 1], ['account', 1]],
  purchase: [['order', 1], ['sales', 1]],
};

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary. Patterns run on lower-case text whose apostrophes are all "'" and whose misspelt key words are corrected.

/** Whose: "my order", "the app". */
const DET = "(?:the|my|your|ur|our|this|that|these|those|a|an|his|her|their)";
/** Things that run software or carry a connection. */
const TECH =
  '(?:apps?|application|applications|websites?|web ?site|site|sites|web ?page|webpages?|pages?|portal|platform|browser|links?|buttons?|system|software|program|programme|games?|servers?|internet|wifi|wi-fi|broadband|network|connection|signal|router|modem|phones?|iphone|android|smartphone|laptop|computer|pc|mac|macbook|tablet|ipad|tv|television|remote|device|devices|printer|camera|speaker|headphones|earbuds|airpods|watch|console|xbox|playstation|ps5|ps4|screen|touchscreen|keyboard|mouse|battery|charger|update|firmware|e-?mails?|inbox|notifications?|search|checkout|video|videos|stream|streaming|audio|sound|microphone|mic|bluetooth|gps|login|log-?in page|kindle|alexa|echo|fire ?stick|roku|chromecast|ios|windows|service|feature|features|dashboard|account page|settings page)';
const TECH_ANCHORS =
  'app apps application applications website websites web site sites webpage webpages page pages portal platform browser link links button buttons system software program programme game games server servers internet wifi wi fi broadband network connection signal router modem phone phones iphone android smartphone laptop computer pc mac macbook tablet ipad tv television remote device devices printer camera speaker headphones earbuds airpods watch console xbox playstation ps5 ps4 screen touchscreen keyboard mouse battery charger update firmware email emails mail mails inbox notification notifications search checkout video videos stream streaming audio sound microphone mic bluetooth gps login log kindle alexa echo firestick fire roku chromecast ios windows service feature features dashboard #number';
/** What a thing that fails does. */
const FAILS =
  "(?:(?:isn'?t|is not|aren'?t|are not|wasn'?t|was not|doesn'?t|does not|don'?t|do not|didn'?t|did not|won'?t|wont|will not|can'?t|cannot|couldn'?t|could not|not|never|no longer|stopped|has stopped|keeps?|kept|refuses? to|fail(?:s|ed)? to|unable to)\\s+(?:\\w+\\s+)?(?:work|works|working|load|loads|loading|open|opens|opening|connect|connecting|respond|responding|start|starting|boot|booting|install|installing|update|updating|sync|syncing|charge|charging|turn on|power on|switch on|display|displaying|play|playing|stream|streaming|download|downloading|function|functioning|launch|launching|run|running|send|sending|arriving|receiving|saving|uploading|upload|printing|print|scanning|ringing|recording|showing up)" +
  "|(?:is|are|was|were|'s|'re|has been|have been|keeps? being|went|goes|seems|been|just|now|always|still|constantly|completely|totally)\\s+(?:\\w+\\s+)?(?:down|offline|broken|broke|dead|slow|unusable|stuck|frozen|freezing|glitchy|glitching|buggy|not working|laggy|lagging|unresponsive|not responding|crashing|hanging|blank)" +
  "|(?:froze|freezes|crash(?:es|ed|ing)?|hangs|lags|died|dies|dropped|drops|dropping|disconnects|disconnected|disconnecting|cuts? out|cutting out|reboots|restarts|shuts (?:down|off)|turns off|errors? out|throws (?:an |up an )?error|gives (?:me )?(?:an )?error|shows (?:me )?(?:an )?error|says error|not responding|unresponsive|glitch(?:es|ed|ing)?|bugg(?:ed|ing) out|(?:logs?|kicks?|signs?|throws?) (?:me|us) out|spins (?:forever|endlessly|and spins)))\\b";
const FAILS_ANCHORS =
  'work works working load loads loading open opens opening connect connecting respond responding start starting boot booting install installing update updating sync syncing charge charging turn power switch display displaying play playing stream streaming download downloading function functioning launch launching run running send sending arriving receiving saving uploading upload printing print scanning ringing recording showing ' +
  'down offline broken broke dead slow unusable stuck frozen freezing glitchy glitching buggy laggy lagging unresponsive crashing hanging blank ' +
  'froze freezes crash crashes crashed hangs lags died dies dropped drops dropping disconnects disconnected disconnecting cuts cut cutting reboots restarts shuts turns errors error glitch glitches glitched bugged bugging logs kicks signs throws spins';

/** Things a customer orders and waits for. */
const GOODS_WAITED =
  '(?:orders?|package|packages|parcels?|deliver(?:y|ies)|shipments?|items?|purchases?|stuff|goods|products?|things|box|boxes|articles?|shoes|clothes)';
const GOODS_WAITED_ANCHORS =
  'order orders package packages parcel parcels delivery deliveries shipment shipments item items purchase purchases stuff goods product products things box boxes article articles shoes clothes';

/** Money moving through a bank, which arrives and fails without any delivery or technical fault. */
const BANK_MONEY =
  /\b(?:transfers?|transferr?(?:ed|ing)|money|funds|payments?|refunds?|cash|deposits?|deposited|top-?ups?|topp?ing up|salary|cheques?|wire|balance|reply|response|answer|agent|technician|engineer|e-?mails?|codes?|otp|texts?|sms|link|verification)\b/;

/** A bank card, which a customer orders without an order: "order a new card". */
const NOT_BANK_CARD =
  '(?!\\s*(?:(?:a|an|another|my|the|one|more|some|your|for (?:a|an|the|my))\\s+)?(?:(?:new|replacement|physical|virtual|spare|extra|second|additional|disposable|debit|credit|bank|plastic|visa|master ?card)\\s+)*cards?\\b)';

/** After "address", the verb: "address the issue". */
const ADDRESS_THE_ISSUE = /^\s+(?:(?:the|this|that|these|my|our|your|all|any|such)\s+)?(?:issues?|problems?|concerns?|complaints?|matters?|situation|questions?|it|them|this|that)\b/;

/** An address that is no postal address. */
const NOT_POSTAL = '(?<!\\b(?:e-?mail|ip|mac|web|url|wallet|bitcoin|crypto|btc|eth|ethereum|ipv4|ipv6|server)\\s)';

// ---------------------------------------------------------------------------------------------------------------
// Rules: at most 32, each run only on a message holding its anchor words.

const RULES: Rule<Kind>[] = [
  // -------------------------------------------------------------------------------------------------------------
  // technical

  // technical on their own: "keeps crashing", "a glitch", "error code 403", "an outage", "black screen"
  {
    kind: 'technical', score: 0.85, check: 'always',
    anchors:
      'crash crashes crashed crashing freezing hanging lagging restarting rebooting disconnecting buffering glitching logging kicking shutting spinning ' +
      'glitch glitches glitched glitchy bug bugs buggy bugged error errors outage outages laggy screen screens page pages reboot reboots rebooted rebooting ' +
      'troubleshoot troubleshooting troubleshooted firmware server servers bootloop boot gateway wrong occurred oops',
    pattern:
      /\b(?:crash(?:es|ed|ing)?|keeps? (?:on )?(?:freezing|hanging|lagging|restarting|rebooting|disconnecting|buffering|glitching|logging me out|kicking me out|shutting (?:down|off)|spinning)|glitch(?:es|ed|y)?|bugs?|buggy|bugged|error (?:messages?|codes?|pages?|screens?|pop-?ups?|notifications?|alerts?|windows?)|errors? (?:code |number |no\.? )?#?[a-z]?\d{2,}|(?:404|500|502|503|504) error|bad gateway|gateway time-?out|internal server error|service unavailable error|outages?|laggy|(?:blue|black|blank|white|frozen) (?:screen|page)s?|boot ?loop|reboot\w*|troubleshoot\w*|firmware|(?:says|say|said|shows|showing|displays|getting|get|got|pops up with)\s+["']?(?:something (?:went|has gone|'s gone) wrong|an? (?:unknown |unexpected )?error (?:has )?occurred|oops)|servers? (?:(?:is|are|seem|seems) )?(?:down|error|errors|issues?|problems?|unavailable|overloaded))\b/,
    // a bug in the garden, a crash on the road
    unless: /\b(?:bed ?bugs?|stomach bug|car crash|crashed (?:my|the|his|her|their|into)|crash course|insects?|ladybugs?|market crash)\b/,
  },
  // a thing that fails: "the app won't load", "my router keeps dropping", "website is down", "my phone just died"
  {
    kind: 'technical', score: 0.8, check: 'always',
    anchors: `${TECH_ANCHORS} + ${FAILS_ANCHORS}`,
    pattern: new RegExp(`\\b${TECH}(?:'s)?\\s+(?:(?!but|so|because|when|if)[\\w'-]+\\s+){0,3}?${FAILS}`),
    // a card that fails is a bank's, a phone number is no phone, "send … an email" is no failure
    unless: /\b(?:phone numbers?|customer service|(?:delivery|postal|courier|shipping|card) service|service (?:team|desk|agents?)|(?:e-?mail|emails) (?:back|me|us|address))\b/,
  },
  // the customer's trouble with it: "problem with the app", "can't access the website", "trouble connecting to wifi"
  {
    kind: 'technical', score: 0.75, check: 'always',
    anchors: `${TECH_ANCHORS} + problem problems issue issues trouble troubles error errors difficulty difficulties glitch glitches access accessing open opening load loading use using connect connecting reach reaching get getting log logging sign signing`,
    pattern: new RegExp(
      `\\b(?:(?:problems?|issues?|troubles?|errors?|difficult(?:y|ies)|glitch(?:es)?)\\s+(?:with|on|in|using|accessing|loading|opening|connecting to|logging (?:in|into|on) (?:to )?)|(?:can'?t|cannot|cant|unable to|couldn'?t|could not|not able to|won'?t let me|trouble|problems?|issues?)\\s+(?:\\w+\\s+)?(?:access(?:ing)?|open(?:ing)?|load(?:ing)?|use|using|connect(?:ing)?(?: to)?|reach(?:ing)?|get(?:ting)? (?:on|onto|into|to)|log(?:ging)? (?:in|into|on)(?: to)?|sign(?:ing)? (?:in|into)(?: to)?))\\s+(?:${DET}\\s+)?(?:[\\w-]+\\s+)?${TECH}\\b`,
    ),
    unless: /\b(?:customer service|service (?:team|desk|agents?))\b/,
  },
  // connectivity: "no signal", "lost internet", "wifi keeps dropping", "broadband is so slow", "no service"
  {
    kind: 'technical', score: 0.8, check: 'always',
    anchors: 'internet wifi wi fi signal connection connectivity network reception broadband coverage data bars lte tone service speed speeds fibre fiber cable #number',
    pattern:
      /\b(?:no|without|lost|losing|lose|loses|poor|weak|patchy|spotty|intermittent|unstable|zero|slow|bad|terrible|awful|horrible|dodgy|flaky|unreliable|dropping|dropped|drops|keep losing|keeps losing|keeps dropping)\s+(?:(?:the|my|our|your)\s+)?(?:(?:internet|wifi|wi-fi|mobile|cell|phone|cellular|network|broadband|data|4g|5g)\s+)?(?:internet|wifi|wi-fi|signal|connection|connectivity|network|reception|broadband|coverage|mobile data|bars|4g|5g|3g|lte|dial tone|speeds?)\b|\b(?:no|without) (?:any )?(?:phone |cell |mobile |cellular |network )?service\b(?! (?:from|at|in the|since) (?:your|the) (?:team|staff|agents?|desk|people|store|shop|restaurant))|\b(?:internet|wifi|wi-fi|broadband|connection|signal|network|reception|coverage|mobile data|4g|5g|lte|fib(?:re|er)|cable)\s+(?:(?!and|but)\w+\s+){0,2}?(?:down|out|outage|dropping|drops|dropped|(?:keeps|kept) (?:dropping|cutting out|going (?:down|out)|disconnecting)|cuts? out|cutting out|went (?:down|out)|goes (?:down|out)|(?:is|was|has been|so|very|really|super|too) (?:so |very |really |super )?(?:slow|down|out|off|patchy|spotty|unstable|intermittent|terrible|awful|bad))\b|\bconnectivity\b|\b(?:download|upload|internet|broadband|wifi) speeds?\b/,
  },
  // installing and updating: "can't install the app", "since the latest update", "software update failed"
  {
    kind: 'technical', score: 0.75, check: 'always',
    anchors:
      'install installs installed installing installation installations installer uninstall uninstalls uninstalled uninstalling reinstall reinstalls reinstalled reinstalling re instal instals ' +
      'update updates updating upgrade patch download downloading downloads sync syncing pair pairing',
    pattern: new RegExp(
      `\\b(?:(?<bare>(?:un|re-?)?instal(?:l|ls|led|ling|lation|lations|ler)?)|(?:after|since) (?:${DET} )?(?:(?:latest|last|recent|new|newest|most recent|software|system|app|ios|android|windows|firmware)\\s+)*(?:update|upgrade|patch)|(?:software|app|system|firmware|ios|android|windows|security|game|driver)\\s+updates?|(?:can'?t|cannot|cant|unable to|won'?t|will not|fail(?:s|ed)? to|trouble|problems?|issues?|error)\\s+(?:\\w+\\s+)?(?:(?:un|re-?)?instal(?:l|ling)?|download(?:ing)?|updat(?:e|ing) (?:${DET} )?(?:app|software|phone|device|firmware|system|ios|android|windows|browser|game)|sync(?:ing)?|pair(?:ing)?))\\b`,
    ),
    unless: /\b(?:instal(?:l)?ments?|payment plan)\b/,
    // installing alone may be a fitter's visit; failing to, or an update gone wrong, is a fault
    scoreMatch: (match) => (match.groups?.bare !== undefined ? 0.65 : 0.75),
  },

  // -------------------------------------------------------------------------------------------------------------
  // billing

  // the paperwork: "my invoice", "a copy of the bill", "billing address", "a receipt", "VAT"
  {
    kind: 'billing', score: 0.85, check: 'always',
    anchors: 'invoice invoices invoiced invoicing bill bills billing billed receipt receipts vat',
    pattern: /\b(?<strong>invoic(?:e|es|ed|ing)|bills?|billing|billed)\b|\b(?<weak>receipts?|vat)\b/,
    notAfter: /(?:dollar|pound|euro|fake|counterfeit|\d)\s*$/,
    notBefore: /^\s*(?:gates|murray|clinton|said|says|told|tells|asked|called|mentioned|promised|from (?:sales|support|accounts))\b/,
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.85 : 0.7),
  },
  // paying: payment methods, a payment or card failing, trouble paying
  {
    kind: 'billing', score: 0.8, check: 'always',
    anchors:
      'payment payments pay paying checkout purchase purchases transaction transactions card cards billing method methods paypal visa mastercard master amex american klarna afterpay clearpay ' +
      'bitcoin crypto cryptocurrency cryptocurrencies cheque cheques check checks credit debit apple google venmo zelle sepa cash instalments installments pal',
    pattern: new RegExp(
      [
        '\\bpayment (?:methods?|options?|modalit(?:y|ies)|types?|forms?|cards?|details|info\\w*|plans?|schedule|page|portal|screen|gateway|processor|issues?|problems?|errors?|fail\\w*|declin\\w*|troubles?|reminders?|due|date|history|terms|system)\\b',
        '\\b(?:methods?|forms?|ways?|modes?|types?|options?) (?:of|for) payment\\b',
        '\\b(?:card|billing|credit card|debit card) (?:details|info|information)\\b',
        '\\b(?:pay|paying)\\s+(?:for (?:it|this|that|them|my order|the order) )?(?:with|by|via|using|through|in|over)\\s+(?:(?:a|an|my|the|your)\\s+)?(?:cards?|credit|debit|paypal|pay ?pal|apple pay|google pay|klarna|afterpay|clearpay|bank transfer|wire|cash|check|cheque|bitcoin|crypto\\w*|amex|american express|visa|master ?card|venmo|zelle|gift ?cards?|instal?lments?|invoice|direct debit|sepa)\\b',
        '\\b(?:accept|take|support|allow)s?\\s+(?:(?:a|an|my|the)\\s+)?(?:paypal|pay pal|credit cards?|debit cards?|apple pay|google pay|klarna|afterpay|clearpay|amex|american express|visa|master ?card|bitcoin|crypto\\w*|cash|cheques?|checks?|venmo|zelle)\\b',
        "\\b(?:payments?|transactions?|checkout|purchases?|cards?)\\s+(?:(?!and|but)[\\w']+\\s+){0,3}?(?:fail(?:s|ed|ing)?|declin(?:e|es|ed|ing)|rejected|refused|bounced|(?:\\w+n'?t|not|never) (?:going|gone|go|went|get|gets|getting|got) through|(?:\\w+n'?t|not) (?:being |been )?(?:accepted|processed))\\b",
        "\\b(?:can'?t|cannot|cant|unable to|couldn'?t|could not|won'?t let me|not able to|trouble|problems?|issues?|difficult(?:y|ies)|errors?)\\s+(?:\\w+\\s+){0,2}?(?:pay(?:ing)?|(?:make|making) (?:a |the |my )?payments?|check(?:ing)? ?out|(?:complete|completing|finish|finishing) (?:my |the |this )?(?:purchase|payment|checkout|transaction))\\b",
        '\\b(?:declined|failed|rejected|bounced|missed|late|overdue|outstanding|pending|unpaid)\\s+(?:card )?(?:payments?|transactions?)\\b',
      ].join('|'),
    ),
  },
  // fees and charges: "a cancellation fee", "why was I charged", "early termination charges", "the price went up"
  {
    kind: 'billing', score: 0.75, check: 'always',
    anchors:
      'fee fees surcharge surcharges penalty penalties overdraft charge charges charged charging overcharge overcharges overcharged overcharging ' +
      'price prices rate rates bill premium cost costs subscription raised increased hiked put interest',
    pattern:
      /\b(?:fees?|surcharges?|penalt(?:y|ies)|overdraft|(?:extra|additional|hidden|monthly|annual|yearly|service|delivery|shipping|cancell?ation|termination|exit|late|admin|administration|processing|transaction|foreign|atm|withdrawal|exchange|transfer|top-?up|card|bank|subscription|membership|booking|handling|restocking|roaming|overage|activation|reconnection|renewal|unexpected|unknown|strange|random)\s+charges?|charged|charging (?:me|us|my|our)|charges? (?:on|to|for|in) (?:my|the|your|our|this)|charge (?:me|us)|overcharg\w*|(?:prices?|rates?|fees?|bill|premium|cost|subscription) (?:(?:has|have) )?(?:increased?|increases|rise|rises|rising|hikes?|went up|gone up|go up|going up|changed?)|(?:raised|increased|hiked|put up) (?:the |my |your |our )?(?:prices?|rates?|fees?|bill|premium)|interest (?:rate|charges?)|(?:charges?|costs?|penalt(?:y|ies)) (?:for|of|to|on) (?:cancel\w*|terminat\w*|ending|breaking|leaving|closing|exiting|early)|costs? (?:\w+ ){0,2}?to (?:cancel|break|terminate|end|leave|exit|close))\b/,
    notAfter: /\b(?:fully|battery|phone|half|not|re|is|isn't|won't|wont|being|it's)\s*$/,
    unless: /\b(?:battery|charger|charging (?:cable|port|case|pad|station)|plugged in|wireless charging)\b/,
  },
  // paying regularly: "direct debit", "my subscription", "auto-renewal", "pay my bill", "a payment"
  {
    kind: 'billing', score: 0.7, check: 'always',
    anchors:
      'direct debit debits standing autopay auto pay renew renews renewed renewing renewal renewals autorenew automatic recurring subscription subscriptions membership ' +
      'payment payments instalment instalments installment installments downgrade downgraded downgrading pay paying annually monthly yearly quarterly weekly annual',
    pattern:
      /\b(?<strong>direct debits?|standing orders?|auto-?pay|autopay|auto-?renew\w*|automatic (?:payments?|renewals?)|recurring (?:payments?|charges?|billing)|renewals?|renew(?:s|ed|ing)?|subscriptions?|membership fees?|downgrad(?:e|ed|ing)|pay (?:my|the|this|our|an?|off) (?:\w+ )?(?:bill|invoice|balance|subscription|fees?|premium|dues|rent|amount|outstanding|debt)|instal?lments?|pay(?:ing|ment)? (?:annually|monthly|yearly|quarterly|weekly)|(?:annual|monthly|yearly|quarterly) (?:billing|payments?|plan))\b|\b(?<weak>payments?)\b/,
    unless: /\b(?:newsletters?|mailing list|magazine|channel|youtube|podcast|passport|licen[cs]e|visa application)\b/,
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.7 : 0.6),
  },

  // -------------------------------------------------------------------------------------------------------------
  // refund

  // "a refund", "reimbursement", "my money back", "return this item", "your returns policy", "compensation"
  {
    kind: 'refund', score: 0.85, check: 'always',
    anchors:
      'refund refunds refunded refunding refundable nonrefundable non reimburse reimburses reimbursed reimbursement reimbursements reimbursing reimbursable money back restitution restitutions compensate compensated compensation rebate rebates rebated rebating credit credited return returns returning',
    pattern: new RegExp(
      `\\b(?<strong>(?:non-?)?refund(?:s|ed|ing|able)?|reimburs(?:e|es|ed|ing|ement|ements|able)|money back|(?:my|the|our) money (?:returned|refunded))\\b|\\b(?:restitutions?|compensat(?:e|ed|ion)|rebat(?:e|es|ed|ing))\\b|\\b(?:credit(?:ed)? (?:it |them |me )?back|store credit|returns? (?:policy|policies|window|period|label|labels|form|request|process|portal|centre|center|address|shipping)|(?:return|send|take) (?:\\w+ ){0,2}?(?:it|them|this|these|that|those|item|items|product|products|order|purchase|article|articles|goods|parcel|package|something|stuff|everything) back|returning (?:${DET}|it|them)\\b|(?:want|like|need|how|help|wish|trying|way|where|can i|could i) (?:\\w+ ){0,2}?to return\\b|return (?:${DET}|it|them)\\b(?! (?:call|calls|e-?mails?|messages?|favou?r|texts?|to (?:work|sender|the (?:main )?menu|home|normal))\\b))`,
    ),
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.85 : 0.7),
  },

  // -------------------------------------------------------------------------------------------------------------
  // order

  // the order itself: "my order", "order #12345", "order status", "purchase 00004587345"
  {
    kind: 'order', score: 0.8, check: 'always',
    anchors: 'order orders ordered purchase purchases article articles #number',
    pattern: new RegExp(
      `\\b(?:${DET}|last|recent|previous|latest|first|second|new|whole|entire|online|pending|current|existing|same|other|whose|which|each|both|cancelled|canceled|bloody|damn|fucking)\\s+(?:(?!standing|money|postal|court|restraining|gag|executive|pecking|world|alphabetical|chronological|reverse|working|running|short|tall|banking|new card|card)[\\w-]+\\s+)?orders?\\b(?!\\s+(?:of|to|for a new card)\\b)` +
        `|\\borders?\\s*(?:#|no\\b\\.?|nr\\b|num(?:ber)?\\b|id\\b|ref(?:erence)?\\b)?\\s*:?\\s*#?[a-z]{0,3}-?\\d{4,}` +
        '|\\borders?\\s+(?:status|number|no|num|id|confirmation|history|details|tracking|page|summary|reference|ref|total|date|list|update|updates|info|information|cancell?ation)\\b' +
        '|\\b(?:purchases?|articles?)\\s*(?:#|no\\b\\.?|number\\b)?\\s*#?\\d{5,}' +
        `|\\b(?<past>(?:i|we|i've|we've|i have|we have|i had|we had|i just|we just|i recently|we recently|i already|we already)\\s+(?:ordered|placed an order)\\b${NOT_BANK_CARD})`,
    ),
    unless: /\b(?:in order to|out of order)\b/,
    scoreMatch: (match) => (match.groups?.past !== undefined ? 0.7 : 0.8),
  },
  // doing something to an order: "cancel purchase 123", "change something of my order", "track my order"
  {
    kind: 'order', score: 0.8, check: 'always',
    anchors: 'order orders purchase purchases',
    pattern:
      /\b(?:track\w*|trace|cancel\w*|chang\w*|modif\w*|edit\w*|amend\w*|updat\w*|adjust\w*|add\w*|remov\w*|switch\w*|swap\w*|locat\w*|find|check\w*|status of|eta (?:of|for|on)|where'?s|where is|where are|hold|stop|reorder|re-order|combine|split|expedite|rush|confirm\w*|view\w*|see)\s+(?:(?!standing|money|postal|new card|card|in)[\w'-]+\s+){0,3}?(?:orders?|purchases?)\b(?!\s+(?:of|to|a new card)\b)/,
    unless: /\b(?:in order to|standing orders?|direct debits?)\b/,
  },
  // placing one, or buying: "place an order", "how do I order", "I want to buy this jacket", "buying item"
  {
    kind: 'purchase', score: 0.7, check: 'always',
    anchors: 'order ordering buy buying purchase purchasing acquire acquiring shop shopping',
    pattern: new RegExp(
      `\\b(?:(?:place|placing|make|making|submit|submitting|put in|putting in|complete|completing|finish|finishing)\\s+(?:(?:an?|my|the|this|that|our|another|new|one)\\s+)?(?:[\\w-]+\\s+)?(?:order|purchase)\\b${NOT_BANK_CARD}` +
        `|\\b(?:do|doing)\\s+(?:an?|my|the|one)\\s+(?:[\\w-]+\\s+)?(?:order|purchase)\\b` +
        `|(?:^|\\b(?:to|wanna|gonna|can (?:i|we|u|you)|could (?:i|we)|may i|do (?:i|we)|(?:i|we) (?:can|could)|let me|help(?: me)?|assistance(?: with)?|where|how)\\s+)(?:(?:also|just|quickly|still|please|actually|now|maybe|possibly|even|first|finally|really)\\s+)?(?:order(?:ing)?|buy(?:ing)?|purchas(?:e|ing)|shop(?:ping)?(?: for)?|acquir(?:e|ing)|get hold of)\\s+${NOT_BANK_CARD}(?!(?:a refund|refunds?|money|help|assistance|it back|cancel\\w*)\\b)[a-z][\\w'-]*)`,
    ),
    // how the customer tried to pay elsewhere: "I tried to buy groceries and my card was declined"
    notAfter: /\b(?:tried|trying|try|attempted|attempting|went|was|were)\s+$/,
    unless: /\b(?:in order to)\b/,
  },
  // where it is: "where is my parcel", "my order hasn't arrived", "still waiting for my package"
  {
    kind: 'whereabouts', score: 0.8, check: 'always',
    anchors: `${GOODS_WAITED_ANCHORS} + where where's wheres whereabouts status happened waiting received receive got gotten arrived arrive come came turned shown showed delivered shipped dispatched here late delayed lost missing stuck overdue transit way returned marked says shows out`,
    pattern: new RegExp(
      `\\b(?:where(?:'s| is| are)|wheres|whereabouts of|status of|what happened to|still waiting (?:for|on)|waiting (?:for|on) (?:${DET} )?(?:\\w+ )?(?:${GOODS_WAITED})\\s+(?:for|since)|(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|never|not yet|yet to|not|still not)\\s+(?:\\w+\\s+)?(?:received|receive|got|gotten|arrived|arrive|come|came|turned up|shown up|showed up|delivered|shipped|dispatched))\\s+(?:[\\w'-]+\\s+){0,3}?${GOODS_WAITED}\\b` +
        `|\\b${GOODS_WAITED}\\s+(?:[\\w'-]+\\s+){0,3}?(?:(?:has|have|had|is|are|was|were|still)\\s+)?(?:(?:not|n't|never|still not)\\s+)?(?:arrived|here yet|(?:been )?delivered|late|delayed|lost|missing|stuck|overdue|(?:not|n't|never) (?:arrived|came|come|shown up|turned up|received)|marked (?:as )?delivered|says? delivered|shows? (?:as )?delivered|in transit|on (?:its|the) way|out for delivery|returned to sender)\\b`,
    ),
    unless: /\b(?:in order to|out of order)\b/,
  },

  // -------------------------------------------------------------------------------------------------------------
  // shipping

  // delivery and its carriers: "delivery options", "do you ship to Hungary", "the courier", "tracking number"
  {
    kind: 'shipping', score: 0.85, check: 'always',
    anchors:
      'deliver delivers delivered delivering delivery deliveries redeliver redelivery undelivered shipping shipment shipments ship ships shipped dispatch dispatched dispatches dispatching despatch despatched ' +
      'postage courier couriers parcel parcels package packages postman mailman post mail transit ups fedex fed dhl usps royal dpd hermes evri canada australia gls purolator ontrac tracking track ' +
      'click collect pickup pick collection next same two 2 express',
    pattern:
      /\b(?<strong>(?:re|un)?deliver(?:y|ies|ed|ing|s)?|shipping|shipments?|ship(?:s|ped)?|dispatch(?:ed|es|ing)?|despatch(?:ed)?|postage|couriers?|parcels?|tracking (?:number|no|code|link|info\w*|id|page|details|status)|track(?:ing)? (?:my|the|a|this|our) (?:package|parcel|shipment|delivery)|in transit|express (?:delivery|shipping|post)|(?:next|same|two|2)[- ]day (?:delivery|shipping))\b|\b(?<weak>packages?|postman|mailman|mail carrier|post office|in the (?:mail|post)|by (?:post|mail)|(?:snail|postal) mail|fedex|fed ex|dhl|usps|royal mail|dpd|hermes|evri|canada post|australia post|gls|purolator|ontrac|click (?:and|&|n) collect|pick-?up (?:point|location)|collection point|(?:by|with|via|from|through|using|contact|called|call) ups|ups (?:driver|guy|man|delivery|tracking|store|shipment|package|parcel|said|says|lost|left|delivered|claims|website|ground|label))\b/,
    notAfter: /\b(?:software|benefits?|holiday|vacation|travel|tv|channel|sports|data|insurance|care|pension|salary|compensation|welcome|financial|relation|cruise|space|war)\s*$/,
    unless: /\b(?:deliver(?:ed|s|ing)? (?:on (?:(?:its|their|our|your|his|her|the|a|my|that|this) )?(?:promises?|expectations?|commitments?|goals?|word)|results?|value|a speech|a baby)|ship (?:name|happens))\b/,
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.85 : 0.75),
  },
  // where it goes: "the shipping address", "delivery address", "sent to the wrong address", "a new address"
  {
    kind: 'shipping', score: 0.85, check: 'always',
    anchors: 'address addresses addy deliveryaddress shippingaddress',
    pattern: new RegExp(
      `\\b(?<strong>(?:shipping|delivery|postal|mailing|ship to|deliver to|forwarding|dispatch)[- ]?address(?:es)?|address(?:es)? (?:[\\w'-]+ ){0,4}?(?:delivery|deliveries|shipping|shipment|parcel|package|orders?|purchase)|(?:delivery|shipping|shipment|parcel|package|orders?|purchase)(?:'s)? (?:[\\w'-]+ ){0,4}?address(?:es)?|(?:ship|send|sent|deliver|post|mail)(?:ped|ed|ing)? (?:\\w+ ){0,2}?to (?:a |an |my |another |different |new |other |the wrong |wrong |the |an old |my old )?(?:\\w+ )?address|deliveryaddress|shippingaddress)\\b|\\b(?<weak>(?:wrong|incorrect|old|previous|new|different|another|second|secondary|alternate|alternative|other|invalid|correct) ${NOT_POSTAL}address(?:es)?)\\b`,
    ),
    notBefore: ADDRESS_THE_ISSUE,
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.85 : 0.7),
  },
  // an address, for the account or a delivery: "change my address", "my home address"
  {
    kind: 'address', score: 0.65, check: 'always',
    anchors: 'address addresses',
    pattern: new RegExp(
      `\\b(?:(?:my|our|the|street|house|current)\\s+${NOT_POSTAL}address(?:es)?|(?:chang\\w*|updat\\w*|edit\\w*|correct\\w*|modif\\w*|set\\w* up|setting up|enter\\w*|add\\w*|fix\\w*|amend\\w*|mov(?:e|ed|ing))\\s+(?:(?!shipping|delivery|postal|mailing|billing|e-?mail|ip|web|url|wallet|to|the wrong|wrong|and|or|then|please|pls)[\\w-]+\\s+){0,2}?${NOT_POSTAL}address(?:es)?)\\b`,
    ),
    // "address the issue" is no address
    notBefore: ADDRESS_THE_ISSUE,
    // with an order or a delivery in view, it is where the parcel goes (the rule above)
    unless: /\b(?:orders?|deliver\w*|ship\w*|parcels?|packages?|couriers?|shipments?|dispatch\w*)\b/,
  },
  // when it comes: "how long does delivery take", "when will my order arrive", "it still hasn't arrived", "ETA"
  {
    kind: 'shipping', score: 0.75, check: 'always',
    anchors: 'arrive arrives arriving arrival arrived get here be reach receive expect turned shown come delivered eta transit',
    pattern:
      /\b(?:(?:when|how long|how soon|how many (?:days|weeks)|what time|what day|what date|estimated|expected)(?:\s+[\w']+){0,8}?\s+(?:arriv(?:e|es|ing|al)|get here|be here|be delivered|reach (?:me|us|my)|(?:receive|expect|get) (?:it|them|my|the|our) (?:\w+ )?(?:order|item|items|package|parcel|goods|stuff|purchase|products?|articles?|card|delivery|shipment))|(?:(?:has|have|had|is|are|was|were)n'?t|has not|have not|not|never|still not|yet to)\s+(?:\w+\s+)?(?:arrived|arrive|turned up|shown up|come|been delivered)|eta|transit (?:times?|period))\b/,
    unless: BANK_MONEY,
  },

  // -------------------------------------------------------------------------------------------------------------
  // account

  // getting in: "can't log in", "login", "sign in", "locked out", "keeps logging me out"
  {
    kind: 'account', score: 0.8, check: 'always',
    anchors: 'log logs logged logging login logins logon loggin sign signed signing signin signon locked lock locks account acc acct profile',
    pattern:
      /\b(?:log(?:ging|ged|s)?[- ]?(?:in|on|into)|log-?ins?|logon|sign(?:ing|ed)?[- ]?(?:in|on|into)|signin|locked (?:me )?out|lock(?:ed|s)? (?:me )?out|log(?:s|ged|ging)? (?:me )?out|(?:get|getting|got) (?:back )?(?:in|into) (?:my|the|our) (?:account|acc|acct|profile)|access (?:to )?(?:my|our|the) (?:account|acc|acct|profile))\b/,
    notBefore: /^\s*(?:the|this|that|a|my) (?:form|document|contract|papers?|petition|sheet|book)\b/,
  },
  // credentials: "password", "reset my pin", "2FA", "verification code", "username"
  {
    kind: 'account', score: 0.85, check: 'always',
    anchors:
      'password passwords passcode passcodes passwd pwd pw pin pins key keys code codes pass details credentials mfa factor step verification otp authenticate authentication authenticator ' +
      'question questions username usernames user userid userids names ids #number',
    pattern:
      /\b(?<strong>passwords?|passcodes?|passwd|pwd|(?:security|access|profile|account|user|login) (?:key|keys|code|pass|details|credentials)|2fa|mfa|two[- ]factor|two[- ]step|2[- ]step|verification codes?|otp|one[- ]time (?:code|password|passcode|pin)|authenticat(?:e|ion|or)|security questions?|usernames?|user ?names?|user ?ids?|login details|log-?in details|credentials|(?:reset\w*|retriev\w*|recover\w*|restor\w*|forg[eo]t\w*|chang\w*|lost)\s+(?:\w+\s+){0,3}?(?:pass|pw)|(?:reset\w*|retriev\w*|recover\w*|restor\w*)\s+(?:\w+\s+){0,3}?key|key (?:of|for|to) (?:my|the|our) (?:account|acc|profile|user|login))\b|\b(?<weak>pin(?: codes?| numbers?)?)\b(?! (?:it|point|hole|up|down|board|drop)\b)/,
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.85 : 0.7),
  },
  // the account itself: "open a pro account", "delete my account", "account locked", "switch user", "sign up"
  {
    kind: 'account', score: 0.8, check: 'always',
    anchors:
      'account accounts acc acct accnt profile profiles user users membership memberships login logins sign signup signing signed registration register registering registered reregister re',
    pattern: new RegExp(
      [
        "\\b(?:creat\\w*|open(?:s|ed|ing)?|make|making|set(?:ting)? up|setup|register\\w*|sign(?:ed|ing)? up for|delet\\w*|clos(?:e|ed|es|ing)|deactivat\\w*|reactivat\\w*|terminat\\w*|cancel\\w*|remov\\w*|edit\\w*|updat\\w*|chang\\w*|modif\\w*|correct\\w*|switch\\w*|merg\\w*|unlock\\w*|unblock\\w*|unfreez\\w*|recover\\w*|restor\\w*|suspend\\w*|disabl\\w*|verif\\w*|upgrad\\w*|manag\\w*|unlink\\w*|get rid of|locked|blocked|frozen|hacked|use|using)\\s+(?:(?!(?:bank|savings|checking|current|joint|isa|recipient|beneficiary|their|his|her|someone|other|into|from|in|on|with|for|of|via|through|transfer|payment|payments|money|deposit|funds|cash|transaction|cheque|check|card|cards)\\b)[\\w'-]+\\s+){0,3}?(?:accounts?|acc|acct|accnt|profiles?|users?|memberships?|logins?)\\b",
        '\\b(?:accounts?|acc|acct|profiles?)\\s+(?:(?:has|have|is|was|got|been|being|is being)\\s+){0,2}(?:settings?|details|info\\w*|name|email|e-mail|preferences|page|access|creation|registration|deletion|removal|closure|termination|cancell?ation|deactivation|verification|recovery|security|type|level|holder|locked|suspended|disabled|deactivated|blocked|closed|deleted|restricted|frozen|limited|banned|terminated|compromised|hacked|owner|ownership)\\b',
        '\\b(?:new|free|freemium|premium|pro|gold|platinum|standard|basic|user|customer|online|personal|my own|second|secondary|family|child|kids?)\\s+(?:accounts?|profiles?)\\b',
        '\\b(?:as an?|another|extra|additional|second|new) (?:authori[sz]ed |admin |joint )?users?\\b',
        '\\b(?<weak>(?:about|regarding|with|concerning) my (?:account|acc|acct|profile)|sign(?:ing|ed)?[- ]?up|signup|registration|register(?:ing|ed)?|re-?register)\\b(?!\\s+(?:a |an |my )?(?:complaint|claim|grievance|dispute|bike|car|vehicle|product|warranty|device)\\b)',
      ].join('|'),
    ),
    unless: /\b(?:newsletters?|mailing list|webinar|event|class|course|for the (?:draw|competition|contest))\b/,
    scoreMatch: (match) => (match.groups?.weak !== undefined ? 0.7 : 0.8),
  },
  // the customer's details: "change my email", "update my phone number", "my name is misspelt", "personal details"
  {
    kind: 'account', score: 0.75, check: 'always',
    anchors:
      'name surname email mail phone numbers number mobile contact personal details info information data birth dob birthday nickname display profile picture photo pic avatar gender nationality preferences settings notifications',
    pattern:
      /\b(?:(?:chang\w*|updat\w*|edit\w*|correct\w*|modif\w*|fix\w*|amend\w*|wrong|incorrect|misspel\w*|new)\s+(?:(?!order|delivery|shipping|payment|card|bank|billing|recipient|beneficiary|transfer|invoice|the wrong|wrong|pin)[\w'-]+\s+){0,2}?(?:name|surname|last name|first name|e-?mail(?: address)?|phone numbers?|mobile numbers?|contact (?:details|info\w*|numbers?)|personal (?:details|info\w*|data)|details|date of birth|dob|birthday|nickname|display name|profile (?:picture|photo|pic)|avatar|gender|nationality)|personal (?:details|info\w*|data)|(?:my|account|profile|contact) (?:details|info|information|data)|(?:e-?mail) (?:preferences|settings|notifications)|data (?:deletion|export|access) request|(?:delete|erase|download|export) (?:all )?my (?:personal )?data)\b/,
  },
  // who the customer is: "verify my identity", "ID check", "proof of address", "KYC"
  {
    kind: 'account', score: 0.75, check: 'always',
    anchors: 'verify verifies verified verifying verification verifications prove proving proof confirm confirming validate validating validated validation identity id kyc identification photo valid government gov national passport selfie',
    pattern:
      /\b(?<strong>(?:verif\w*|prove|proving|proof of|confirm(?:ing)?|validat\w*)\s+(?:(?:my|your|the|our|his|her|their|an?)\s+)?(?:identity|id|identification|age|address|account|e-?mail|phone|number|residency|residence)|(?:identity|id|kyc)\s+(?:verification|check|checks|documents?|documentation|proof|validation|confirmation|process|requirements?)|kyc|(?:photo|valid|government|gov|national|proof of) (?:id|identity|identification)|identity documents?)\b|\b(?<weak>verif(?:y|ied|ying|ication|ications)|identity|identification)\b(?!\s+(?:(?:the|my|a|this|your|of|of the|of my|for)\s+)?(?:top-?ups?|payments?|transactions?|cards?|transfers?|purchases?|charges?|deposits?|source|cheques?|codes?))/,
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.75 : 0.65),
  },

  // -------------------------------------------------------------------------------------------------------------
  // sales

  // prices and deals: "how much is the premium plan", "your prices", "a discount code", "is it in stock"
  {
    kind: 'sales', score: 0.7, check: 'always',
    anchors:
      'much cost costs price prices pricing rate rates priced pricematch cheaper cheapest trial promo promotional discount discounts coupon coupons voucher vouchers code codes referral promos promotion promotions sale sales black friday offer offers deal deals stock',
    pattern:
      /\b(?<strong>how much (?:is|are|does|do|would|will|for|to|it|they|does it|do they|would it|will it)|how much(?=\s*(?:[?!.]|$))|what(?:'s| is| are| does| do|s)? (?:\w+ ){0,2}?(?:costs?|price|prices|pricing|rates?)|(?:price|prices|pricing|cost|costs) (?:of|for)|price list|price ?match\w*|pricing|(?:your|the|current|latest|best|lowest|cheapest|new|any) (?:prices|rates|deals|offers)|cheap(?:er|est)|free trial|trial (?:period|version))\b|\b(?<weak>(?:promo|promotional|discount|coupon|voucher|referral) codes?|coupons?|discounts?|promos?|promotions?|on sale|sales? (?:price|event)|black friday|special offers?|in stock|out of stock|back in stock)\b/,
    unless:
      /\b(?:shipping|delivery|postage|fees?|charges?|charged|refund\w*|transfers?|top-?ups?|topping up|withdraw\w*|exchange|atm|tax|vat|interest|penalt\w*|cancell?ation|termination|owe|overdraft|bill|invoice|money do i|time|longer|left|cancel\w*|contract|terminat\w*|break)\b/,
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.7 : 0.6),
  },
  // what is on offer: "do you sell gift cards", "do you have it in size 10", "is it available in black"
  {
    kind: 'sales', score: 0.65, check: 'always',
    anchors: 'sell stock carry offer supply available availability size colour color black white red blue green grey gray pink brown small medium large xl xxl xs s m l',
    pattern:
      /\b(?:(?:do|does|can|could|will) (?:you|u|ya|y'all|they|your (?:store|shop|company))\s+(?:still\s+|also\s+|even\s+|guys\s+)?(?:sell|stock|carry|offer|supply)\s+(?!(?:refunds?|returns?|exchanges?|shipping|delivery|deliveries|support|help|customer|any (?:info|news|update)|a way|to|it back|the ability|contact|phone|chat|live|international|next|same|express|free (?:shipping|delivery|returns)|and|or|but|you|that|this|it)\b)[\w'-]+|\b(?:have|got|is|are|available|it|this|these|that|them|one|any)\s+(?:[\w'-]+\s+){0,2}?in (?:stock|size|a size|colou?r|another colou?r|black|white|red|blue|green|grey|gray|pink|brown|small|medium|large|xl|xxl|xs|s|m|l)\b|\bavailab(?:le|ility) (?:in|of) (?:size|colou?r|stock|your store|store|black|white)\b)/,
  },
  // plans, upgrades, quotes: "upgrade to premium", "which plan", "compare plans", "get a quote", "a demo"
  {
    kind: 'sales', score: 0.75, check: 'always',
    anchors:
      'upgrade upgrades upgraded upgrading plan plans tier tiers subscription subscriptions version versions membership memberships package packages bundle bundles compare comparing comparison difference quote quotes quotation quotations demo',
    pattern:
      /\b(?<strong>upgrad(?:e|es|ed|ing)|quot(?:e|es|ation|ations)|demo)\b|\b(?<weak>(?:premium|pro|plus|business|family|annual|yearly|monthly|basic|starter|standard|unlimited|gold|platinum|silver|enterprise|team|student|individual|cheaper|higher|lower|better|bigger|new|different|which|what|best|right)\s+(?:plans?|tiers?|subscriptions?|versions?|memberships?|packages?|bundles?)|(?:compare|comparing|comparison of|difference between (?:the )?)(?:\w+ ){0,2}?(?:plans?|tiers?|packages?|models?|versions?|products?|subscriptions?)|(?:plans?|tiers?|packages?|subscriptions?) (?:do you (?:have|offer)|available|on offer|you offer))\b/,
    notAfter: /\b(?:after|since|with|from|during)\s+(?:the |this |my |an? |your )?(?:\w+ )?$|\b(?:shipping|delivery|postage|insurance|repair)\s+$/,
    unless: /\b(?:crash\w*|froze|freez\w*|error|bugs?|broke|broken|not working|stopped working|won'?t (?:load|open|work)|demo account|demographics?)\b/,
    scoreMatch: (match) => (match.groups?.strong !== undefined ? 0.75 : 0.65),
  },
];

const VOCABULARY: Vocabulary = {
  typos: [
    'refund', 'refunds', 'refunded', 'reimburse', 'reimbursement', 'compensation', 'invoice', 'invoices', 'receipt', 'payment',
    'payments', 'subscription', 'subscriptions', 'password', 'passwords', 'account', 'accounts', 'address', 'delivery',
    'deliveries', 'delivered', 'shipping', 'shipment', 'shipped', 'package', 'parcel', 'tracking', 'courier', 'dispatched',
    'order', 'orders', 'cancel', 'crash', 'crashing', 'crashes', 'login', 'error', 'website', 'install', 'installation',
    'internet', 'connection', 'router', 'registration', 'register', 'verification', 'verify', 'identity', 'upgrade',
    'discount', 'profile', 'username', 'charged', 'charges', 'billing', 'direct', 'checkout', 'glitch', 'outage', 'purchase',
    'penalties', 'penalty', 'newsletter', 'deliver', 'ship',
  ],
  keep: [
    'older', 'border', 'borders', 'odder', 'orderly', 'cancer', 'canter', 'crush', 'crushes', 'crushing', 'trash', 'trashes',
    'trashing', 'brash', 'clash', 'clashes', 'clashing', 'crass', 'cashing', 'cashes', 'logic', 'terror', 'instill', 'instal',
    'recipe', 'direst', 'directs', 'filling', 'killing', 'willing', 'milling', 'tilling', 'pilling', 'billings', 'bulling',
    'shopping', 'chipping', 'whipping', 'skipping', 'slipping', 'shopped', 'chipped', 'whipped', 'skipped', 'slipped',
    'shipper', 'packaged', 'packager', 'marcel', 'trucking', 'cracking', 'tacking', 'racking', 'wracking', 'tracing',
    'verily', 'verity', 'charger', 'chargers', 'changed', 'charmed', 'charted', 'charred', 'outrage', 'purchased',
    'purchaser', 'profiled', 'profiler', 'routed', 'rooter', 'routes', 'outer', 'registry', 'discounted', 'viscount',
    'miscount', 'identify', 'deliverer', 'glitchy', 'changes', 'chargers', 'penalty', 'ships',
  ],

  common: {
    acount: 'account', accout: 'account', acconut: 'account', pasword: 'password', passwrod: 'password', paswrod: 'password',
    adress: 'address', adresse: 'address', adres: 'address', addres: 'address', invoce: 'invoice', refound: 'refund',
    refumd: 'refund', reciept: 'receipt', reciepts: 'receipts', shiping: 'shipping', shippment: 'shipment', delievery: 'delivery',
    delivary: 'delivery', dilivery: 'delivery', pakage: 'package', packge: 'package', subscribtion: 'subscription',
    cancelation: 'cancellation', eror: 'error', errror: 'error', paymnet: 'payment', payemnt: 'payment', paymet: 'payment', oder: 'order', ordr: 'order', shpi: 'ship', shp: 'ship',
  },
};

const read = ruleReader(RULES, VOCABULARY);

/** For tests: what each rule finds in one message; `everyRule` skips the anchor pre-check. */
export const readRoutineTopics: RuleReader<Kind> = (message, everyRule) => read(message, everyRule);

// ---------------------------------------------------------------------------------------------------------------
// Scoring.

/** A topic a message names: its score and the words that name it, strongest first. */
interface Named {
  topic: RoutineTopic;
  score: number;
  evidence: string[];
}

/** Each rule past the first naming a topic in one message adds this much… */
const AGREEMENT_BONUS = 0.05;
/** …up to this. */
const MAX_SCORE = 0.9;
/** A message a turn earlier still counts, a little weaker per turn back: the latest message weighs most. */
const DECAY_PER_TURN = 0.92;
/** At most this many quotes a topic. */
const MAX_EVIDENCE = 3;

const readings = new MessageMemo<readonly Named[]>();
const NOTHING: readonly Named[] = [];

function readOnce(message: string): readonly Named[] {
  return readings.get(message, readUncached);
}

function readUncached(message: string): readonly Named[] {
  const found = read(message);
  return found.length === 0 ? NOTHING : messageTopics(found);
}

/** One message's topics: the strongest finding of each, a little more when several rules agree. */
function messageTopics(found: readonly Found<Kind>[]): Named[] {
  const named: (Named & { rules: number; quotes: { score: number; text: string }[] })[] = [];
  for (const one of found) {
    for (const [topic, factor] of KIND_TOPICS[one.kind]) {
      const score = round(one.score * factor);
      let entry = named.find((n) => n.topic === topic);
      if (entry === undefined) {
        entry = { topic, score: 0, evidence: [], rules: 0, quotes: [] };
        named.push(entry);
      }
      entry.rules++;
      entry.score = Math.max(entry.score, score);
      entry.quotes.push({ score, text: one.evidence });
    }
  }
  return named.map(({ topic, score, rules, quotes }) => ({
    topic,
    score: round(Math.min(MAX_SCORE, score + AGREEMENT_BONUS * (rules - 1))),
    evidence: strongestQuotes(quotes, MAX_EVIDENCE),
  }));
}

/**
 * The routine topics of a conversation (the customer's messages, oldest first, the one being answered last), strongest
 * first: each at its strongest message, decayed by how many turns back it was, with the words that named it.
 */
export function detectRoutineTopics(turns: CustomerTurns): TopicSignal[] {
  let best: Map<RoutineTopic, { score: number; quotes: { score: number; text: string }[] }> | undefined;
  for (let i = turns.length - 1; i >= 0; i--) {
    const named = readOnce(turns[i]!);
    if (named === NOTHING) continue;
    const weight = DECAY_PER_TURN ** (turns.length - 1 - i);
    best ??= new Map();
    for (const { topic, score, evidence } of named) {
      const weighted = round(score * weight);
      let entry = best.get(topic);
      if (entry === undefined) {
        entry = { score: 0, quotes: [] };
        best.set(topic, entry);
      }
      entry.score = Math.max(entry.score, weighted);
      // the message's own order stands: its strongest quote first
      evidence.forEach((text, k) => entry.quotes.push({ score: weighted - k * 1e-6, text }));
    }
  }
  if (best === undefined) return [];
  const signals: TopicSignal[] = [];
  for (const [topic, { score, quotes }] of best) signals.push({ topic, score, evidence: strongestQuotes(quotes, MAX_EVIDENCE) });
  return signals.sort((a, b) => b.score - a.score);
}
