/**
 * The static checks of the active rule set (GET /rules/checks) about this rule: conditions that
 * can never hold together, another rule raising the same alert, escalation levels never reached.
 */
import { Alert, Typography } from 'antd';
import { useLocale, useT } from '../i18n';
import { ruleChecks } from './api';
import { useLoad } from './hooks';
import './messages';

/** `version` changes when the rule was published again, so the checks are read anew. */
export function RuleChecks({ ruleKey, version }: { ruleKey: string; version: number | null }) {
  const t = useT();
  const [locale] = useLocale();
  const checks = useLoad(ruleChecks, [ruleKey, version]);
  const mine = (checks.data?.findings ?? []).filter((f) => f.rule === ruleKey);
  if (version === null || mine.length === 0) return null;
  return (
    <Alert
      data-testid="rule-checks"
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      title={t('rules.checks.title', { n: mine.length, version })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {mine.map((f, i) => (
            <li key={i} data-code={f.code}>
              <Typography.Text code>{f.pointer || '/'}</Typography.Text> {locale === 'zh' ? f.messageZh : f.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
