/**
 * notifyLevel: one level of an escalation ladder. Resolves the recipients from the site's active
 * master data (roles on the incident's line, users, groups) and delivers on every channel of the
 * level at once, each through deliver() (idempotent request ids, retries, fallback, delivery log).
 */
import type { LevelNotification, NotifyActivities } from '../../engine/activities';
import type { DeliveryResult, NotificationRequest } from '../../definitions/incidents/model';
import { resolveRecipients } from '../../definitions/incidents/recipients';
import type { MasterData } from '../../definitions/master-data/schema';
import type { EscalationChannel } from '../../definitions/policies/schema';
import type { Store } from '../../store';
import { andonSender } from '../notify/andon';
import { defaultNotifyConfig, type NotifyConfig } from '../notify/config';
import { deliver, type ChannelSender } from '../notify/deliver';
import { emailSender } from '../notify/email';
import { smsSender } from '../notify/sms';
import { webhookSender } from '../notify/webhook';

const MASTER_DATA_TTL_MS = 5_000;

/** `incident:<incident>:<run>:level-<level>[:r<repeat>]:<channel>[:<target>]` */
export function requestId(n: Pick<LevelNotification, 'incident' | 'run' | 'level' | 'repeat'>, ch: EscalationChannel): string {
  return `incident:${n.incident}:${n.run}:level-${n.level}${n.repeat ? `:r${n.repeat}` : ''}:${ch.channel}${ch.target ? `:${ch.target}` : ''}`;
}

export function createNotifyActivities(deps: { store: Store; notify?: NotifyConfig; sleep?: (ms: number) => Promise<void> }): NotifyActivities {
  const config = deps.notify ?? defaultNotifyConfig();
  const { store } = deps;
  const senders: Omit<Record<EscalationChannel['channel'], ChannelSender>, 'andon'> = {
    email: emailSender(store, config),
    sms: smsSender(config),
    webhook: webhookSender(config),
  };
  const masterData = new Map<string, { at: number; md: MasterData | null }>();

  async function activeMasterData(site: string): Promise<MasterData | null> {
    const known = masterData.get(site);
    if (known && Date.now() - known.at < MASTER_DATA_TTL_MS) return known.md;
    const md = ((await store.definitions.activeVersion('master-data', site))?.content as MasterData | undefined) ?? null;
    if (masterData.size > 50) masterData.clear();
    masterData.set(site, { at: Date.now(), md });
    return md;
  }

  return {
    async notifyLevel(n: LevelNotification): Promise<DeliveryResult[]> {
      const recipients = resolveRecipients(await activeMasterData(n.site), n.recipients, n.line, new Date(), config.timeZone);
      const levelChannels = n.channels.map((c) => c.channel);
      const all = { ...senders, andon: andonSender(store, n.site) };
      const results = await Promise.all(
        n.channels.map((ch) => {
          const req: NotificationRequest = {
            id: requestId(n, ch),
            incident: n.incident,
            level: n.level,
            channel: ch.channel,
            ...(ch.target ? { target: ch.target } : {}),
            recipients,
            subject: n.subject,
            text: n.text,
            line: n.line,
            severity: n.severity,
          };
          return deliver({ store, config, senders: all, sleep: deps.sleep }, req, levelChannels);
        }),
      );
      return results.flat();
    },
  };
}
