/** Fixtures of the notification suites: a site's master data published to the store, and a level to notify. */
import type { LevelNotification } from '../../../engine/activities';
import type { MasterData } from '../../../definitions/master-data/schema';
import type { Store } from '../../../store';
import { uniqueName } from '../env';

export const SITE = 'plant-1';

export const PEOPLE: MasterData = {
  name: 'Plant 1',
  lines: [
    { id: 'SMT1', name: 'SMT 1' },
    { id: 'FA1', name: 'Final assembly 1' },
  ],
  roles: [
    { id: 'quality-engineer', name: 'Quality engineer' },
    { id: 'line-lead', name: 'Line lead' },
  ],
  users: [
    { id: 'wang', name: '王工', email: 'wang@plant.test', phone: '+8613800000001', roles: ['quality-engineer'], lines: ['SMT1'] },
    { id: 'li', name: '李工', email: 'li@plant.test', phone: '+8613800000002', roles: ['quality-engineer'], lines: ['FA1'] },
    { id: 'zhao', name: '赵经理', email: 'zhao@plant.test', phone: '+8613800000003', roles: ['quality-engineer'] },
    { id: 'chen', name: '陈班长', email: 'chen@plant.test', roles: ['line-lead'], lines: ['SMT1'] },
  ],
  groups: [{ id: 'smt-leads', name: 'SMT leads', members: ['chen'] }],
  shifts: [{ id: 'day', name: 'Day', start: '08:00', end: '20:00' }],
  webhooks: [
    { id: 'dingtalk-smt', name: 'SMT DingTalk group', kind: 'dingtalk' },
    { id: 'feishu-quality', name: 'Quality Feishu group', kind: 'feishu' },
    { id: 'wecom-plant', name: 'Plant WeCom group', kind: 'wecom' },
    { id: 'slack-eng', name: 'Engineering Slack', kind: 'slack' },
  ],
};

/** Publishes `md` as the site's active master data. */
export async function publishMasterData(store: Store, md: MasterData = PEOPLE, site: string = SITE): Promise<void> {
  const draft = await store.definitions.createDraft('master-data', site, md, 'test');
  await store.definitions.publish(draft, 'test', 'notification fixtures');
}

/** Level 1 of a fresh incident on SMT1 (its own id), notifying the quality engineers. */
export function levelNotification(overrides: Partial<LevelNotification> = {}): LevelNotification {
  return {
    incident: uniqueName('inc'),
    run: 1,
    level: 1,
    channels: [{ channel: 'email' }],
    recipients: [{ role: 'quality-engineer' }],
    subject: { zh: 'AOI 不良率超限', en: 'AOI defect rate over limit' },
    text: { zh: 'SMT1 线 AOI 不良率 3.2%，超过 2% 阈值。', en: 'AOI defect rate on SMT1 is 3.2%, over the 2% threshold.' },
    site: SITE,
    line: 'SMT1',
    severity: 'major',
    ...overrides,
  };
}
