// @ts-expect-error -- node-nlp ships no type declarations; the part used here is typed below.
import { NlpManager as UntypedNlpManager } from 'node-nlp';
import { UNKNOWN_INTENT } from '../brain.ts';
import { OUT_OF_SCOPE_UTTERANCES } from './corpus/out-of-scope.ts';

/** Example messages by intent: what an intent model learns from. */
export type IntentCorpus = Readonly<Record<string, readonly string[]>>;

export interface IntentScore {
  intent: string;
  /** 0 to 1. */
  confidence: number;
}

export interface IntentClassification extends IntentScore {
  /** The next likeliest intents, best first (at most three, none with confidence 0): for "did you mean ...?". */
  alternatives: IntentScore[];
}

/**
 * Below this the best guess is not trusted and the message is `unknown`. Chosen on the store corpus: phrasings the
 * model has not seen and gets right score above 0.5 nine times in ten (median 0.96), while off-topic text that shares
 * a word or two with the corpus ("what time is it in Tokyo") mostly stays under 0.3, and text with no known word
 * scores 0.
 */
export const MIN_INTENT_CONFIDENCE = 0.3;

export interface IntentModelOptions {
  /** Off-topic messages, learnt as "none of the intents". Defaults to the shipped list (./corpus/out-of-scope.ts). */
  outOfScope?: readonly string[];
  /** Defaults to {@link MIN_INTENT_CONFIDENCE}. */
  minConfidence?: number;
}

const LOCALE = 'en';
/** node-nlp's name for "none of the intents". */
const NONE = 'None';
/**
 * Training stops after this many passes over the corpus, or once the mean squared error reaches the goal below,
 * whichever comes first (node-nlp's defaults: 20,000 passes, 0.00005, and a plateau test that stops the shipped
 * corpus after about 90 passes). Stopping early keeps training at start well under a second, and on phrasings the
 * model has not seen it does as well or better: the weights stay smaller, so no single word the corpus happened to
 * pair with an intent decides a message on its own. A corpus of thousands of messages reaches the error goal first;
 * a goal much looser than this one (0.0005) leaves such a model short of confidence.
 */
const MAX_TRAINING_EPOCHS = 40;
const TRAINING_ERROR_GOAL = 0.0002;
const MAX_ALTERNATIVES = 3;
/**
 * node-nlp's tokenizer and classifier cache every text they prepare, for an hour, without bound. classifySync goes
 * round both, but training and classifyThroughNodeNlp fill them, and its stemmer caches every word: all are cleared
 * this often.
 */
const CLEAR_CACHES_EVERY = 10_000;

// ---- the part of node-nlp used here ---------------------------------------------------------------------------------

type Scores = Record<string, number>;
type Ranking = { intent: string; score: number }[];

/** node-nlp's classifier for one domain: a bag of stems in, one output per intent (a ReLU perceptron each). */
interface NeuralNlu {
  cache?: { results: Record<string, unknown> };
  /** The stems each intent was trained with. */
  intentFeatures: Record<string, Scores>;
  textToFeatures(input: { tokens: Scores; settings: Record<string, unknown> }): { tokens: Scores };
  neuralNetwork: { run(features: Scores): Scores | undefined };
}

interface DomainManager {
  domains: Record<string, NeuralNlu>;
}

interface NlpManager {
  container: { get(name: string): unknown };
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  nlp: {
    classify(locale: string, utterance: string): Promise<{ intent: string; classifications: Ranking }>;
    nluManager: { domainManagers: Record<string, DomainManager> };
  };
}

interface TextPipeline {
  normalizer: { normalize(text: string): string };
  /** tokenize() is innerTokenize() behind a per-text cache that would keep every message for an hour. */
  tokenizer: { cache?: unknown; innerTokenize(text: string): string[] };
  /** Keeps each word's stem: bounded by the vocabulary customers use, but typos grow it, so it is cleared too. */
  stemmer: { cache?: Record<string, string>; stem(tokens: string[]): string[] };
}

const NlpManager = UntypedNlpManager as new (settings: Record<string, unknown>) => NlpManager;

// ---- the model ------------------------------------------------------------------------------------------------------

/**
 * Details that vary from message to message (emails, order numbers, amounts) become one placeholder word each, in
 * training and in classifying alike: so "order 5561234" and "order #100234" read the same, and a number the model has
 * never seen does not count as an unknown word.
 */
function maskDetails(text: string): string {
  return text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' emailaddress ').replace(/#?\d+(?:[.,:]\d+)*/g, ' number ');
}

/**
 * An intent classifier for customer messages: node-nlp's bag-of-stems neural classifier, trained in-process from an
 * {@link IntentCorpus}, with node-nlp's named-entity recognition and sentiment off (they would cost milliseconds a
 * message; entities come from ./entities.ts instead). Training starts from zero weights and reads the corpus in order,
 * so the same corpus always gives the same model.
 *
 * A message's confidence is node-nlp's score for the intent (its share against the other intents and 'None') times
 * how strongly the message activates that intent at all (the intent's raw output, trained towards 1, capped at 1).
 * The share alone says nothing about fit: a message that weakly touches one intent and no other gets a share of 1.
 *
 * Classifying is synchronous underneath (`classifySync`; `classify` wraps it in a promise): it runs node-nlp's own
 * classification steps (normalise, tokenise, stem, features, network, node-nlp's filtering and normalisation) on the
 * trained model, without node-nlp's promise-based pipeline and its per-call overhead. `classifyThroughNodeNlp` takes
 * that pipeline and must give the same answers; the tests hold the two together, so a node-nlp upgrade that changes
 * its steps is caught there.
 */
export class IntentModel {
  private classifiedSinceCachesCleared = 0;

  private constructor(
    private readonly manager: NlpManager,
    private readonly text: TextPipeline,
    private readonly nlu: NeuralNlu,
    /** The intents the model knows, in corpus order. */
    readonly intents: readonly string[],
    private readonly minConfidence: number,
  ) {}

  static async train(corpus: IntentCorpus, options: IntentModelOptions = {}): Promise<IntentModel> {
    const manager = new NlpManager({
      languages: [LOCALE],
      forceNER: false,
      ner: { builtins: [] },
      calculateSentiment: false,
      autoLoad: false,
      autoSave: false,
      // Without log: false node-nlp prints every training epoch.
      nlu: { [LOCALE]: { default: { className: 'NeuralNlu', log: false, errorThresh: TRAINING_ERROR_GOAL, iterations: MAX_TRAINING_EPOCHS } } },
    });
    const intents = Object.keys(corpus);
    for (const intent of intents) {
      if (intent === UNKNOWN_INTENT || intent === NONE) throw new Error(`the corpus may not define the intent "${intent}"`);
      for (const utterance of corpus[intent] ?? []) manager.addDocument(LOCALE, maskDetails(utterance), intent);
    }
    for (const utterance of options.outOfScope ?? OUT_OF_SCOPE_UTTERANCES) manager.addDocument(LOCALE, maskDetails(utterance), NONE);
    await manager.train();

    const domain = manager.nlp.nluManager.domainManagers[LOCALE];
    const nlu = domain && Object.values(domain.domains)[0];
    const text = {
      normalizer: manager.container.get(`normalizer-${LOCALE}`),
      tokenizer: manager.container.get(`tokenizer-${LOCALE}`),
      stemmer: manager.container.get(`stemmer-${LOCALE}`),
    } as TextPipeline;
    if (!domain || !nlu?.neuralNetwork || !text.normalizer || !text.tokenizer || !text.stemmer) {
      throw new Error('node-nlp did not build the expected classifier (has its version changed?)');
    }
    return new IntentModel(manager, text, nlu, intents, options.minConfidence ?? MIN_INTENT_CONFIDENCE);
  }

  /** The message's intent, or `unknown` (confidence 0) when the model has no confident guess. */
  async classify(text: string): Promise<IntentClassification> {
    return this.classifySync(text);
  }

  /** {@link classify} without the promise: the work is synchronous, microseconds. */
  classifySync(text: string): IntentClassification {
    this.clearCachesNowAndThen();
    const features = this.features(this.stems(maskDetails(text)));
    const outputs = this.rawOutputs(features);
    return this.decide(this.rank(features, outputs), outputs);
  }

  /** The same as {@link classify}, through node-nlp's own asynchronous pipeline: slower, kept to check classifySync. */
  async classifyThroughNodeNlp(text: string): Promise<IntentClassification> {
    const masked = maskDetails(text);
    const result = await this.manager.nlp.classify(LOCALE, masked);
    const ranking = result.intent === NONE ? [{ intent: NONE, score: 1 }, ...result.classifications] : result.classifications;
    return this.decide(ranking, this.rawOutputs(this.features(this.stems(masked))));
  }

  /** Confidence (share times activation), best first, cut at the threshold. */
  private decide(ranking: Ranking, activation: Scores): IntentClassification {
    const scores = ranking
      .filter((c) => c.intent !== NONE && c.score > 0)
      .map((c) => ({ intent: c.intent, confidence: c.score * Math.min(1, activation[c.intent] ?? 0) }))
      .filter((s) => s.confidence > 0)
      .sort((a, b) => b.confidence - a.confidence || a.intent.localeCompare(b.intent));
    const best = scores[0];
    if (ranking[0]?.intent === NONE || !best || best.confidence < this.minConfidence) {
      return { intent: UNKNOWN_INTENT, confidence: 0, alternatives: scores.slice(0, MAX_ALTERNATIVES) };
    }
    return { intent: best.intent, confidence: best.confidence, alternatives: scores.slice(1, MAX_ALTERNATIVES + 1) };
  }

  /** node-nlp's text preparation (normalise, tokenise, stem; stop words kept), as a set of stems. */
  private stems(masked: string): Scores {
    const { normalizer, tokenizer, stemmer } = this.text;
    const tokens = tokenizer.innerTokenize(normalizer.normalize(masked)).filter((token) => token);
    const stems: Scores = {};
    for (const stem of stemmer.stem(tokens)) stems[stem] = 1;
    return stems;
  }

  /** Intents with node-nlp's scores, best first; led by 'None' when node-nlp would answer 'None'. */
  private rank(features: Scores, outputs: Scores): Ranking {
    let ranking: Ranking = Object.entries(outputs)
      .filter(([, score]) => score > 0)
      .map(([intent, score]) => ({ intent, score }));
    // An intent none of whose training words is in the message does not count, whatever the network says.
    const featureNames = Object.keys(features);
    for (const entry of ranking) {
      const trained = this.nlu.intentFeatures[entry.intent];
      if (entry.intent !== NONE && !featureNames.some((name) => trained?.[name])) entry.score = 0;
    }
    const total = ranking.reduce((sum, entry) => sum + entry.score ** 2, 0);
    ranking = ranking.map((entry) => ({ intent: entry.intent, score: total > 0 ? entry.score ** 2 / total : entry.score }));
    ranking.sort((a, b) => b.score - a.score);
    const [first, second] = ranking;
    if (!first || first.score === 0 || (second && second.score === first.score)) return [{ intent: NONE, score: 1 }, ...ranking];
    return ranking;
  }

  /** Each intent's output before node-nlp normalises them against each other. */
  private rawOutputs(features: Scores): Scores {
    // run() returns one object it reuses for every call: copied before the next call can change it.
    return { ...this.nlu.neuralNetwork.run(features) };
  }

  /** The stems the model knows, plus node-nlp's 'nonefeature' that grows with the number of unknown words. */
  private features(stems: Scores): Scores {
    return this.nlu.textToFeatures({ tokens: { ...stems }, settings: { useNoneFeature: true } }).tokens;
  }

  private clearCachesNowAndThen(): void {
    if (++this.classifiedSinceCachesCleared < CLEAR_CACHES_EVERY) return;
    this.classifiedSinceCachesCleared = 0;
    this.text.tokenizer.cache = undefined;
    this.text.stemmer.cache = {};
    if (this.nlu.cache) this.nlu.cache.results = {};
  }
}
