/** A new inspection step: what the palette drops (the station group is for the engineer to pick). */
import type { RoutingStep } from '../../../../../definitions/routing/schema';

export function defaults(id: string): RoutingStep {
  return { id, name: 'Inspection', kind: 'inspection', stationGroup: 'unassigned', standardMinutes: 1 };
}
