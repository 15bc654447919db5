/** An operation: work at a station; may install components. */
import { ToolOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import type { KindMeta } from '../shared/types';

export const meta: KindMeta = {
  kind: 'operation',
  color: '#1f6feb',
  icon: createElement(ToolOutlined),
  sections: ['components', 'instructions'],
};
