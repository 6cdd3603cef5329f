import { DemoAccountData } from '../accounts/demo-account-data.ts';
import { buildOfflineBrain } from '../brain/offline/build-offline-brain.ts';
import type { Config } from '../config/config.ts';
import { readArticleDirectory } from '../knowledge/article-files.ts';
import { MiniSearchKnowledge } from '../knowledge/minisearch-knowledge.ts';
import { routerFromConfig } from '../routing/router.ts';
import { DEMO_ARTICLES_DIR } from '../seed/demo-articles.ts';
import { policyFromConfig } from '../escalation/policy-from-config.ts';
import type { TurnDeciders } from '../engine/decide-turn.ts';

export interface EvalPipeline {
  deciders: TurnDeciders;
  /** How long training the intent model took. */
  trainingSeconds: number;
}

/**
 * The service's pipeline without a server: the offline brain (its intent model trained now) on the demo help centre
 * and the demo account data, and the escalation policy and router as `startService` builds them from the config. A
 * model configured in the config is not used: an evaluation must be deterministic and need nothing but the process.
 */
export async function buildEvalPipeline(config: Config): Promise<EvalPipeline> {
  // The service's own function, so that the policy the evaluation judges is always the one the service runs.
  const escalation = policyFromConfig(config);
  // The demo help centre, as `baton start` seeds it (src/seed/demo-articles.ts) and as the tests' offline brain reads it.
  const { articles, problems } = readArticleDirectory(DEMO_ARTICLES_DIR);
  if (problems.length > 0) throw new Error(`demo articles in ${DEMO_ARTICLES_DIR}: ${problems.map((p) => `${p.file}: ${p.reason}`).join('; ')}`);
  const knowledge = new MiniSearchKnowledge(articles.map(({ article }) => article));
  const started = performance.now();
  const brain = await buildOfflineBrain({ knowledge, accounts: new DemoAccountData() });
  const trainingSeconds = (performance.now() - started) / 1000;
  const router = routerFromConfig(config);
  return { deciders: { brain, escalation, router }, trainingSeconds };
}
