import type { AccountData } from '../../accounts/account-data.ts';
import type { KnowledgeSearch } from '../../knowledge/knowledge.ts';
import { GROUNDED_CONFIDENCE } from '../../knowledge/minisearch-knowledge.ts';
import { STORE_CORPUS } from './corpus/index.ts';
import { IntentModel, MIN_INTENT_CONFIDENCE } from './intent-model.ts';
import { OfflineBrain } from './offline-brain.ts';

/** The offline brain with the store's intent model, trained now from the shipped corpus. */
export async function buildOfflineBrain(parts: { knowledge: KnowledgeSearch; accounts: AccountData }): Promise<OfflineBrain> {
  const intents = await IntentModel.train(STORE_CORPUS);
  return new OfflineBrain({
    // The synchronous path gives the same answers (a test in intent-model.test.ts holds it to that) at less cost a message.
    intents: { classify: (text) => intents.classifySync(text) },
    knowledge: parts.knowledge,
    accounts: parts.accounts,
    minIntentConfidence: MIN_INTENT_CONFIDENCE,
    minGroundedConfidence: GROUNDED_CONFIDENCE,
  });
}
