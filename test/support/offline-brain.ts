import { DemoAccountData } from '../../src/accounts/demo-account-data.ts';
import { buildOfflineBrain } from '../../src/brain/offline/build-offline-brain.ts';
import type { OfflineBrain } from '../../src/brain/offline/offline-brain.ts';
import { readArticleDirectory } from '../../src/knowledge/article-files.ts';
import { MiniSearchKnowledge } from '../../src/knowledge/minisearch-knowledge.ts';
import { DEMO_ARTICLES_DIR } from '../../src/seed/demo-articles.ts';

let trained: Promise<OfflineBrain> | undefined;

/** The real offline brain (the shipped intent model, the demo help centre and accounts), trained once per test file. */
export function offlineBrain(): Promise<OfflineBrain> {
  trained ??= buildOfflineBrain({
    knowledge: new MiniSearchKnowledge(readArticleDirectory(DEMO_ARTICLES_DIR).articles.map((a) => a.article)),
    accounts: new DemoAccountData(),
  });
  return trained;
}
