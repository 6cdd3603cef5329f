import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import type { Config } from '../../config/config.ts';

/** The configured model: an OpenAI-compatible chat API (OpenAI, vLLM, LM Studio, a gateway...) or Ollama's own API. */
export function llmModel(llm: Config['llm'] & { baseUrl: string; model: string }): LanguageModel {
  if (llm.provider === 'ollama') {
    const headers = llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : undefined;
    return createOllama({ baseURL: ollamaApiUrl(llm.baseUrl), headers })(llm.model);
  }
  return createOpenAICompatible({ name: 'baton-llm', baseURL: llm.baseUrl, apiKey: llm.apiKey })(llm.model);
}

/**
 * Ollama's API lives under /api; people configure the server's address (http://127.0.0.1:11434), so a bare
 * address gets /api added.
 */
function ollamaApiUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/api';
  return url.toString().replace(/\/$/, '');
}
