/**
 * How a firing reaches its incident: signalWithStart on incident:<site>:<dedupKey> — it starts the
 * incident's escalation workflow, or adds an occurrence to the one already running.
 */
import type { Client } from '@temporalio/client';
import { incidentStartOptions, type IncidentOccurrence, type IncidentWorkflowInput } from '../../engine/workflows/incident-messages';

export interface IncidentOpener {
  open(input: IncidentWorkflowInput, occurrence: IncidentOccurrence): Promise<void>;
}

export function temporalOpener(client: Client, taskQueue: string): IncidentOpener {
  return {
    async open(input, occurrence) {
      await client.workflow.signalWithStart('incidentWorkflow', incidentStartOptions(input, occurrence, taskQueue));
    },
  };
}
