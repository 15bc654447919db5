/**
 * Alert rules beyond their definitions: the fact catalog for the designer, dry runs with sample
 * facts, backtests over the recorded production, and the static checks of the active rule set.
 * None of them writes anything.
 */
import type { Shift } from '../../definitions/master-data/lookup';
import type { MasterData } from '../../definitions/master-data/schema';
import type { EscalationPolicy } from '../../definitions/policies/schema';
import { factCatalog } from '../../definitions/rules/catalog';
import type { AlertRule } from '../../definitions/rules/schema';
import { ruleSetFindings } from '../../definitions/rules/static-checks';
import { validateAlertRule } from '../../definitions/rules/validate';
import { finding } from '../../definitions/validation/finding';
import type { Store } from '../../store';
import { backtest, dryRun, type BacktestResult, type FactEnvOptions } from '../../store/facts/backtest';
import type { ContextValues } from '../../definitions/rules/run/context';
import { DEFAULT_TIME_ZONE } from '../../definitions/incidents/recipients';
import { compileRule, RuleLoadError, type CompiledRule, type Evaluation } from '../../definitions/rules/run/evaluate';
import type { FactValue } from '../../store/facts';
import { AppError } from '../http/errors';

export interface DryRunRequest {
  rule?: AlertRule;
  key?: string;
  version?: number;
  facts?: Record<string, FactValue>;
  context?: ContextValues;
}

export interface BacktestRequest {
  hours?: number;
  days?: number;
}

export function ruleUseCases(deps: { store: Store; siteKey: string; timeZone?: string }) {
  const { store, siteKey } = deps;

  async function env(): Promise<FactEnvOptions> {
    const site = await store.definitions.activeVersion('master-data', siteKey);
    const shifts = ((site?.content as MasterData | undefined)?.shifts ?? []) as Shift[];
    return { store, site: siteKey, timeZone: deps.timeZone ?? process.env.TAKTFLOW_TIMEZONE ?? DEFAULT_TIME_ZONE, shifts };
  }

  function compile(key: string, version: number, rule: AlertRule, at: string): CompiledRule {
    try {
      return compileRule(key, version, rule);
    } catch (e) {
      if (!(e instanceof RuleLoadError)) throw e;
      throw AppError.invalid('The rule cannot be evaluated', [finding(`${at}${e.pointer}`, 'rule.not-evaluable', { en: e.message, zh: `规则无法评估：${e.message}` })]);
    }
  }

  async function published(key: string, version?: number): Promise<CompiledRule> {
    const n = version ?? (await store.definitions.head('alert-rule', key))?.activeVersion ?? null;
    const found = n === null ? null : await store.definitions.getVersion('alert-rule', key, n);
    if (!found) throw AppError.notFound(version === undefined ? `an active version of alert rule ${key}` : `alert rule ${key} version ${version}`);
    return compile(key, found.version, found.content as AlertRule, '');
  }

  return {
    catalog: factCatalog,

    async dryRun(body: DryRunRequest): Promise<Evaluation> {
      let rule: CompiledRule;
      if (body.rule !== undefined && body.key === undefined) {
        const valid = validateAlertRule(body.rule);
        if (!valid.ok) throw AppError.invalid('The rule draft is not valid', valid.findings.map((f) => ({ ...f, pointer: `/rule${f.pointer}` })));
        rule = compile('draft', 0, valid.value, '/rule');
      } else if (body.key !== undefined && body.rule === undefined) {
        rule = await published(body.key, body.version);
      } else {
        throw AppError.invalid('Name one rule', [finding('', 'rule.dry-run-target', { en: 'give either a rule draft ("rule") or a published rule ("key", optionally "version")', zh: '请提供规则草稿（"rule"）或已发布规则（"key"，可选 "version"）之一' })]);
      }
      return dryRun(rule, body.facts ?? {}, body.context ?? {}, await env());
    },

    async backtest(key: string, body: BacktestRequest): Promise<BacktestResult & { rule: { key: string; version: number } }> {
      const rule = await published(key);
      const hours = body.hours ?? (body.days ?? 1) * 24;
      const to = new Date();
      const from = new Date(to.getTime() - hours * 3_600_000);
      return { rule: { key, version: rule.version }, ...(await backtest(rule, { from, to }, await env())) };
    },

    async checks() {
      const [ruleHeads, policyHeads] = await Promise.all([store.definitions.heads('alert-rule'), store.definitions.heads('escalation-policy')]);
      const rules = [];
      for (const h of ruleHeads) {
        const v = h.activeVersion === null ? null : await store.definitions.getVersion('alert-rule', h.key, h.activeVersion);
        if (v) rules.push({ key: h.key, version: v.version, rule: v.content as AlertRule });
      }
      const policies = new Map<string, EscalationPolicy>();
      for (const h of policyHeads) {
        const v = h.activeVersion === null ? null : await store.definitions.getVersion('escalation-policy', h.key, h.activeVersion);
        if (v) policies.set(h.key, v.content as EscalationPolicy);
      }
      return { rules: rules.length, findings: ruleSetFindings(rules, policies) };
    },
  };
}

export type RuleUseCases = ReturnType<typeof ruleUseCases>;
