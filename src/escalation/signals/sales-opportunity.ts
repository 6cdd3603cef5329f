import { MessageMemo } from './message-memo.ts';
import { round, ruleReader, strongestQuotes, type Found, type Rule, type RuleReader, type Vocabulary } from './rule-reader.ts';
import { NO_SIGNAL, type CustomerTurns, type SignalResult } from './signal.ts';

/**
 * `sales_opportunity`: a customer talking about a purchase worth a salesperson's time, in their own words.
 * - scale (0.75–0.95): many seats, licences, users or units ("we want 500 seats", "a bulk order of 200 laptops",
 *   "for our 3,000 employees"), a large amount ("a $50k order", "a budget of £20,000"), a whole organisation
 *   ("upgrade our entire company", "for all our stores");
 * - intent (0.55–0.75): asking for a quote, a demo or a sales call, volume or wholesale pricing, an enterprise or team
 *   plan, procurement (an RFP, vendor registration, purchase orders), reselling or a partnership.
 * Both in one message score at least 0.9: "a quote for 500 seats".
 *
 * A quantity only counts with talk of buying ("we need 300 laptops", "pricing for 50 users"), and over a threshold
 * (10 seats or users, 25 people or units, 5 sites): an order number, "2 items" or "500 dollars" is no quantity. An ordinary
 * single purchase ("can I buy a gift card", "place an order"), a complaint about a price or an order, a return or a
 * cancellation does not count, nor a wish denied ("we don't need a demo"). A question about the offering does count:
 * "do you offer volume discounts?" is what a buyer asks.
 *
 * Over a conversation, the strongest message counts, older ones a little weaker per turn since, until the customer
 * takes it back ("never mind", "we went with another vendor"). It shares its reader (rule-reader.ts) with high-priority.ts, so it too
 * runs no pattern on a message without its anchor words.
 */

type Kind = 'scale' | 'intent' | 'retract';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary. Patterns run on lower-case text whose apostrophes are all "'" and whose misspelt key words are corrected.

/** A quantity, in figures or words: "500", "3,000", "1.5k", "two hundred", "hundreds of", "dozens". */
const NUM =
  '(?<num>(?<![\\w#$£€.,/:-])(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s?(?:k|m|thousand|million|hundred|grand)\\b)?|' +
  '\\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|many|a couple of|couple)\\s+(?:hundred|thousand)|hundreds|thousands|dozens|a dozen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\\b)' +
  '(?:\\s*\\+)?(?:\\s+(?:of|or so|plus|or more))?';
/** The anchor words of NUM. */
const NUM_ANCHORS = '#number hundred thousand hundreds thousands dozens dozen twenty thirty forty fifty sixty seventy eighty ninety';
/** An amount of money after its currency sign: "50,000", "50k", "1.2 million". */
const AMOUNT = '(?<amount>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(?<unit>k|m|mm|thousand|million|grand|bn|billion)?\\b';

/** What a plan is bought for: seats, users, employees. */
const SEATS =
  '(?:seats?|licen[cs]es|user licen[cs]es|users|employees|staff(?: members)?|agents|reps|salespeople|technicians|engineers|developers|logins|mailboxes|accounts|subscriptions|headcount)';
/** People in general: a table for 12 people is no sale, a plan for 300 people is. */
const CROWD = '(?:people|members|team members|workers|students|teachers|doctors|nurses|drivers|colleagues|volunteers|guests|attendees|delegates|participants)';
/** Things bought by the dozen. */
const GOODS =
  '(?:units|devices|laptops|computers|pcs|desktops|tablets|ipads|iphones|phones|handsets|monitors|printers|servers|routers|headsets|copies|pieces|items|boxes|cases|crates|cartons|pallets|packs|kits|uniforms|shirts|t-?shirts|hoodies|jackets|chairs|desks|gift ?cards|vouchers|tickets|bottles|bags|pairs|sets|meals|rooms|terminals|machines|vehicles|cars|trucks|vans|bikes|scooters|products|articles|mugs|pens|books)';
/** Places a company works from. */
const PLACES = '(?:stores|shops|locations|sites|branches|offices|outlets|restaurants|clinics|schools|hospitals|hotels|franchises|warehouses)';
/** The anchor words of PEOPLE, GOODS and PLACES. */
const UNIT_ANCHORS =
  'seat seats licence licences license licenses users employees staff members agents people workers students teachers doctors nurses reps salespeople drivers technicians engineers developers colleagues volunteers guests attendees delegates participants logins mailboxes accounts subscriptions headcount ' +
  'units devices laptops computers pcs desktops tablets ipads iphones phones handsets monitors printers servers routers headsets copies pieces items boxes cases crates cartons pallets packs kits uniforms shirts tshirts hoodies jackets chairs desks giftcards cards vouchers tickets bottles bags pairs sets meals rooms terminals machines vehicles cars trucks vans bikes scooters products articles mugs pens books ' +
  'stores shops locations sites branches offices outlets restaurants clinics schools hospitals hotels franchises warehouses';
/** A whole organisation. */
const ORG =
  '(?:team|teams|company|organi[sz]ation|org|firm|staff|workforce|department|departments|school|schools|district|agency|employees|offices|branches|stores|locations|sites|clinics|franchises?|business units?|subsidiaries|members|users|sales team|sales force)';

/** Wanting to buy: "we'd like to order", "looking to license", "place an order", pricing, a quote. */
const WANTS_TO =
  "(?:to|wanna|want to|like to|need to|will|'ll|going to|gonna|can (?:we|i)|could (?:we|i)|looking to|planning to|plan to|wish to|hoping to|ready to|let'?s|please|we|i)";
const BUY_VERBS =
  '(?:order|buy|purchase|license|licence|book|reserve|add|source|procure|equip|outfit|upgrade|subscribe|sign up|onboard|roll out|deploy|switch|migrate|move (?:over )?to|supply|provide|set up|use|start using|adopt|try)';
const BUYING =
  `\\b(?:${WANTS_TO}\\s+(?:\\w+\\s+)?${BUY_VERBS}|place (?:an? |the |our |my )?(?:\\w+\\s+)?order|(?:a|an|the) (?:\\w+\\s+)?plan for|licen[cs]\\w*|seats?|pric(?:e|es|ing)|quot(?:e|es|ation|ations)|discounts?|bulk|wholesale|enterprise|how much|budget|procure\\w*|rfp|tender|demo\\w*|` +
  '(?:team|business|enterprise|corporate|company|group|volume) (?:plans?|accounts?|rates?|deals?))\\b';
/** Needing many of something: "we need 300 laptops", "I'm looking for 50 chairs". */
const NEEDS =
  "(?:\\b(?:we|i|they|our \\w+)\\s+(?:(?:really|urgently|also|will|would|do|currently|now|'d|'ll|'re|'m|are|am)\\s+)?|\\band\\s+)(?:need|needs|want|wants|require|requires|looking for|would like|'d like|interested in)\\b(?!\\s+(?:help|assistance|to (?:know|check|track|cancel|return|change|see|find|fix|speak|talk|update|edit|remove|delete|report)))";
const BUYING_OR_NEEDING = new RegExp(`${BUYING}|${NEEDS}`);
const BUYING_ONLY = new RegExp(BUYING);

/**
 * Not a sale: a cancellation, a refund or return, a complaint about a price, an order, or a salesperson, an order
 * already placed, fewer seats.
 */
const NOT_SALES =
  /\b(?:cancel\w*|refund\w*|return(?:ed|ing|s)?|overcharg\w*|rip-?off|charged (?:me )?(?:twice|double|wrong)|missing|damaged|broken|faulty|defective|never (?:arrived|received|came|got)|(?:haven'?t|hasn'?t|didn'?t|did not|have not|has not) (?:yet )?(?:received|arrived|come|got|shipped)|wrong (?:item|items|order|size|colou?r)|complain\w*|unsubscrib\w*|downgrad\w*|remov\w*|reduc\w*|fewer|clos(?:e|ing)|delet\w*|terminat\w*|too (?:expensive|pricey|much|high)|ridiculous|scam\w*|placed|ordered|bought|purchased|where is|where's|status of|track\w*)\b/;

/** Units that are not things bought: money, time, distance, attempts. */
const NOT_GOODS = new Set(
  ('pounds dollars euros bucks quid cents pence usd gbp eur yen rupees francs times days hours minutes mins seconds secs weeks months years yrs ' +
    'points miles kms kilometers kilometres metres meters feet inches kgs kilos grams lbs gbs mbs tbs percent texts messages emails calls transactions transfers ' +
    'payments withdrawals deposits charges fees tries attempts digits characters letters steps others ones words pages numbers bits odds ' +
    // words that end in s without being things: "order 100234 is late", "order 5512 has shipped"
    'is was has does this its us yes plus thus as always perhaps unless across status address').split(' '),
);

const NUMBER_WORDS: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, several: 3, 'a few': 3, few: 3,
  many: 5, 'a couple of': 2, couple: 2, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundreds: 200, thousands: 2000, dozens: 24, 'a dozen': 12,
};
const MULTIPLIERS: Record<string, number> = { k: 1e3, thousand: 1e3, grand: 1e3, m: 1e6, mm: 1e6, million: 1e6, bn: 1e9, billion: 1e9, hundred: 100 };

/** The value of a NUM or AMOUNT match; 0 for a reference rather than a quantity (an order number, a leading zero). */
export function quantityOf(figure: string, unit?: string): number {
  const text = figure.replace(/\s+/g, ' ').replace(/\s*\+$/, '').replace(/ (?:of|or so|plus|or more)$/, '').trim();
  const digits = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?: ?(k|m|mm|thousand|million|hundred|grand|bn|billion))?$/.exec(text);
  if (digits) {
    const raw = digits[1]!;
    if (!raw.includes(',') && !raw.includes('.') && (raw.length >= 7 || (raw.length > 1 && raw.startsWith('0')))) return 0;
    const multiplier = digits[2] ?? unit;
    return Number(raw.replace(/,/g, '')) * (multiplier ? (MULTIPLIERS[multiplier] ?? 1) : 1);
  }
  const words = /^(.*?)\s*(hundred|thousand)$/.exec(text);
  if (words) return (NUMBER_WORDS[words[1]!] ?? 1) * (words[2] === 'hundred' ? 100 : 1000);
  return NUMBER_WORDS[text] ?? 0;
}

/** A score for a quantity of seats, people, goods or places: none below the threshold. */
function quantityScore(match: RegExpExecArray): number {
  const groups = match.groups ?? {};
  const value = quantityOf(groups.num ?? '');
  if (groups.seats !== undefined) return value >= 100 ? 0.95 : value >= 10 ? 0.85 : 0;
  if (groups.crowd !== undefined) return value >= 100 ? 0.95 : value >= 25 ? 0.85 : 0;
  if (groups.goods !== undefined) return value >= 100 ? 0.9 : value >= 25 ? 0.8 : 0;
  if (groups.places !== undefined) return value >= 20 ? 0.9 : value >= 5 ? 0.8 : 0;
  return 0;
}

function amountScore(match: RegExpExecArray): number {
  const value = quantityOf(match.groups?.amount ?? '', match.groups?.unit);
  return value >= 100_000 ? 0.95 : value >= 10_000 ? 0.85 : 0;
}

/** Before a match: whose it already is ("my $20k order", "this bulk order"). */
const ALREADY_THEIRS = /\b(?:my|our|this|that|his|her)\s+$/;
/** Before a plan: the customer's own ("our enterprise account is locked"), not the one on offer ("your enterprise plan"). */
const ALREADY_OURS = /\b(?:my|our)\s+$/;

const RULES: Rule<Kind>[] = [
  // -------------------------------------------------------------------------------------------------------------
  // scale

  // "we want 500 seats", "a bulk order of 200 laptops", "for our 3,000 employees", "pricing for 50 users", "12 stores"
  {
    kind: 'scale', score: 0.85, check: 'wish',
    anchors: `${NUM_ANCHORS} + ${UNIT_ANCHORS}`,
    pattern: new RegExp(
      `${NUM}[\\s-]+(?:(?!(?:for|in|at|per|each|a|an|dollars|pounds|euros|worth)\\b)[\\w'-]+[\\s-]+){0,2}?(?:(?<seats>${SEATS})|(?<crowd>${CROWD})|(?<goods>${GOODS})|(?<places>${PLACES}))\\b`,
    ),
    scoreMatch: quantityScore,
    needs: BUYING_OR_NEEDING,
    unless: NOT_SALES,
  },
  // "we're a team of 50", "a company of 2,000 people"
  {
    kind: 'scale', score: 0.85, check: 'wish',
    anchors: `team company organisation organization business staff firm workforce school district office department group practice agency startup start hospital clinic chain network + ${NUM_ANCHORS}`,
    pattern: new RegExp(
      `\\b(?:team|company|organi[sz]ation|business|staff|firm|workforce|school|district|office|department|group|practice|agency|startup|start-up|hospital|clinic|chain|network)\\s+of\\s+(?:(?:about|around|over|roughly|more than|nearly|almost|some|approximately|just over|just under)\\s+)?${NUM}`,
    ),
    scoreMatch: (match) => {
      const value = quantityOf(match.groups?.num ?? '');
      return value >= 100 ? 0.9 : value >= 10 ? 0.85 : 0;
    },
    needs: BUYING_OR_NEEDING,
    unless: NOT_SALES,
  },
  // "we need to order 300 mugs", "how much for 1,000 bottles"
  {
    kind: 'scale', score: 0.8, check: 'wish',
    anchors: `buy buying order ordering purchase purchasing source sourcing supply procure stock need want get quote price pricing cost much + ${NUM_ANCHORS}`,
    pattern: new RegExp(
      `\\b(?:buy|buying|order|ordering|purchase|purchasing|source|sourcing|supply|procure|stock|need|want|get|quote for|price for|pricing for|cost of|cost for|how much (?:for|is|are|would|will))\\s+(?:(?:about|around|roughly|approximately|over|more than|at least|up to|some|like|maybe)\\s+)?${NUM}[\\s-]+(?:(?:[\\w-]+\\s+){0,2}?(?<noun>[a-z]+s)|these|those|them)\\b`,
    ),
    scoreMatch: (match) => {
      if (NOT_GOODS.has(match.groups?.noun ?? '')) return 0;
      const value = quantityOf(match.groups?.num ?? '');
      return value >= 200 ? 0.9 : value >= 50 ? 0.8 : 0;
    },
    unless: NOT_SALES,
  },
  // "a $50k order", "a £120,000 contract"
  {
    kind: 'scale', score: 0.85, check: 'wish',
    anchors: '#money + order orders contract contracts deal deals budget project po purchase tender',
    pattern: new RegExp(
      `(?<![\\w.,])[$£€]\\s?${AMOUNT}(?:\\s*\\+)?\\s+(?:[\\w-]+\\s+)?(?:order|orders|contract|contracts|deal|deals|budget|project|purchase order|po|tender)\\b`,
    ),
    scoreMatch: amountScore,
    notAfter: ALREADY_THEIRS,
    unless: NOT_SALES,
  },
  // "$200k a year on support tools" with talk of buying ("and want to switch"); not a salary
  {
    kind: 'scale', score: 0.85, check: 'wish',
    anchors: '#money + spend annual year yearly month monthly annum worth purchases business revenue',
    pattern: new RegExp(
      `(?<![\\w.,])[$£€]\\s?${AMOUNT}(?:\\s*\\+)?\\s+(?:[\\w-]+\\s+)?(?:spend|annual|a year|per year|yearly|per annum|a month|per month|monthly|worth of|in (?:annual |yearly )?(?:spend|purchases|orders|business|revenue))\\b`,
    ),
    scoreMatch: amountScore,
    notAfter: ALREADY_THEIRS,
    needs: BUYING_OR_NEEDING,
    unless: new RegExp(`${NOT_SALES.source}|\\b(?:salary|salaries|income|wage|wages|rent|mortgage|earn\\w*|paid|pension|lost|stolen)\\b`),
  },
  // "we have a budget of $50,000", "looking to spend around £20k"
  {
    kind: 'scale', score: 0.85, check: 'wish',
    anchors: 'budget spend invest + #number',
    pattern: new RegExp(
      `\\b(?:budget|(?:to|would|could|will|'d|can|willing to|ready to)\\s+(?:\\w+\\s+)?(?:spend|invest))\\s+(?:(?:is|of|around|about|roughly|up to|over|at least|approximately|nearly|close to|for this is|for this|somewhere around)\\s+)*[$£€]?\\s?${AMOUNT}`,
    ),
    scoreMatch: amountScore,
    unless: NOT_SALES,
  },
  // "for our whole team", "across all our stores", "company-wide"
  {
    kind: 'scale', score: 0.75, check: 'wish',
    anchors: 'team teams company organisation organization org firm staff workforce department departments school schools district agency employees offices branches stores locations sites clinics franchise franchises business subsidiaries members users force wide companywide',
    pattern: new RegExp(
      `\\b(?:for|across|to|throughout)\\s+(?:all\\s+(?:of\\s+)?)?(?:our|my)\\s+(?:(?:whole|entire|global|\\w+)\\s+)?${ORG}\\b(?!'s)|\\b(?:company|organi[sz]ation|org|enterprise|team|department|business|school|district|campus)[- ]wide\\b`,
    ),
    needs: BUYING_ONLY,
    unless: NOT_SALES,
  },
  // "upgrade our entire organisation", "roll it out to our staff", "switch our whole team over to you"
  {
    kind: 'scale', score: 0.8, check: 'wish',
    anchors: 'upgrade upgrading roll rolling deploy deploying onboard onboarding license licence licensing licencing equip equipping outfit outfitting kit switch switching move moving migrate migrating bring bringing convert converting',
    pattern: new RegExp(
      `\\b(?:upgrad(?:e|ing)|roll(?:ing)? (?:[\\w-]+ )?out (?:to|across)|deploy(?:ing)? (?:[\\w-]+ )?(?:to|across)|onboard(?:ing)?|licen[cs](?:e|ing)|equip(?:ping)?|outfit(?:ting)?|kit(?:ting)? out)\\s+(?:[\\w-]+\\s+){0,2}?(?:our|my)\\s+(?:(?:whole|entire|global)\\s+)?${ORG}\\b|` +
        `\\b(?:switch|move|migrate|bring|convert)(?:ing)?\\s+(?:[\\w-]+\\s+){0,2}?(?:our|my)\\s+(?:(?:whole|entire|global)\\s+)?${ORG}\\s+(?:over\\s+)?(?:to|onto)\\b`,
    ),
    unless: NOT_SALES,
  },

  // -------------------------------------------------------------------------------------------------------------
  // intent

  // "a bulk order", "volume pricing", "corporate rates", "a group booking"
  {
    kind: 'intent', score: 0.6, check: 'wish',
    anchors: 'bulk wholesale volume trade large big huge massive sizeable sizable corporate b2b business group fleet institutional team + order orders ordering purchase purchases purchasing buy buying pricing price prices rate rates discount discounts deal deals quote quotes quotation quotations quantity quantities enquiry enquiries inquiry inquiries licence licences license licenses licensing licencing booking bookings volume volumes',
    pattern: /\b(?:bulk|wholesale|volume|trade|corporate|b2b|business|group|fleet|institutional|team)\s+(?:[\w-]+\s+)?(?:order|orders|ordering|purchase|purchases|purchasing|buy|buying|pricing|prices?|rates?|discounts?|deals?|quotes?|quotations?|quantit(?:y|ies)|enquir(?:y|ies)|inquir(?:y|ies)|licen[cs]\w*|bookings?)\b|\b(?:large|big|huge|massive|sizeable|sizable)\s+(?:\w+\s+)?(?:order|orders|quantit(?:y|ies)|volumes?)\b/,
    notAfter: ALREADY_THEIRS,
    unless: NOT_SALES,
  },
  // "buy in bulk", "wholesale", "volume discounts", "a discount for multiple units"
  {
    kind: 'intent', score: 0.6, check: 'wish',
    anchors: 'bulk quantity quantities numbers volumes volume wholesale wholesaler wholesalers wholesaling multi multiunit multiseat discount discounts',
    pattern: /\bin (?:bulk|large quantit(?:y|ies)|big quantit(?:y|ies)|large numbers|large volumes?|quantity)\b|\bwholesal\w*|\b(?:volume|quantity|multi-?unit|multi-?seat|multi-?licen[cs]e) (?:discounts?|pricing|deals?|licen[cs]\w*)\b|\bdiscounts? (?:for|on) (?:\w+\s+)?(?:bulk|volume|quantity|multiple (?:units|items|licen[cs]es|seats|orders|copies|products|pieces|users))\b/,
    unless: NOT_SALES,
  },
  // "can you send us a quote", "a formal quotation", "quote me", "custom pricing"
  {
    kind: 'intent', score: 0.55, check: 'wish',
    anchors: 'quote quotes quotation quotations proposal pricing',
    pattern: /\b(?:get|getting|request|requesting|send|sending|need|want|like|give|provide|prepare|receive|obtain|ask for|asking for|looking for|have|email|e-?mail|share|put together|draw up|see|requires?)\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+|your\s+|some\s+)?(?:(?:formal|custom|price|pricing|official|detailed|written|firm|bespoke|tailored|new|rough|ballpark|quick|sales|volume|bulk)\s+)*(?:quotes?|quotations?|pricing proposal)\b|\bquote (?:me|us)\b|\b(?:custom|special|bespoke|tailored|negotiated|tiered|discounted|better) pricing\b|\bpricing (?:proposal|sheet|deck)\b|\bquotes? for\s+(?:an?\s+)?(?:order|purchase|(?:\w+\s+)?(?:seats|licen[cs]es|users|units))\b/,
    notBefore: /^\s+(?:for|on)\s+(?:the\s+|a\s+|my\s+)?(?:shipping|delivery|postage|repair|repairs|return|insurance|exchange|transfer|moving|removal)\b/,
    unless: /\b(?:shipping|delivery|postage|insurance|exchange rate|repair)\s+(?:quote|quotation)s?\b|\bquote (?:me|us) (?:on )?(?:shipping|delivery|postage)\b/,
  },
  // "can we book a demo", "a product demonstration"
  {
    kind: 'intent', score: 0.55, check: 'wish',
    anchors: 'demo demos demonstration tour',
    pattern: /\b(?:demo|demos|demonstration|product tour)\b(?!\s+(?:account|accounts|mode|version|video|videos|app|unit|units|model|song|tape|day))/,
    unless: NOT_SALES,
  },
  // "talk to your sales team", "an account executive", "a sales call"
  {
    kind: 'intent', score: 0.6, check: 'wish',
    anchors: 'sales salesperson salesman saleswoman account business bd partnership partnerships enterprise + sales salesperson salesman saleswoman manager executive exec development team',
    pattern: /\b(?:talk|speak|chat|meet|call|connect|get in touch|be in touch|contact|hear from|reach|put me through|set up a call|schedule a call|book a call)\s+(?:to\s+|with\s+)?(?:(?:someone|somebody|a person|a member|one|anyone)\s+(?:from|in|on|of)\s+)?(?:your\s+|the\s+|a\s+|an\s+)?(?:sales(?:\s+(?:team|department|dept|rep|representative|person|people|manager|office|staff))?|salesperson|salesman|saleswoman|account (?:manager|executive|exec)|business development|bd team|partnerships? team|enterprise team)\b|\bsales (?:call|meeting|rep|representative|team|department|dept|contact|enquir(?:y|ies)|inquir(?:y|ies))\b/,
    unless: /\b(?:rude|lied|lying|misled|mislead\w*|pushy|scam\w*|never|complain\w*|terrible|awful|useless|spam\w*|stop calling|keep calling|kept calling|unsolicited|harass\w*|tax)\b/,
  },
  // "the enterprise plan", "enterprise licensing"
  {
    kind: 'intent', score: 0.65, check: 'wish',
    anchors: 'enterprise enterprises',
    pattern: /\benterprise\s+(?:plans?|tiers?|licen[cs]\w*|pricing|accounts?|versions?|editions?|packages?|agreements?|deals?|contracts?|subscriptions?|solutions?|offerings?|level|support|options?|customers?|clients?|sales|team|grade|features?|quotes?)\b/,
    notAfter: ALREADY_OURS,
    unless: NOT_SALES,
  },
  // "a team plan", "business licences", "a corporate subscription" (not one the customer already has)
  {
    kind: 'intent', score: 0.6, check: 'wish',
    anchors: 'corporate company business team organisation organization organisational organizational org group multi multiuser volume + plan plans tier tiers licence licences license licenses licensing licencing subscription subscriptions package packages agreement agreements contract contracts',
    pattern: /\b(?:corporate|company|business|team|organi[sz]ation(?:al)?|org|group|multi-?user|volume)[- ](?:wide\s+)?(?:plans?|tiers?|licen[cs]\w*|subscriptions?|packages?|agreements?|contracts?)\b/,
    notAfter: ALREADY_OURS,
    unless: NOT_SALES,
  },
  // procurement: "an RFP", "our procurement team", "purchase orders", "become an approved vendor", "net 30 terms"
  {
    kind: 'intent', score: 0.75, check: 'wish',
    anchors: 'rfp rfps rfq rfqs rfi rfis request requests tender tendering procurement purchasing purchase vendor supplier net approved preferred become becoming + rfp rfps rfq rfqs rfi rfis proposal proposals quote quotes quotation quotations information tender tenders tendering procurement purchasing order orders vendor supplier #number',
    pattern: /\b(?:rfps?|rfqs?|rfis?|requests? for (?:proposals?|quotes?|quotations?|information|tenders?)|tender (?:process|document|documents|documentation|submission|offer|for|invitation|notice)|(?:a|our|the|public|open|formal) tender\b|tendering|procurement|purchasing (?:department|team|manager|officer|process|dept)|purchase orders?|vendor (?:registration|onboarding|application|form|forms|approval|setup|set-?up|account|number)|supplier (?:registration|onboarding|application|form|forms|approval|setup|account|number)|(?:become|becoming|be) (?:an? |your )?(?:approved |preferred |registered )?(?:vendor|supplier)|(?:approved|preferred) (?:vendor|supplier)|net[- ]?(?:30|45|60|90)(?: (?:days|terms))?)\b/,
    unless: /\blegal tender\b|\btender (?:loving|chicken|meat|steak|spot|age|to the touch)\b|\bchicken tenders?\b/,
  },
  // reselling and partnerships: "become a reseller", "a distribution agreement", "partner with you", "white-label"
  {
    kind: 'intent', score: 0.75, check: 'wish',
    anchors: 'resell resells reselling reseller resellers re distributor distributors distribution stockist stockists dealership dealerships white whitelabel channel partnership partnerships partner become becoming affiliate carry sell franchise franchising',
    pattern: /\b(?:resell(?:ing|er|ers|s)?|re-sell\w*|distributors?|distribution (?:agreement|deal|rights|partner\w*|contract)|stockists?|dealerships?|white[- ]?label\w*|channel partner\w*|(?:business|strategic|reseller|retail|distribution|wholesale|referral|affiliate|integration|technology|co-?marketing) partnerships?|partnership (?:opportunit\w+|proposal|inquiry|enquiry|with (?:you|your))|partner (?:with|up with) (?:you|your)|(?:become|becoming|be) (?:an? |your )?(?:authori[sz]ed |official )?(?:partner|reseller|distributor|dealer|stockist|retailer|affiliate|franchisee)|affiliate (?:program|programme)|carry (?:your|the) (?:products?|brand|line|range) (?:in|at|on) (?:our|my)|(?:want|like|interested in|looking) to sell your (?:products?|brand|range|line)|franchis(?:e|ing) (?:opportunit\w+|inquiry|enquiry))\b/,
    notBefore: /^\s+(?:my|it|this|them|the ticket|tickets?)\b/,
    // asking whether a seller is genuine, or where the customer bought
    unless: new RegExp(
      `${NOT_SALES.source}|\\b(?:is (?:this|it|that|he|she|they)|are (?:they|you|these|those)) (?:an? )?(?:authori[sz]ed|official|legit\\w*|genuine|real|approved) (?:\\w+ )?(?:distributor|reseller|dealer|seller|stockist|retailer)s?\\b|\\b(?:from|through|via) (?:an? |the )?(?:\\w+ )?(?:distributor|reseller|dealer|stockist)s?\\b`,
    ),
  },

  // -------------------------------------------------------------------------------------------------------------
  // taken back later: "never mind", "we went with another vendor"

  {
    kind: 'retract', score: 0.01, check: 'always',
    anchors: 'nevermind never mind minds interested forget pass went decided buying ordering going proceeding + nevermind mind minds interested forget it about pass another different someone competitor not against ahead',
    pattern: /\b(?:never ?mind|nevermind|changed (?:my|our) minds?|(?:not|no longer|not really) interested|forget (?:it|about it)|we'?ll pass|went with (?:another|a different|someone else|a competitor)|decided (?:not to|against)|not (?:buying|ordering|going ahead|proceeding))\b/,
  },
];

const VOCABULARY: Vocabulary = {
  typos: [
    'quote', 'quotes', 'quotation', 'quotations', 'wholesale', 'wholesaler', 'enterprise', 'enterprises', 'licence', 'licences',
    'license', 'licenses', 'licensing', 'licencing', 'licensed', 'licenced', 'reseller', 'resellers', 'distributor',
    'distributors', 'procurement', 'partnership', 'partnerships', 'demonstration', 'employees', 'employee', 'organisation',
    'organization', 'organisations', 'organizations', 'pricing', 'discount', 'discounts',
  ],
  keep: [
    'quite', 'quota', 'quotas', 'quoted', 'quoter', 'quoth', 'licensee', 'licensees', 'employers', 'employer', 'employed',
    'pricking', 'prising', 'prizing', 'miscount', 'viscount', 'miscounts', 'viscounts', 'discounted',
  ],
  common: { qoute: 'quote', qoutes: 'quotes', qote: 'quote', liscence: 'licence', lisence: 'license', liscense: 'license', wholesell: 'wholesale' },
};

const read = ruleReader(RULES, VOCABULARY);

/** For tests: what each rule finds in one message; `everyRule` skips the anchor pre-check. */
export const readSalesOpportunity: RuleReader<Kind> = (message, everyRule) => read(message, everyRule);

// ---------------------------------------------------------------------------------------------------------------
// Scoring.

interface MessageReading {
  found: Found<Kind>[];
  /** The message takes back earlier sales talk. */
  retracts: boolean;
}

const readings = new MessageMemo<MessageReading>();
const NOTHING: MessageReading = { found: [], retracts: false };

function readOnce(message: string): MessageReading {
  return readings.get(message, readUncached);
}

function readUncached(message: string): MessageReading {
  const all = read(message);
  if (all.length === 0) return NOTHING;
  const found = all.filter((f) => f.kind !== 'retract');
  // a message that talks business itself takes nothing back ("not interested in the basic plan, we need 500 seats")
  return { found, retracts: found.length === 0 };
}

/** One message's verdict: its strongest finding; scale and intent together at least 0.9. */
function messageVerdict(found: readonly Found<Kind>[]): SignalResult {
  let score = 0;
  let scale = false;
  let intent = false;
  for (const one of found) {
    score = Math.max(score, one.score);
    if (one.kind === 'scale') scale = true;
    else intent = true;
  }
  if (scale && intent) score = Math.max(score, 0.9);
  const evidence = [...found].sort((a, b) => b.score - a.score).map((f) => f.evidence);
  return { score, evidence };
}

/** A message a turn earlier still counts, a little weaker per turn back: the latest message weighs most. */
const DECAY_PER_TURN = 0.92;
/** At most this many quotes. */
const MAX_EVIDENCE = 3;

/**
 * `sales_opportunity` over the customer's messages (oldest first, the one being answered last): the strongest message,
 * decayed by how many turns back it was, with the words that made each message count, strongest first.
 */
export function detectSalesOpportunity(turns: CustomerTurns): SignalResult {
  let score = 0;
  const quotes: { score: number; text: string }[] = [];
  for (let i = turns.length - 1; i >= 0; i--) {
    const reading = readOnce(turns[i]!);
    if (reading === NOTHING) continue;
    // earlier messages were taken back
    if (reading.retracts) break;
    const verdict = messageVerdict(reading.found);
    const weighted = round(verdict.score * DECAY_PER_TURN ** (turns.length - 1 - i));
    score = Math.max(score, weighted);
    for (const text of verdict.evidence) quotes.push({ score: weighted, text });
  }
  if (score === 0) return NO_SIGNAL;
  return { score, evidence: strongestQuotes(quotes, MAX_EVIDENCE) };
}
