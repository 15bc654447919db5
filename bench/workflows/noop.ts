/** The baseline for the HTTP benchmark: a workflow whose Update handler does nothing. */
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';
import { unitActionUpdate } from '../../engine/workflows/unit';

export const noopUpdate = defineUpdate<number, [number]>('noop');
export const stopSignal = defineSignal('stop');

export async function noopWorkflow(): Promise<void> {
  let stop = false;
  setHandler(noopUpdate, (n) => n);
  setHandler(stopSignal, () => void (stop = true));
  await condition(() => stop);
}

/**
 * Stands in for unit:<serial> in the API benchmark: answers the unit action Update at once,
 * so what is measured is the API's own work (auth, validation, idempotency, audit, stream).
 */
export async function noopUnitWorkflow(serial: string): Promise<void> {
  let stop = false;
  setHandler(unitActionUpdate, (action) => ({
    unit: { serial, site: 'plant-1', line: 'SMT1', routingKey: 'bench', routingVersion: 1, status: 'in-progress', step: action.step, allowed: [], lastSeq: 0 },
    events: [],
  }));
  setHandler(stopSignal, () => void (stop = true));
  await condition(() => stop);
}
