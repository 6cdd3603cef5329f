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
const fuzziness = (term: string) => (term.length >= MIN_FUZZY_LENGTH ? FUZZINESS : false);

/**
 * A question whose most specific word is in most articles ("order") points at none of them. Above this share of the
 * articles (counted as at least 10, so a small help centre does not make every word common) confidence drops.
 */
const COMMON_SHARE = 0.5;

/** Full-text search over articles with MiniSearch, kept live by upsert and remove. */
export class MiniSearchKnowledge implements KnowledgeSearch {
  private readonly articles = new Map<string, Article>();
  private readonly index = new MiniSearch<{ id: string; title: string; tags: string; body: string }>({
    fields: ['title', 'tags', 'body'],
    tokenize,
    processTerm: searchTerm,
    searchOptions: {
      boost: { title: 2, tags: 2 },
      fuzzy: fuzziness,
      weights: { fuzzy: 0.6, prefix: 0.4 },
      // Prefixes of one or two letters match half the index.
      prefix: (term) => term.length >= 3,
      combineWith: 'OR',
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
    if (this.index.has(article.id)) this.index.discard(article.id);
    this.index.add({ id: article.id, title: article.title, tags: article.tags.join(' '), body: article.body });
    this.articles.set(article.id, article);
  }

  remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
    this.articles.delete(id);
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
    const results = this.index.search(query);
    const top = results[0];
    if (!top) return [];
    const runnerUp = results[1]?.score ?? 0;
    const lead = Math.min(1, (1 - runnerUp / top.score) / CLEAR_LEAD);
    const articlesWith = (term: string) => results.filter((r) => r.queryTerms.includes(term)).length;
    const specific = specificity(terms, top, articlesWith, Math.max(this.articles.size, 10));
    let ceiling = 1;
    return results.slice(0, limit).map((result, rank) => {
      const covered = coverage(terms, result);
      // Coverage is squared: a question half of whose words an article does not know is not answered by it. A tie
      // with the runner-up leaves the top article at 0.3: either may answer, so neither is sure.
      const standing = rank === 0 ? (0.3 + 0.7 * lead) * specific : 0.3 * (result.score / top.score);
      // The ranking is the search's judgement; a lower-ranked article is never more trusted than one above it.
      ceiling = Math.min(ceiling, covered * covered * standing);
      return { article: this.articles.get(result.id as string)!, score: result.score, confidence: round(ceiling) };
    });
  }
}

/** 1 when the rarest query term the top article matched is in at most half the articles, down to 0.4 when in all. */
function specificity(terms: string[], top: SearchResult, articlesWith: (term: string) => number, articles: number): number {
  const shares = terms.filter((term) => top.queryTerms.includes(term)).map((term) => articlesWith(term) / articles);
  const rarest = Math.min(...shares);
  return 1 - 0.6 * Math.min(1, Math.max(0, (rarest - COMMON_SHARE) / (1 - COMMON_SHARE)));
}

/** The share of the query's content terms an article matched, each weighted by how well it matched. */
function coverage(queryTerms: string[], result: SearchResult): number {
  let sum = 0;
  for (const term of queryTerms) {
    if (!result.queryTerms.includes(term)) continue;
    let best = 0;
    for (const matched of result.terms) best = Math.max(best, matchQuality(term, matched));
    sum += best;
  }
  return sum / queryTerms.length;
}

function matchQuality(queryTerm: string, articleTerm: string): number {
  if (queryTerm === articleTerm) return EXACT_MATCH;
  if (queryTerm.length >= 3 && articleTerm.startsWith(queryTerm)) return PREFIX_MATCH;
  if (queryTerm.length < MIN_FUZZY_LENGTH) return 0;
  const allowed = Math.round(queryTerm.length * FUZZINESS);
  return editDistance(queryTerm, articleTerm, allowed) <= allowed ? FUZZY_MATCH : 0;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed max. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
