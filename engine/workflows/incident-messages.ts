/**
 * What the API, the rule evaluation and the unit runs say to an incident's escalation workflow
 * (incident:<dedupKey>): its input, the occurrence signal, its Updates and Query.
 *
 * Whoever raises an incident resolves the escalation policy's active version and passes it
 * (`policy`), then calls signalWithStart with incidentStartOptions(): a firing while the incident
 * runs (open, acknowledged, or resolved within its cooldown) is an occurrence, not a new ladder.
 */
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { FiringSnapshot, IncidentOpening } from '../../definitions/incidents/model';
import type { EscalationPolicy } from '../../definitions/policies/schema';
import type { ActionType } from '../../definitions/rules/vocabulary';
import type { IncidentState } from '../incident/state';
import type { IncidentView } from '../../definitions/incidents/view';
import { workflowIds } from '../ids';

export type { IncidentView } from '../../definitions/incidents/view';

/** The escalation policy version the incident is pinned to, with its content. */
export interface PinnedPolicy {
  key: string;
  version: number;
  content: EscalationPolicy;
}

export interface IncidentWorkflowInput extends IncidentOpening {
  policy: PinnedPolicy;
  /** After resolution, further firings are suppressed for this long, then the workflow completes (default 0). */
  cooldownMinutes?: number;
  /** The rule's automatic actions (`hold-*`), run once at opening; targets come from `context` and the snapshot. */
  actions?: Array<{ type: ActionType }>;
  /** Continue as new after this many history events (default 10,000; Temporal's suggestion wins earlier). */
  historyLimit?: number;
  /** Set by continue-as-new only. */
  carried?: IncidentState;
}

/** A further firing (or report) for the same dedup key: recorded as an occurrence, no new ladder. */
export interface IncidentOccurrence {
  at: string;
  snapshot?: FiringSnapshot;
  note?: string;
  /** Lets the raiser ask incidentSettledUpdate what became of this occurrence. */
  id?: string;
}

/** Rule evaluation uses signalWithStart with this signal: it starts the incident or adds an occurrence. */
export const incidentOccurrenceSignal = defineSignal<[IncidentOccurrence]>('incidentOccurrence');

export interface AcknowledgeInput {
  by: string;
  note?: string;
}
export interface ResolveInput {
  by: string;
  resolution: string;
  causeCategory: string;
}
export interface ReopenInput {
  by: string;
  reason: string;
}

/** What became of an occurrence: it opened the incident, was added to it, or came during the cooldown. */
export type OccurrenceOutcome = 'opening' | 'occurrence' | 'suppressed';
export interface IncidentSettled {
  incident: IncidentView;
  occurrence: OccurrenceOutcome | null;
}

/** Failure type of a refused Update; details[0] is {code, message}. */
export const INCIDENT_REJECTED = 'IncidentRejected';
export type IncidentRejectionCode = 'ALREADY_ACKNOWLEDGED' | 'ALREADY_RESOLVED' | 'NOT_RESOLVED' | 'INVALID_INPUT';
export interface IncidentRejection {
  code: IncidentRejectionCode;
  message: string;
}

export const incidentAcknowledgeUpdate = defineUpdate<IncidentView, [AcknowledgeInput]>('incidentAcknowledge');
export const incidentResolveUpdate = defineUpdate<IncidentView, [ResolveInput]>('incidentResolve');
export const incidentReopenUpdate = defineUpdate<IncidentView, [ReopenInput]>('incidentReopen');
/** Returns once the read model holds everything recorded so far (read-your-writes for the raiser). */
export const incidentSettledUpdate = defineUpdate<IncidentSettled, [{ occurrenceId?: string }]>('incidentSettled');
export const incidentViewQuery = defineQuery<IncidentView>('incidentView');

/** The signalWithStart options every raiser uses (same workflow id, reuse after completion). */
export function incidentStartOptions(input: IncidentWorkflowInput, occurrence: IncidentOccurrence, taskQueue: string) {
  return {
    workflowId: workflowIds.incident(input.site, input.dedupKey),
    taskQueue,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    args: [input] as [IncidentWorkflowInput],
    signal: incidentOccurrenceSignal,
    signalArgs: [occurrence] as [IncidentOccurrence],
  };
}
