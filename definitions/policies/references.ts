/**
 * Checks of an escalation policy against the site's master data: the lines and shifts of its
 * scope, its webhook targets and its recipients exist, every role and group reaches somebody,
 * and email and sms reach somebody with an address or a phone number.
 */
import { masterDataIndex, membersOf, usersWithRole, type MasterDataIndex, type User } from '../master-data/lookup';
import type { MasterData } from '../master-data/schema';
import { finding, pointer, type Finding } from '../validation/finding';
import { recipientRef } from './ladder';
import type { ChannelKind, EscalationLevel, EscalationPolicy, RecipientKind } from './schema';

const KIND_ZH: Record<RecipientKind, string> = { role: '角色', user: '用户', group: '群组' };

/** The channels that need something of each user, and what. */
interface Contact {
  has: (user: User) => boolean;
  article: string;
  noun: string;
  zh: string;
  channelZh: string;
}

const CONTACT: Partial<Record<ChannelKind, Contact>> = {
  email: { has: (u) => u.email !== undefined, article: 'an', noun: 'email address', zh: '邮箱地址', channelZh: '邮件' },
  sms: { has: (u) => u.phone !== undefined, article: 'a', noun: 'phone number', zh: '手机号', channelZh: '短信' },
};

function scopeFindings(policy: EscalationPolicy, index: MasterDataIndex, findings: Finding[]): void {
  (policy.scope?.lines ?? []).forEach((line, i) => {
    if (!index.lines.has(line)) {
      findings.push(finding(pointer('scope', 'lines', i), 'policy.unknown-line', { en: `line "${line}" is not in the master data`, zh: `主数据中没有产线 "${line}"` }));
    }
  });
  (policy.scope?.shifts ?? []).forEach((shift, i) => {
    if (!index.shifts.has(shift)) {
      findings.push(finding(pointer('scope', 'shifts', i), 'policy.unknown-shift', { en: `shift "${shift}" is not in the master data`, zh: `主数据中没有班次 "${shift}"` }));
    }
  });
}

function webhookFindings(level: EscalationLevel, at: number, index: MasterDataIndex, findings: Finding[]): void {
  const webhooks = index.webhooks;
  if (webhooks === undefined) return;
  level.channels.forEach((channel, k) => {
    if (channel.target !== undefined && !webhooks.has(channel.target)) {
      findings.push(
        finding(pointer('levels', at, 'channels', k, 'target'), 'policy.unknown-webhook', {
          en: `webhook target "${channel.target}" is not in the master data`,
          zh: `主数据中没有 Webhook 目标 "${channel.target}"`,
        }),
      );
    }
  });
}

type Resolved = { users: readonly User[] } | { problem: Finding };

/** The users a recipient reaches, or a finding saying why it reaches nobody. */
function resolve(kind: RecipientKind, id: string, index: MasterDataIndex, at: string): Resolved {
  const user = index.users.get(id);
  const known = kind === 'role' ? index.roles.has(id) : kind === 'user' ? user !== undefined : index.groups.has(id);
  if (!known) {
    return { problem: finding(at, 'policy.unknown-recipient', { en: `${kind} "${id}" is not in the master data`, zh: `主数据中没有${KIND_ZH[kind]} "${id}"` }) };
  }
  if (kind === 'role') {
    const users = usersWithRole(index, id);
    return users.length > 0 ? { users } : { problem: finding(at, 'policy.empty-recipient', { en: `no user holds role "${id}"`, zh: `没有用户担任角色 "${id}"` }) };
  }
  if (kind === 'group') {
    const users = membersOf(index, id);
    return users.length > 0 ? { users } : { problem: finding(at, 'policy.empty-recipient', { en: `group "${id}" has no members`, zh: `群组 "${id}" 没有成员` }) };
  }
  return { users: user === undefined ? [] : [user] };
}

function recipientFindings(level: EscalationLevel, at: number, index: MasterDataIndex, findings: Finding[]): void {
  level.recipients.forEach((recipient, j) => {
    const { kind, id } = recipientRef(recipient);
    const where = pointer('levels', at, 'recipients', j, kind);
    const resolved = resolve(kind, id, index, where);
    if ('problem' in resolved) {
      findings.push(resolved.problem);
      return;
    }
    for (const { channel } of level.channels) {
      const contact = CONTACT[channel];
      if (contact === undefined || resolved.users.some(contact.has)) continue;
      findings.push(
        finding(where, 'policy.unreachable-recipient', {
          en:
            kind === 'user'
              ? `${channel} cannot reach user "${id}": no ${contact.noun}`
              : `${channel} cannot reach ${kind} "${id}": none of its users has ${contact.article} ${contact.noun}`,
          zh:
            kind === 'user'
              ? `用户 "${id}" 没有${contact.zh}，无法通过${contact.channelZh}通知`
              : `${KIND_ZH[kind]} "${id}" 的用户都没有${contact.zh}，无法通过${contact.channelZh}通知`,
        }),
      );
    }
  });
}

/**
 * Reference findings of one part of the policy, in document order: `scope` for the scope, a
 * level index for that level's channels and recipients.
 */
export function referenceFindings(policy: EscalationPolicy, part: 'scope' | number, masterData: MasterData): Finding[] {
  const index = masterDataIndex(masterData);
  const findings: Finding[] = [];
  if (part === 'scope') {
    scopeFindings(policy, index, findings);
  } else {
    const level = policy.levels[part];
    if (level !== undefined) {
      webhookFindings(level, part, index, findings);
      recipientFindings(level, part, index, findings);
    }
  }
  return findings;
}
