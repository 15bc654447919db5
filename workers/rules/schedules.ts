/**
 * Temporal Schedules of time-based rules: one per active rule with `every` triggers, id
 * `rule:<taskQueue>:<key>`, starting scheduledRuleWorkflow at each interval. reconcile() creates
 * what is missing, replaces what changed (rule version or intervals, kept in the memo) and deletes
 * the schedules of rules that were retired or lost their `every`. Run at worker start and
 * periodically; it is idempotent (rule-schedules.test.ts, against the dev server).
 */
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { scheduleMinutes } from '../../definitions/rules/run/context';
import type { CompiledRule } from '../../definitions/rules/run/evaluate';

export { scheduleMinutes };

export const scheduleId = (taskQueue: string, ruleKey: string): string => `rule:${taskQueue}:${ruleKey}`;

export interface ReconcileResult {
  created: string[];
  updated: string[];
  deleted: string[];
}

/** The memo of the schedule with this id, or null when there is none (describe is consistent; the list is not). */
async function memoOf(client: Client, id: string): Promise<string | null> {
  try {
    const d = await client.schedule.getHandle(id).describe();
    return String((d.memo as { rule?: unknown } | undefined)?.rule ?? '');
  } catch (e) {
    if (e instanceof ScheduleNotFoundError) return null;
    throw e;
  }
}

/**
 * Each active rule's schedule is looked up by id (consistent); the schedules of retired rules are
 * found by listing (the list lags behind creations: a stale entry is skipped, a missed one is
 * deleted next round).
 */
export async function reconcileRuleSchedules(client: Client, taskQueue: string, rules: readonly CompiledRule[]): Promise<ReconcileResult> {
  const prefix = scheduleId(taskQueue, '');
  const wanted = new Map<string, { rule: CompiledRule; minutes: number[]; memo: string }>();
  for (const rule of rules) {
    const minutes = scheduleMinutes(rule);
    if (minutes.length > 0) wanted.set(scheduleId(taskQueue, rule.key), { rule, minutes, memo: `${rule.version}:${minutes.join(',')}` });
  }
  const result: ReconcileResult = { created: [], updated: [], deleted: [] };
  for (const [id, want] of wanted) {
    const memo = await memoOf(client, id);
    if (memo === want.memo) continue;
    if (memo !== null) await client.schedule.getHandle(id).delete();
    await client.schedule.create({
      scheduleId: id,
      spec: { intervals: want.minutes.map((m) => ({ every: `${m}m` })) },
      action: { type: 'startWorkflow', workflowType: 'scheduledRuleWorkflow', args: [{ ruleKey: want.rule.key }], taskQueue, workflowId: `${id}:run` },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      memo: { rule: want.memo },
    });
    (memo === null ? result.created : result.updated).push(id);
  }
  const remove = async (id: string): Promise<void> => {
    try {
      await client.schedule.getHandle(id).delete();
      result.deleted.push(id);
    } catch (e) {
      if (!(e instanceof ScheduleNotFoundError)) throw e;
    }
  };
  // Active rules without `every` by id; retired rules' schedules by listing.
  for (const rule of rules) {
    const id = scheduleId(taskQueue, rule.key);
    if (!wanted.has(id) && (await memoOf(client, id)) !== null) await remove(id);
  }
  for await (const s of client.schedule.list()) {
    if (s.scheduleId.startsWith(prefix) && !wanted.has(s.scheduleId) && !result.deleted.includes(s.scheduleId)) await remove(s.scheduleId);
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
