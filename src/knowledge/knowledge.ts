/** A help-centre article: what the AI grounds its answers in, and cites. */
export interface Article {
  id: string;
  title: string;
  /** Markdown. */
  body: string;
  /** Words customers use for it that the title and body may not contain. */
  tags: string[];
  updatedAt?: string;
}

export interface KnowledgeHit {
  article: Article;
  /** Relevance, higher is better; comparable within one search only. */
  score: number;
  /** How sure the search is that this article answers the query, 0 to 1; the AI says it is not sure below a threshold. */
  confidence: number;
}

/** Search over the articles, kept current as articles are imported or edited. */
export interface KnowledgeSearch {
  search(query: string, limit?: number): KnowledgeHit[];
}

/** Limits on an article, the same for files, the CLI and the API. */
export const ARTICLE_LIMITS = {
  idLength: 100,
  titleLength: 200,
  bodyBytes: 32 * 1024,
  tags: 40,
  tagLength: 60,
} as const;

/** Ids are slugs: they go in URLs and citations. */
export const ARTICLE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug for an id made from a title or a file name: "Can I change my order?" → "can-i-change-my-order". */
export function articleSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, ARTICLE_LIMITS.idLength)
    .replace(/^-+|-+$/g, '');
}

/** What is wrong with an article read from outside (a file, a request), or undefined when nothing is. */
export function articleProblem(article: Pick<Article, 'id' | 'title' | 'body' | 'tags'>): string | undefined {
  if (!ARTICLE_ID_PATTERN.test(article.id) || article.id.length > ARTICLE_LIMITS.idLength) {
    return `id "${article.id}" must be lower-case letters, digits and single dashes, at most ${ARTICLE_LIMITS.idLength} characters`;
  }
  if (article.title.trim() === '') return 'the title is empty';
  if (article.title.length > ARTICLE_LIMITS.titleLength) return `the title is over ${ARTICLE_LIMITS.titleLength} characters`;
  if (article.body.trim() === '') return 'the body is empty';
  if (Buffer.byteLength(article.body, 'utf8') > ARTICLE_LIMITS.bodyBytes) return `the body is over ${ARTICLE_LIMITS.bodyBytes / 1024} KB`;
  if (article.tags.length > ARTICLE_LIMITS.tags) return `more than ${ARTICLE_LIMITS.tags} tags`;
  const longTag = article.tags.find((tag) => tag.length > ARTICLE_LIMITS.tagLength);
  if (longTag !== undefined) return `tag "${longTag.slice(0, 20)}…" is over ${ARTICLE_LIMITS.tagLength} characters`;
  return undefined;
}
