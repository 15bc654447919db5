/** Handlers of the rule tools: thin, the use-case holds the logic. */
import type { Handler } from '../contract/router';
import type { BacktestRequest, DryRunRequest, RuleUseCases } from '../use-cases/rules';

export function ruleHandlers(rules: RuleUseCases): Record<string, Handler> {
  return {
    listFacts: async () => ({ status: 200, body: rules.catalog() }),
    dryRunRule: async ({ body }) => {
      const e = await rules.dryRun(body as DryRunRequest);
      return { status: 200, body: { fired: e.fired, trace: e.trace, facts: e.facts, message: e.message, dedupKey: e.dedupKey, variables: e.variables } };
    },
    backtestRule: async ({ params, body }) => ({ status: 200, body: await rules.backtest(params.key as string, body as BacktestRequest) }),
    checkRules: async () => ({ status: 200, body: await rules.checks() }),
  };
}
