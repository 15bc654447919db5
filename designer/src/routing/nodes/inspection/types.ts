/** An inspection: checks a unit; needs a fail transition. */
import { EyeOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import type { KindMeta } from '../shared/types';

export const meta: KindMeta = {
  kind: 'inspection',
  color: '#b45309',
  icon: createElement(EyeOutlined),
  sections: ['defectCodes', 'measurements', 'instructions'],
};
