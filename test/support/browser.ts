/**
 * The system Chromium driven by playwright-core, for the end-to-end suites and the designer
 * benchmark. Playwright's own browser download does not work here, so the Debian package is used
 * (installed with apt-get when missing and running as root). Every launch gets a fresh user data
 * directory, removed on close, and may reach 127.0.0.1 only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');
/** Screenshots of the end-to-end suites (git-ignored). */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // No host name resolves: the browser reaches 127.0.0.1 and nothing else.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const isRoot = (): boolean => process.getuid?.() === 0;

function aptInstall(pkg: string): void {
  console.error(`[browser] installing the Debian package "${pkg}"`);
  execFileSync('bash', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
}

/** The Chromium binary: CHROMIUM_PATH, else Debian's; installed with apt-get when missing and root. */
export function chromiumPath(): string {
  const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(wanted)) return wanted;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH names ${wanted}, which does not exist: point it at a Chromium binary or unset it to use /usr/bin/chromium.`);
  if (!isRoot()) throw new Error('Chromium is missing: install the Debian package "chromium" (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.');
  aptInstall('chromium');
  if (!existsSync(wanted)) throw new Error('apt-get installed "chromium", but /usr/bin/chromium is still missing: set CHROMIUM_PATH to the Chromium binary.');
  return wanted;
}

let fontChecked = false;

/** A font with Chinese glyphs, so screenshots of the Chinese UI show text rather than boxes. */
function ensureChineseFont(): void {
  if (fontChecked) return;
  fontChecked = true;
  const fonts = (): string => {
    try {
      return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
    } catch {
      return '';
    }
  };
  if (fonts().trim() !== '') return;
  if (isRoot()) aptInstall('fonts-wqy-zenhei');
  else console.error('[browser] no font with Chinese glyphs: install the Debian package "fonts-wqy-zenhei" for readable screenshots of the Chinese UI.');
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** URLs the browser tried to reach outside 127.0.0.1 (each refused). */
  blocked: string[];
  /** Uncaught errors thrown in the page. */
  pageErrors: string[];
  /** What the page logged with console.error (warnings of libraries, failed requests), for diagnosis. */
  consoleErrors: string[];
  /** Saves a full-page screenshot of the current view as test-artifacts/<folder>/<nn>-<view>.png. */
  screenshot(view: string): Promise<string>;
  /**
   * For the suite's afterEach: when the test that just ran failed (test/support/e2e-environment.ts
   * notes it), saves what the browser shows as failed-<test name>.png.
   */
  screenshotIfFailed(): Promise<void>;
  /** Closes the browser and removes its user data directory; safe to call twice. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Folder under test-artifacts/ for the screenshots (emptied on launch). */
  artifacts: string;
  viewport?: { width: number; height: number };
  /** Browser locale (the app's first language follows it unless told otherwise). */
  locale?: string;
}

const LOCAL = /^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?(\/|$)/;

export async function launchBrowser(options: LaunchOptions): Promise<TestBrowser> {
  const executablePath = chromiumPath();
  ensureChineseFont();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'taktflow-chromium-'));
  const shots = path.join(ARTIFACTS, options.artifacts);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: ARGS,
      viewport: options.viewport ?? { width: 1440, height: 900 },
      locale: options.locale ?? 'en-US',
      // Charts and transitions draw their final state at once: screenshots show what a user ends up seeing.
      reducedMotion: 'reduce',
      timeout: 60_000,
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  await context.route(
    (url) => !LOCAL.test(url.href) && /^(https?|wss?):/.test(url.protocol),
    async (route) => {
      blocked.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  let shot = 0;
  let closed = false;
  const save = async (view: string): Promise<string> => {
    shot += 1;
    const file = path.join(shots, `${String(shot).padStart(2, '0')}-${view.replace(/[^a-z0-9-]+/gi, '-').slice(0, 120)}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
  return {
    context,
    page,
    blocked,
    pageErrors,
    consoleErrors,
    screenshot: save,
    async screenshotIfFailed() {
      const failed = (globalThis as { __E2E_FAILED_TEST__?: string }).__E2E_FAILED_TEST__;
      if (failed !== undefined && !closed) await save(`failed-${failed}`).catch(() => undefined);
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
