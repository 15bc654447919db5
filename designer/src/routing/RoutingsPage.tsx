/**
 * #/routings            the list of routing keys
 * #/routings/<key>      the editor (latest draft)
 * #/routings/<key>/v/<n>            version n, read-only
 * #/routings/<key>/diff/<a>/<b>     visual diff of versions a and b
 */
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { DiffPage } from './DiffPage';
import './messages';
import { RoutingEditor } from './RoutingEditor';
import { RoutingList } from './RoutingList';
import { VersionView } from './VersionView';

const version = (s: string | undefined): number | undefined => (s !== undefined && /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : undefined);

export function RoutingsPage({ path }: { path: string[] }): ReactNode {
  const t = useT();
  const [key, view, a, b] = path;
  if (key === undefined) return <RoutingList />;
  if (view === undefined) return <RoutingEditor routingKey={key} />;
  if (view === 'v' && version(a) !== undefined) return <VersionView routingKey={key} n={version(a) as number} />;
  if (view === 'diff' && version(a) !== undefined && version(b) !== undefined) return <DiffPage routingKey={key} from={version(a) as number} to={version(b) as number} />;
  return <Result status="404" subTitle={t('app.notFound')} />;
}
