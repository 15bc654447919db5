/** Driving antd controls the way a user does. */
import type { Locator, Page } from 'playwright-core';

/**
 * Picks `option` in the antd select labelled `label` within `scope`: typed and confirmed with
 * Enter when the select is searchable, else clicked in its open dropdown.
 */
export async function choose(scope: Page | Locator, label: string, option: string): Promise<void> {
  const select = scope.getByLabel(label, { exact: true });
  await select.click();
  if (await select.isEditable()) {
    await select.fill(option);
    await select.press('Enter');
    return;
  }
  const page = 'page' in scope ? scope.page() : scope;
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}
