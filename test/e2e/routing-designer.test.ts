/**
 * The routing designer in the system Chromium against a real API, by UI actions only: a process
 * engineer draws a routing with a rework loop from the palette, sees live validation on the node
 * and in the problems list and fixes it, publishes, edits and publishes again, compares the two
 * versions on the canvas, opens the first read-only, and switches to Chinese.
 * Screenshots: test-artifacts/e2e-routing/.
 *
 * @jest-environment ./test/support/e2e-environment.ts
 */
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { publish } from '../support/dispatch-routings';
import { startTestStack, type TestStack } from '../support/stack';
import { choose } from './support/antd';
import { connect, dropStep, node } from './support/canvas';
import { ensureDesignerBuilt, exampleMasterData, openSignedIn, type Credentials } from './support/designer';

const KEY = 'pcb-line';
let stack: TestStack | undefined;
let browser: TestBrowser | undefined;
let engineer: Credentials;
let root = '';

const problems = (page: Page) => page.getByTestId('problems');

/** Selects a step on the canvas and picks its station group from the master data. */
async function assignStationGroup(page: Page, stepId: string, group: string): Promise<void> {
  await node(page, stepId).click();
  // The panel must show this step before the choice is made (on a loaded machine it follows late).
  const stepIdInput = page.getByTestId('properties').getByLabel('Step id');
  for (let waited = 0; (await stepIdInput.inputValue()) !== stepId; waited += 50) {
    if (waited > 15_000) throw new Error(`the properties panel did not show step ${stepId}`);
    await page.waitForTimeout(50);
  }
  await choose(page.getByTestId('properties'), 'Station group', group);
}

/** Auto-layout, then fit the view: every step on screen, none overlapping. */
async function tidy(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Auto-layout/ }).click();
  await page.getByRole('button', { name: 'Fit View' }).click();
}

async function publishVersion(page: Page, note: string): Promise<void> {
  await page.getByTestId('publish').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Change note').fill(note);
  await dialog.getByLabel('Your password (electronic signature)').fill(engineer.password);
  await dialog.getByRole('button', { name: 'Sign and publish' }).click();
  await dialog.waitFor({ state: 'detached' });
}

beforeAll(async () => {
  await ensureDesignerBuilt();
  stack = await startTestStack('e2e-routing');
  root = stack.url.replace(/\/api\/v1$/, '');
  await publish(stack.url, stack.admin, 'master-data', 'plant-1', exampleMasterData());
  engineer = await stack.as('engineer');
  browser = await launchBrowser({ artifacts: 'e2e-routing' });
  await openSignedIn(browser.page, root, engineer, 'routings');
});

afterEach(async () => {
  await browser?.screenshotIfFailed();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the routing designer', () => {
  it('when steps are dragged from the palette, then each is flagged on the canvas and in the problems list until a station group is picked', async () => {
    const { page } = browser!;
    await page.getByRole('button', { name: /New routing/ }).click();
    await page.getByRole('dialog').getByLabel('Key').fill(KEY);
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();

    await dropStep(page, 'operation', 150, 150);
    await dropStep(page, 'inspection', 450, 150);
    await dropStep(page, 'rework', 450, 400);
    await dropStep(page, 'packaging', 750, 150);
    await tidy(page);

    for (const id of ['operation', 'inspection', 'rework', 'packaging']) await node(page, id).and(page.locator('[data-problem="error"]')).waitFor();
    const stationProblem = problems(page).locator('[data-code="routing.unknown-station-group"][data-pointer="/steps/0/stationGroup"]');
    await stationProblem.waitFor();
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await browser!.screenshot('routing-new-steps-with-problems');

    await stationProblem.click();
    expect(await page.getByTestId('properties').getByLabel('Step id').inputValue()).toBe('operation');
    await choose(page.getByTestId('properties'), 'Station group', 'smt-printer');
    await stationProblem.waitFor({ state: 'detached' });
    await assignStationGroup(page, 'inspection', 'smt-aoi');
    await assignStationGroup(page, 'rework', 'smt-repair');
    await assignStationGroup(page, 'packaging', 'pack');
    await problems(page).locator('[data-code="routing.unknown-station-group"]').first().waitFor({ state: 'detached' });

    expect(await problems(page).locator('[data-code="routing.unknown-station-group"]').count()).toBe(0);
    for (const id of ['operation', 'rework', 'packaging']) expect(await node(page, id).getAttribute('data-problem')).toBeNull();
    // An inspection needs a way out for failed units: drawn in the next test.
    expect(await problems(page).locator('[data-code="routing.no-fail-path"]').count()).toBe(1);
    expect(await node(page, 'inspection').getAttribute('data-problem')).toBe('error');
  });

  it('when the steps are connected, then the inspection is flagged for its missing fail path until a bounded rework loop is drawn', async () => {
    const { page } = browser!;

    await connect(page, 'operation', 'pass', 'inspection');
    await connect(page, 'inspection', 'pass', 'packaging');
    await tidy(page);

    await page.getByTestId('edge-t-operation-inspection-pass').waitFor({ state: 'attached' });
    await page.getByTestId('edge-t-inspection-packaging-pass').waitFor({ state: 'attached' });
    await node(page, 'inspection').and(page.locator('[data-problem="error"]')).waitFor();
    expect(await problems(page).locator('[data-code="routing.no-fail-path"]').count()).toBe(1);

    await connect(page, 'inspection', 'fail', 'rework');
    await connect(page, 'rework', 'pass', 'inspection');
    await tidy(page);

    const loop = page.getByTestId('edge-t-rework-inspection-pass');
    await loop.and(page.locator('[data-style="rework"]')).waitFor({ state: 'attached' });
    expect(await page.getByTestId('edge-t-inspection-rework-fail').getAttribute('data-style')).toBe('fail');
    await problems(page).and(page.locator('[data-count="0"]')).waitFor();
    expect(await node(page, 'inspection').getAttribute('data-problem')).toBeNull();
    expect(await page.getByTestId('publish').isEnabled()).toBe(true);

    const loopLabel = page.getByLabel(/^Connection: Rework loop/);
    await loopLabel.click();
    const maxLoops = page.getByTestId('properties').getByLabel('Max loops (rework)');
    expect(await maxLoops.inputValue()).toBe('3');
    await maxLoops.fill('2');
    await page.getByLabel(/^Connection: Rework loop\D*2\b/).waitFor();
    await browser!.screenshot('routing-drawn-with-rework-loop');
  });

  it('when a queue-time limit is drawn from the operation to the packaging, then it shows as a queue edge whose limit and action can be set', async () => {
    const { page } = browser!;
    const tools = page.getByRole('toolbar', { name: 'Routing tools' });
    await tools.getByText('Queue-time limits', { exact: true }).click();

    await connect(page, 'operation', 'pass', 'packaging');
    await tools.getByText('Transitions', { exact: true }).click();

    await page.getByTestId('edge-q-operation-packaging').and(page.locator('[data-style="queue"]')).waitFor({ state: 'attached' });
    const properties = page.getByTestId('properties');
    await properties.getByLabel('Longest wait').fill('90');
    await choose(properties, 'When exceeded', 'Hold');
    await page.getByLabel(/^Connection: Queue-time limit\D*90\b/).waitFor({ state: 'attached' });
    await problems(page).and(page.locator('[data-count="0"]')).waitFor();
  });

  it('when a step is deleted with the keyboard and the edit undone, then the step and its connections come back', async () => {
    const { page } = browser!;
    await node(page, 'packaging').click();

    await page.keyboard.press('Delete');
    await node(page, 'packaging').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Z');

    await node(page, 'packaging').waitFor();
    await page.getByTestId('edge-t-inspection-packaging-pass').waitFor({ state: 'attached' });
    await problems(page).and(page.locator('[data-count="0"]')).waitFor();
  });

  it('when the arrow keys move the selection and a step is copied and pasted, then the next step is selected and the copy gets an id of its own', async () => {
    const { page } = browser!;
    const stepId = page.getByTestId('properties').getByLabel('Step id');
    await node(page, 'operation').click();

    await page.keyboard.press('ArrowRight');
    expect(await stepId.inputValue()).toBe('inspection');
    await page.keyboard.press('Control+C');
    await page.keyboard.press('Control+V');

    await node(page, 'inspection-2').waitFor();
    expect(await stepId.inputValue()).toBe('inspection-2');
    await page.keyboard.press('Control+Z');
    await node(page, 'inspection-2').waitFor({ state: 'detached' });
    await problems(page).and(page.locator('[data-count="0"]')).waitFor();
  });

  it('when the routing is published with a change note and a signature, then version 1 is active', async () => {
    const { page } = browser!;

    await publishVersion(page, 'First PCB line routing');

    await page.getByText('Active: version 1').waitFor();
    await browser!.screenshot('routing-published-v1');
  });

  it('when a step is renamed and the routing published again, then the diff of versions 1 and 2 highlights only that step, with its name before and after', async () => {
    const { page } = browser!;
    await node(page, 'inspection').click();
    await page.getByTestId('properties').getByLabel('Name', { exact: true }).fill('AOI inspection');
    await publishVersion(page, 'Inspection renamed to AOI');
    await page.getByText('Active: version 2').waitFor();

    await page.getByRole('button', { name: /Versions/ }).click();
    await page.getByTestId('version-2').getByRole('button', { name: 'Diff with previous' }).click();

    await node(page, 'inspection').and(page.locator('[data-diff="changed"]')).waitFor();
    for (const id of ['operation', 'rework', 'packaging']) expect(await node(page, id).getAttribute('data-diff')).toBeNull();
    await node(page, 'inspection').click();
    const fields = page.getByTestId('diff-panel').getByTestId('field-changes');
    await fields.waitFor();
    expect(await fields.textContent()).toContain('AOI inspection');
    expect(await fields.locator('td', { hasText: /^Inspection$/ }).count()).toBe(1);
    await browser!.screenshot('routing-diff-v1-v2');
  });

  it('when version 1 is opened from the history, then it shows the old name and cannot be edited', async () => {
    const { page } = browser!;
    await page.getByRole('button', { name: 'Back to the editor' }).click();
    await page.getByRole('button', { name: /Versions/ }).click();

    await page.getByTestId('version-1').getByRole('button', { name: 'Open' }).click();

    await page.getByText('Version 1 · read-only').waitFor();
    expect(await node(page, 'inspection').textContent()).toContain('Inspection');
    expect(await node(page, 'inspection').textContent()).not.toContain('AOI inspection');
    expect(await page.getByTestId('palette-operation').count()).toBe(0);
    expect(await page.getByTestId('publish').count()).toBe(0);
    await browser!.screenshot('routing-v1-read-only');
  });

  it('when the engineer switches to Chinese, then the routing designer is translated', async () => {
    const { page } = browser!;
    await page.getByRole('button', { name: 'Back to the editor' }).click();
    await node(page, 'inspection').waitFor();

    await page.getByTestId('language-switch').getByText('中文').click();

    await page.getByTestId('palette-operation').getByText('作业').waitFor();
    expect(await page.getByTestId('palette-inspection').getAttribute('aria-label')).toBe('添加工序：检验');
    expect(await problems(page).textContent()).toContain('没有问题');
    await browser!.screenshot('routing-editor-chinese');
    await page.getByTestId('language-switch').getByText('English').click();
    expect(browser!.pageErrors).toEqual([]);
    expect(browser!.blocked).toEqual([]);
  });

  it('when the routing is exported as JSON and imported into a new routing, then the new routing shows the same steps', async () => {
    const { page } = browser!;
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export JSON/ }).click();
    const file = await (await downloading).path();
    await page.getByRole('menu', { name: 'Main navigation' }).getByText('Routings', { exact: true }).click();
    await page.getByRole('button', { name: /New routing/ }).click();
    await page.getByRole('dialog').getByLabel('Key').fill(`${KEY}-copy`);
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('routing-title').filter({ hasText: `${KEY}-copy` }).waitFor();

    await page.getByTestId('import-file').setInputFiles(file);

    for (const id of ['operation', 'inspection', 'rework', 'packaging']) await node(page, id).waitFor();
    expect(await node(page, 'inspection').textContent()).toContain('AOI inspection');
    await problems(page).and(page.locator('[data-count="0"]')).waitFor();
    await browser!.screenshot('routing-imported');
  });
});
