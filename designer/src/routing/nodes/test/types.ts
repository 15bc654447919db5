/** A test: measures a unit against limits (LSL/target/USL); needs a fail transition. */
import { ExperimentOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import type { KindMeta } from '../shared/types';

export const meta: KindMeta = {
  kind: 'test',
  color: '#7c3aed',
  icon: createElement(ExperimentOutlined),
  sections: ['measurements', 'defectCodes', 'instructions'],
};
