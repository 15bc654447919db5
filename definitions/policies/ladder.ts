/**
 * Pure timing helpers over an escalation policy: no validation library here, so workflow code
 * may use them to schedule the ladder.
 */
import type { EscalationPolicy, EscalationRecipient, RecipientKind } from './schema';

/**
 * When each level starts, in minutes after the incident opened: `delayFrom: 'open'` counts from
 * the opening, `'previous'` from the start of the level before (the opening for the first level).
 */
export function levelStartMinutes(policy: Pick<EscalationPolicy, 'levels'>): number[] {
  const starts: number[] = [];
  let previous = 0;
  for (const level of policy.levels) {
    previous = level.delayFrom === 'open' ? level.delayMinutes : previous + level.delayMinutes;
    starts.push(previous);
  }
  return starts;
}

/**
 * When the last level is sent again, in minutes after the incident opened (empty without
 * `repeat`). Time spent paused by an acknowledgement comes on top at run time.
 */
export function repeatMinutes(policy: Pick<EscalationPolicy, 'levels' | 'repeat'>): number[] {
  if (policy.repeat === undefined) return [];
  const last = levelStartMinutes(policy).at(-1) ?? 0;
  const { everyMinutes, times } = policy.repeat;
  return Array.from({ length: times }, (_, i) => last + everyMinutes * (i + 1));
}

/** Which kind of recipient this is and the id it names. */
export function recipientRef(recipient: EscalationRecipient): { kind: RecipientKind; id: string } {
  if (recipient.role !== undefined) return { kind: 'role', id: recipient.role };
  if (recipient.user !== undefined) return { kind: 'user', id: recipient.user };
  if (recipient.group !== undefined) return { kind: 'group', id: recipient.group };
  throw new Error('a recipient names one of role, user or group');
}
