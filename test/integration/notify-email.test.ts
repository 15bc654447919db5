/**
 * Email notifications against a real SMTP server on loopback: the mail is received and parsed,
 * recipients come from the master data's roles and lines, a refusing server is retried, a down
 * server leads to the SMS fallback (a real SMPP server), and a re-run sends nothing twice.
 */
import { createActivities } from '../../workers/activities';
import { defaultNotifyConfig, type NotifyConfig } from '../../workers/notify/config';
import { openStore, type Store } from '../../store';
import { mongoUri, uniqueName } from '../support/env';
import { startSmppPeer, type SmppPeer } from '../support/peers/smpp';
import { startSmtpPeer, type SmtpPeer } from '../support/peers/smtp';
import { levelNotification, publishMasterData } from '../support/peers/site';

let store: Store;
let smtp: SmtpPeer;
let smsc: SmppPeer;

const config = (overrides: Partial<NotifyConfig> = {}): NotifyConfig =>
  defaultNotifyConfig({ smtpUrl: smtp.url, mailFrom: 'alerts@plant.test', sms: { provider: 'smpp', url: smsc.url }, backoffMs: 20, timeoutMs: 3_000, ...overrides });

beforeAll(async () => {
  store = await openStore(mongoUri(uniqueName('notify-email')));
  await publishMasterData(store);
  smtp = await startSmtpPeer();
  smsc = await startSmppPeer();
});

afterAll(async () => {
  await smtp?.stop();
  await smsc?.stop();
  await store?.connection.dropDatabase().catch(() => undefined);
  await store?.close();
});

beforeEach(() => {
  smtp.mails.length = 0;
  smsc.messages.length = 0;
});

it('when a level notifies a role by email, then the SMTP server receives one mail to the role holders on the line, zh first then en', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config() });
  const n = levelNotification();

  // Act
  const results = await notifyLevel(n);

  // Assert
  const [mail] = await smtp.waitFor(1);
  expect(results).toEqual([{ id: `incident:${n.incident}:1:level-1:email`, channel: 'email', status: 'sent', attempts: 1, providerReply: expect.stringMatching(/^250/) }]);
  expect(mail?.from).toBe('alerts@plant.test');
  expect(mail?.to.sort()).toEqual(['wang@plant.test', 'zhao@plant.test']);
  expect(mail?.subject).toBe('[严重] AOI 不良率超限 | [major] AOI defect rate over limit');
  const text = mail?.text ?? '';
  expect(text.indexOf('SMT1 线 AOI 不良率 3.2%')).toBeGreaterThanOrEqual(0);
  expect(text.indexOf('SMT1 线 AOI 不良率 3.2%')).toBeLessThan(text.indexOf('AOI defect rate on SMT1 is 3.2%'));
  expect(mail?.headers['x-taktflow-notification']).toBe(`incident:${n.incident}:1:level-1:email`);
});

it('when the SMTP server refuses the first session with 421, then the mail is retried and sent, and both attempts are logged', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config() });
  const n = levelNotification({ recipients: [{ group: 'smt-leads' }] });
  smtp.refuseNext(1, 421);

  // Act
  const [result] = await notifyLevel(n);

  // Assert
  expect(result).toMatchObject({ status: 'sent', attempts: 2 });
  expect((await smtp.waitFor(1))[0]?.to).toEqual(['chen@plant.test']);
  const log = await store.deliveries.byIncident(n.incident);
  expect(log.map((e) => [e.kind, e.attempt, e.status])).toEqual([
    ['attempt', 1, 'failed'],
    ['attempt', 2, 'sent'],
    ['final', 2, 'sent'],
  ]);
  expect(log[0]?.providerReply).toMatch(/421/);
});

it('when the SMTP server is down, then the mail is tried three times and the SMS fallback reaches the recipients, all logged', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config() });
  const n = levelNotification();
  await smtp.stop();

  // Act
  let results;
  try {
    results = await notifyLevel(n);
  } finally {
    await smtp.restart();
  }

  // Assert
  const id = `incident:${n.incident}:1:level-1:email`;
  expect(results).toEqual([
    { id, channel: 'email', status: 'failed', attempts: 3, providerReply: expect.stringMatching(/ECONNECTION|ECONNREFUSED/), fallback: 'sms' },
    { id: `${id}:fallback-sms`, channel: 'sms', status: 'sent', attempts: 1, providerReply: expect.stringContaining('SMPP') },
  ]);
  expect(smsc.messages.map((m) => m.to).sort()).toEqual(['+8613800000001', '+8613800000003']);
  expect(smsc.messages[0]?.text).toContain('AOI 不良率超限');
  const log = await store.deliveries.byIncident(n.incident);
  expect(log.filter((e) => e.channel === 'email' && e.kind === 'attempt')).toHaveLength(3);
  expect(log.find((e) => e.kind === 'final' && e.channel === 'email')?.fallback).toBe('sms');
  expect(log.find((e) => e.kind === 'final' && e.channel === 'sms')?.fallbackFor).toBe(id);
  expect(smtp.mails).toHaveLength(0);
});

it('when the same level is notified again (an activity retry), then nothing is sent twice and the first results are answered', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config() });
  const n = levelNotification({ channels: [{ channel: 'email' }, { channel: 'sms' }] });
  const first = await notifyLevel(n);
  await smtp.waitFor(1);

  // Act
  const again = await notifyLevel(n);
  await new Promise((r) => setTimeout(r, 200));

  // Assert
  expect(again).toEqual(first);
  expect(smtp.mails).toHaveLength(1);
  expect(smsc.messages).toHaveLength(2);
});

it('when no SMTP server is configured, then the mail goes to the local outbox', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config({ smtpUrl: undefined }) });
  const n = levelNotification();

  // Act
  const [result] = await notifyLevel(n);

  // Assert
  expect(result).toMatchObject({ status: 'sent', providerReply: 'written to the outbox (no SMTP_URL)' });
  const mail = await store.outbox.get(result?.id as string);
  expect(mail).toMatchObject({ incident: n.incident, from: 'alerts@plant.test', subject: '[严重] AOI 不良率超限 | [major] AOI defect rate over limit' });
  expect(mail?.to.sort()).toEqual(['wang@plant.test', 'zhao@plant.test']);
  expect(smtp.mails).toHaveLength(0);
});
