/**
 * The step kinds the designer knows, one folder each (types, default, node, panel). Adding a kind
 * to definitions/routing/schema.ts means adding its folder and a line here.
 */
import type { NodeTypes } from '@xyflow/react';
import type { RoutingStep, StepKind } from '../../../../definitions/routing/schema';
import { defaults as operationDefaults } from './operation/default';
import { OperationNode } from './operation/node';
import { OperationPanel } from './operation/panel';
import { meta as operationMeta } from './operation/types';
import { defaults as inspectionDefaults } from './inspection/default';
import { InspectionNode } from './inspection/node';
import { InspectionPanel } from './inspection/panel';
import { meta as inspectionMeta } from './inspection/types';
import { defaults as testDefaults } from './test/default';
import { TestNode } from './test/node';
import { TestPanel } from './test/panel';
import { meta as testMeta } from './test/types';
import { defaults as reworkDefaults } from './rework/default';
import { ReworkNode } from './rework/node';
import { ReworkPanel } from './rework/panel';
import { meta as reworkMeta } from './rework/types';
import { defaults as packagingDefaults } from './packaging/default';
import { PackagingNode } from './packaging/node';
import { PackagingPanel } from './packaging/panel';
import { meta as packagingMeta } from './packaging/types';
import type { KindModule } from './shared/types';

export const KINDS: Record<StepKind, KindModule> = {
  operation: { meta: operationMeta, defaults: operationDefaults, Node: OperationNode, Panel: OperationPanel },
  inspection: { meta: inspectionMeta, defaults: inspectionDefaults, Node: InspectionNode, Panel: InspectionPanel },
  test: { meta: testMeta, defaults: testDefaults, Node: TestNode, Panel: TestPanel },
  rework: { meta: reworkMeta, defaults: reworkDefaults, Node: ReworkNode, Panel: ReworkPanel },
  packaging: { meta: packagingMeta, defaults: packagingDefaults, Node: PackagingNode, Panel: PackagingPanel },
};

/** React Flow's node types: one per step kind (stable object, defined once). */
export const NODE_TYPES: NodeTypes = Object.fromEntries(Object.entries(KINDS).map(([kind, m]) => [kind, m.Node])) as NodeTypes;

export function stepDefaults(kind: StepKind, id: string): RoutingStep {
  return KINDS[kind].defaults(id);
}
