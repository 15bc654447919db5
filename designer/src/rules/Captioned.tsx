/** A small caption above an input of a condition row, so a filled-in value still says what it is. */
import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function Captioned({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'inline-flex', flexDirection: 'column', gap: 2 }}>
      <Typography.Text type="secondary" style={{ fontSize: 11, lineHeight: '14px' }} aria-hidden>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}
