import MiniSearch, { type SearchResult } from 'minisearch';
import type { Article, KnowledgeHit, KnowledgeSearch } from './knowledge.ts';
import { contentTerms, searchTerm, tokenize } from './search-terms.ts';

/** Below this confidence the top article does not answer the question, and the AI should say it is not sure. */
export const GROUNDED_CONFIDENCE = 0.35;

/** How much a query term counts as covered when it matched an article term exactly, as a prefix, or with a typo. */
const EXACT_MATCH = 1;
const PREFIX_MATCH = 0.85;
const FUZZY_MATCH = 0.7;

/** The lead over the runner-up (1 - runner-up score / top score) at which the top article clearly wins. */
const CLEAR_LEAD = 0.4;

/** Typos allowed: a fifth of a word's letters, rounded, in terms of four letters or more. */
const FUZZINESS = 0.2;
/** In three-letter terms one edit makes another word ("red" → "bed", "fee" → "fed"), not a typo. */
const MIN_FUZZY_LENGTH = 4;
/** Prefixes of one or two letters match half the index. */
const MIN_PREFIX_LENGTH = 3;

/**
 * A question whose most specific word is in most articles ("order") points at none of them. Above this share of the
 * articles (counted as at least 10, so a small help centre does not make every word common) confidence drops.
 */
const COMMON_SHARE = 0.5;

/**
 * How many term matches are remembered, a term counting as one more than its matches: some MB at most, and room for
 * the few thousand words customers ask with.
 */
const REMEMBERED_MATCHES = 100_000;

type IndexedArticle = { id: string; title: string; tags: string; body: string };

/** An article that matched one query term: its MiniSearch score for the term, and how well it matched. */
interface TermMatch {
  id: string;
  score: number;
  quality: number;
}

/** An article that matched some of a question's terms. */
interface Candidate {
  id: string;
  score: number;
  /** How many of the question's terms it matched. */
  terms: number;
  /** The sum of their match qualities. */
  covered: number;
  /** How many articles the rarest of them matched. */
  rarest: number;
}

/** Full-text search over articles with MiniSearch, kept live by upsert and remove. */
export class MiniSearchKnowledge implements KnowledgeSearch {
  private readonly articles = new Map<string, Article>();
  private readonly vocabulary = new Vocabulary();
  /** Each query term's matches until the articles change: the same words come back question after question. */
  private readonly termMatches = new Map<string, TermMatch[]>();
  private rememberedMatches = 0;
  private readonly index = new MiniSearch<IndexedArticle>({
    fields: ['title', 'tags', 'body'],
    tokenize,
    processTerm: searchTerm,
    searchOptions: {
      // The index is searched one query term at a time, already processed.
      tokenize: (term) => [term],
      processTerm: (term) => term,
      boost: { title: 2, tags: 2 },
      // A word the articles contain is not a typo ("ship" is one edit from "shop"), so only unknown words are looked
      // up fuzzily; a fuzzy lookup is also what costs most in searching a word.
      fuzzy: (term) => !this.vocabulary.has(term) && term.length >= MIN_FUZZY_LENGTH && FUZZINESS,
      weights: { fuzzy: 0.6, prefix: 0.4 },
      prefix: (term) => term.length >= MIN_PREFIX_LENGTH,
    },
  });

  constructor(articles: Iterable<Article> = []) {
    for (const article of articles) this.upsert(article);
  }

  get size(): number {
    return this.articles.size;
  }

  get(id: string): Article | undefined {
    return this.articles.get(id);
  }

  upsert(article: Article): void {
    this.remove(article.id);
    const indexed = indexedArticle(article);
    this.index.add(indexed);
    this.vocabulary.add(indexedTerms(indexed));
    this.articles.set(article.id, article);
    this.forgetTermMatches();
  }

  remove(id: string): void {
    const article = this.articles.get(id);
    if (!article) return;
    this.index.discard(id);
    this.vocabulary.remove(indexedTerms(indexedArticle(article)));
    this.articles.delete(id);
    this.forgetTermMatches();
  }

  /**
   * Articles in order of MiniSearch's score. Confidence = coverage² × standing: coverage is the share of the
   * question's content words the article matched (a typo or prefix counting less than the word itself); standing is
   * how clearly the top article beats the runner-up, lowered when the question's only known words are in most
   * articles.
   */
  search(query: string, limit = 5): KnowledgeHit[] {
    const terms = contentTerms(query);
    if (terms.length === 0) return [];
    const ranked = this.rank(terms);
    const top = ranked[0];
    if (!top) return [];
    const runnerUp = ranked[1]?.score ?? 0;
    const lead = Math.min(1, (1 - runnerUp / top.score) / CLEAR_LEAD);
    const specific = specificity(top.rarest / Math.max(this.articles.size, 10));
    let ceiling = 1;
    return ranked.slice(0, limit).map((candidate, rank) => {
      const covered = candidate.covered / terms.length;
      // Coverage is squared: a question half of whose words an article does not know is not answered by it. A tie
      // with the runner-up leaves the top article at 0.3: either may answer, so neither is sure.
      const standing = rank === 0 ? (0.3 + 0.7 * lead) * specific : 0.3 * (candidate.score / top.score);
      // The ranking is the search's judgement; a lower-ranked article is never more trusted than one above it.
      ceiling = Math.min(ceiling, covered * covered * standing);
      return { article: this.articles.get(candidate.id)!, score: candidate.score, confidence: round(ceiling) };
    });
  }

  /**
   * The articles matching any of the terms, best first, scored as MiniSearch scores an OR query of them: the sum of
   * the terms' scores times the number of terms matched.
   */
  private rank(terms: string[]): Candidate[] {
    const candidates = new Map<string, Candidate>();
    for (const term of terms) {
      const matches = this.matchesOf(term);
      for (const { id, score, quality } of matches) {
        const candidate = candidates.get(id);
        if (candidate) {
          candidate.score += score;
          candidate.terms++;
          candidate.covered += quality;
          candidate.rarest = Math.min(candidate.rarest, matches.length);
        } else {
          candidates.set(id, { id, score, terms: 1, covered: quality, rarest: matches.length });
        }
      }
    }
    const ranked = [...candidates.values()];
    for (const candidate of ranked) candidate.score *= candidate.terms;
    return ranked.sort((a, b) => b.score - a.score);
  }

  /** The articles matching one query term; MiniSearch is asked the first time since the articles changed. */
  private matchesOf(term: string): TermMatch[] {
    const remembered = this.termMatches.get(term);
    if (remembered) return remembered;
    const matches = this.index.search(term).map((result) => ({
      id: result.id as string,
      score: result.score,
      quality: matchQuality(term, result),
    }));
    // Forgetting the oldest first is enough: a common word forgotten is back at its next question.
    for (const [oldest, oldMatches] of this.termMatches) {
      if (this.rememberedMatches + matches.length + 1 <= REMEMBERED_MATCHES) break;
      this.termMatches.delete(oldest);
      this.rememberedMatches -= oldMatches.length + 1;
    }
    this.termMatches.set(term, matches);
    this.rememberedMatches += matches.length + 1;
    return matches;
  }

  private forgetTermMatches(): void {
    this.termMatches.clear();
    this.rememberedMatches = 0;
  }
}

function indexedArticle(article: Article): IndexedArticle {
  return { id: article.id, title: article.title, tags: article.tags.join(' '), body: article.body };
}

/** The terms MiniSearch indexes for an article, each once. */
function indexedTerms(article: IndexedArticle): Set<string> {
  const terms = new Set<string>();
  for (const text of [article.title, article.tags, article.body]) {
    for (const term of contentTerms(text)) terms.add(term);
  }
  return terms;
}

/** The terms in the indexed articles, counted by article, so that a term leaves with the last article holding it. */
class Vocabulary {
  private readonly articlesWith = new Map<string, number>();

  has(term: string): boolean {
    return this.articlesWith.has(term);
  }

  add(terms: Iterable<string>): void {
    for (const term of terms) this.articlesWith.set(term, (this.articlesWith.get(term) ?? 0) + 1);
  }

  remove(terms: Iterable<string>): void {
    for (const term of terms) {
      const count = this.articlesWith.get(term) ?? 0;
      if (count <= 1) this.articlesWith.delete(term);
      else this.articlesWith.set(term, count - 1);
    }
  }
}

/** 1 when the rarest query term the top article matched is in at most half the articles, down to 0.4 when in all. */
function specificity(rarestShare: number): number {
  return 1 - 0.6 * Math.min(1, Math.max(0, (rarestShare - COMMON_SHARE) / (1 - COMMON_SHARE)));
}

/**
 * How well an article matched a query term: the term is in it, or starts a longer word of it (prefix search), or else
 * was found with a typo, the only other way MiniSearch matches.
 */
function matchQuality(term: string, result: SearchResult): number {
  if (Object.hasOwn(result.match, term)) return EXACT_MATCH;
  if (result.terms.some((matched) => matched.startsWith(term))) return PREFIX_MATCH;
  return FUZZY_MATCH;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
