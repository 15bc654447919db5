/**
 * Pure edits of an escalation policy (the ladder): levels with their delay, channels and
 * recipients, scope, repeat and acknowledgement, as the ladder editor makes them.
 */
import type { ChannelKind, EscalationLevel, EscalationPolicy, EscalationRecipient, RecipientKind } from '../../../../definitions/policies/schema';
import { levelStartMinutes } from '../../../../definitions/policies/ladder';

export type PolicyDoc = EscalationPolicy;

export function newPolicy(): PolicyDoc {
  return { name: '', levels: [newLevel(0)], onAcknowledge: 'stop' };
}

export function newLevel(delayMinutes: number): EscalationLevel {
  return { delayMinutes, delayFrom: 'open', channels: [{ channel: 'andon' }], recipients: [{ role: 'line-leader' }] };
}

/** A level after the last, starting 15 minutes after it (counted from the opening). */
export function addLevel(policy: PolicyDoc): PolicyDoc {
  const last = levelStartMinutes(policy).at(-1);
  const level = newLevel(last === undefined ? 0 : last + 15);
  return { ...policy, levels: [...policy.levels, level] as PolicyDoc['levels'] };
}

export function removeLevel(policy: PolicyDoc, index: number): PolicyDoc {
  if (policy.levels.length <= 1) return policy;
  return { ...policy, levels: policy.levels.filter((_, i) => i !== index) as PolicyDoc['levels'] };
}

export function updateLevel(policy: PolicyDoc, index: number, fn: (level: EscalationLevel) => EscalationLevel): PolicyDoc {
  return { ...policy, levels: policy.levels.map((l, i) => (i === index ? fn(l) : l)) as PolicyDoc['levels'] };
}

export function moveLevel(policy: PolicyDoc, index: number, by: -1 | 1): PolicyDoc {
  const to = index + by;
  if (to < 0 || to >= policy.levels.length) return policy;
  const levels = [...policy.levels];
  [levels[index], levels[to]] = [levels[to] as EscalationLevel, levels[index] as EscalationLevel];
  return { ...policy, levels: levels as PolicyDoc['levels'] };
}

/** The channels of a level, in the order chosen; a webhook keeps the target it had. */
export function setChannels(level: EscalationLevel, kinds: readonly ChannelKind[], webhookTarget?: string): EscalationLevel {
  const before = level.channels.find((c) => c.channel === 'webhook')?.target;
  const target = webhookTarget ?? before;
  const channels = [...new Set(kinds)].map((channel) => (channel === 'webhook' ? { channel, target: target ?? '' } : { channel }));
  return { ...level, channels: channels as EscalationLevel['channels'] };
}

export function webhookTarget(level: EscalationLevel): string | undefined {
  return level.channels.find((c) => c.channel === 'webhook')?.target;
}

export interface RecipientRef {
  kind: RecipientKind;
  id: string;
}

export function recipientRefOf(recipient: EscalationRecipient): RecipientRef {
  if (recipient.role !== undefined) return { kind: 'role', id: recipient.role };
  if (recipient.user !== undefined) return { kind: 'user', id: recipient.user };
  return { kind: 'group', id: recipient.group ?? '' };
}

/** Recipients as `role:line-leader`, the text the recipient picker shows and parses. */
export const recipientText = (r: RecipientRef): string => `${r.kind}:${r.id}`;

export function parseRecipient(text: string): RecipientRef | undefined {
  const m = /^(role|user|group):(.+)$/.exec(text.trim());
  return m ? { kind: m[1] as RecipientKind, id: (m[2] as string).trim() } : undefined;
}

export function setRecipients(level: EscalationLevel, refs: readonly RecipientRef[]): EscalationLevel {
  const seen = new Set<string>();
  const recipients = refs.filter((r) => r.id !== '' && !seen.has(recipientText(r)) && seen.add(recipientText(r))).map((r) => ({ [r.kind]: r.id }) as EscalationRecipient);
  return { ...level, recipients: recipients as EscalationLevel['recipients'] };
}

export function setPolicyScope(policy: PolicyDoc, key: 'lines' | 'shifts', ids: readonly string[]): PolicyDoc {
  const scope = { ...(policy.scope ?? {}) };
  if (ids.length === 0) delete scope[key];
  else scope[key] = [...new Set(ids)] as [string, ...string[]];
  const { scope: _old, ...rest } = policy;
  void _old;
  return Object.keys(scope).length === 0 ? rest : { ...rest, scope };
}

export function setRepeat(policy: PolicyDoc, repeat: PolicyDoc['repeat'] | undefined): PolicyDoc {
  const { repeat: _old, ...rest } = policy;
  void _old;
  return repeat === undefined ? rest : { ...rest, repeat };
}

/** Stop or pause on acknowledgement; pausing starts at 15 minutes, stopping drops the pause. */
export function setOnAcknowledge(policy: PolicyDoc, mode: PolicyDoc['onAcknowledge']): PolicyDoc {
  const { pauseMinutes, ...rest } = policy;
  if (mode === 'stop') return { ...rest, onAcknowledge: 'stop' };
  return { ...rest, onAcknowledge: 'pause', pauseMinutes: pauseMinutes ?? 15 };
}

/** When each level starts, in minutes after the incident opened (for the ladder's timeline). */
export const levelStarts = (policy: PolicyDoc): number[] => levelStartMinutes(policy);
