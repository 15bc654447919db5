/** The diff's side panel: the changes (counts, then each), and field-level before/after of the selected one. */
import { Empty, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Change, DefinitionDiff, FieldChange } from '../../../definitions/diff/types';
import type { Routing } from '../../../definitions/routing/schema';
import { useT } from '../i18n';
import type { Selection } from './model/ids';
import { changesOfStep } from './model/diff-view';
import { useRoutingStore } from './model/store';

const COLORS = { added: 'green', removed: 'red', changed: 'orange' } as const;
const show = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function Fields({ change }: { change: Change }): ReactNode {
  const t = useT();
  const fields: FieldChange[] = change.fields ?? (change.op === 'changed' ? [{ pointer: '', before: change.before, after: change.after }] : []);
  if (fields.length === 0) return null;
  return (
    <table style={{ width: '100%', fontSize: 12, borderCollapse: 'collapse', marginTop: 4 }} data-testid="field-changes">
      <thead>
        <tr style={{ textAlign: 'left', color: '#57606a' }}>
          <th>{t('routing.diff.field')}</th>
          <th>{t('routing.diff.before')}</th>
          <th>{t('routing.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f, i) => (
          <tr key={i} style={{ borderTop: '1px solid #eee', verticalAlign: 'top' }}>
            <td>
              <code>{f.pointer || '/'}</code>
            </td>
            <td style={{ color: '#b91c1c', wordBreak: 'break-all' }}>{show(f.before)}</td>
            <td style={{ color: '#15803d', wordBreak: 'break-all' }}>{show(f.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a change is about on the canvas: its step, or the transition / queue-time limit (by "from→to[ on outcome]"). */
function targetOfChange(c: Change, doc: Routing): Selection | null {
  if (c.id === undefined) return null;
  if (c.entity === 'step') return { kind: 'step', id: c.id };
  if (c.entity === 'measurement' || c.entity === 'component') return { kind: 'step', id: c.id.split('/')[0] as string };
  const key = (x: { from: string; to: string; on?: string }): string => (x.on === undefined ? `${x.from}→${x.to}` : `${x.from}→${x.to} on ${x.on}`);
  if (c.entity === 'transition') {
    const index = doc.transitions.map(key).lastIndexOf(c.id);
    return index < 0 ? null : { kind: 'transition', index };
  }
  if (c.entity === 'queue-time-limit') {
    const index = (doc.queueTimeLimits ?? []).map(key).lastIndexOf(c.id);
    return index < 0 ? null : { kind: 'queue', index };
  }
  return null;
}

export function DiffPanel({ diff }: { diff: DefinitionDiff }): ReactNode {
  const t = useT();
  const selection = useRoutingStore((s) => s.selection);
  const focusOn = useRoutingStore((s) => s.focusOn);
  const doc = useRoutingStore((s) => s.doc);
  const shown = selection?.kind === 'step' ? changesOfStep(diff, selection.id) : diff.changes;
  return (
    <aside aria-label={t('routing.diff.changes')} data-testid="diff-panel" style={{ width: 380, borderLeft: '1px solid #e5e7eb', padding: 12, overflow: 'auto', background: '#fff' }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {selection?.kind === 'step' ? t('routing.diff.changesOf', { id: selection.id }) : t('routing.diff.changes')}
      </Typography.Title>
      {diff.identical && <Empty description={t('routing.diff.identical')} />}
      {selection?.kind !== 'step' && (
        <div style={{ marginBottom: 8 }}>
          {Object.entries(diff.summary).map(([entity, n]) => (
            <div key={entity} style={{ fontSize: 12 }}>
              {t(`routing.entity.${entity}`)}: +{n.added} −{n.removed} ~{n.changed}
            </div>
          ))}
        </div>
      )}
      {shown.length === 0 && !diff.identical && <Typography.Text type="secondary">{t('routing.diff.noChangesHere')}</Typography.Text>}
      {shown.map((c, i) => {
        const target = targetOfChange(c, doc);
        return (
          <div key={i} data-testid="change" data-op={c.op} data-entity={c.entity} style={{ borderBottom: '1px solid #f0f0f0', padding: '6px 0' }}>
            <button type="button" onClick={() => target !== null && focusOn(target)} style={{ border: 0, background: 'transparent', padding: 0, cursor: target === null ? 'default' : 'pointer', textAlign: 'left' }}>
              <Tag color={COLORS[c.op]}>{t(`routing.diff.${c.op}`)}</Tag>
              <span>{t(`routing.entity.${c.entity}`)}</span> <code>{c.id ?? c.pointer}</code>
            </button>
            <Fields change={c} />
          </div>
        );
      })}
    </aside>
  );
}
