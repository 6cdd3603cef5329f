import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { servicesRequired } from './services.ts';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it) through playwright-core,
 * which brings no browser of its own.
 */
export const CHROMIUM_PATH = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots (named ones, and every page of a failed test) land here; gitignored. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** How long anything a page should show may take to show: generous, as CI machines are slow. */
export const WAIT_MS = 15_000;

/**
 * Whether the browser tests of a file run. Without Chromium the reason is printed and they are skipped, or, with
 * BATON_REQUIRE_SERVICES=1 (set by .ci/run), a test saying why fails in their place (so the run's count shows it).
 * Pages that were not built fail that way always: `npm test` and `npm run test:e2e` build them first.
 */
export function chromiumGate(): boolean {
  const failInstead = (reason: string) => {
    it('can run the browser tests', () => {
      throw new Error(reason);
    });
    return false;
  };
  if (!existsSync(CHROMIUM_PATH)) {
    const reason = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`;
    if (servicesRequired) return failInstead(`${reason}, and BATON_REQUIRE_SERVICES=1 requires it`);
    console.warn(`SKIPPED: browser tests (test/e2e): ${reason} (set BATON_REQUIRE_SERVICES=1 to fail instead)`);
    return false;
  }
  for (const file of ['widget.js', 'console/index.html']) {
    if (!existsSync(WEB_DIST + file)) return failInstead(`dist/web/${file} is missing: run npm run build:web (npm run test:e2e does)`);
  }
  return true;
}

/** One person at the keyboard: their own browser context (storage, network) and page. */
export interface Actor {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, printed when a test fails. */
  errors: string[];
}

export interface BrowserSession {
  browser: Browser;
  /** A new person: a fresh context (nothing stored, UTC, en-GB) with one page. */
  actor(name: string): Promise<Actor>;
  /** Screenshots of every open page, and their errors printed: for a failed test. */
  captureFailure(testName: string): Promise<void>;
  /** Removes a test's failure screenshots of an earlier run, once it passes. */
  clearFailure(testName: string): void;
  /** Closes every actor's context: each test starts with new people. */
  closeActors(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One Chromium per test file. `chromium.launch` gives it a fresh user-data-dir of its own in the temp directory
 * (removed on close); each actor is a separate context in it, as separate as two browsers for cookies and storage.
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
  const actors: Actor[] = [];
  return {
    browser,
    async actor(name) {
      const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-GB', viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(WAIT_MS);
      context.setDefaultNavigationTimeout(WAIT_MS);
      const page = await context.newPage();
      const actor: Actor = { name, context, page, errors: [] };
      page.on('pageerror', (error) => actor.errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') actor.errors.push(`console.error: ${message.text()}`);
      });
      actors.push(actor);
      return actor;
    },
    async captureFailure(testName) {
      const slug = slugOf(testName);
      for (const actor of actors) {
        for (const [i, page] of actor.context.pages().entries()) {
          if (page.isClosed()) continue;
          await screenshot(page, `failed/${slug}-${actor.name}${i ? `-${i}` : ''}`).catch(() => {});
        }
        if (actor.errors.length) console.error(`[${actor.name}] page errors:\n  ${actor.errors.join('\n  ')}`);
      }
    },
    clearFailure(testName) {
      const dir = `${ARTIFACTS_DIR}failed/`;
      if (!existsSync(dir)) return;
      for (const file of readdirSync(dir)) if (file.startsWith(`${slugOf(testName)}-`)) rmSync(dir + file, { force: true });
    },
    async closeActors() {
      for (const actor of actors.splice(0)) await actor.context.close().catch(() => {});
    },
    async close() {
      await browser.close();
    },
  };
}

const slugOf = (testName: string) => testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/** test-artifacts/<name>.png of what the page shows; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = `${ARTIFACTS_DIR}${name}.png`;
  mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  // The viewport only: a full-page screenshot resizes the viewport for a moment, which moves the pages' scroll.
  await page.screenshot({ path, animations: 'disabled', timeout: WAIT_MS });
  return path;
}

/** Waits for `locator` to be visible; failing, says which element of the pages' contract (web/README.md) never showed. */
export async function visible(locator: Locator, what: string, timeout = WAIT_MS): Promise<Locator> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`${what} was not visible within ${timeout / 1000} s (${locator}): ${(error as Error).message.split('\n')[0]}`);
  }
  return locator;
}

/** Waits for `locator` to be gone or hidden. */
export async function hidden(locator: Locator, what: string, timeout = WAIT_MS): Promise<void> {
  try {
    await locator.waitFor({ state: 'hidden', timeout });
  } catch (error) {
    throw new Error(`${what} was still visible after ${timeout / 1000} s (${locator}): ${(error as Error).message.split('\n')[0]}`);
  }
}

/** The visible text of every element `locator` matches, joined by new lines ("" when none): never waits. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join('\n');
}

/** Polls `read` until it passes `check` (a vitest matcher), up to WAIT_MS. */
export function eventually<T>(read: () => Promise<T> | T, message: string, timeout = WAIT_MS) {
  return expect.poll(read, { timeout, interval: 100, message });
}

/** Selects the option of a <select> whose value or label matches `want` (case-insensitive), and returns its value. */
export async function chooseOption(select: Locator, want: RegExp | string, what: string): Promise<string> {
  await visible(select, what);
  const options = await select.locator('option').evaluateAll((nodes) =>
    nodes.map((n) => ({ value: (n as HTMLOptionElement).value, label: (n.textContent ?? '').trim() })),
  );
  const matches = (s: string) => (typeof want === 'string' ? s.toLowerCase() === want.toLowerCase() : want.test(s));
  const option = options.find((o) => matches(o.value)) ?? options.find((o) => matches(o.label));
  if (!option) throw new Error(`${what} has no option matching ${want}: it offers ${JSON.stringify(options)}`);
  await select.selectOption(option.value);
  return option.value;
}
