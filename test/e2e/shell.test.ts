/**
 * The designer's shell in the system Chromium against a real API: it loads, signs in through its
 * form, and switches between English and Chinese. Screenshots: test-artifacts/e2e-shell/.
 *
 * @jest-environment ./test/support/e2e-environment.ts
 */
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';
import { ensureDesignerBuilt, openSignedIn } from './support/designer';

let stack: TestStack | undefined;
let browser: TestBrowser | undefined;
let root = '';

beforeAll(async () => {
  await ensureDesignerBuilt();
  stack = await startTestStack('e2e-shell');
  root = stack.url.replace(/\/api\/v1$/, '');
  browser = await launchBrowser({ artifacts: 'e2e-shell' });
});

afterEach(async () => {
  await browser?.screenshotIfFailed();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the designer shell', () => {
  it('when a user signs in with wrong credentials, then the form says the sign-in failed and stays', async () => {
    const { page } = browser!;
    await page.goto(`${root}/`);

    await page.getByLabel('Email').fill('nobody@taktflow.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
    expect(await page.getByTestId('signed-in-user').count()).toBe(0);
    await browser!.screenshot('sign-in-failed');
  });

  it('when an engineer signs in, then the shell greets them by name and offers the designer sections', async () => {
    const engineer = await stack!.as('engineer');
    const { page } = browser!;

    await openSignedIn(page, root, engineer);

    expect(await page.getByTestId('signed-in-user').textContent()).toContain('Signed in as Test engineer');
    const nav = page.getByRole('menu', { name: 'Main navigation' });
    for (const section of ['Routings', 'Alert rules', 'Escalation policies']) expect(await nav.getByText(section, { exact: true }).isVisible()).toBe(true);
    await browser!.screenshot('signed-in');
  });

  it('when the user switches to Chinese, then the shell is translated and stays so after a reload', async () => {
    const { page } = browser!;

    await page.getByTestId('language-switch').getByText('中文').click();

    const nav = page.getByRole('menu', { name: '主导航' });
    await nav.getByText('工艺路线', { exact: true }).waitFor();
    expect(await nav.getByText('报警规则', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);
    await browser!.screenshot('chinese');
    await page.reload();
    await page.getByRole('menu', { name: '主导航' }).getByText('升级策略', { exact: true }).waitFor();

    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('when the pages load, then the browser asked for nothing outside 127.0.0.1 and no script failed', () => {
    expect(browser!.blocked).toEqual([]);
    expect(browser!.pageErrors).toEqual([]);
  });
});
