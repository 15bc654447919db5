/** A rework station: repairs a unit, usually on a loop back to the check that failed it. */
import { ReloadOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import type { KindMeta } from '../shared/types';

export const meta: KindMeta = {
  kind: 'rework',
  color: '#dc2626',
  icon: createElement(ReloadOutlined),
  sections: ['defectCodes', 'components', 'instructions'],
};
