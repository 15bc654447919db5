/** What every step-kind folder declares (nodes/<kind>/types.ts) and the data a step node gets. */
import type { Node } from '@xyflow/react';
import type { ComponentType, ReactNode } from 'react';
import type { RoutingStep, StepKind } from '../../../../../definitions/routing/schema';

export type DiffMark = 'added' | 'removed' | 'changed';

/** The panel sections a kind shows besides the common fields, in this order. */
export type PanelSection = 'measurements' | 'defectCodes' | 'components' | 'instructions';

export interface KindMeta {
  kind: StepKind;
  color: string;
  icon: ReactNode;
  sections: readonly PanelSection[];
}

export interface StepNodeData extends Record<string, unknown> {
  step: RoutingStep;
  entry: boolean;
  problem: boolean;
  diff?: DiffMark;
  readOnly: boolean;
}

export type StepNode = Node<StepNodeData, StepKind>;

export interface KindModule {
  meta: KindMeta;
  defaults: (id: string) => RoutingStep;
  Node: ComponentType<{ id: string; data: StepNodeData; selected?: boolean }>;
  Panel: ComponentType<{ step: RoutingStep }>;
}
