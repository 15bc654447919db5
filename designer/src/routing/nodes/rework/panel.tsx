/** The properties form of a rework step: the common fields and the sections its kind has. */
import type { ReactNode } from 'react';
import type { RoutingStep } from '../../../../../definitions/routing/schema';
import { StepPanel } from '../shared/StepPanel';
import { meta } from './types';

export function ReworkPanel({ step }: { step: RoutingStep }): ReactNode {
  return <StepPanel step={step} sections={meta.sections} />;
}
