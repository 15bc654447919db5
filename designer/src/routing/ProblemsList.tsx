/** Every validation problem, in the user's language; clicking one selects and centers what it is about. */
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocale, useT } from '../i18n';
import type { Problems } from './model/problems';
import { useRoutingStore } from './model/store';

export function ProblemsList({ problems }: { problems: Problems }): ReactNode {
  const t = useT();
  const [locale] = useLocale();
  const focusOn = useRoutingStore((s) => s.focusOn);
  const { list } = problems;
  return (
    <section data-testid="problems" aria-label={t('routing.problems')} data-count={list.length} style={{ borderTop: '1px solid #e5e7eb', maxHeight: 180, overflow: 'auto', background: '#fff' }}>
      <div style={{ padding: '4px 12px', fontWeight: 600, fontSize: 13, position: 'sticky', top: 0, background: '#fff' }}>
        {list.length === 0 ? (
          <Typography.Text type="success">
            <CheckCircleOutlined /> {t('routing.problems.none')}
          </Typography.Text>
        ) : (
          <Typography.Text type="danger">
            <CloseCircleOutlined /> {t('routing.problems.count', { n: list.length })}
          </Typography.Text>
        )}
      </div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {list.map((p, i) => (
          <li key={`${p.pointer}-${p.code}-${i}`}>
            <button
              type="button"
              data-testid="problem"
              data-code={p.code}
              data-pointer={p.pointer}
              onClick={() => focusOn(p.target)}
              style={{ display: 'flex', gap: 8, width: '100%', padding: '3px 12px', border: 0, background: 'transparent', cursor: 'pointer', textAlign: 'left', fontSize: 12 }}
            >
              <CloseCircleOutlined style={{ color: '#dc2626', marginTop: 3 }} aria-hidden />
              <span style={{ flex: 1 }}>{locale === 'zh' ? p.messageZh : p.message}</span>
              <code style={{ color: '#57606a' }}>{p.pointer || '/'}</code>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
