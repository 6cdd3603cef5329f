import type { Logger } from 'pino';
import type { AccountData } from '../accounts/account-data.ts';
import type { Config } from '../config/config.ts';
import type { KnowledgeSearch } from '../knowledge/knowledge.ts';
import type { Brain } from './brain.ts';
import { LlmBrain } from './llm/llm-brain.ts';
import { llmModel } from './llm/llm-model.ts';

export interface BrainParts {
  knowledge: KnowledgeSearch;
  accounts: AccountData;
  /** The brain without a model; built (its intent model trained) only when no model is configured. */
  offline: () => Promise<Brain>;
  log: Logger;
}

/** The model's brain when a model is configured (its address and name), the offline brain otherwise. */
export async function chooseBrain(config: Config, parts: BrainParts): Promise<Brain> {
  const { baseUrl, model } = config.llm;
  if (!baseUrl || !model) {
    parts.log.info('no model configured (llm.baseUrl, llm.model): the offline brain answers');
    return parts.offline();
  }
  parts.log.info({ provider: config.llm.provider, baseUrl, model }, 'the model answers');
  return new LlmBrain({
    model: llmModel({ ...config.llm, baseUrl, model }),
    knowledge: parts.knowledge,
    accounts: parts.accounts,
    timeoutMs: config.llm.timeoutMs,
    log: parts.log.child({ component: 'llm-brain' }),
  });
}
