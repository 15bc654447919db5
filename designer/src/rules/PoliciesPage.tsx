/** #/policies: the escalation policies (ladders) of the site and the editor of the one chosen. */
import { Col, Empty, Row } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { DefinitionList } from './DefinitionList';
import { useReferences } from './hooks';
import { PolicyEditor } from './PolicyEditor';
import './messages';

export function PoliciesPage() {
  const t = useT();
  const refs = useReferences();
  const [selected, setSelected] = useState<string>();
  const [listVersion, setListVersion] = useState(0);
  return (
    <Row gutter={16} data-testid="policies-page">
      <Col xs={24} md={6}>
        <DefinitionList kind="escalation-policy" title={t('rules.list.policies')} selected={selected} onSelect={setSelected} version={listVersion} />
      </Col>
      <Col xs={24} md={18}>
        {selected ? (
          <PolicyEditor
            key={selected}
            policyKey={selected}
            refs={refs}
            onSaved={() => {
              setListVersion((n) => n + 1);
              refs.reloadPolicies();
            }}
          />
        ) : (
          <Empty description={t('rules.list.pickPolicy')} />
        )}
      </Col>
    </Row>
  );
}
