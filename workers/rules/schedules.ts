/**
 * Temporal Schedules of time-based rules: one per active rule with `every` triggers, id
 * `rule:<taskQueue>:<key>`, starting scheduledRuleWorkflow at each interval. reconcile() creates
 * what is missing, replaces what changed (rule version or intervals, kept in the memo) and deletes
 * the schedules of rules that were retired or lost their `every`. Run at worker start and
 * periodically; it is idempotent.
 */
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { durationMinutes } from '../../definitions/rules/facts';
import type { CompiledRule } from './evaluate';

export const scheduleId = (taskQueue: string, ruleKey: string): string => `rule:${taskQueue}:${ruleKey}`;

/** The intervals (minutes) of a rule's `every` triggers, sorted, each once. */
export function scheduleMinutes(rule: CompiledRule): number[] {
  const minutes = rule.rule.triggers.flatMap((t) => (t.every === undefined ? [] : [durationMinutes(t.every)])).filter((m): m is number => m !== undefined);
  return [...new Set(minutes)].sort((a, b) => a - b);
}

export interface ReconcileResult {
  created: string[];
  updated: string[];
  deleted: string[];
}

export async function reconcileRuleSchedules(client: Client, taskQueue: string, rules: readonly CompiledRule[]): Promise<ReconcileResult> {
  const prefix = scheduleId(taskQueue, '');
  const wanted = new Map<string, { rule: CompiledRule; minutes: number[]; memo: string }>();
  for (const rule of rules) {
    const minutes = scheduleMinutes(rule);
    if (minutes.length > 0) wanted.set(scheduleId(taskQueue, rule.key), { rule, minutes, memo: `${rule.version}:${minutes.join(',')}` });
  }
  const result: ReconcileResult = { created: [], updated: [], deleted: [] };
  const existing = new Map<string, string>();
  for await (const s of client.schedule.list()) {
    if (s.scheduleId.startsWith(prefix)) existing.set(s.scheduleId, String((s.memo as { rule?: unknown } | undefined)?.rule ?? ''));
  }
  for (const [id, memo] of existing) {
    const want = wanted.get(id);
    if (want && want.memo === memo) continue;
    await client.schedule.getHandle(id).delete();
    (want ? result.updated : result.deleted).push(id);
  }
  for (const [id, want] of wanted) {
    if (existing.get(id) === want.memo) continue;
    await client.schedule.create({
      scheduleId: id,
      spec: { intervals: want.minutes.map((m) => ({ every: `${m}m` })) },
      action: { type: 'startWorkflow', workflowType: 'scheduledRuleWorkflow', args: [{ ruleKey: want.rule.key }], taskQueue, workflowId: `${id}:run` },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      memo: { rule: want.memo },
    });
    if (!existing.has(id)) result.created.push(id);
  }
  return result;
}

/** Reconciles at once and then every `everyMs` (default 60 s); failures are logged and retried next round. */
export function startScheduleReconciler(client: Client, taskQueue: string, runtime: { rules(): Promise<{ rules: CompiledRule[] }>; reload(): void }, log: (line: string) => void, everyMs = 60_000): { stop(): void } {
  let stopped = false;
  const round = async (): Promise<void> => {
    try {
      runtime.reload();
      const { rules } = await runtime.rules();
      const r = await reconcileRuleSchedules(client, taskQueue, rules);
      const changed = r.created.length + r.updated.length + r.deleted.length;
      if (changed > 0 && !stopped) log(`[rules] schedules: ${r.created.length} created, ${r.updated.length} updated, ${r.deleted.length} deleted`);
    } catch (e) {
      if (!stopped) log(`[rules] reconciling schedules failed: ${String(e)}`);
    }
  };
  void round();
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
