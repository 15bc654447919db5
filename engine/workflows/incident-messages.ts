/**
 * What the API, the rule evaluation and the unit runs say to an incident's escalation workflow
 * (incident:<dedupKey>). Skeleton of the contract; the workflow comes with the incidents change.
 */
import { defineSignal } from '@temporalio/workflow';
import type { FiringSnapshot, IncidentOpening } from '../../definitions/incidents/model';

export type IncidentWorkflowInput = IncidentOpening;

/** A further firing (or report) for the same dedup key: recorded as an occurrence, no new ladder. */
export interface IncidentOccurrence {
  at: string;
  snapshot?: FiringSnapshot;
  note?: string;
}

/** Rule evaluation uses signalWithStart with this signal: it starts the incident or adds an occurrence. */
export const incidentOccurrenceSignal = defineSignal<[IncidentOccurrence]>('incidentOccurrence');
