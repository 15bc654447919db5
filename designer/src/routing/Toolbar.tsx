/** The editor's toolbar: undo/redo, auto-layout, connect mode, and the lifecycle (save, publish, history, import/export). */
import { ApartmentOutlined, CloudUploadOutlined, DownloadOutlined, HistoryOutlined, RedoOutlined, SaveOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Tooltip } from 'antd';
import { useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useT } from '../i18n';
import { redo, undo, useRoutingStore, type ConnectMode } from './model/store';

export interface ToolbarProps {
  onLayout: () => void;
  onSave?: () => void;
  saving?: boolean;
  dirty?: boolean;
  onPublish?: () => void;
  /** Why publishing is not possible now (errors remain), if it is not. */
  publishBlocked?: string;
  onHistory?: () => void;
  onExport: () => void;
  onImport?: (file: File) => void;
}

export function Toolbar(p: ToolbarProps): ReactNode {
  const t = useT();
  const readOnly = useRoutingStore((s) => s.readOnly);
  const connectMode = useRoutingStore((s) => s.connectMode);
  const setConnectMode = useRoutingStore((s) => s.setConnectMode);
  const canUndo = useStore(useRoutingStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useRoutingStore.temporal, (s) => s.futureStates.length > 0);
  const file = useRef<HTMLInputElement>(null);
  return (
    <Space wrap size={6} role="toolbar" aria-label={t('routing.toolbar')}>
      {!readOnly && (
        <>
          <Tooltip title="Ctrl+Z">
            <Button icon={<UndoOutlined />} disabled={!canUndo} onClick={undo}>
              {t('routing.undo')}
            </Button>
          </Tooltip>
          <Tooltip title="Ctrl+Shift+Z">
            <Button icon={<RedoOutlined />} disabled={!canRedo} onClick={redo}>
              {t('routing.redo')}
            </Button>
          </Tooltip>
          <Segmented<ConnectMode>
            aria-label={t('routing.connectMode')}
            value={connectMode}
            onChange={setConnectMode}
            options={[
              { value: 'transition', label: t('routing.connectMode.transition') },
              { value: 'queue', label: t('routing.connectMode.queue') },
            ]}
          />
        </>
      )}
      <Button icon={<ApartmentOutlined />} onClick={p.onLayout}>
        {t('routing.layout')}
      </Button>
      {p.onSave && (
        <Button icon={<SaveOutlined />} onClick={p.onSave} loading={p.saving} type={p.dirty ? 'primary' : 'default'} ghost={p.dirty}>
          {t('routing.save')}
        </Button>
      )}
      {p.onPublish && (
        <Tooltip title={p.publishBlocked}>
          <Button icon={<CloudUploadOutlined />} type="primary" disabled={p.publishBlocked !== undefined} onClick={p.onPublish} data-testid="publish">
            {t('routing.publish')}
          </Button>
        </Tooltip>
      )}
      {p.onHistory && (
        <Button icon={<HistoryOutlined />} onClick={p.onHistory}>
          {t('routing.history')}
        </Button>
      )}
      <Button icon={<DownloadOutlined />} onClick={p.onExport}>
        {t('routing.export')}
      </Button>
      {p.onImport && !readOnly && (
        <>
          <Button icon={<UploadOutlined />} onClick={() => file.current?.click()}>
            {t('routing.import')}
          </Button>
          <input
            ref={file}
            type="file"
            accept="application/json,.json"
            aria-label={t('routing.import')}
            data-testid="import-file"
            style={{ display: 'none' }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f !== undefined) p.onImport?.(f);
            }}
          />
        </>
      )}
    </Space>
  );
}
