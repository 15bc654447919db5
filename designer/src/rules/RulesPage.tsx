/** #/rules: the alert rules of the site (list) and the editor of the one chosen. */
import { Col, Empty, Row } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { DefinitionList } from './DefinitionList';
import { useReferences } from './hooks';
import { RuleEditor } from './RuleEditor';
import './messages';

export function RulesPage() {
  const t = useT();
  const refs = useReferences();
  const [selected, setSelected] = useState<string>();
  const [listVersion, setListVersion] = useState(0);
  return (
    <Row gutter={16} data-testid="rules-page">
      <Col xs={24} md={6}>
        <DefinitionList kind="alert-rule" title={t('rules.list.rules')} selected={selected} onSelect={setSelected} version={listVersion} />
      </Col>
      <Col xs={24} md={18}>
        {selected ? <RuleEditor key={selected} ruleKey={selected} refs={refs} onSaved={() => setListVersion((n) => n + 1)} /> : <Empty description={t('rules.list.pickRule')} />}
      </Col>
    </Row>
  );
}
