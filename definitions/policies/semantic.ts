/**
 * Semantic checks of an escalation policy that a schema cannot express, in document order:
 * scope, then each level (timing, webhook targets, recipients), then repeat and acknowledgement.
 * Reference checks are made only when the context carries master data.
 */
import type { ValidationContext } from '../validation/context';
import { finding, pointer, type Finding } from '../validation/finding';
import { levelStartMinutes } from './ladder';
import { referenceFindings } from './references';
import { MAX_POLICY_MINUTES, type EscalationPolicy } from './schema';

/** Each level must start strictly later (from the incident's opening) than every level before it. */
function delayFinding(starts: readonly number[], at: number, latest: number): Finding | undefined {
  const start = starts[at] ?? 0;
  const before = starts[latest] ?? 0;
  if (at === 0 || start > before) return undefined;
  return finding(pointer('levels', at, 'delayMinutes'), 'policy.delay-not-increasing', {
    en: `level ${at + 1} starts ${start} min after the incident opened, not later than level ${latest + 1} (${before} min)`,
    zh: `第 ${at + 1} 级在事件开启后 ${start} 分钟启动，未晚于第 ${latest + 1} 级（${before} 分钟）`,
  });
}

function repeatFindings(policy: EscalationPolicy): Finding[] {
  if (policy.repeat === undefined) return [];
  const { everyMinutes, times } = policy.repeat;
  if (everyMinutes * times <= MAX_POLICY_MINUTES) return [];
  return [
    finding(pointer('repeat'), 'policy.repeat-too-long', {
      en: `repeating every ${everyMinutes} min ${times} times lasts ${everyMinutes * times} min, more than one week (${MAX_POLICY_MINUTES} min)`,
      zh: `每 ${everyMinutes} 分钟重复一次、共 ${times} 次，持续 ${everyMinutes * times} 分钟，超过一周（${MAX_POLICY_MINUTES} 分钟）`,
    }),
  ];
}

function acknowledgeFindings(policy: EscalationPolicy): Finding[] {
  if (policy.onAcknowledge === 'pause' && policy.pauseMinutes === undefined) {
    return [
      finding(pointer('pauseMinutes'), 'policy.missing-pause-minutes', {
        en: 'onAcknowledge "pause" needs pauseMinutes: how long an acknowledgement holds the escalation',
        zh: 'onAcknowledge 为 "pause" 时必须填写 pauseMinutes（确认后暂停升级的分钟数）',
      }),
    ];
  }
  if (policy.onAcknowledge !== 'pause' && policy.pauseMinutes !== undefined) {
    return [
      finding(pointer('pauseMinutes'), 'policy.unused-pause-minutes', {
        en: `pauseMinutes only applies when onAcknowledge is "pause", not "${policy.onAcknowledge}"`,
        zh: `仅当 onAcknowledge 为 "pause" 时 pauseMinutes 才有效，当前为 "${policy.onAcknowledge}"`,
      }),
    ];
  }
  return [];
}

export function escalationPolicyFindings(policy: EscalationPolicy, ctx: ValidationContext = {}): Finding[] {
  const { masterData } = ctx;
  const findings: Finding[] = masterData ? referenceFindings(policy, 'scope', masterData) : [];
  const starts = levelStartMinutes(policy);
  let latest = 0;
  policy.levels.forEach((_level, i) => {
    const late = delayFinding(starts, i, latest);
    if (late) findings.push(late);
    else latest = i;
    if (masterData) findings.push(...referenceFindings(policy, i, masterData));
  });
  findings.push(...repeatFindings(policy), ...acknowledgeFindings(policy));
  return findings;
}
