/** A new rework step: what the palette drops (the station group is for the engineer to pick). */
import type { RoutingStep } from '../../../../../definitions/routing/schema';

export function defaults(id: string): RoutingStep {
  return { id, name: 'Rework', kind: 'rework', stationGroup: 'unassigned', standardMinutes: 10 };
}
