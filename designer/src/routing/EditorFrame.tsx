/** The editor's layout: a header (title, status, toolbar), the palette, the canvas over the problems list, and a side panel. */
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useEditorKeys } from './flow/keyboard';

export function EditorFrame({ header, left, canvas, bottom, side }: { header: ReactNode; left?: ReactNode; canvas: ReactNode; bottom?: ReactNode; side: ReactNode }): ReactNode {
  useEditorKeys();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <div style={{ padding: '8px 12px', borderBottom: '1px solid #e5e7eb', background: '#fff', display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>{header}</div>
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {left}
        <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0 }}>
          {canvas}
          {bottom}
        </div>
        {side}
      </div>
    </div>
  );
}

/** React Flow's context around a whole editor page (the palette and toolbar use the canvas's viewport). */
export function WithFlow({ children }: { children: ReactNode }): ReactNode {
  return <ReactFlowProvider>{children}</ReactFlowProvider>;
}
