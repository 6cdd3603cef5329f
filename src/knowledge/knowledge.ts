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
