/** Alert rules for the rule suites: publishing definitions straight into a store, and an opener that records. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AlertRule } from '../../definitions/rules/schema';
import type { IncidentOccurrence, IncidentWorkflowInput } from '../../engine/workflows/incident-messages';
import type { Store } from '../../store';
import type { IncidentOpener } from '../../workers/rules/opener';

export const EXAMPLES = path.resolve(__dirname, '..', '..', 'definitions', 'examples');
export const example = <T = unknown>(file: string): T => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as T;

export async function publish(store: Store, kind: string, key: string, content: unknown): Promise<number> {
  const draft = await store.definitions.createDraft(kind, key, content, 'test');
  return (await store.definitions.publish(draft, 'test', null)).version;
}

/** A defect-rate rule at the AOI step: over `threshold` % of at least `minUnits` units in the last hour. */
export function aoiDefectRule(threshold = 5, minUnits = 20): AlertRule {
  return {
    name: 'AOI defect rate',
    triggers: [{ event: 'unit.step-completed' }],
    scope: { steps: ['aoi'] },
    conditions: {
      all: [
        { fact: 'defectRate', operator: 'greaterThan', value: threshold, params: { window: '1h', step: 'aoi', productModel: '{{productModel}}' } },
        { fact: 'unitsCompleted', operator: 'greaterThanInclusive', value: minUnits, params: { window: '1h', step: 'aoi', productModel: '{{productModel}}' } },
      ],
    },
    event: { type: 'quality.aoi-defect-rate', severity: 'major', message: { en: 'AOI defect rate of {{productModel}} is {{value}}% (limit {{threshold}}%)', zh: '{{productModel}} AOI 不良率 {{value}}%（上限 {{threshold}}%）' } },
    escalationPolicy: 'quality-default',
    dedupKey: 'aoi-defect-rate:{{productModel}}',
  };
}

/** Records what signalWithStart would do: the first call per dedup key starts an incident, later ones are occurrences. */
export class RecordingOpener implements IncidentOpener {
  readonly started: IncidentWorkflowInput[] = [];
  readonly occurrences: IncidentOccurrence[] = [];

  open(input: IncidentWorkflowInput, occurrence: IncidentOccurrence): Promise<void> {
    if (!this.started.some((s) => s.dedupKey === input.dedupKey)) this.started.push(input);
    this.occurrences.push(occurrence);
    return Promise.resolve();
  }
}
