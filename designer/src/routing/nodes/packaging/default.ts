/** A new packaging step: what the palette drops (the station group is for the engineer to pick). */
import type { RoutingStep } from '../../../../../definitions/routing/schema';

export function defaults(id: string): RoutingStep {
  return { id, name: 'Pack', kind: 'packaging', stationGroup: 'unassigned', standardMinutes: 1 };
}
