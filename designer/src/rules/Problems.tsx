/** Validation findings shown where they point: under a field, and as a summary above the editor. */
import { Alert, Typography } from 'antd';
import type { Finding } from '../../../definitions/validation/finding';
import { useLocale, useT } from '../i18n';
import { findingsAt, findingsUnder, messageOf } from './model/findings';
import './messages';

/** The findings about `pointer` (and, unless `exact`, about anything inside it), in red under a field. */
export function FieldProblems({ findings, pointer, exact = true }: { findings: readonly Finding[]; pointer: string; exact?: boolean }) {
  const [locale] = useLocale();
  const here = exact ? findingsAt(findings, pointer) : findingsUnder(findings, pointer);
  if (here.length === 0) return null;
  return (
    <div data-testid="field-problem" data-pointer={pointer} role="alert">
      {here.map((f, i) => (
        <Typography.Text key={i} type="danger" style={{ display: 'block', fontSize: 12 }}>
          {messageOf(f, locale)}
        </Typography.Text>
      ))}
    </div>
  );
}

/** 'error' for an input whose value has a finding, for antd's `status`. */
export function statusAt(findings: readonly Finding[], pointer: string): 'error' | undefined {
  return findingsAt(findings, pointer).length > 0 ? 'error' : undefined;
}

/** Every finding, with where it is, so none is missed; a green line when there is none. */
export function ProblemSummary({ findings, available }: { findings: readonly Finding[]; available: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  if (!available && findings.length === 0) return <Alert type="info" showIcon title={t('rules.validation.unavailable')} />;
  if (findings.length === 0) return <Alert data-testid="validation-ok" type="success" showIcon title={t('rules.validation.ok')} />;
  return (
    <Alert
      data-testid="validation-problems"
      type="error"
      showIcon
      title={t('rules.validation.count', { n: findings.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {findings.map((f, i) => (
            <li key={i}>
              <Typography.Text code>{f.pointer || '/'}</Typography.Text> {messageOf(f, locale)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
