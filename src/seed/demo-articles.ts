import { fileURLToPath } from 'node:url';
import { readArticleDirectory } from '../knowledge/article-files.ts';
import type { Store } from '../store/store.ts';

/** The demo store's help centre, shipped with Baton. */
export const DEMO_ARTICLES_DIR = fileURLToPath(new URL('../../kb/demo-store/', import.meta.url));

/**
 * Makes sure the demo help centre is there while the store holds nothing but demo articles; returns how many it
 * wrote. A business that imported its own articles never gets the demo ones, and an edited demo article is never
 * overwritten. Safe when nodes start together: each only adds the articles still missing.
 */
export async function seedDemoArticles(store: Store, dir = DEMO_ARTICLES_DIR): Promise<number> {
  const { articles, problems } = readArticleDirectory(dir);
  // The demo files ship with Baton: a problem in them is a bug, not input to skip.
  if (problems.length > 0) {
    throw new Error(`demo articles in ${dir}: ${problems.map((p) => `${p.file}: ${p.reason}`).join('; ')}`);
  }
  const demoIds = new Set(articles.map(({ article }) => article.id));
  const existing = await store.listArticles();
  if (existing.some((article) => !demoIds.has(article.id))) return 0;
  const present = new Set(existing.map((article) => article.id));
  let written = 0;
  for (const { article } of articles) {
    if (present.has(article.id)) continue;
    if (await store.createArticle(article)) written++;
  }
  return written;
}
