import { UNKNOWN_INTENT } from '../../brain/brain.ts';
import { contentTerms } from '../../knowledge/search-terms.ts';
import { MessageMemo } from './message-memo.ts';
import { NO_SIGNAL, type CustomerTurns, type SignalResult } from './signal.ts';

/**
 * `repeated_failure` from going round in circles, which the AI's own sense of having understood misses: the customer
 * says the answer missed ("that's not what I asked"), sends the same request again, or asks again for what the AI just
 * answered (its answer did not help), or the AI is about to give the same answer a third time. Either way another AI
 * answer would be a loop.
 */

/** What the AI last said, as the conversation's state keeps it. */
export interface LastAiReply {
  intent: string | null;
  /** The reply's first words, to quote. */
  opening: string;
  /** How many replies in a row were exactly this text (1: said once). */
  times: number;
}

export interface RepetitionInput {
  /** The customer's recent messages, oldest first, the one being answered last. */
  turns: CustomerTurns;
  /** The intent the brain read in the latest message. */
  intent: string;
  lastAiReply: LastAiReply | null;
  /** The AI had asked for a detail: an answer to it repeats the request's intent on purpose. */
  awaitingDetail: boolean;
}

/** Turns that carry no request: asking them again is no sign of a failed answer ("thanks" … "thanks!"). */
const NO_REQUEST = new Set([UNKNOWN_INTENT, 'greeting', 'thanks', 'goodbye', 'affirm', 'deny', 'smalltalk', 'human_request']);

/** Beyond the search's filler words (contentTerms), the words of saying it again: "I said where is my order". */
const SAYING_AGAIN = new Set(['said', 'say', 'saying', 'ask', 'asked', 'asking', 'told', 'tell', 'repeat', 'repeating', 'again', 'once']);

/** A message as this detector reads it: its content words, and the words saying the AI's answer missed. */
interface Reading {
  words: ReadonlySet<string>;
  missed: string | undefined;
}

const readings = new MessageMemo<Reading>();

/** The content words as the knowledge search reads them (filler dropped, forms stemmed: "refunds" meets "refund"). */
function readMessage(text: string): Reading {
  const words = new Set(contentTerms(text).filter((term) => !SAYING_AGAIN.has(term)));
  return { words, missed: ANSWER_MISSED.exec(text)?.[0] };
}

const read = (text: string) => readings.get(text, readMessage);

/** Shared words over all the words of both (Jaccard): "where is my order??" and "I said where is my order" share all. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Messages of more words than this are stories, not requests to compare. */
const MAX_WORDS = 40;

/**
 * The customer saying the AI's answer missed: "that doesn't answer it", "not what I asked", "I mean the return, not the
 * order", "same answer again", "for the third time", "you keep sending me the FAQ".
 */
const ANSWER_MISSED =
  /\b(?:(?:you|u) (?:didn'?t|did not|haven'?t|have not|never) (?:answer|answered|read|listen)|(?:that|this|it) (?:doesn'?t|does not|didn'?t|did not) (?:answer|help|explain)|(?:that'?s|that is|this is|it'?s) not (?:what i (?:asked|meant|said|wanted)|why|it|the (?:question|answer|point))|not what i (?:asked|meant|said)|i (?:asked|said) (?:if|whether|about|for|why|how|when|what)|i mean(?:t)? (?:the|my)\b[^.!?]{0,30}\bnot\b|same (?:answer|reply|response|thing) (?:again|as before|every time)|(?:for|the) (?:second|third|fourth|2nd|3rd|4th|\d+th) time|(?:asked|told you) (?:\d+|two|three|four|several|multiple|many) times|(?:you|u) keep (?:telling|sending|saying|giving|repeating|pointing)|read (?:my|the) (?:question|message)|answer (?:the|my) (?:question|message))\b/i;

export function detectRepetition(input: RepetitionInput): SignalResult {
  const { turns, lastAiReply } = input;
  const latestText = turns.at(-1);
  if (lastAiReply && latestText !== undefined) {
    const { missed } = read(latestText);
    if (missed !== undefined) return { score: 0.8, evidence: [missed] };
  }
  if (lastAiReply && lastAiReply.times >= 2 && !NO_REQUEST.has(input.intent)) {
    return { score: 1, evidence: [`the assistant gave the same answer ${lastAiReply.times} times: "${clip(lastAiReply.opening)}"`] };
  }
  if (turns.length < 2 || input.awaitingDetail || NO_REQUEST.has(input.intent)) return NO_SIGNAL;
  const latest = turns.at(-1)!;
  const latestWords = read(latest).words;
  if (latestWords.size === 0 || latestWords.size > MAX_WORDS) return NO_SIGNAL;
  // the customer's last two messages before this one: an AI answer came after each
  for (let i = turns.length - 2; i >= Math.max(0, turns.length - 3); i--) {
    const earlier = turns[i]!;
    const earlierWords = read(earlier).words;
    if (earlierWords.size > MAX_WORDS) continue;
    const shared = overlap(latestWords, earlierWords);
    if (shared >= 0.75) return { score: 0.9, evidence: [latest, `asked before: ${earlier}`] };
    // the same request in other words, right after the AI answered it
    if (i === turns.length - 2 && shared >= 0.3 && lastAiReply?.intent === input.intent) {
      return { score: 0.7, evidence: [latest, `asked before: ${earlier}`] };
    }
  }
  return NO_SIGNAL;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
