import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, type BrowserSession } from '../support/browser.ts';
import { client, startTestBaton, type TestBaton } from '../support/baton.ts';
import type { ServiceOverrides } from '../../src/service.ts';

export interface E2E {
  baton: TestBaton;
  browser: BrowserSession;
  api: ReturnType<typeof client>;
}

/**
 * For one test file: a real Baton (SQLite, fresh) serving the built pages, and one Chromium. A failed test leaves a
 * screenshot of every page in test-artifacts/failed/ and prints the pages' errors.
 */
export function useE2E(options: { config?: Record<string, unknown>; overrides?: ServiceOverrides } = {}): E2E {
  const env = {} as E2E;
  beforeAll(async () => {
    env.baton = await startTestBaton('sqlite', options);
    env.api = client(env.baton.url);
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.baton?.stop();
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await env.browser?.captureFailure(context.task.name);
    else env.browser?.clearFailure(context.task.name);
    await env.browser?.closeActors();
  });
  return env;
}
