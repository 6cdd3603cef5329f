import { MessageMemo } from './message-memo.ts';
import { round, ruleReader, strongestQuotes, type Found, type Rule, type RuleReader, type Vocabulary } from './rule-reader.ts';
import { NO_SIGNAL, type CustomerTurns, type SignalResult } from './signal.ts';

/**
 * `high_priority`: something that cannot wait, in the customer's own words.
 * - safety (0.9–1): fire, smoke, sparks, a gas smell, an electric shock, an injury, an overheating or swelling battery,
 *   a child who swallowed something, a medical emergency, someone threatening to harm themselves or others, someone
 *   in danger;
 * - outage (0.75–0.9): "the site is down", "nothing works for anyone", "we can't take any payments in our store";
 *   a customer asking whether the site is down scores 0.5;
 * - stakes (0.7–0.85): time and harm that make a problem urgent: "my flight leaves in 2 hours", "I'm stuck abroad
 *   with no money", "the deadline is today", "or I'll lose my flat";
 * - urgency (0.4–0.5): "urgent", "ASAP", "this is an emergency" with nothing at stake; with stakes or an outage in the
 *   same message it adds 0.1.
 *
 * Words alone do not count where they usually mean something else ("fire tv stick", "killer app", "down payment",
 * "slow down", "hot deals"), nor inside a hypothetical or a question about the service ("what happens in an
 * emergency?", "how urgent is shipping?", "is there an outage page?"), nor when denied ("not urgent", "no rush",
 * "nobody was hurt"). Threats to harm oneself count however they are put.
 *
 * Over a conversation, the strongest message counts, older ones a little weaker per turn since; a later "it's back
 * up" or "never mind" takes back an outage, stakes or urgency (never a safety report).
 *
 * It runs on every message, so it is built for speed: one pass over a message lower-cases it, corrects misspelt key
 * words and finds the rules whose anchor words it holds; most messages hold none, and no pattern runs (rule-reader.ts).
 */


// ---------------------------------------------------------------------------------------------------------------
// Vocabulary. Patterns run on lower-case text whose apostrophes are all "'" and whose misspelt key words are corrected.

type Kind = 'safety' | 'outage' | 'stakes' | 'urgency' | 'resolved';

/** An optional word between a verb and what it says, never a denial: "is (literally) overheating", not "is not". */
const FILLER = "(?:(?!(?:not|never|no)\\b)[\\w']+\\s+)?";
/** What goes down in an outage. */
const SYSTEM =
  '(?:(?:web ?)?site|website|webpage|web page|page|app|application|service|services|server|servers|system|systems|platform|' +
  'network|internet|wi-?fi|broadband|portal|checkout|check-out|api|dashboard|login|log-?in|online banking|online (?:store|shop|ordering)|' +
  'payment (?:system|systems|gateway|terminals?|processing|processor|page)|card (?:machines?|readers?|terminals?)|terminals?|pos|tills?|registers?|' +
  'phone lines?|cloud|database|e-?mail|everything)';
/** Being down, said of a system. */
const DOWN =
  '(?:down(?!\\s+(?:to|by|from|the|a|payment|payments)\\b)|offline|off-line|unreachable|inaccessible|unavailable(?!\\s+(?:in|for|to) (?:my|your|this|the|our) (?:country|region|area|state|location|plan)))';
/** Being out, said of a supply. */
const SUPPLY = '(?:power|electricity|internet|wi-?fi|broadband|network|service|signal|phone service|cable|gas|water)';
/** Words that go between a subject and "down": "is", "has been", "just went", "is still completely". */
const SYSTEM_VERBS =
  '(?:(?:is|are|was|were|has|have|had|been|being|seems|seem|appears|appear|to be|went|goes|go|gone|keeps|keep|kept|going|just|still|again|completely|totally|entirely|fully|all|now|currently|literally|apparently|also|\'s|\'re)\\s+){1,4}';
/** Who can be harmed or threatened. */
const PEOPLE_WE_LOVE =
  '(?:wife|husband|partner|son|daughter|kid|kids|child|children|baby|family|mother|mom|mum|father|dad|friend|sister|brother|grandmother|grandfather|grandma|grandpa|girlfriend|boyfriend)';
/** Who or what a threat is aimed at. */
const TARGETS =
  "(?:you|u|him|her|them|someone|somebody|everyone|everybody|people|all of you|you all|y'?all|your (?:\\w+\\s+)?(?:staff|agents?|employees?|driver|drivers|courier|manager|ceo|office|offices|store|stores|shop|people|team|building|family|boss)|the (?:driver|courier|delivery (?:guy|man|person|driver)|agent|manager|staff|store|office|neighbou?r|guy|man|woman|person|technician))";
/** Parts of a body. */
const BODY =
  '(?:hand|hands|arm|arms|leg|legs|finger|fingers|thumb|head|foot|feet|eye|eyes|neck|face|knee|knees|ankle|wrist|shoulder|hip|skin|toe|toes|nose|tooth|teeth|rib|ribs|back|lip|mouth|chest)';
/** How many minutes or hours. */
const SOON =
  '(?:in|within)\\s+(?:(?:less than|under|about|around|just|only|literally|barely)\\s+)?(?:an?|one|two|three|four|five|six|half an?|a few|few|a couple(?: of)?|\\d+(?:\\.\\d+)?)\\s*(?:minutes?|mins?|hours?|hrs?|h)\\b';

/** Urgency called off: "no rush", "whenever you can". */
const NO_RUSH = /\b(?:no rush|no hurry|no urgency|not in a (?:rush|hurry)|whenever (?:you|it'?s)|at your (?:earliest )?convenience|take your time|not urgent|non-?urgent)\b/;

const RULES: Rule<Kind>[] = [
  // -------------------------------------------------------------------------------------------------------------
  // safety

  // "my charger caught fire", "the battery burst into flames", "the kitchen is on fire"
  {
    kind: 'safety', score: 1, check: 'event',
    anchors: 'fire flames flame ablaze',
    pattern: new RegExp(
      `\\b(?:caught|catch(?:es|ing)?|burst(?:ing)? into|went up in|going up in|goes up in|engulfed in|set ${FILLER}on) (?:fire|flames?)\\b|` +
        `\\b(?:is|was|are|were|'s|'re|now|been|got|went|literally|its|actually|currently) on fire\\b|\\bin flames\\b|\\bablaze\\b|` +
        `\\bflames? (?:came|coming|shot|shooting|are coming|were coming)\\b`,
    ),
    unless: /\b(?:deals?|sales?|prices?|offers?|discounts?|team|streak|game|playlist|mixtape|track|song|outfit|look|hair)\b[^.!?]{0,20}\bon fire\b/,
  },
  // "there's a fire in the kitchen", "fire broke out", "a battery fire" (not a fire TV, a fire sale or a fire alarm test)
  {
    kind: 'safety', score: 1, check: 'mention',
    anchors: 'fire',
    pattern: new RegExp(
      `\\bfire (?:broke out|started|is spreading|spread|in (?:my|our|the) (?:\\w+\\s+)?(?:house|home|flat|apartment|kitchen|building|room|car|garage|office|store|shop|warehouse))\\b|` +
        `\\b(?:there'?s|there is|there was|started|start|starting|a small|a big|a huge|house|kitchen|electrical|battery) fire\\b` +
        `(?!\\s+(?:tv|stick|tablet|hd|sale|sales|pit|place|places|works|wood|alarm|alarms|extinguisher|extinguishers|drill|safe|rated|rating|proof|resistant|exit|escape|door|brigade|department|station|fighter|fighters|insurance|hazard|hazards|risk|risks|code|codes))`,
    ),
    unless: /\b(?:fire (?:tv|stick|tablet|hd)|kindle fire|covered|insurance|insured|policy)\b/,
  },
  // "smoke is coming out of it", "it started smoking", "smells like burning plastic", "sparks flew", "the battery exploded", a gas leak
  {
    kind: 'safety', score: 0.95, check: 'event',
    anchors: 'smoke fumes smoking smoldering smouldering sparking smell smells smelled smelt smelling stink stinks stinking stench odour odor burning sparks spark exploded blew gas monoxide',
    pattern: new RegExp(
      '\\b(?:smoke|fumes)\\s+(?:(?:is|was|are|were|started|starting|keeps|kept|just|now|came|coming)\\s+)*(?:coming|came|pouring|poured|billowing|rising|rose|comes|filling|everywhere|out of|from)\\b|' +
        `\\b(?:started|starts|starting|began|begun|is|was|are|were|been|it's|keeps?|kept|now)\\s+${FILLER}(?:smoking|smoldering|smouldering|sparking)\\b(?!\\s+(?:a|an|my|his|her|cigarettes?|weed|pot|cigars?|again|pipe|vape|since)\\b)|` +
        '\\b(?:smell(?:s|ed|ing)?|smelt|stinks?|stinking|stench|odou?r)\\s+(?:[\\w\']+\\s+){0,2}?(?:of|like)\\s+(?:[\\w\']+\\s+)?(?:smoke|burning|burnt|burned|gas|fumes|melting|melted)\\b|' +
        '\\bburning (?:smell|odou?r|plastic|rubber)\\b|\\b(?:smell|smelled|smelt|smelling) (?:smoke|burning|gas)\\b|' +
        '\\bsparks?\\s+(?:(?:are|were|is|was|started|keep|kept|just)\\s+)?(?:came|coming|flew|flying|shot|shooting|everywhere|out|from)\\b|' +
        '\\b(?:battery|batteries|phone|device|charger|laptop|it|tablet|scooter|bike|e-?bike|heater|oven|microwave|appliance|unit|power ?bank|console|vape|boiler|tank|cooker|stove|kettle|toaster|dryer|washer|tv|screen|cylinder)\\s+(?:(?:just|literally|has|had|then|suddenly|actually)\\s+)*(?:exploded|blew up)\\b(?!\\s+with)|' +
        '\\bgas leak\\w*|\\bleak(?:ing|s)? gas\\b|\\bcarbon monoxide\\b',
    ),
  },
  // "it's overheating", "the battery is swelling", "too hot to touch"
  {
    kind: 'safety', score: 0.9, check: 'event',
    anchors: 'overheating overheated overheat overheats over hot swollen swelling bulging melting melted puffed puffing expanding leaking',
    pattern: new RegExp(
      `\\b(?:is|was|are|were|keeps?|kept|started|starts|been|'s|'re|getting|gets|got|went|goes|keeps on|always)\\s+${FILLER}(?:overheat\\w*|over-heat\\w*|too hot to (?:touch|hold)|(?:very |really |extremely |super |dangerously )?hot to the touch|melting|melted)\\b|` +
        '\\boverheated\\b|\\bbatter(?:y|ies)\\s+(?:(?:is|are|was|were|has|have|got|gotten|been|started|keeps|now|all)\\s+)*(?:swollen|swelling|bulging|puffed(?: up)?|puffing up|expanding|melting|melted|leaking|overheat(?:s|ing|ed))\\b',
    ),
  },
  // "I got an electric shock from the charger", "the cable shocked me", "electrocuted"
  {
    kind: 'safety', score: 1, check: 'mention',
    anchors: 'electric electrical electrocuted electrocution electrocute shock shocks shocked zapped',
    pattern: new RegExp(
      '\\belectric(?:al)? shocks?\\b|\\belectrocut\\w*|' +
        '\\b(?:got|get|getting|gave|gives|giving|received|had)\\s+(?:me\\s+|him\\s+|her\\s+|us\\s+|my \\w+\\s+)?(?:an?\\s+)?(?:(?:electric|electrical|nasty|bad|big|small|little|serious)\\s+)*shocks?\\s+(?:from|off|when|while)\\b|' +
        '\\b(?:it|charger|cable|plug|socket|outlet|device|machine|appliance|unit|wire|wiring|kettle|toaster|heater|washer|dryer|oven|lamp|switch|port|case|phone|laptop)\\s+(?:just\\s+|has\\s+|literally\\s+)?(?:shocked|zapped)\\s+(?:me|him|her|us|my)\\b(?!\\s+(?:that|how|to|when i saw))',
    ),
    unless: /\b(?:risk|danger|protect\w*|prevent\w*|warning)s? (?:of|from|against) (?:an? )?electric/,
  },
  // "I got hurt", "my son was injured", "burned my hand", "he's bleeding"
  {
    kind: 'safety', score: 0.95, check: 'event',
    anchors: 'injured injury injuries wounded concussion bleeding hurt burned burnt scalded cut broke broken sliced crushed',
    pattern: new RegExp(
      '\\b(?:injured|injury|injuries|wounded|concussion|bleeding)\\b(?!\\s+(?:lawyer|lawyers|claim|claims|attorney|attorneys|insurance|compensation|money|me dry|us dry|cash))|' +
        `\\b(?:got|gets|get|getting)\\s+(?:(?:badly|seriously|severely|really)\\s+)?(?:hurt|injured|scalded)\\b|\\b(?:badly|seriously|severely)\\s+(?:hurt|burned|burnt|scalded)\\b|` +
        `\\b(?:was|were|been|is|are|'s|'re)\\s+(?:(?:badly|seriously|severely|really)\\s+)?(?:hurt|scalded)\\s+(?:in|during|while|by (?:the|a|an|its|falling|flying) (?!(?:\\w+\\s+)?(?:response|reply|answer|attitude|comment|words|treatment|email|message|policy|agent|staff)))|` +
        `\\b(?:got|was|were|been|gets)\\s+burn(?:ed|t)\\s+(?:by|on|from|with)\\s+(?:the|a|an|my|his|her|its|this|that|some)\\s+(?:\\w+\\s+)?(?:iron|stove|oven|kettle|heater|charger|battery|device|product|hob|pan|water|steam|radiator|toaster|fryer|straightener|curler|cable|plug|socket|phone|laptop|machine|appliance|unit|liquid|oil|coffee|tea)\\b|` +
        `\\b(?:hurt|cut|burn(?:ed|t)|injured) (?:myself|himself|herself|themselves|ourselves|my ?self)\\b|\\bhurt (?:my|his|her|their|our)\\s+(?:\\w+\\s+)?${BODY}\\b|` +
        `\\b(?:burn(?:ed|t)|scalded|cut|broke|broken|sliced|crushed)\\s+(?:my|his|her|their|our)\\s+(?:\\w+\\s+)?${BODY}\\b`,
    ),
    unless: /\b(?:feelings?|pride|ego|reputation|credit (?:score|rating))\b/,
  },
  // "my child swallowed a battery", "the dog ate one of the magnets", "he's choking"
  {
    kind: 'safety', score: 1, check: 'event',
    anchors: 'swallowed swallow swallowing ingested ate eaten chewed choking choked',
    pattern: new RegExp(
      `\\b(?:child|kid|son|daughter|baby|toddler|infant|boy|girl|grandson|granddaughter|grandchild|dog|cat|puppy|kitten|pet|he|she|kids|children)\\s+(?:(?:has|have|had|just|may|might|must|accidentally|possibly|probably|think|may've|might've|'s|'ve)\\s+)*(?:swallowed|ingested|choked|is choking|was choking)\\b(?!\\s+(?:his|her|their) (?:pride|words|anger|tears))(?:\\s+(?:on\\s+)?(?:a|an|the|some|one of (?:the|my|our|his|her)|part of|a piece of|my|his|her)\\s+(?:[\\w-]+\\s+)?[\\w-]+)?|` +
        `\\b(?:swallowed|ingested|ate|eaten|chewed(?: on)?)\\s+(?:a|an|the|one of (?:the|my|our|his|her)|some|part of|a piece of|my|his|her)\\s+(?:\\w+\\s+)?(?:batter(?:y|ies)|magnets?|pills?|tablets?|button|coin|cells?|pods?|detergent|parts?|pieces?|screws?|medicine|meds|bleach|cleaner|beads?|toy|capsules?)\\b|` +
        '\\b(?:is|was|started|keeps|kept|\'s)\\s+choking\\b(?!\\s+(?:hazard|on (?:my|the) card))',
    ),
  },
  // medical emergencies: "heart attack", "can't breathe", "allergic reaction", "we're in the hospital", "call an ambulance"
  {
    kind: 'safety', score: 0.95, check: 'event',
    anchors: 'medical heart breathe breathing allergic anaphylactic anaphylaxis overdose overdosed overdosing unconscious seizure seizures poisoned poisoning stroke fainted collapsed passed ambulance hospital hospitalised hospitalized er icu intensive emergency e',
    pattern: new RegExp(
      "\\bmedical emergenc(?:y|ies)\\b|\\bheart attack\\b|\\b(?:can'?t|cannot|couldn'?t|can not|unable to|struggling to|trouble|difficulty|hard to)\\s+(?:\\w+\\s+)?breath(?:e|ing)\\b|" +
        '\\ballergic reaction\\b|\\banaphyla\\w*|\\boverdos(?:e|ed|ing)\\b|\\bunconscious\\b|\\bseizures?\\b|\\bpoison(?:ed|ing)\\b|\\b(?:had|having|has) a stroke\\b|' +
        `\\b(?:i|he|she|they|we|my \\w+)\\s+(?:just\\s+|has\\s+|have\\s+)?(?:fainted|collapsed|passed out)\\b|` +
        '\\b(?:call(?:ed|ing)?|need(?:ed|s)?|waiting for|get|send|sent)\\s+(?:an?\\s+|the\\s+)?ambulance\\b|\\bin (?:an?|the) ambulance\\b|' +
        "\\b(?:i'?m|i am|i was|we are|we'?re|he'?s|she'?s|is|are|was|were|been|ended up|rushed|taken|admitted|currently|still|lying|stuck)\\s+(?:\\w+\\s+)?(?:in|to|into|at)\\s+(?:the\\s+|a\\s+)?(?:hospital|emergency room|er|a&e|icu|intensive care)\\b(?!\\s+(?:for (?:a|my|an) (?:check|appointment|scan|test)|tomorrow|next))|\\bhospitali[sz]ed\\b",
    ),
  },
  // someone threatening to harm themselves: counts however it is put
  {
    kind: 'safety', score: 1, check: 'always',
    anchors: 'myself self kill killing end ending suicide suicidal suicides die living live life harm selfharm dead alive',
    pattern: new RegExp(
      '\\b(?:kill(?:ing)?|hurt(?:ing)?|harm(?:ing)?|end(?:ing)?|cut(?:ting)?|shoot(?:ing)?)\\s+(?:my ?self|myself)\\b|\\bend(?:ing)? (?:it all|my (?:own )?life)\\b|\\bsuicid\\w*|' +
        "\\b(?:want|wanna|going|ready|about)\\s+(?:to\\s+)?die\\b|\\bnot worth living\\b|\\bself[- ]?harm\\w*|\\bno reason to live\\b|\\btake my (?:own )?life\\b|\\bbetter off dead\\b|" +
        "\\bdon'?t want to (?:live|be alive) any ?more\\b",
    ),
  },
  // threats to others: "I'm going to kill you", "I'll hurt the driver"
  {
    kind: 'safety', score: 1, check: 'event',
    anchors: 'kill shoot stab murder hurt harm attack beat strangle punch assault blow bomb hunt',
    pattern: new RegExp(
      "\\b(?:i'?ll|i will|i'?m going to|i am going to|i'?m gonna|i am gonna|gonna|going to|want to|wanna|i'?d like to|i could|threaten(?:ed|ing|s)? to|i swear i'?ll)\\s+(?:\\w+\\s+)?" +
        `(?:kill|shoot|stab|murder|hurt|harm|attack|beat up|strangle|punch|assault|blow up|bomb|hunt down)\\s+${TARGETS}\\b(?!\\s+(?:an?\\s+)?(?:quick\\s+|short\\s+)?(?:e-?mail|message|text|line|note|dm|pm|invite|link|reply|call|question)s?\\b)`,
    ),
  },
  // someone in danger: "he threatened me", "my life is in danger", "I don't feel safe", "life or death"
  {
    kind: 'safety', score: 0.95, check: 'event',
    anchors: 'threatened threatening threatens threaten attacked assaulted abused beaten stalking stalked stalker grabbed danger safe unsafe violence domestic abusive life kill hurt harm attack beat shoot stab',
    pattern: new RegExp(
      `\\b(?:threaten(?:ed|ing|s)?|attacked|assaulted|stalk(?:ed|ing)|grabbed)\\s+(?:me|us|my (?:\\w+\\s+)?${PEOPLE_WE_LOVE})\\b|` +
        "\\b(?:being|been|was|were|am|is|are|i'?m)\\s+(?:stalked|threatened|attacked|assaulted|abused|beaten)\\b(?!\\s+by (?:your|the|this|these|those) (?:\\w+\\s+)?(?:service|company|agents?|staff|bank|fees?|charges?|system|app|support|policy|prices?|emails?|texts?|calls?|ads?|marketing))|\\bstalker\\b|" +
        "\\b(?:he|she|they|someone|somebody|the (?:driver|courier|technician|guy|man)|your (?:driver|courier|technician|agent))\\s+(?:(?:said|says|told me|threatened|threatens)\\s+(?:that\\s+)?(?:he|she|they)?\\s*(?:'d|would|will|'ll|is going to|was going to|to)|will|'ll|is going to|wants to)\\s+(?:kill|hurt|harm|attack|beat up|shoot|stab)\\s+(?:me|us|my \\w+)\\b|" +
        '\\b(?:domestic (?:violence|abuse)|abusive (?:partner|husband|wife|ex|boyfriend|girlfriend|relationship))\\b|' +
        '\\b(?:in|into)\\s+(?:immediate\\s+|serious\\s+|grave\\s+|real\\s+|mortal\\s+|great\\s+)?danger\\b(?!\\s+of\\b)|' +
        "\\b(?:don'?t|do not|didn'?t|no longer)\\s+feel\\s+safe\\b|\\bfeel(?:s|ing)?\\s+(?:very\\s+|really\\s+|so\\s+|quite\\s+)?unsafe\\b|\\b(?:i'?m|i am|we'?re|we are|she'?s|he'?s|they'?re)\\s+not safe\\b|" +
        '\\blife[- ]threatening\\b|\\b(?:matter of )?life (?:or|and) death\\b',
    ),
    unless: /\b(?:account|card|money|data|details|funds|information|info|order|package|parcel|subscription|files?|privacy|credit|score|savings|business|deal|reputation|password|identity)s?\b[^.!?]{0,30}\bin (?:\w+ )?danger\b/,
  },

  // -------------------------------------------------------------------------------------------------------------
  // outage

  // "the site is down", "your service is down across the city", "the power is out", "website down!"
  {
    kind: 'outage', score: 0.8, check: 'event',
    anchors: 'down offline off unreachable unavailable inaccessible out + site web website webpage page app application service services server servers system systems platform network internet wi wifi broadband portal checkout check api dashboard login log online payment terminal terminals card machine machines reader readers pos till tills register registers phone lines line cloud database email mail everything power electricity signal cable gas water',
    pattern: new RegExp(
      `\\b${SYSTEM}(?:\\s+|(?='))${SYSTEM_VERBS}${DOWN}\\b|\\b${SYSTEM}\\s+${DOWN}(?=\\s*(?:[.!?,;]|$|again|for|since|across|everywhere|all|right now|today|now|in\\b))|` +
        `\\b${SUPPLY}(?:\\s+|(?='))${SYSTEM_VERBS}out\\b(?!\\s+of\\b)`,
    ),
    // "is the site down?", "is there a problem with your system being down?": asked, not told (below)
    notAfter: /\b(?:is|are|was|were|if|whether|when)\s+(?:the\s+|your\s+|ur\s+|my\s+|our\s+)?(?:\w+\s+)?$|^\s*(?:(?:hi|hello|hey|so|and|also)\W+)*(?:is|are)\b[^,;:]*$/,
  },
  // "nothing works for anyone", "no one can log in", "all our stores are offline", "everyone in the area is without power"
  {
    kind: 'outage', score: 0.85, check: 'event',
    anchors: 'nothing none nobody noone one everyone everybody all whole anyone anybody + works work working loads load loading goes going through connects connect connecting log login sign access pay check checkout use get place order orders make process open down offline without having locked broken failing unavailable',
    pattern: new RegExp(
      "\\b(?:nothing|none of (?:it|them|the \\w+|our \\w+))\\s+(?:(?:is|are|seems to be|seem to be|has been|will|was)\\s+)?(?:works?|working|loads?|loading|goes through|going through|connects?|connecting)\\s+(?:for\\s+|at all for\\s+)?(?:anyone|anybody|everyone|everybody|any of us|all of us|us|our (?:customers|users|staff|team)|any(?:one)? (?:here|else))\\b|" +
        "\\bnone of (?:our|the) (?:\\w+\\s+)?(?:card machines|machines|terminals|registers|tills|devices|computers|stores|shops|locations|branches|sites|systems|servers|phones|lines)\\s+(?:(?:is|are|seem to be|seems to be|have been|has been)\\s+)?(?:working|work|loading|connecting|online|up)\\b|" +
        "\\b(?:no ?one|nobody|none of (?:us|our (?:\\w+\\s+)?(?:customers|users|staff|employees|team|clients|stores|shops|locations|branches|terminals|registers|tills)))\\s+(?:(?:here|else|in (?:\\w+\\s+){1,2}|at (?:\\w+\\s+){1,2})\\s*)?(?:can|could|is able to|are able to|was able to|were able to|has been able to)\\s+(?:\\w+\\s+)?(?:log ?in|login|sign ?in|access|connect|pay|check ?out|use|get (?:in|on|online|through|a signal)|place (?:an? )?orders?|order|make (?:payments?|calls?|orders?|transactions?)|process|work|load|open)\\b(?!\\s+(?:my|me|mine|it)\\b)|" +
        "\\ball (?:of )?(?:our|my|the) (?:\\w+\\s+)?(?:customers|users|staff|employees|team|clients|stores|shops|locations|branches|terminals|registers|tills|machines|devices)\\s+(?:(?:are|have been|were|is|went|keep)\\s+)?(?:(?:can'?t|cannot|unable to|not able to|can not)\\s+(?:\\w+\\s+)?(?:log ?in|login|sign ?in|access|connect|pay|check ?out|use|order|process|work|load)|down|offline|not working|without (?:service|internet|power|signal|access))\\b|" +
        "\\b(?:everyone|everybody|all of us|the whole (?:\\w+\\s+)?(?:city|town|area|street|building|office|neighbou?rhood|team|company|region))\\s+(?:(?:here|in (?:\\w+\\s+){1,3}|at (?:\\w+\\s+){1,2}|on (?:\\w+\\s+){1,2})\\s*)?(?:is|are|has|have|was|were)\\s+(?:(?:been|now|all|also|still)\\s+)?(?:without (?:service|internet|power|signal|access|electricity|wi-?fi|connection)|down|offline|having (?:the same )?(?:issue|problem)s?|locked out|(?:unable|not able) to (?:\\w+\\s+)?(?:log ?in|login|access|connect|pay|use))\\b|" +
        "\\b(?:(?:doesn'?t|does not|isn'?t|is not|not|won'?t) (?:work|working|load|loading)|broken|down|failing|offline|unavailable) for (?:anyone|anybody|everyone|everybody|all of us|all (?:(?:our|my|the|of our|of the)\\s+)?(?:customers|users|clients|staff|employees|stores))\\b",
    ),
  },
  // "we can't process any payments in our store", "our terminals can't take cards"
  {
    kind: 'outage', score: 0.8, check: 'event',
    anchors: 'process take accept run complete + payments payment transactions transaction orders order sales cards card',
    pattern: /\b(?:can'?t|cannot|can not|unable to|not able to|couldn'?t|could not)\s+(?:\w+\s+)?(?:process|take|accept|run|complete)\s+(?:any\s+|a single\s+|our\s+|customers'?\s+)?(?:\w+\s+)?(?:payments?|transactions?|orders?|sales|cards?)\b/,
    needs: /\b(?:our|my) (?:\w+\s+)?(?:store|stores|shop|shops|restaurant|restaurants|business|company|till|tills|register|registers|terminal|terminals|pos|location|locations|branch|branches|cafe|bar|salon|clinic|outlet|checkout|website|site)\b|\b(?:customers|clients)\b/,
  },
  // "there's an outage in our area", "a power cut", "service disruption" (not an outage page, blackout dates or planned maintenance)
  {
    kind: 'outage', score: 0.75, check: 'mention',
    anchors: 'outage outages blackout blackouts power disruption disruptions interruption interruptions downtime failure failures',
    pattern: /\b(?:outages?|blackouts?|power cuts?|(?:service|network|system) (?:disruptions?|interruptions?|failures?)|disruptions?|downtime)\b/,
    unless: /\b(?:outage|outages|status|downtime|disruption) (?:page|map|tracker|site|history|polic\w*|compensation|credits?|notifications?|alerts?|reports?|sla|guarantee)\b|\bblackout (?:dates?|period|days?)\b|\b(?:scheduled|planned) (?:maintenance|outage|downtime)\b/,
    notAfter: /\b(?:is|are) there (?:an?|any) (?:\w+\s+)?$|\bany\s+$/,
  },
  // "is the site down?", "is there an outage?", "is it down for everyone?": a suspected outage
  {
    kind: 'outage', score: 0.5, check: 'event',
    anchors: 'down offline outage outages',
    pattern: new RegExp(
      `\\b(?:is|are)\\s+(?:[\\w']+\\s+){0,6}?${SYSTEM}\\s+(?:(?:being|currently|still|all|just|completely|also|again)\\s+)?(?:down|offline|having (?:an? )?outage)\\b|` +
        '\\b(?:is|are) there (?:an?|any) (?:\\w+\\s+)?outages?\\b(?!\\s+(?:page|map|tracker|history|polic\\w*|compensation))|\\b(?:down|offline) for (?:everyone|everybody|anyone else|others)\\b',
    ),
  },
  // "I have no power", "we've been without heating for two days"
  {
    kind: 'outage', score: 0.75, check: 'event',
    anchors: 'heat heating water electricity power gas supply',
    pattern: /\b(?:i|we|i'?ve|we'?ve|i have|we have|i'?m|we'?re|i am|we are|been|left|home|house|flat)\s+(?:(?:been|got|had|have|has|still|now|completely|totally|currently)\s+)*(?:no|without) (?:heat|heating|hot water|running water|water|electricity|power)\b|\b(?:power|electricity|gas|water|heating|supply)\s+(?:(?:has|have|had|been|was|were|is|got|just)\s+)+(?:cut off|disconnected|shut off|switched off)\b/,
  },

  // -------------------------------------------------------------------------------------------------------------
  // stakes

  // "my flight leaves in 2 hours", "boarding closes in 40 mins", "my train is at 6pm", "I'm about to miss my flight"
  {
    kind: 'stakes', score: 0.8, check: 'event',
    anchors: 'flight flights plane train bus ferry cruise ship connection check checkin boarding departure taxi uber miss missed missing + minutes minute mins min hours hour hrs h today tonight morning afternoon evening now soon am pm #number miss missed missing',
    pattern: new RegExp(
      `\\b(?:flight|plane|train|bus|ferry|cruise|ship|connection|check-?in|boarding|departure|taxi|uber)\\s+(?:(?!(?:not|never|no)\\b)[\\w']+\\s+){0,3}?${SOON}|` +
        "\\b(?:flight|plane|train|ferry|boarding|check-?in|departure)\\s+(?:[\\w']+\\s+){0,2}?(?:is|leaves|departs|boards|takes off|closes|goes|'s)\\s+(?:(?:at|in)\\s+)?(?:today|tonight|this (?:morning|afternoon|evening)|right now|now|soon|\\d{1,2}(?::\\d\\d)?\\s*(?:am|pm)(?: today| tonight)?)\\b|" +
        "\\b(?:about to|going to|gonna|will|might|could|i'?ll)\\s+(?:\\w+\\s+)?miss (?:my|our|the) (?:flight|train|connection|bus|ferry|boat|cruise|plane)\\b|\\b(?:missed|missing) (?:my|our) (?:flight|connection|train)\\b",
    ),
    unless: /\b(?:usually|normally|typically|generally|policy)\b/,
  },
  // "I'm stuck abroad with no money", "stranded", "I can't pay for my hotel"
  {
    kind: 'stakes', score: 0.8, check: 'event',
    anchors: 'stranded stuck money cash funds access way means afford home food hotel rent taxi medicine medication petrol gas groceries feed + stranded stuck no can\'t cant cannot',
    pattern: new RegExp(
      "\\b(?:stranded|stuck (?:abroad|overseas|in (?:a |an |another |the )?(?:\\w+\\s+)?(?:country|city|airport)|at (?:the |an )?(?:airport|station|border|hotel)|(?:with|without) (?:no )?(?:money|cash|funds|a way|any way)))\\b|" +
        "\\b(?:have|with|got|left with|i have|i've got)\\s+no (?:money|cash|funds|way to pay|means to pay|access to (?:my )?(?:money|funds|cash|account))(?:\\s+(?:at all|left|whatsoever))?\\s+(?:(?:and|while|in|here|to|for)\\s+)?(?:i'?m\\s+)?(?:abroad|overseas|on (?:holiday|vacation)|travell?ing|to (?:eat|get home|pay for)|for (?:food|the hotel|rent|a taxi|my hotel|petrol|gas))\\b|" +
        "\\bcan'?t (?:afford to )?(?:get home|pay for (?:food|my hotel|the hotel|my rent|rent|a taxi|medicine|my medication|petrol|gas)|buy (?:food|groceries)|feed (?:my|our) (?:kids|children|family))\\b",
    ),
  },
  // "I'm abroad and my card is blocked": stranded in all but name
  {
    kind: 'stakes', score: 0.7, check: 'event',
    anchors: 'abroad overseas foreign',
    pattern: /\b(?:i'?m|i am|we'?re|we are|while|currently|been|travell?ing|living|stuck|on (?:holiday|vacation))\s+(?:\w+\s+)?(?:abroad|overseas|in a foreign country)\b/,
    needs: /\b(?:blocked|declined|frozen|stolen|lost|locked|(?:doesn'?t|does not|won'?t|isn'?t|not) work(?:ing)?|no (?:money|cash)|can'?t (?:pay|access|withdraw|use|get))\b/,
  },
  // "the deadline is today", "rent is due today", "by end of day", "a tight deadline"
  {
    kind: 'stakes', score: 0.7, check: 'event',
    anchors: 'deadline deadlines due expire expires expiring close closes closing ends end eod tonight noon midnight last wedding funeral interview surgery operation exam appointment hearing court presentation event move moving + today tonight tomorrow morning afternoon evening minutes minute mins min hours hour hrs h eod noon midnight day #number tight hard urgent strict looming critical',
    pattern: new RegExp(
      `\\bdeadlines?\\s+(?:is\\s+|was\\s+|of\\s+|for\\s+\\w+\\s+(?:is\\s+)?)?(?:today|tonight|tomorrow(?: morning)?|${SOON}|this (?:morning|afternoon|evening)|at (?:noon|midnight|\\d))|` +
        `\\b(?:tight|hard|urgent|strict|looming|critical)\\s+deadline\\b|\\bdeadline today\\b|` +
        `\\b(?:is |are )?(?:due|expires?|expiring|closes?|closing|ends?)\\s+(?:today|tonight|${SOON})|` +
        '\\bby (?:(?:the )?end of (?:the )?(?:day|today)|eod|tonight|noon|midnight|this (?:afternoon|evening))\\b|\\b(?:today|tonight) is the (?:last|final) day\\b|\\blast day (?:is |was )?today\\b|' +
        `\\b(?:wedding|funeral|interview|surgery|operation|exam|appointment|hearing|court date|presentation|event|closing|move|moving day)\\s+(?:[\\w']+\\s+){0,2}?(?:(?:is|was|'s|starts|begins)\\s+(?:today|tonight|tomorrow(?: morning)?|${SOON})|${SOON})`,
    ),
    notAfter: /\b(?:when|wen|what time|wat time|wot time|what hour|how long|until when|do you|do u|are you|r u)\b[^,;:]*$/,
    unless: /\b(?:sale|offer|promo\w*|discount|deal|coupon|code|voucher|trial)s?\b/,
  },
  // consequences: "or I'll lose my booking", "I'm going to be evicted", "we're losing sales every minute"
  {
    kind: 'stakes', score: 0.8, check: 'event',
    anchors: 'lose losing lost evicted eviction homeless kicked rent mortgage fined cut miss default danger',
    pattern: new RegExp(
      "\\b(?:or|otherwise|or else|else)\\s+(?:i|we)(?:'ll|'d| will| would| am going to|'m going to| are going to|'re going to| might| could| may| am gonna|'m gonna)?\\s+(?:\\w+\\s+)?(?:lose|be evicted|get evicted|miss|be fined|get fined|be kicked out|be homeless|be cut off|get cut off|default)\\b|" +
        "\\b(?:will|going to|gonna|about to|could|might|may|risk|i'?ll|we'?ll)\\s+(?:\\w+\\s+)?(?:lose|losing) (?:my|our) (?:job|home|house|flat|apartment|business|livelihood|contract|tenancy|visa|place)\\b|" +
        "\\b(?:be(?:ing)? evicted|eviction|evicted|homeless|kicked out of (?:my|our) (?:home|house|flat|apartment))\\b|\\bcan'?t (?:pay|make) (?:my|the|our) (?:rent|mortgage)\\b|" +
        '\\b(?:losing|lose|lost) (?:thousands|hundreds|money|sales|customers|business|revenue|orders|clients)\\s+(?:\\w+\\s+)?(?:every|each|by the|per|an?)\\s+(?:minute|hour|day)\\b|' +
        '\\bin danger of (?:losing|missing|being|getting)\\b|' +
        "\\b(?:we'?re|we are|i'?m|i am|we have been|we've been|been|already|currently)\\s+losing (?:sales|orders|customers|clients|revenue|business|bookings)\\b",
    ),
  },
  // running out of medicine: "I need my insulin and the parcel is lost"
  {
    kind: 'stakes', score: 0.85, check: 'mention',
    anchors: 'insulin medication medications medicine medicines meds prescription prescriptions inhaler inhalers epipen epi pen oxygen dialysis chemo chemotherapy',
    pattern: /\b(?:need|needs|needed|without|ran out of|run out of|running out of|out of|no|missing|haven'?t (?:got|received))\s+(?:(?:my|his|her|their|the|our)\s+)?(?:insulin|medications?|medicines?|meds|prescriptions?|inhalers?|epi-?pens?|oxygen|dialysis|chemo\w*)\b/,
  },

  // -------------------------------------------------------------------------------------------------------------
  // urgency

  // "urgent", "ASAP", "time-sensitive", "top priority" (not "as soon as possible": customers ask for everything that way)
  {
    kind: 'urgency', score: 0.4, check: 'mention',
    anchors: 'urgent urgently urgency asap sensitive critical priority p',
    pattern: /\b(?:urgent(?:ly)?|urgency|asap|a\.s\.a\.p\b\.?|time[- ](?:sensitive|critical)|(?:top|high|highest) priority|(?:this|it) is critical|it'?s critical)\b/,
    unless: NO_RUSH,
    notAfter: /\bhow (?:\w+\s+)?$/,
  },
  // "this is an emergency", "I have an emergency" (not an emergency contact, fund or exit)
  {
    kind: 'urgency', score: 0.5, check: 'mention',
    anchors: 'emergency emergencies',
    pattern: /\bemergenc(?:y|ies)\b/,
    unless: NO_RUSH,
    notAfter: /\bfor\s+$/,
    notBefore: /^\s*(?:contacts?|funds?|savings|exits?|brakes?|kits?|procedures?|protocols?|plans?|lights?|alerts?|information|info|preparedness|room|rooms|services? number|numbers?|only)\b/,
  },

  // -------------------------------------------------------------------------------------------------------------
  // taken back later: "it's back up", "never mind", "false alarm"

  {
    kind: 'resolved', score: 0.01, check: 'event',
    anchors: 'again now nevermind never mind false longer anymore more good sorted fixed resolved solved + back up online working works on normal nevermind never mind alarm longer urgent anymore good sorted fixed resolved solved',
    pattern: /\b(?:(?:it'?s|it is|its|(?:the |your )?(?:site|app|service|system|website|internet|power) (?:is|'s)|everything(?:'s| is)|all|we'?re)\s+(?:all\s+)?(?:back\s+)?(?:up|online|working|on)\s+(?:again|now)|back (?:up|online|to normal) (?:again|now)|(?:works|working) (?:again|fine now|now)|never ?mind|false alarm|no longer (?:urgent|needed|an issue|a problem)|not urgent any ?more|all good now|(?:sorted|fixed|resolved|solved) (?:now|itself|it)|problem solved)\b/,
  },
];

const VOCABULARY: Vocabulary = {
  typos: [
    'urgent', 'urgently', 'urgency', 'emergency', 'emergencies', 'outage', 'outages', 'deadline', 'deadlines', 'stranded',
    'overheating', 'overheated', 'electrocuted', 'ambulance', 'hospital', 'hospitals', 'injured', 'injury', 'injuries',
    'suicide', 'suicidal', 'offline', 'unavailable', 'threatened', 'threatening',
  ],
  keep: [
    'outrage', 'headline', 'headlines', 'insured', 'injure', 'injures', 'injurer', 'overeating', 'emergence', 'emergences',
    'emergent', 'threatens', 'threaten', 'urgence',
  ],
  common: { emergancy: 'emergency', emergancies: 'emergencies', emergeny: 'emergency', emergengy: 'emergency', urgnet: 'urgent', urgant: 'urgent', urget: 'urgent', outtage: 'outage' },
};

const read = ruleReader(RULES, VOCABULARY);

/** For tests: what each rule finds in one message; `everyRule` skips the anchor pre-check. */
export const readHighPriority: RuleReader<Kind> = (message, everyRule) => read(message, everyRule);

// ---------------------------------------------------------------------------------------------------------------
// Scoring.

/** Reach: an outage that touches many people scores higher. */
const WIDE =
  /\b(?:for (?:everyone|everybody|anyone|anybody|all (?:of )?(?:us|our \w+|users|customers))|across (?:the|our|all|my|\w+) \w+|(?:whole|entire) (?:city|town|area|region|country|neighbou?rhood|street|building|office|company|team|network|\w+ area)|nation-?wide|country-?wide|city-?wide|all (?:our|my|of our) (?:stores|shops|locations|sites|branches|customers|users|staff|terminals|registers)|every (?:store|location|branch|site|customer|user))\b/;

interface MessageReading {
  found: Found<Kind>[];
  /** The message says an earlier outage, stakes or urgency are over. */
  resolves: boolean;
  /** Whether the message mentions an outage that touches many. */
  wide: boolean;
}

const readings = new MessageMemo<MessageReading>();
const NOTHING: MessageReading = { found: [], resolves: false, wide: false };

function readOnce(message: string): MessageReading {
  return readings.get(message, readUncached);
}

function readUncached(message: string): MessageReading {
  const all = read(message);
  if (all.length === 0) return NOTHING;
  // "it was down this morning but it's back up now": an outage told before it is over does not count
  const over = all.find((f) => f.kind === 'resolved')?.at ?? -1;
  const found = all.filter((f) => f.kind !== 'resolved' && !(f.kind === 'outage' && f.at < over));
  // …and earlier messages are over too, unless this one tells of an outage after it
  const resolves = over >= 0 && !found.some((f) => f.kind === 'outage');
  return { found, resolves, wide: found.some((f) => f.kind === 'outage') && WIDE.test(message.toLowerCase()) };
}

/** One message's verdict: its strongest finding, urgency adding to stakes or an outage, reach adding to an outage. */
function messageVerdict({ found, wide }: MessageReading, resolved: boolean): SignalResult {
  let score = 0;
  let urgency = 0;
  let pressing = 0;
  const kept: Found<Kind>[] = [];
  for (const one of found) {
    // safety is never taken back
    if (resolved && one.kind !== 'safety') continue;
    let value = one.score;
    if (one.kind === 'outage' && wide && value >= 0.75) value = Math.min(0.9, value + 0.05);
    if (one.kind === 'urgency') urgency = Math.max(urgency, value);
    else if (one.kind === 'outage' || one.kind === 'stakes') pressing = Math.max(pressing, value);
    score = Math.max(score, value);
    kept.push({ ...one, score: value });
  }
  if (kept.length === 0) return NO_SIGNAL;
  if (urgency > 0 && pressing > 0) score = Math.max(score, Math.min(0.9, pressing + 0.1));
  kept.sort((a, b) => b.score - a.score);
  return { score, evidence: kept.map((f) => f.evidence) };
}

/** A message a turn earlier still counts, a little weaker per turn back: the latest message weighs most. */
const DECAY_PER_TURN = 0.9;
/** At most this many quotes. */
const MAX_EVIDENCE = 3;

/**
 * `high_priority` over the customer's messages (oldest first, the one being answered last): the strongest message,
 * decayed by how many turns back it was, with the words that made each message count, strongest first.
 */
export function detectHighPriority(turns: CustomerTurns): SignalResult {
  let score = 0;
  const quotes: { score: number; text: string }[] = [];
  // a later message said the outage or the rush is over
  let resolved = false;
  for (let i = turns.length - 1; i >= 0; i--) {
    const reading = readOnce(turns[i]!);
    if (reading === NOTHING) continue;
    const verdict = messageVerdict(reading, resolved);
    if (reading.resolves) resolved = true;
    if (verdict.score === 0) continue;
    const weighted = round(verdict.score * DECAY_PER_TURN ** (turns.length - 1 - i));
    score = Math.max(score, weighted);
    for (const text of verdict.evidence) quotes.push({ score: weighted, text });
  }
  if (score === 0) return NO_SIGNAL;
  return { score, evidence: strongestQuotes(quotes, MAX_EVIDENCE) };
}

