/** Packaging: usually the last step. */
import { InboxOutlined } from '@ant-design/icons';
import { createElement } from 'react';
import type { KindMeta } from '../shared/types';

export const meta: KindMeta = {
  kind: 'packaging',
  color: '#047857',
  icon: createElement(InboxOutlined),
  sections: ['components', 'instructions'],
};
