/**
 * What a time-based alert rule's Temporal Schedule starts: one short workflow that evaluates the
 * rule now (workers/rules/schedules.ts creates, updates and deletes the schedules).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { RuleActivities } from '../activities';

const { evaluateScheduledRule } = proxyActivities<RuleActivities>({ startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 3 } });

export async function scheduledRuleWorkflow(input: { ruleKey: string }): Promise<{ fired: boolean } | null> {
  return evaluateScheduledRule(input.ruleKey);
}
