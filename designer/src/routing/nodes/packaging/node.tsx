/** The canvas node of a packaging step. */
import { memo, type ReactNode } from 'react';
import { StepNodeView } from '../shared/StepNodeView';
import type { StepNodeData } from '../shared/types';
import { meta } from './types';

export const PackagingNode = memo(function PackagingNode({ data, selected }: { data: StepNodeData; selected?: boolean }): ReactNode {
  return <StepNodeView meta={meta} data={data} selected={selected === true} />;
});
