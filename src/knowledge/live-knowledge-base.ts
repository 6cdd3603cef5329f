import type { ArticleStore, ArticleWrite } from '../store/store.ts';
import type { Article, KnowledgeHit, KnowledgeSearch } from './knowledge.ts';
import { MiniSearchKnowledge } from './minisearch-knowledge.ts';

/** How far back a refresh looks before the newest change it has seen, so a writer whose clock lags is not missed. */
const CLOCK_SKEW_MS = 60_000;

/**
 * The articles in the store, searchable in memory. Writes through it reach the store and then the index at once, so
 * an edit answers the very next question; `refresh` picks up what other nodes (or `baton kb import`) wrote.
 */
export class LiveKnowledgeBase implements KnowledgeSearch {
  private newestSeen = '';
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly store: ArticleStore,
    private readonly index: MiniSearchKnowledge,
  ) {}

  /** Loads every article from the store into a new index. */
  static async load(store: ArticleStore): Promise<LiveKnowledgeBase> {
    const base = new LiveKnowledgeBase(store, new MiniSearchKnowledge());
    for (const article of await store.listArticles()) base.indexArticle(article);
    return base;
  }

  get size(): number {
    return this.index.size;
  }

  search(query: string, limit?: number): KnowledgeHit[] {
    return this.index.search(query, limit);
  }

  list(): Promise<Article[]> {
    return this.store.listArticles();
  }

  get(id: string): Promise<Article | undefined> {
    return this.store.getArticle(id);
  }

  /** Creates or replaces the article in the store, then in the index. */
  async save(article: Omit<Article, 'updatedAt'>): Promise<{ article: Article; write: ArticleWrite }> {
    const result = await this.store.upsertArticle(article);
    this.indexArticle(result.article);
    return result;
  }

  /** Creates the article unless its id is taken; undefined when taken. */
  async create(article: Omit<Article, 'updatedAt'>): Promise<Article | undefined> {
    const created = await this.store.createArticle(article);
    if (created) this.indexArticle(created);
    return created;
  }

  /** Indexes the articles written since the newest one seen (by anyone); returns how many changed. */
  async refresh(): Promise<number> {
    const since = this.newestSeen ? new Date(Date.parse(this.newestSeen) - CLOCK_SKEW_MS).toISOString() : undefined;
    let changed = 0;
    for (const article of await this.store.listArticles({ updatedSince: since })) {
      if (this.indexArticle(article)) changed++;
    }
    return changed;
  }

  /** Refreshes every `intervalMs` until closed; a failed refresh is reported and retried at the next tick. */
  refreshEvery(intervalMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** Puts the article in the index unless the index has it already as it is; true when it changed. */
  private indexArticle(article: Article): boolean {
    if (article.updatedAt && article.updatedAt > this.newestSeen) this.newestSeen = article.updatedAt;
    const known = this.index.get(article.id);
    if (known && known.updatedAt === article.updatedAt) return false;
    this.index.upsert(article);
    return true;
  }
}
