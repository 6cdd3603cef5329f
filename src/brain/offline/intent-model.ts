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
 * round both, but training and classifyThroughNodeNlp fill them, and its stemmer caches every word it stems: all are
 * cleared this often.
 */
const CLEAR_CACHES_EVERY = 10_000;
/**
 * classifySync remembers what each word it has seen means to the model. Customers' vocabulary is a few thousand
 * words, but typos and made-up words have no end: past this many the memory starts again.
 */
const MAX_REMEMBERED_WORDS = 20_000;

// ---- the part of node-nlp used here ---------------------------------------------------------------------------------

type Scores = Record<string, number>;
type Ranking = { intent: string; score: number }[];

/** node-nlp's name for its input that grows with the number of unknown words in a message. */
const NONE_FEATURE = 'nonefeature';

/** node-nlp's trained network as it saves it: for each intent (an output), one weight per feature, then the bias. */
interface SavedNetwork {
  features: string[];
  intents: string[];
  perceptrons: number[][];
}

/** node-nlp's classifier for one domain: a bag of stems in, one output per intent (a ReLU perceptron each). */
interface NeuralNlu {
  cache?: { results: Record<string, unknown> };
  /** The stems each intent was trained with. */
  intentFeatures: Record<string, Scores>;
  textToFeatures(input: { tokens: Scores; settings: Record<string, unknown> }): { tokens: Scores };
  neuralNetwork: {
    run(features: Scores): Scores | undefined;
    toJSON(): SavedNetwork;
    /** alpha: the slope of the outputs' ReLU. */
    settings: { alpha: number };
  };
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
  // The email pattern is slow to fail on long text, and there is no email without an '@'.
  const withoutEmails = text.includes('@') ? text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' emailaddress ') : text;
  return withoutEmails.replace(/#?\d+(?:[.,:]\d+)*/g, ' number ');
}

/** What decide() works from: the intents' confidences (all above 0, 'None' left out, any order). */
interface Confidences {
  /** node-nlp would answer 'None': the model has no guess, whatever the confidences. */
  noneFirst: boolean;
  scores: IntentScore[];
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
 * Three ways to classify, with the same answers; the tests hold them together, so a node-nlp upgrade that changes
 * its steps is caught there:
 * - `classifySync` (and `classify`, which wraps it in a promise), the one to use: the trained network compiled into
 *   arrays ({@link CompiledNetwork}), microseconds a message.
 * - `classifyStepByStep`: node-nlp's classification steps (normalise, tokenise, stem, features, network, node-nlp's
 *   filtering and normalisation) called one by one on the trained model. What the compiled network must equal.
 * - `classifyThroughNodeNlp`: node-nlp's own promise-based pipeline, slower still.
 */
export class IntentModel {
  private classifiedSinceCachesCleared = 0;

  private constructor(
    private readonly manager: NlpManager,
    private readonly text: TextPipeline,
    private readonly nlu: NeuralNlu,
    private readonly compiled: CompiledNetwork,
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
    const compiled = new CompiledNetwork(text, nlu);
    return new IntentModel(manager, text, nlu, compiled, intents, options.minConfidence ?? MIN_INTENT_CONFIDENCE);
  }

  /** The message's intent, or `unknown` (confidence 0) when the model has no confident guess. */
  async classify(text: string): Promise<IntentClassification> {
    return this.classifySync(text);
  }

  /** {@link classify} without the promise: the work is synchronous, microseconds. */
  classifySync(text: string): IntentClassification {
    this.clearCachesNowAndThen();
    const confidences = this.compiled.classify(maskDetails(text));
    // The compiled network leaves the odd message it cannot answer exactly as node-nlp would to node-nlp's steps.
    return confidences ? this.decide(confidences) : this.classifyStepByStep(text);
  }

  /**
   * The same as {@link classify}, with node-nlp's classification steps called one by one: slower, kept to check
   * classifySync and to take the messages it leaves.
   */
  classifyStepByStep(text: string): IntentClassification {
    const features = this.features(this.stems(maskDetails(text)));
    const outputs = this.rawOutputs(features);
    return this.decide(confidences(this.rank(features, outputs), outputs));
  }

  /** The same as {@link classify}, through node-nlp's own asynchronous pipeline: slower still, kept to check the others. */
  async classifyThroughNodeNlp(text: string): Promise<IntentClassification> {
    const masked = maskDetails(text);
    const result = await this.manager.nlp.classify(LOCALE, masked);
    const ranking = result.intent === NONE ? [{ intent: NONE, score: 1 }, ...result.classifications] : result.classifications;
    return this.decide(confidences(ranking, this.rawOutputs(this.features(this.stems(masked)))));
  }

  /** Best first, cut at the threshold. */
  private decide({ noneFirst, scores }: Confidences): IntentClassification {
    scores.sort((a, b) => b.confidence - a.confidence || a.intent.localeCompare(b.intent));
    const best = scores[0];
    if (noneFirst || !best || best.confidence < this.minConfidence) {
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

/** Confidence: node-nlp's score (the intent's share) times the intent's activation (its raw output, capped at 1). */
function confidences(ranking: Ranking, activation: Scores): Confidences {
  const scores = ranking
    .filter((c) => c.intent !== NONE && c.score > 0)
    .map((c) => ({ intent: c.intent, confidence: c.score * Math.min(1, activation[c.intent] ?? 0) }))
    .filter((s) => s.confidence > 0);
  return { noneFirst: ranking[0]?.intent === NONE, scores };
}

// ---- the network compiled for classifySync --------------------------------------------------------------------------

/** A word that adds no feature: one the model does not know (see wordRow), or one node-nlp's stemmer drops. */
const NO_FEATURE = -1;
/**
 * A word node-nlp's plain-object lookups misread ("constructor" is found on every object, so node-nlp takes it for
 * a known stem and its network answers NaN): a message with one is left to classifyStepByStep, to answer as node-nlp.
 */
const STEP_BY_STEP = -2;

/**
 * node-nlp's trained network laid out in arrays, with node-nlp's answers at a fraction of the cost: each word's
 * stem and feature are worked out once (by node-nlp's own stemmer and textToFeatures) and remembered, and the outputs
 * are sums of the weight rows of the features present, without the objects node-nlp builds for every message. The
 * sums add the same numbers in node-nlp's order (the bias, then the features in the order the message first uses
 * them), so they come out the same to the last bit, and the ranking below is node-nlp's filterNonActivated and
 * normalizeClassifications step for step.
 *
 * Relies on node-nlp internals beyond the classification steps: the network's saved form (toJSON), its ReLU slope
 * (settings.alpha) and the classifier's intentFeatures. The tests compare classifySync with classifyStepByStep and
 * with node-nlp's own pipeline over thousands of messages, so a node-nlp change there is caught.
 */
class CompiledNetwork {
  /** By word as the tokenizer gives it: its feature's row, NO_FEATURE or STEP_BY_STEP. */
  private readonly rowOfWord = new Map<string, number>();
  private readonly rowOfFeature = new Map<string, number>();
  private readonly outputNames: readonly string[];
  private readonly noneOutput: number;
  private readonly alpha: number;
  /** Row by feature, column by output: the weight of the feature in the output. */
  private readonly weights: Float64Array;
  private readonly biases: Float64Array;
  /** Row by feature, a bit by output (32 to a chunk): set where the output's intent was trained with the feature. */
  private readonly trainedWith: Int32Array;
  private readonly chunksPerRow: number;
  /** Whether unknown words change the outputs: only if the network was trained with node-nlp's none feature. */
  private readonly countsUnknownWords: boolean;

  // Working space for one message, reused.
  private readonly messageRows: Int32Array;
  /** seenIn[row] === message when the current message has already taken that feature. */
  private readonly seenIn: Uint32Array;
  private message = 0;
  private readonly outputs: Float64Array;
  /** Like a row of trainedWith: the outputs whose intent was trained with a feature of the message. */
  private readonly activated: Int32Array;

  constructor(
    private readonly text: TextPipeline,
    private readonly nlu: NeuralNlu,
  ) {
    const saved = nlu.neuralNetwork.toJSON();
    const features = saved.features;
    const outputs = saved.intents;
    this.outputNames = outputs;
    this.noneOutput = outputs.indexOf(NONE);
    this.alpha = nlu.neuralNetwork.settings.alpha;
    this.weights = new Float64Array(features.length * outputs.length);
    this.biases = new Float64Array(outputs.length);
    this.chunksPerRow = Math.ceil(outputs.length / 32);
    this.trainedWith = new Int32Array(features.length * this.chunksPerRow);
    for (let o = 0; o < outputs.length; o++) {
      const perceptron = saved.perceptrons[o];
      if (perceptron?.length !== features.length + 1) {
        throw new Error('node-nlp saved its network in an unexpected form (has its version changed?)');
      }
      this.biases[o] = perceptron[features.length]!;
      const trained = nlu.intentFeatures[outputs[o]!];
      for (let f = 0; f < features.length; f++) {
        this.weights[f * outputs.length + o] = perceptron[f]!;
        // Truthiness, as node-nlp tests it.
        const chunk = f * this.chunksPerRow + (o >>> 5);
        if (trained?.[features[f]!]) this.trainedWith[chunk] = this.trainedWith[chunk]! | (1 << (o & 31));
      }
    }
    features.forEach((feature, row) => this.rowOfFeature.set(feature, row));
    this.countsUnknownWords = this.rowOfFeature.has(NONE_FEATURE);
    this.messageRows = new Int32Array(features.length);
    this.seenIn = new Uint32Array(features.length);
    this.outputs = new Float64Array(outputs.length);
    this.activated = new Int32Array(this.chunksPerRow);
  }

  /** The confidences of node-nlp's answer for a masked message, or undefined when it must go step by step. */
  classify(masked: string): Confidences | undefined {
    const rows = this.messageRows;
    let count = 0;
    const message = this.nextMessage();
    for (const word of this.text.tokenizer.innerTokenize(this.text.normalizer.normalize(masked))) {
      if (!word) continue;
      const row = this.rowOfWord.get(word) ?? this.learn(word);
      if (row === STEP_BY_STEP) return undefined;
      if (row === NO_FEATURE || this.seenIn[row] === message) continue;
      this.seenIn[row] = message;
      rows[count++] = row;
    }

    // node-nlp's network: bias plus the weights of the features present, through a ReLU.
    const { weights, trainedWith, chunksPerRow, outputs, activated, alpha } = this;
    const width = outputs.length;
    outputs.set(this.biases);
    activated.fill(0);
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      const base = row * width;
      for (let o = 0; o < width; o++) outputs[o] = outputs[o]! + weights[base + o]!;
      for (let c = 0; c < chunksPerRow; c++) activated[c] = activated[c]! | trainedWith[row * chunksPerRow + c]!;
    }
    for (let o = 0; o < width; o++) outputs[o] = outputs[o]! <= 0 ? 0 : alpha * outputs[o]!;

    // node-nlp's ranking: of the outputs above 0, an intent none of whose training stems is in the message scores 0;
    // the scores are squared and shared out; a tie for first place, or nothing above 0, is 'None'.
    let total = 0;
    for (let o = 0; o < width; o++) {
      if (outputs[o]! > 0 && this.counts(o)) total += outputs[o]! ** 2;
    }
    const scores: IntentScore[] = [];
    let ranked = 0;
    let first = -1;
    let second = -1;
    let best = -1;
    for (let o = 0; o < width; o++) {
      const output = outputs[o]!;
      if (!(output > 0)) continue;
      const score = this.counts(o) ? output : 0;
      const share = total > 0 ? score ** 2 / total : score;
      ranked++;
      if (share > first) {
        second = first;
        first = share;
        best = o;
      } else if (share > second) second = share;
      if (o === this.noneOutput || !(share > 0)) continue;
      const confidence = share * Math.min(1, output);
      if (confidence > 0) scores.push({ intent: this.outputNames[o]!, confidence });
    }
    const noneFirst = ranked === 0 || first === 0 || (ranked > 1 && second === first) || best === this.noneOutput;
    return { noneFirst, scores };
  }

  /** Whether the output's score stands: 'None' always, an intent if the message has one of its training stems. */
  private counts(output: number): boolean {
    return output === this.noneOutput || ((this.activated[output >>> 5]! >>> (output & 31)) & 1) === 1;
  }

  private nextMessage(): number {
    if (++this.message === 0xffffffff) {
      this.seenIn.fill(0);
      this.message = 1;
    }
    return this.message;
  }

  private learn(word: string): number {
    if (this.rowOfWord.size >= MAX_REMEMBERED_WORDS) this.rowOfWord.clear();
    const row = this.wordRow(word);
    this.rowOfWord.set(word, row);
    return row;
  }

  /** What node-nlp makes of a word: its stemmer's stem, kept by textToFeatures if the model knows it. */
  private wordRow(word: string): number {
    const [stem] = this.text.stemmer.stem([word]);
    if (stem === undefined) return NO_FEATURE;
    const features = this.nlu.textToFeatures({ tokens: { [stem]: 1 }, settings: { useNoneFeature: true } }).tokens;
    if (Object.hasOwn(features, stem)) return this.rowOfFeature.get(stem) ?? STEP_BY_STEP;
    // An unknown word only adds to node-nlp's none feature, which this model's network (trained without it) ignores.
    // Were it trained with it, a message's unknown words would all count together: left to node-nlp's steps.
    return features[NONE_FEATURE] !== undefined && this.countsUnknownWords ? STEP_BY_STEP : NO_FEATURE;
  }
}
