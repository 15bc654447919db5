/**
 * The rule designer in the system Chromium against a real API, by UI actions only: a quality
 * manager builds an escalation ladder, authors an alert rule as a condition tree, dry-runs it and
 * reads the per-condition trace, publishes it and backtests it over recorded production.
 * Screenshots: test-artifacts/e2e-rules/.
 *
 * @jest-environment ./test/support/e2e-environment.ts
 */
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { publish } from '../support/dispatch-routings';
import { startTestStack, type TestStack } from '../support/stack';
import { event, unitBatch } from '../support/unit-batches';
import { choose } from './support/antd';
import { ensureDesignerBuilt, exampleMasterData, openSignedIn, type Credentials } from './support/designer';

let stack: TestStack | undefined;
let browser: TestBrowser | undefined;
let quality: Credentials;
let root = '';

/** What the shop floor recorded in the last 3 hours: 4 AOI completions an hour, 2 failing in the last hour. */
async function recordProduction(s: TestStack): Promise<void> {
  const now = Date.now();
  for (let h = 0; h < 3; h++) {
    for (let i = 0; i < 4; i++) {
      const at = new Date(now - (h * 60 + 10 + i * 5) * 60_000).toISOString();
      const fail = h === 0 && i < 2;
      await s.store.productionEvents.record(
        unitBatch({ productModel: 'MB-A100', events: [event(2, { type: 'completed', step: 'aoi', result: fail ? 'fail' : 'pass', at, ...(fail ? { defectCodes: ['D-BRIDGE'] } : {}) })] }),
      );
    }
  }
}

/** The data-result of each trace leaf, in order. */
async function verdicts(leaves: Locator): Promise<Array<string | null>> {
  return Promise.all((await leaves.all()).map((leaf) => leaf.getAttribute('data-result')));
}

async function signAndPublish(page: Page, password: string, note: string): Promise<void> {
  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByLabel('Change note').fill(note);
  await dialog.getByRole('button', { name: 'Sign and publish' }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function createKey(page: Page, key: string): Promise<void> {
  await page.getByRole('button', { name: /\bNew$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Key').fill(key);
  await dialog.getByRole('button', { name: 'Create' }).click();
}

beforeAll(async () => {
  await ensureDesignerBuilt();
  stack = await startTestStack('e2e-rules');
  root = stack.url.replace(/\/api\/v1$/, '');
  await publish(stack.url, stack.admin, 'master-data', 'plant-1', exampleMasterData());
  await recordProduction(stack);
  quality = await stack.as('quality');
  browser = await launchBrowser({ artifacts: 'e2e-rules' });
  await openSignedIn(browser.page, root, quality, 'policies');
});

afterEach(async () => {
  await browser?.screenshotIfFailed();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the rule designer', () => {
  it('when a quality manager builds a two-level escalation ladder, mailing the quality manager at level 2, and signs it, then version 1 of the policy is active', async () => {
    const { page } = browser!;
    await createKey(page, 'line-quality');
    const editor = page.getByTestId('policy-editor');

    await editor.getByLabel('Name', { exact: true }).fill('Line quality ladder');
    await editor.getByRole('button', { name: 'Add level' }).click();
    const second = editor.getByTestId('ladder-level').nth(1);
    await second.getByLabel('Email', { exact: true }).check();
    await choose(second, 'Recipients', 'role:quality-manager');
    await signAndPublish(page, quality.password, 'First ladder');

    await editor.getByTestId('published').filter({ hasText: 'Published as version 1' }).waitFor();
    expect(await editor.getByTestId('ladder-level').count()).toBe(2);
    expect(await editor.getByTestId('ladder-timeline').textContent()).toContain('L2: +15 min');
    expect(await second.getByLabel('Email', { exact: true }).isChecked()).toBe(true);
    expect(await second.textContent()).toContain('Quality manager (quality-manager)');
    await browser!.screenshot('escalation-ladder');
  });

  it('when a rule is drawn as a condition tree and dry-run with samples, then the result and each condition in the trace follow the samples', async () => {
    const { page } = browser!;
    await page.getByRole('menu', { name: 'Main navigation' }).getByText('Alert rules', { exact: true }).click();
    await createKey(page, 'aoi-defect-rate');
    const editor = page.getByTestId('rule-editor');
    const tree = editor.getByTestId('condition-tree');
    // The AOI's defect rate > 5 % over at least 3 units, both over the last hour.
    await tree.getByRole('button', { name: 'Add condition' }).first().click();
    await tree.getByRole('button', { name: 'Add condition' }).first().click();
    const leaves = tree.getByTestId('condition-leaf');
    await leaves.nth(0).getByLabel('Routing step').fill('aoi');
    await leaves.nth(0).getByLabel('Value', { exact: true }).fill('5');
    await choose(leaves.nth(1), 'Fact', 'Units completed');
    await leaves.nth(1).getByLabel('Routing step').fill('aoi');
    await leaves.nth(1).getByLabel('Value', { exact: true }).fill('3');
    await editor.getByRole('tab', { name: /Settings/ }).click();
    await editor.getByLabel('Name', { exact: true }).fill('AOI defect rate');
    await editor.getByText('No problems found').waitFor();
    await editor.getByRole('tab', { name: 'Test', exact: true }).click();
    const panel = editor.getByTestId('test-panel');

    await panel.getByLabel('Defect rate').fill('7.5');
    await panel.getByLabel('Units completed').fill('2');
    await panel.getByRole('button', { name: 'Run dry run' }).click();

    const result = panel.getByTestId('dry-run-result');
    await result.and(page.locator('[data-fired="false"]')).waitFor();
    const trace = panel.getByTestId('rule-trace').getByTestId('trace-leaf');
    expect(await verdicts(trace)).toEqual(['pass', 'fail']);
    expect(await trace.nth(1).textContent()).toContain('actual: 2');
    await browser!.screenshot('rule-dry-run-quiet');

    await panel.getByLabel('Units completed').fill('30');
    await panel.getByRole('button', { name: 'Run dry run' }).click();

    await result.and(page.locator('[data-fired="true"]')).waitFor();
    expect(await verdicts(trace)).toEqual(['pass', 'pass']);
    expect(await result.textContent()).toContain('The rule would fire');
    await browser!.screenshot('rule-dry-run-fires');
  });

  it('when the rule is published and backtested over the last 6 hours, then the chart shows it would have fired', async () => {
    const { page } = browser!;
    const editor = page.getByTestId('rule-editor');
    await signAndPublish(page, quality.password, 'AOI defect rate above 5 %');
    await editor.getByTestId('published').filter({ hasText: 'Published as version 1' }).waitFor();
    await editor.getByRole('tab', { name: 'Backtest' }).click();
    const panel = editor.getByTestId('backtest-panel');

    await panel.getByText('6 h', { exact: true }).click();
    await panel.getByRole('button', { name: 'Run backtest' }).click();

    const backtest = panel.getByTestId('backtest');
    await backtest.waitFor();
    expect(Number(await backtest.getAttribute('data-firings'))).toBeGreaterThan(0);
    expect(await backtest.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    await browser!.screenshot('rule-backtest');
  });

  it('when the quality manager switches to Chinese, then the rule editor speaks Chinese', async () => {
    const { page } = browser!;
    const editor = page.getByTestId('rule-editor');

    await page.getByTestId('language-switch').getByText('中文').click();

    await editor.getByRole('tab', { name: '条件' }).click();
    await editor.getByRole('button', { name: '添加条件' }).first().waitFor();
    await editor.getByRole('tab', { name: '测试', exact: true }).click();
    await editor.getByRole('button', { name: '试运行' }).waitFor();
    await browser!.screenshot('rule-editor-chinese');
    await page.getByTestId('language-switch').getByText('English').click();
    expect(browser!.pageErrors).toEqual([]);
  });
});
