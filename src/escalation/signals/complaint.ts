import {
  DURATION,
  type Cue,
  type MessageReading,
  type MessageVerdict,
  type Token,
  Trait,
  COMPLAINT_FLOOR,
  conversationVerdict,
  matchRules,
  messageFrustration,
  readMessage,
  ruleSet,
  verdictOf,
} from './frustration.ts';
import type { CustomerTurns, SignalResult } from './signal.ts';

/**
 * Topic `complaint`: a breach of the customer's expectations, in their own words and mostly without the word
 * "complaint": something failed them (late, canceled, lost, broken, wrong, charged twice), they were treated badly,
 * or they say so ("unacceptable", "worst service", "never again", "I want compensation"). A failure told in a
 * question, a hypothesis or a thank-you is not one ("if my flight is delayed…", "home despite the delay, thanks!").
 *
 * Besides the patterns, two looser signs catch complaints told as plain facts: failure words ("vanished",
 * "soggy", "unanswered") and a statement holding several kinds of grievance marks (a negation, an amount, "still",
 * "but"). Anger (frustration.ts) counts too: it is about something. Messages are read by frustration.ts.
 */

const GOODS =
  '(?:order|orders|package|packages|parcel|parcels|item|items|delivery|deliveries|shipment|product|products|purchase|goods|bag|bags|luggage|suitcase|suitcases|baggage|box|food|pizza|meal|refund|money|stuff|phone|laptop|tv|furniture|sofa|couch|mattress|fridge|washer|order number \\w+)';
const SERVICE =
  '(?:service|customer service|support|customer support|experience|quality|product|company|airline|care|customer care|staff|attitude|communication|treatment|management|job|flight|app|website|site|food|delivery|response|help|agent|airport|hotel|store|shop)';
const BAD =
  '(?:bad|terrible|awful|horrible|poor|worst|appalling|disgraceful|shocking|dreadful|lousy|pathetic|atrocious|abysmal|horrendous|unacceptable|ridiculous|crap|crappy|shit|shitty|trash|garbage|rubbish|useless|disappointing|substandard|subpar|sub par|piss poor|woeful|diabolical|disgusting|incompetent|unprofessional|rude|slow|nonexistent|non existent)';

const COMPLAINT_RULES = ruleSet([
  // saying it: "I want to file a complaint", "lodge a consumer reclamation", "complaint against your company"
  {
    pattern:
      /\b(?:(?:file|filing|filed|lodge|lodging|lodged|make|making|made|raise|raising|submit|submitting|log|logging|register|registering|put in|open|opening|write|writing|send|sending|escalate|issue|place|start|have|got|formal|official|customer|consumer|a|my) (?:(?:a|an|my|the|another|formal|official|customer|consumer|written|serious|fucking|bloody|goddamn|damn|freaking) )*(?:complaint|complaints|reclamation|reclamations|claim)|(?:complaint|reclamation|claim) against|(?:complaint|reclamation) (?:about|regarding|re|for|on|over)|i (?:want|would like|'d like|need|wish|have|am going|'m going) to complain|i(?:'m| am) (?:complaining|writing to complain|calling to complain)|how (?:do|can) i complain|reclamation)\b/,
    score: 1,
    kind: 'verdict',
  },
  // a bare "complaint", not "no complaints" or "can't complain"
  {
    pattern: /(?<!\b(?:no|not|any|without|zero|nothing to|never|can't|cannot|couldn't|not to|the only|my only|one small|small|minor) )\b(?:complaint|complaints|complain|complaining)\b(?! (?:here|from me|at all|department|team|process|procedure|policy))/,
    score: 0.8,
    kind: 'verdict',
  },
  // dissatisfaction: "I'm unhappy with ur service", "not impressed", "very disappointed"
  {
    pattern:
      /\b(?:(?<!\b(?:not|never|wasn't|isn't|won't|weren't) )(?:unhappy|dissatisfied|disappointed|disappointing|disappointment|displeased|unimpressed|disgusted|let down|fed up|sick of|outraged|appalled|furious|livid|angry|upset|annoyed|frustrated|pissed)|(?:not|ain't|isn't|wasn't|aren't|weren't|never|no longer|not very|not at all|not too|far from|less than) (?:so |very |really |at all |too |that |remotely |even )?(?:happy|satisfied|pleased|impressed|ok|okay|acceptable|good enough|fair|right|cool|great|good|amused|a happy customer|what i (?:ordered|paid for|expected|asked for|wanted))|expected (?:better|more)|expect (?:better|more) from)\b/,
    score: 0.8,
    kind: 'verdict',
  },
  // judging the service: "worst service ever", "terrible experience", "the experience with you was too bad"
  {
    pattern: new RegExp(
      `\\b(?<!\\bnot )${BAD} (?:(?:customer|flight|delivery|online|phone|in store|overall|service|experience) )?${SERVICE}\\b|\\b${SERVICE} (?:(?:with you|here|today|lately|recently|is|was|has been|have been|were|are|been|just|getting|so|too|really|very|absolutely|utterly|beyond|always|consistently|fucking|bloody) )+${BAD}\\b|\\b(?:the )?(?:worst|most (?:useless|incompetent|unprofessional|disappointing)) \\w+(?: \\w+)? (?:ever|of my life|i've ever|i have ever)\\b`,
    ),
    score: 0.9,
    kind: 'verdict',
  },
  // judging it: "this is unacceptable", "absolute joke", "a scam", "waste of money"
  {
    pattern:
      /\b(?:unacceptable|disgraceful|disgrace|appalling|outrageous|shambles|shambolic|atrocious|abysmal|horrendous|scam|scammed|scammers|ripoff|rip off|ripped off|robbery|daylight robbery|rip-off|false advertising|misleading|misled|(?:is|was|are|were|it's|that's|all) (?:a |an |all )?(?:lie|lies)|no excuse|lied to|lying|you lied|liars|cheated|con artists|waste of (?:money|time)|wasted (?:my|our|\d+|an|a|hours|days|the) ?(?:time|money|day|morning|afternoon|evening|weekend|hours|minutes|entire|whole)?|paying for (?:what|nothing|this)|pay for (?:nothing|this)|for nothing|absolute joke|a joke|joke of a|not good enough|how is (?:this|that|it) (?:acceptable|ok|okay|legal|fair|allowed|possible)|is (?:this|it) (?:too much to ask|so hard)|how hard is it|the worst|worst|(?<!\bnot )(?:is|are|was|were|'s) (?:(?:so|absolute|absolutely|complete|completely|total|totally|utter|utterly|pure|just|beyond|fucking|bloody|actual) )*(?:trash|garbage|rubbish|crap|shit|junk|terrible|awful|horrible|useless|pathetic|atrocious|abysmal|horrendous|dreadful|a nightmare|a mess|a disaster|broken)|never again|(?:never|not) (?:flying|shopping|ordering|buying|using|booking|staying|eating|coming back|returning|recommending|dealing) (?:with |at |from |to |back to )?(?:you|your|this|them|that|here|there|\w+ )?again|never (?:fly|shop|order|buy|use|book|stay|eat|recommend|deal|trust) (?:with |at |from )?(?:you|your|this|them|that|\w+ )?again|will never (?:fly|shop|order|buy|use|book|stay|eat|recommend|deal|trust|come back)|lost (?:a|another|yourself a|my) (?:customer|business)|(?:i'm|i am|we're|we are|i'll be|we'll be|will be|going to be|definitely|seriously|officially|now) switching (?:to|providers|carriers|banks|airlines|suppliers?|networks)|switching (?:providers|carriers|banks|airlines|suppliers?|networks)|(?:switch|switching|move|moving|go|going) (?:over )?to (?:another|a different|a new|a competitor|your competitor|a better) (?:carrier|provider|airline|bank|company|network|supplier|service|store|brand)|take my (?:business|money) elsewhere)\b/,
    score: 0.8,
    kind: 'verdict',
    anchors: ['possible', 'complaint'],
  },
  // demanding amends: "I demand compensation", "I want an apology", "they refused to refund me"
  {
    pattern:
      /\b(?:(?:i|we) (?:demand|deserve|am owed|are owed)|refuse[ds]? to (?:give|issue|process)|won't (?:give|issue|process)) (?:(?:my|our|a|an|the|some|any|full|proper|fair) )*(?:compensation|money back|refund|reimbursement|apology)\b|\b(?:(?:i|we) (?:want|need|expect|would like|'d like)|give me) (?:(?:a|an|some|any|full|proper|fair) )*(?:compensation|apology)\b|\b(?:want|demand|deserve|expect) (?:compensation|an apology)\b|\b(?:won't|wouldn't|will not|refuse to|refused to|refusing to|didn't|did not|never) (?:even )?(?:refund|reimburse|compensate|honor|honour|replace|give (?:me|us) (?:a|my|our) refund)\b/,
    score: 0.7,
    kind: 'verdict',
    anchors: ['money', 'compensation', 'reimbursement'],
  },
  // asking for money back, or for where it is: a grievance, yet a request the AI can take up ("I want a refund")
  {
    pattern:
      /\b(?:(?:i|we) (?:want|need|expect|would like|'d like)|give me|where(?:'s| is)|still (?:no|waiting for|haven't (?:got|received|seen))|never (?:got|received)|(?:didn't|did not|haven't|have not|hasn't|has not) (?:get|got|receive|received|been given|seen)|no) (?:(?:my|our|a|an|the|some|any|full|proper|fair) )*(?:money back|refund|reimbursement)\b|\b(?:want|demand|deserve|expect) my money back\b|\bwhere(?:'s| is) (?:my|our) (?:money|refund|compensation|reimbursement)\b/,
    score: 0.7,
    kind: 'event',
    anchors: ['money', 'reimbursement'],
  },
  // treated badly: "the agent was extremely rude", "hung up on me", "giving me the runaround"
  {
    pattern:
      /\b(?:(?:was|were|is|are|been|being|so|very|really|extremely|incredibly) (?:so |very |really |extremely |incredibly |super )?(?:rude|unhelpful|dismissive|condescending|aggressive|nasty|hostile|unprofessional|incompetent|clueless|patronising|patronizing|arrogant|disrespectful)|rude|unhelpful|unprofessional|hung up|hang up on|runaround|run around|in circles|going in circles|(?:transferred|transfered|passed|bounced) (?:me |us )?(?:back|around|again|between|from one|\d+ times|to the start)|passed (?:me )?(?:around|from)|(?:treated|treat|treating|spoke to|spoken to|talked to) (?:me|us|customers|your customers) (?:like|so|very|badly|poorly|terribly)|(?:didn't|did not|don't|doesn't|won't|wouldn't|never|couldn't) (?:even )?(?:care|bother|listen|apologi[sz]e|call (?:me |us )?back|get back to (?:me|us)|show up|turn up)|no (?:one|body) (?:cares|helped|would help|will help|came|showed up|turned up|called back|got back)|(?:didn't|did not|never) (?:show|turn) up|no shows?|(?:yelled|screamed|shouted|swore|cursed|snapped|laughed|sneered|rolled (?:her|his|their) eyes) at (?:me|my|us|our|him|her|them|customers|passengers)|(?:gave|given|sold) (?:our|my|away our|away my) (?:room|seat|seats|table|spot|reservation|booking|place)(?: away)?|stood (?:me|us) up|refused to (?:help|refund|let|give|honou?r|accept|replace|fix|listen))\b/,
    score: 0.7,
    kind: 'event',
  },
  // delivery failed: "my package never arrived", "says delivered but it's not here", "missing half my order"
  {
    pattern: new RegExp(
      `\\b(?:(?:never|still not|still hasn't|still haven't|hasn't|has not|haven't|have not|didn't|did not|not yet|still hasnt|yet to be|never been|wasn't|was not|weren't) (?:been )?(?:arrived|arrive|come|came|received|receive|delivered|shown up|showed up|turned up|show up|turn up|shipped|dispatched|got|gotten|refunded|credited|processed)|(?:says|said|marked|shows|showing|showed) (?:as )?delivered|delivered (?:to the wrong|but|to someone|to another)|not (?:here|delivered|received|arrived)|(?:${GOODS}) (?:(?:is|was|are|were|has been|have been|got|arrived|came|showed up|still) )*(?:late|delayed|missing|lost|stuck|damaged|broken|wrong|smashed|crushed|ruined|open|opened|empty|cold|soaked|wet|stolen|never arrived|not here|nowhere to be (?:found|seen))|(?:missing|forgot|forgotten|left out|without) (?:(?:my|the|our|half|part|one|two|some|an?|\\d+|of) )*(?:${GOODS}|items?|parts?|pieces?|screws|fries|drinks?|sauce|side|toppings)|half (?:of )?(?:my|the|our) (?:order|items|food|stuff)|empty (?:box|package|parcel)|(?:you|they|u|ya|you guys|someone|somebody|he|she|driver|courier|store|staff|airline|crew|agents?|airport|ups|fedex|usps|dhl|hermes|evri|royal mail|amazon|postman|delivery guys?|movers) (?:have |has |just |somehow )?(?:lost|lose|losing|misplaced|broke|damaged|ruined|smashed|destroyed|left) (?:my|our|the)|lost (?:my|our) (?:${GOODS})|(?:${GOODS}) (?:didn't|did not|never|hasn't|has not|haven't|still hasn't|won't) (?:make it|arrive|come|show up|turn up|get here)|(?<!\\b(?:i|we|i've|we've|i have|we have|i still|we still) )(?:never|didn't|did not|hasn't|has not|haven't|have not|still hasn't|still haven't|yet to) (?:sent|send|shipped|ship|delivered|deliver|refunded|refund|responded|respond|replied|reply|called|call|fixed|fix|finished|finish|returned|return|honored|honoured|honor|honour|processed|process|credited|credit|resolved|resolve)|(?:arrived|came|showed up|turned up|delivered|came out) (?:\\w+ )?(?:scratched|damaged|broken|late|cold|open|opened|smashed|crushed|dented|torn|ripped|wet|soaked|empty|incomplete|missing|in pieces|defective|faulty|dead|used|stained|dirty|melted|spoiled|rotten))\\b`,
    ),
    score: 0.7,
    kind: 'event',
    anchors: ['here'],
  },
  // travel failed: "flight canceled", "4 hours late", "missed my connection", "bumped", "stranded"
  {
    pattern:
      /\b(?:(?:flight|flights|train|trains|bus|booking|reservation|appointment|delivery|trip|connection|service|order|ride|driver|installation|engineer|technician) (?:(?:was|got|has been|have been|is|been|were|are|just|now|again|keeps getting|keep getting) )*(?:canceled|cancel(?:ed)?flightled|delayed|late|overbooked|diverted|missed)|canceled (?:my|our|the) (?:flight|booking|order|reservation|trip|appointment|stay|ride)|canceled (?:at the |last )?(?:last minute|on (?:me|us)|without (?:any )?(?:notice|warning|explanation|reason))|canceled flightled|late flight|(?:delayed|late) (?:again|by|for|over|almost|another|\d+|an? (?:hour|day))|(?:\d+|an?|two|three|four|five|six|several) (?:hours?|minutes?|days?|weeks?) (?:late|delay|delayed|behind)|delays?|missed (?:my|our|the) (?:connection|connecting|flight|train|meeting|appointment|wedding|event)|stranded|bumped|overbooked|sitting on the (?:tarmac|runway|plane)|on the tarmac|stuck (?:at|in|on) (?:the )?(?:airport|gate|tarmac|plane|station|train|runway|\w+ airport|between))\b/,
    score: 0.6,
    kind: 'event',
  },
  // it doesn't work: "app keeps crashing", "internet down since yesterday", "stopped working", "no signal"
  {
    pattern:
      /\b(?:(?:doesn't|does not|don't|do not|didn't|did not|won't|will not|isn't|is not|aren't|are not|wasn't|was not|still not|not|never|can't|cannot|couldn't|no longer) (?:even |properly |fully |correctly )?(?:work|works|working|worked|load|loading|loads|open|opening|connect|connecting|charge(?! (?:me|us|you|for|a|an|the|my|extra))|charging|turn on|start|starting|recline|respond|responding|let me|allow|sync|syncing|stream|streaming|play|playing|print|printing|arrive|exist|exists)|(?:stopped|stops|quit|quits) (?:working|charging|connecting|loading|responding|syncing|cooling|heating|printing|playing|streaming|turning on|receiving|sending)|(?:keeps?|kept|constantly|always) (?:crashing|freezing|dropping|disconnecting|buffering|logging me out|cutting out|failing|breaking|glitching|rebooting|restarting|lagging|hanging|crash|freeze|declining|kicking me out)|(?:crashes|crashed|crashing|freezes|froze|frozen|glitching|glitchy|buggy|bricked|ruined|destroyed|soaked|locked out|overheats|overheating|died|dies|dead|broke (?:down|after|on|again|within|in|off|the first|when)|broken|defective|faulty|cracked|shattered|fell apart|falls apart|falling apart|leaking|leaks|stained|moldy|mouldy|out of date|stale|undercooked|raw|burnt|inedible|disgusting|smelled|smells|dirty|filthy|infested)|(?:internet|wifi|wi fi|broadband|service|signal|network|power|cable|tv|phone|line|app|website|site|server|servers|system|psn|xbox live|connection|data) (?:(?:is|has been|have been|had been|was|were|been|are|went|goes|keeps going|keep going|still|s|again|completely|totally) )*(?:down|out|off|dead|gone)|(?:no|without|zero|without any) (?:service|signal|internet|wifi|wi fi|broadband|power|electricity|connection|network|hot water|heating|heat|reception|bars|tv|cable|dial tone|data|air con|air conditioning|ac|aircon|a c|phone service|water)|(?:hair|hairs|bug|bugs|fly|cockroach|roach|worm|insect|glass|plastic|bone|mold|mould) in (?:my|the|our)|(?:has been|have been|had been|is|was|been|went|goes|keeps going|keep going) down (?:for|since|all|again|today|right now|the whole|most of)|locked (?:me|us|my|our|him|her|them)(?: \w+){0,2} out|(?:signs|logs|kicks|throws|kicked|logged|signed|threw) (?:me|us) out|(?:got|get|getting|made me|made us|became|been) (?:sick|ill|food poisoning)|food poisoning|(?:left|leaving|took off|departed) without (?:me|us|my|our)|(?:update|upgrade|patch) (?:turned|made|broke|ruined|wiped|deleted|erased|killed|bricked|messed|drained|slowed)|(?:came|fell|peeled|ripped|broke) (?:off|apart)|broke (?:it|them|my|our|the)|throttl(?:ed|es|ing)|outage|outages|error (?:message|code|\d+)|(?<!\b(?:entered|chose|chosen|submitted|put|typed|gave|given|used|selected|picked|made|wrote|added|input|provided|set|ordered|booked|bought) (?:in )?(?:a |an |the |my )?)(?:wrong|incorrect) (?:item|items|size|order|(?:color|colour)|product|address|amount|charge|bill|food|bag|drink|name|flight|seat|information|info|price|model|one|thing)|(?:sent|send|sending|shipped|ship|gave|give|giving|got|received|delivered|brought) (?:me |us )?(?:the |a |an )?(?:completely |totally |entirely )?(?:wrong|incorrect|used|damaged|broken|faulty|defective|different)|(?:used|damaged|broken|faulty|defective|counterfeit|fake) (?:item|product|laptop|phone|one|unit|goods)|sold (?:me|us) (?:a|an)? ?(?:used|damaged|broken|faulty|defective|fake))\b/,
    score: 0.6,
    kind: 'event',
    anchors: ['open'],
  },
  // money taken wrongly: "charged twice", "overcharged", "hidden fees", "froze my account"
  {
    pattern:
      /\b(?:(?:charged|billed|debited|taken|took|charging|charge|billing) (?:me |us |my card |my account )?(?:twice|double|two times|three times|again|wrong|incorrectly|the wrong|extra|more|too much|for (?:something|a|an|the|nothing|two|\w+ i|\w+ we|services?|it|extra|things|items|stuff|damage|damages)|without|even though|after (?:i|we)|(?:an? )?(?:[$£€] )?[\d.,]* ?(?:\w+ ){0,2}(?:fee|penalty|surcharge)|(?:[$£€] )?\d+)|double (?:charged|billed|charge|charging)|(?:paid|pay|paying) (?:double|twice|extra|more than|full price for)|(?:paying|paid|pay) for .{1,40} (?:and|but) (?:only )?(?:getting|get|got|receiving|received)|(?:double|twice|triple|three times) (?:what|the price|the amount|as much|my usual)|overcharg(?:ed|ing|e)|hidden (?:fees?|charges?|costs?)|(?:extra|unexpected|surprise|random|bogus|ridiculous) (?:fees?|charges?)|(?:froze|frozen|freezing|closed|locked|suspended|disabled|blocked|banned|deactivated|terminated) (?:my|our) (?:account|card|money|funds|profile)|(?:took|taken|stole|stolen|keeping|kept) (?:my|our) money|money (?:taken|missing|gone)|(?:still|keep|keeps|kept) (?:getting |being )?(?:charged|billed|charging me|billing me))\b/,
    score: 0.65,
    kind: 'event',
  },
  // promises broken: "was supposed to arrive monday", "you promised", "not as described"
  {
    pattern:
      /\b(?:(?:was|were|is|are) supposed to (?:be|arrive|have|get|come|ship|deliver|call|receive|refund|fix|work|land|leave|depart)|you promised|(?:was|were) promised|(?:told|assured) (?:me|us) (?:it|that|i|we|you|they)|not as (?:described|advertised|pictured|promised)|even though (?:i|we) (?:paid|pay|have paid|bought|booked|ordered|have|am paying)|(?:this is|that's|is this) how you treat (?:me|us|your|loyal|customers)|(?:loyal|long time|longtime) customer|(?:no|zero|without any) way to (?:reach|contact|talk|speak|get hold of|get through)|(?:no|without any|without|zero) (?:notice|warning|explanation|compensation|apology|reason|refund|help|assistance|support|communication)|for no reason|no one (?:at|on) (?:the|your) (?:gate|desk|phone|counter|store)|(?:can't|cannot|couldn't|unable to) (?:get (?:a|any|through)|reach|contact|speak to|talk to) (?:anyone|anybody|a human|a person|someone|you|customer service|support|through))\b/,
    score: 0.55,
    kind: 'event',
  },
  // worse than before, or than it should be: "used to be better", "nothing like the picture", "keeps moving"
  {
    pattern:
      /\b(?:used to (?:be|have|get|work|come|include|last)|nothing like|no longer|not even|anymore|instead of|keeps? (?:moving|changing|getting|going (?:down|up|out|off)|raising|increasing|happening|pushing|rescheduling|giving|showing|saying|telling|sending|asking|dropping|disconnecting|restarting|rebooting|declining|failing)|kept (?:moving|changing|getting|going|pushing|rescheduling|giving|showing|saying|telling|sending|asking)|(?:only|just) (?:\d+|one|two|three|a couple of|a few) (?:\w+ )?(?:working|open|available|on duty|staff|agents|people|desks?|counters?|registers?|tills?|cashiers?|lanes?|person|employees?|checkouts?|lines?|servers?|waiters?)|(?:lines?|queues?|wait|wait times?|waiting times?) (?:are|is|was|were|'s) (?:\w+ )?(?:insane|ridiculous|crazy|huge|massive|endless|long|horrible|awful|terrible|out the door)|(?:since|after) (?:the|your|this|that|an?|last|latest) (?:\w+ )?(?:update|upgrade|change|changes|redesign|merger|new version|patch)|no (?:record|sign|trace) of|(?:nobody|no one) (?:\w+ )?(?:knows|knew|can tell|could tell)|no idea where|out of stock|(?:on|at) your end|your (?:fault|mistake|error|side)|on (?:its|their) own|by itself|in a row|(?:sent|returned) back to (?:the )?sender|return(?:ed)? to sender|(?:ordered|asked for|paid for|booked) .{1,40} (?:and|but) (?:only )?(?:got|received|came with|was given|got sent)|known (?:issue|problem|fault|defect)|half (?:empty|full|cooked|the size|of what|of my|my|the|of the|missing)|(?:didn't|did not|never) (?:ask|order|sign up|agree|subscribe|authori[sz]e) (?:for|to)|(?:without|with no) (?:my )?(?:consent|permission|authori[sz]ation|asking)|(?:serious|major|huge|big|real|ongoing|constant|recurring|same) (?:\w+ ){0,2}(?:problems?|issues?)|(?:\d+|several|multiple|many) times (?:a|per|every|each) (?:day|week|hour|month)|randomly (?:\w+ ){0,2}(?:restarts?|shuts? (?:off|down)|turns? off|crash(?:es)?|disconnects?|logs? (?:me |us )?out|stops?|drops?|freezes?|cancels?|charges?))\b/,
    score: 0.4,
    kind: 'event',
  },
  // worse over time: "gone downhill", "getting worse"
  {
    pattern: /\b(?:(?:gone|going|went) downhill|(?:gotten|got|getting|gets|becoming|become) worse|worse and worse|worse than (?:ever|before))\b/,
    score: 0.6,
    kind: 'verdict',
  },
  // telling the company off: "get it together", "do better", "shame on you"
  {
    pattern:
      /\b(?:get (?:it|your act|your shit|yourselves|your stuff) together|do better|be better|step (?:it|up) (?:up|your game)|step up|shame on (?:you|your)|(?:should|ought to) be ashamed|sort (?:it|this|yourselves) out|fix your|explain (?:this|why|yourselves)|hire more|train your|learn (?:to|how to)|what a (?:joke|mess|shambles|disgrace|nightmare|waste|ripoff|rip off|scam|farce|con)|what (?:exactly |am i |are we )?(?:did (?:i|we) pay|paying) for|call (?:that|this|it) a (?:solution|service|fix|resolution)|is (?:that|this) (?:really |supposed to be )?(?:a|your) (?:solution|service|fix))\b/,
    score: 0.6,
    kind: 'verdict',
  },
  // complaining questions: "why is it so hard to…", "how come my bill went up?"
  {
    pattern:
      /\b(?:why|how come) (?:(?:on earth|the hell|in the world|tf|again) )?(?:is|are|do|does|did|has|have|can't|cannot|won't|would|wouldn't|isn't|aren't|doesn't|didn't|hasn't|haven't|was|were|am|should|must|my|the|your|you|i|we|it|this|there|no one|nobody)\b|\b(?:so|this) (?:hard|difficult|complicated|slow|expensive)\b/,
    score: 0.3,
    kind: 'event',
  },
  // time lost: "2 hour wait", "ordered 6 weeks ago", "boarding took an hour"
  {
    pattern: new RegExp(`(?<!\\b(?:in|within|under|only|just|about|for|after|since|over) )\\b${DURATION}\\b|\\btook (?:an? (?:hour|day|week|month)|forever|ages|hours|days|weeks|months)\\b`),
    score: 0.25,
    kind: 'event',
  },
  // time lost, said as a stretch: "in transit for 16 days", "broke after 2 months", "since January", "90 minutes for a pizza"
  {
    pattern: new RegExp(
      `\\b(?:(?:for|since|over) (?:the (?:last|past) )?${DURATION}|${DURATION} (?:for an?|to get|just to|and still|later|of my life)|${DURATION} (?:\\w+ ){0,4}?(?:to|just to) (?:get|activate|fix|change|return|buy|pick|talk|speak|reach|check|board|order|cancel|sort|find|load|do|make|answer|respond)|(?:it's|it has|it have) been (?:over |almost |nearly |more than )?(?:\\d+|an?|two|three|four|five|hours|days|weeks|months|ages|forever)|since (?:yesterday|this morning|last (?:night|week|month|year)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|\\d+)|all (?:day|night|evening|morning|afternoon|week|weekend|month))\\b`,
    ),
    score: 0.35,
    kind: 'event',
    anchors: ['been'],
  },
  // a short life: "broke after 2 months"
  {
    pattern: new RegExp(`\\bafter (?:only |just )?(?:${DURATION}|one use|one wash|(?:a|one|two|three|\\d+) (?:uses|washes|wears|wear|use|wash))\\b`),
    score: 0.3,
    kind: 'event',
  },
  // someone else not doing their part: "driver didn't even knock", "they can't do anything", "support won't give me"
  {
    pattern:
      /(?<!\b(?:i|we|i've|we've|i'm|we're|i'd|we'd|i'll|we'll|to|if|so|why|that|or|you|please) )\b(?:didn't|did not|doesn't|does not|won't|will not|wouldn't|would not|can't|cannot|couldn't|could not|never|refuse to|refused to|refusing to|refuses to|without ever|without even|not even|hasn't|has not|haven't|have not|isn't|aren't|wasn't|weren't) (?:even |ever |bother to |bothered to |seem to |want to )?(?!know|mind|worry|matter|have to|need|understand why|think|care if|see any reason|charge|bill|ask|even)\w+/,
    score: 0.3,
    kind: 'event',
    anchors: ['not', "can't", 'cannot'],
  },
  // more than failing: "didn't even knock", "without ever trying", "refused to give back my deposit", "was told someone would call"
  {
    pattern:
      /\b(?:(?:didn't|did not|doesn't|does not|don't|won't|wouldn't|couldn't|can't|never) even(?! (?:charge|ask|need|have to|notice|wait|bother|realize|realise|know))|not even (?:a|an|one|once|bothered)|without (?:ever |even |actually |any )?(?:fixing|resolving|solving|answering|replying|responding|helping|telling|asking|notice|warning|explanation|attempting|trying|checking|letting|\w+ing (?:anything|it|me|us))|why (?:did|do|am|should|would|must) (?:i|we) (?:even )?(?:pay|paying|bother|wait|have to)|so not \w+|(?:told|telling|tell|given|giving|give) (?:me |us )?(?:something different|different (?:answers|things|stories|information)|conflicting)|(?:won't|wouldn't|will not|would not|refuse to|refused to|refuses to|refusing to) (?:\w+ )?(?:give|help|refund|let|fix|replace|accept|honor|honour|tell|answer|call|return|pay|cover|credit|reimburse|exchange|take)|(?:was|were|been) told (?:(?:that|someone|somebody|they|it|i|we|you|he|she) )+(?:would|will|was going to|were going to|'d)|even though (?:i|we|i've|we've|i had|we had) \w+|(?:loyalty|your word|your promises?|customer service|your guarantee) (?:means|mean) nothing)\b/,
    score: 0.45,
    kind: 'event',
    anchors: ['so'],
  },
  // stuck in a status: "in review since January", "pending for 5 days"
  {
    pattern: /\b(?:in review|under review|pending|processing|in transit|on hold|being processed|being reviewed|in progress|unanswered|unresolved|open|stuck) (?:for|since|over)\b/,
    score: 0.5,
    kind: 'event',
    anchors: ['open'],
  },
  // prices up: "my bill doubled", "rates went up 40%"
  {
    pattern:
      /\b(?:(?:bill|bills|price|prices|rate|rates|premium|premiums|fee|fees|cost|costs|payment|subscription) (?:(?:has|have|just|suddenly|randomly|again|has been|have been) )*(?:doubled|tripled|went up|gone up|increased|jumped|skyrocketed|raised|hiked)|(?:raised|raising|increased|increasing|hiked|hiking|doubled) (?:my|our|the|your|their) (?:bill|bills|price|prices|rate|rates|premium|premiums|fees?|costs?|subscription)|\d+ ?% (?:increase|more|higher|hike|price increase))\b/,
    score: 0.5,
    kind: 'event',
  },
  // refusing responsibility, worse than it should be: "not their problem", "slower than dial up"
  {
    pattern:
      /\b(?:not (?:my|our|their|his|her|your) (?:problem|fault|responsibility|job|issue)|(?:slower|worse|dirtier|colder|smaller|thinner|weaker|flimsier|cheaper|more expensive|pricier|less reliable|louder|later) than)\b/,
    score: 0.5,
    kind: 'event',
  },
  // money: "paying $90 a month for 5mbps", "charged me £15", "I paid double"
  {
    pattern:
      /\b(?:pay|paid|paying|charge|charged|charging|owe|fee|fees|bill|billed|cost|costs|spent|spend|double|raised|extra|dropped|wasted|for|on)\b(?: \S+){0,4}? [$£€] \d|[$£€] \d[\d,.]*(?: \S+){0,4}? (?:for|to|a month|per month|a year|fee|charge|extra|more)\b/,
    score: 0.35,
    kind: 'event',
  },
  // it won't let me: "can't log on", "unable to check in", "can't get through"
  {
    pattern:
      /\b(?:can't|cannot|couldn't|unable to|won't let (?:me|us)|wouldn't let (?:me|us)|not able to|impossible to) (?:even |properly |seem to |get (?:it|them) to )?(?:log|login|sign in|sign on|access|check in|use|pay|book|call|reach|get through|get hold|get a hold|get anyone|get any|track|cancel|redeem|make calls|hear|watch|stream|download|update|install|send|receive|get (?:my|a|an|the|any)|speak|talk|contact)\b/,
    score: 0.3,
    kind: 'event',
    anchors: ["can't", 'cannot'],
  },
  // the wrong thing came: "ordered a medium, got an XXL", "booked a sea view room, got a view of the bins"
  {
    pattern: /\b(?:ordered|booked|asked for|paid for|requested)\s+(?:an?\s+|the\s+|some\s+|\d+\s+)?[\w\s'-]{1,30}?(?:,|\.|;|\bbut|\band)\s+(?:(?:i|we)\s+)?(?:got|received|was sent|were sent|they sent|you sent|gave me|came with)\s+(?:an?|the|some|\d+)\b/,
    score: 0.5,
    kind: 'event',
  },
  // something missing or a promise broken: "arrived without the charger", "promised a call back within 24h. that was
  // last friday", "guaranteed by friday, came monday"
  {
    pattern: /\b(?:came|arrived|delivered|turned up|shipped|sent|showed up)\s+(?:\w+\s+){0,3}?without\b|\b(?:promised|guaranteed|assured)\b[^!?]{0,50}?(?:\bthat was\b|\bit'?s been\b|\bstill\b|\bnever\b|\bcame\b|\barrived\b|\bnothing\b|\bbut\b)/,
    score: 0.5,
    kind: 'event',
  },
  // the verdicts of reviews and posts: "zero stars if I could", "0/10 would not recommend", "regret switching to you",
  // "the last straw", "you had ONE job", "how are you still in business", "bunch of thieves", "so much for customer first"
  {
    pattern:
      /\b(?:(?:0|zero|1|one|no|minus \w+) stars?\b|0\/10|1\/10|(?:would|will|could) (?:not|never) recommend|wouldn'?t recommend|(?:i )?regret(?:ted|ting)? (?:ever |switching|signing|joining|buying|ordering|choosing|booking|using)|(?:the )?last straw|had one job|how (?:are|is) (?:you|this company|this place) still in business|bunch of (?:thieves|clowns|crooks|idiots|amateurs|cowboys|liars|jokers)|absolute (?:clowns|joke|shambles|state|disgrace|scam)|so much for (?:the )?[\w\s"']{1,25}|(?:are|you) having a laugh|are you (?:actually |seriously |really )?(?:kidding|joking|serious)|tired of (?:chasing|waiting|calling|asking)|(?:patience|tether) (?:has |have )?(?:completely |totally )?(?:run out|ran out|worn thin)|end of my tether|(?:level|amount) of incompetence)\b/,
    score: 0.8,
    kind: 'verdict',
    anchors: ['stars', 'star', 'recommend', 'regret', 'straw', 'job', 'business', 'bunch', 'absolute', 'much', 'laugh', 'kidding', 'joking', 'serious', 'tired', 'patience', 'tether', 'incompetence', '0/10', '1/10'],
  },
]);


/** Marks of a told grievance, by kind: a complaint is a story of what went wrong, with numbers, "still", "but". */
const NEGATIONS = [
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'without', "didn't", "doesn't", "don't", "won't", "wouldn't",
  "can't", 'cannot', "couldn't", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", 'no one',
];
const INSISTENCE = [
  'already', 'still', 'again', 'twice', 'anymore', 'yet', 'every', 'since', 'literally', 'even', 'now', 'until',
  'apparently', 'supposedly',
];
const CONTRAST = ['but', 'only', 'instead', 'though', 'although', 'supposed', 'actually', 'otherwise', 'meanwhile'];
const UNITS = [
  'minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'times',
  'items', 'am', 'pm', 'gb', 'mbps', 'mb', 'dollars', 'bucks', 'pounds', 'calls', 'emails', 'people', 'stops',
];
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twice', 'half', 'double'];
/** Routine requests name a problem without a grievance ("I have a problem with my lost password"). */
const ROUTINE_TROUBLE = ['problem', 'problems', 'issue', 'issues', 'trouble', 'troubles', 'lost', 'help'];
/** "didn't charge me", "never asked": a negation that is good news. */
const FREE_OF_CHARGE = ['charge', 'charged', 'bill', 'billed', 'ask', 'asked', 'mind', 'even'];

/** What a word is to this detector, as bits: one look-up per word of a message. */
const CT = { negation: 1, insistence: 2, contrast: 4, amount: 8, failure: 16, unit: 32, numberWord: 64, routine: 128, freeOfCharge: 256 } as const;
const COMPLAINT_TRAITS = new Map<string, number>();
for (const [words, trait] of [
  [NEGATIONS, CT.negation], [INSISTENCE, CT.insistence], [CONTRAST, CT.contrast], [UNITS, CT.unit],
  [NUMBER_WORDS, CT.numberWord], [ROUTINE_TROUBLE, CT.routine], [FREE_OF_CHARGE, CT.freeOfCharge],
] as const) {
  for (const word of words) COMPLAINT_TRAITS.set(word, (COMPLAINT_TRAITS.get(word) ?? 0) | trait);
}

function complaintTraits(word: string): number {
  return COMPLAINT_TRAITS.get(word) ?? 0;
}

const NEGATED_FAILURE = new Set(['no', 'not', 'never', 'without', 'zero', 'hardly', 'barely']);
const OWNED =
  /\b(?:my|our|mine|ours)\b|\b(?:i|we) (?:just )?(?:bought|ordered|got|paid for|received|booked|made|purchased)\b|^(?:\W*\w+\W+){0,3}?(?:ordered|booked|bought|paid for|received|delivered|arrived|came)\b/;

/**
 * Failure words outside the rules' matches, together: "no problem" and "never late" do not count, those in a question
 * count half, and those about the customer's own things more ("my credits vanished", "the foundation I bought was
 * expired").
 */
function failureWordsCue(reading: MessageReading, matched: readonly Cue[]): Cue | undefined {
  const counted = matched.length > 0 ? new Set<Token>() : undefined;
  for (const cue of matched) for (const token of cue.tokens) counted!.add(token);
  let owned: boolean | undefined;
  const weights: number[] = [];
  const found: Token[] = [];
  const { tokens } = reading;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // words only: emoji are read every which way ("so cute 😭😭")
    if (token.kind !== 'word' || reading.hypothetical[i] || counted?.has(token)) continue;
    let weight = token.failure || (token.valence <= -1.5 ? 0.3 : 0);
    if (weight === 0) continue;
    const before = tokens[i - 1]?.text;
    if (before !== undefined && NEGATED_FAILURE.has(before) && token.valence >= 0) continue;
    if (i < reading.settledAt) weight *= 0.5;
    if (reading.asking[i]) weight *= 0.5;
    // (errors setting up one's own address are a routine request)
    else if ((complaintTraits(token.text) & CT.routine) === 0 && !/^errors?$/.test(token.text) && (owned ??= OWNED.test(reading.canonical))) weight *= 1.3;
    weights.push(weight);
    found.push(token);
  }
  if (found.length === 0) return undefined;
  // the strongest two, and a little for each beyond: many small words do not make a certain complaint
  let first = 0;
  let second = 0;
  for (const weight of weights) {
    if (weight > first) [first, second] = [weight, first];
    else if (weight > second) second = weight;
  }
  const score = Math.min(0.6, 1 - (1 - first) * (1 - second) + 0.05 * Math.max(0, weights.length - 2));
  const weight = (reading.praising ? 0.35 : reading.thanking ? 0.8 : 1) * (reading.ownMistake ? 0.5 : 1);
  return { score: score * weight, tokens: found };
}

/** "3 hours", "two times", "6am", "day 3". */
function isAmount(word: string, traits: number, next: string | undefined): boolean {
  const code = word.charCodeAt(0);
  const digit = code >= 48 && code <= 57;
  if ((digit || (traits & CT.numberWord) !== 0) && next !== undefined && (complaintTraits(next) & CT.unit) !== 0) return true;
  if (digit) return /^\d+(?:am|pm)$/.test(word);
  return word === 'day' && next !== undefined && /^\d+$/.test(next);
}

/**
 * A statement (not a question, a request or praise) that holds several kinds of grievance marks: negation, amounts,
 * insistence ("still", "already"), contrast ("but", "only"), failure words. Each is common alone; together they tell
 * of something that went wrong ("paying for 400mbps and getting 12. every evening").
 */
function grievanceMarksCue(reading: MessageReading): Cue | undefined {
  // a happy story has the same marks ("came 10 min early and still hot", "even after 60 days, so grateful")
  if (reading.praising || reading.thanking || reading.positive >= 0.3) return undefined;
  let kinds = 0;
  const marks: Token[] = [];
  let prices = 0;
  const { tokens } = reading;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((token.traits & Trait.currency) !== 0) prices++;
    if (reading.asking[i] || reading.hypothetical[i] || token.kind === 'mention') continue;
    const traits = complaintTraits(token.text);
    const after = tokens[i + 1];
    const next = after?.text;
    // a negation of something bad or of a charge is good news ("no problem", "didn't charge me")
    const goodNews = after !== undefined && (after.lexicon < 0 || (complaintTraits(after.text) & (CT.routine | CT.freeOfCharge)) !== 0);
    let kind = 0;
    if ((traits & CT.negation) !== 0 && !goodNews) kind = CT.negation;
    else if ((traits & CT.insistence) !== 0 || ((token.text === 'keeps' || token.text === 'kept') && next?.endsWith('ing'))) kind = CT.insistence;
    else if ((traits & CT.contrast) !== 0) kind = CT.contrast;
    else if ((token.traits & Trait.currency) !== 0 || isAmount(token.text, traits, next)) kind = CT.amount;
    else if ((traits & CT.routine) === 0 && token.kind === 'word' && (token.failure >= 0.2 || token.valence <= -1.5)) kind = CT.failure;
    if (kind !== 0 && (kinds & kind) === 0) {
      kinds |= kind;
      marks.push(token);
    }
  }
  // two prices: what was promised against what came ("told me $800, I got $200")
  if (prices >= 2) kinds |= CT.contrast;
  let count = 0;
  for (let bits = kinds; bits !== 0; bits &= bits - 1) count++;
  if (count < 2) return undefined;
  return { score: count >= 3 ? 0.5 : 0.3, tokens: marks };
}

function complaintCues(reading: MessageReading): Cue[] {
  const cues = matchRules(reading, COMPLAINT_RULES);
  const failures = failureWordsCue(reading, cues);
  if (failures) cues.push(failures);
  const marks = grievanceMarksCue(reading);
  if (marks) cues.push(marks);
  // a message that is plainly unhappy says so ("dreadful", "I hate this app", "absolutely miserable experience")
  if (reading.sentiment <= -0.4 && !reading.praising && !reading.ownMistake && !reading.asking.some(Boolean)) {
    const words: Token[] = reading.tokens.filter((token) => token.valence < 0);
    // (a judgement only when strongly negative: "delayed" and "missed" in a calm report are facts, not a verdict)
    const cue: Cue = { score: Math.min(0.6, 0.35 + (-reading.sentiment - 0.4)), tokens: words };
    if (words.length > 0) cues.push(reading.sentiment <= -0.6 ? { ...cue, kind: 'mood' } : cue);
  }
  // anger is about something: a frustrated message complains, if less surely than a told failure
  const frustration = messageFrustration(reading);
  if (frustration.score > 0) {
    const words: Token[] = [];
    for (const cue of reading.angerCues ?? []) words.push(...cue.tokens);
    cues.push({ score: frustration.score * 0.7, tokens: words, kind: 'mood' });
  }
  return cues;
}

/**
 * A message that only tells of a failure, with no judgement ("unacceptable", "I want to complain") and no anger, is a
 * problem to solve first ("my card hasn't arrived yet"): it scores below this, under the default policy's handover
 * line of 0.5, yet still names the topic. A judgement, anger, or failures in several messages reach beyond it.
 */
const TOLD_FAILURE_CAP = 0.45;

/** The customer saying there is nothing to complain about: "can't complain", "not a complaint", "no drama", "my fault". */
const NOTHING_WRONG =
  /\b(?:can'?t|cannot|couldn'?t) complain\b|\bnot (?:a|to) complain\w*\b|\bnever had (?:an? |any )?(?:issue|problem|complaint|trouble)s?\b|\bno (?:bad|negative) (?:experience|review)s?\b|\bno drama\b|\bnot (?:your|ur) fault\b|\b(?:my|our) (?:own )?fault\b|\bnothing(?:'s| is) (?:broken|wrong)\b|\b(?:wasn'?t|isn'?t|was not|is not) (?:broken|faulty|lost) after all\b/;

function messageComplaint(reading: MessageReading): MessageVerdict {
  if (reading.complaint === undefined) {
    const cues = complaintCues(reading);
    if (NOTHING_WRONG.test(reading.canonical)) for (let i = 0; i < cues.length; i++) cues[i] = { ...cues[i]!, score: cues[i]!.score * 0.2 };
    const verdict = verdictOf(reading, cues, COMPLAINT_FLOOR);
    const judged = cues.some((cue) => cue.kind === 'verdict' || cue.kind === 'mood');
    reading.complaint = judged || verdict.score <= TOLD_FAILURE_CAP ? verdict : { ...verdict, score: TOLD_FAILURE_CAP };
  }
  return reading.complaint;
}

/** A complaint made earlier in the conversation still stands: older messages fade slowly. */
const COMPLAINT_DECAY = 0.9;

/** The complaint in the conversation so far (oldest message first), the latest message weighing most. */
export function detectComplaint(turns: CustomerTurns): SignalResult {
  const verdicts: MessageVerdict[] = [];
  for (const text of turns) verdicts.push(messageComplaint(readMessage(text)));
  return conversationVerdict(verdicts, COMPLAINT_DECAY);
}
