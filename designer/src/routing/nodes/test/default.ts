/** A new test step: what the palette drops (the station group is for the engineer to pick). */
import type { RoutingStep } from '../../../../../definitions/routing/schema';

export function defaults(id: string): RoutingStep {
  return { id, name: 'Test', kind: 'test', stationGroup: 'unassigned', standardMinutes: 2, measurements: [{ name: 'Value', unit: 'V', lsl: 1, target: 2, usl: 3 }] };
}
