/** The baseline for the HTTP benchmark: a workflow whose Update handler does nothing. */
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export const noopUpdate = defineUpdate<number, [number]>('noop');
export const stopSignal = defineSignal('stop');

export async function noopWorkflow(): Promise<void> {
  let stop = false;
  setHandler(noopUpdate, (n) => n);
  setHandler(stopSignal, () => void (stop = true));
  await condition(() => stop);
}
