/** The activity a time-based rule's schedule runs: evaluate the rule now (workers/rules/engine.ts). */
import type { RuleActivities } from '../../engine/activities';
import type { RuleRuntime } from '../rules/engine';

export function createRuleActivities({ rules }: { rules?: Pick<RuleRuntime, 'evaluateNow'> }): RuleActivities {
  return {
    async evaluateScheduledRule(ruleKey: string) {
      if (!rules) return null;
      const evaluation = await rules.evaluateNow(ruleKey);
      return evaluation ? { fired: evaluation.fired } : null;
    },
  };
}
