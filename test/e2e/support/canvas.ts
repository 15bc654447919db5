/**
 * Gestures on the routing designer's canvas, as a user makes them with the mouse: dragging a step
 * kind from the palette onto the canvas, and drawing a connection from a step's pass or fail
 * handle to another step.
 */
import type { Locator, Page } from 'playwright-core';

/** Drags palette item `kind` onto the canvas at (x, y), measured from the canvas's top left corner. */
export async function dropStep(page: Page, kind: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

export const node = (page: Page, stepId: string): Locator => page.getByTestId(`node-${stepId}`);

async function centerOf(handle: Locator): Promise<{ x: number; y: number }> {
  const box = await handle.boundingBox();
  if (box === null) throw new Error('the handle is not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Draws a connection from the `outcome` handle of step `from` to the incoming handle of step `to`. */
export async function connect(page: Page, from: string, outcome: 'pass' | 'fail', to: string): Promise<void> {
  const start = await centerOf(page.locator(`.react-flow__handle.source[data-nodeid="${from}"][data-handleid="${outcome}"]`));
  const end = await centerOf(page.locator(`.react-flow__handle.target[data-nodeid="${to}"]`));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
}
