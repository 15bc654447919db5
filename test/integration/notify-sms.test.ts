/**
 * SMS notifications against real peers on loopback: an SMPP server receiving submit_sm (Chinese
 * text in UCS2), and fake Aliyun and Twilio REST providers that check signatures and auth.
 */
import { createActivities } from '../../workers/activities';
import { defaultNotifyConfig, type NotifyConfig } from '../../workers/notify/config';
import { openStore, type Store } from '../../store';
import { mongoUri, uniqueName } from '../support/env';
import { startSmppPeer, type SmppPeer } from '../support/peers/smpp';
import { ALIYUN, startSmsProviderPeer, TWILIO, type SmsProviderPeer } from '../support/peers/sms-http';
import { levelNotification, publishMasterData } from '../support/peers/site';

let store: Store;
let smsc: SmppPeer;
let providers: SmsProviderPeer;

const config = (overrides: Partial<NotifyConfig>): NotifyConfig => defaultNotifyConfig({ backoffMs: 10, timeoutMs: 3_000, ...overrides });
const sms = levelNotification;

beforeAll(async () => {
  store = await openStore(mongoUri(uniqueName('notify-sms')));
  await publishMasterData(store);
  smsc = await startSmppPeer();
  providers = await startSmsProviderPeer();
});

afterAll(async () => {
  await smsc?.stop();
  await providers?.stop();
  await store?.connection.dropDatabase().catch(() => undefined);
  await store?.close();
});

beforeEach(() => {
  smsc.messages.length = 0;
  providers.requests.length = 0;
});

it('when SMS goes over SMPP, then the SMSC receives one UCS2 submit_sm per phone with the Chinese text first', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config({ sms: { provider: 'smpp', url: smsc.url } }) });
  const n = sms({ channels: [{ channel: 'sms' }] });

  // Act
  const [result] = await notifyLevel(n);

  // Assert
  expect(result).toMatchObject({ channel: 'sms', status: 'sent', attempts: 1 });
  expect(smsc.messages.map((m) => m.to).sort()).toEqual(['+8613800000001', '+8613800000003']);
  for (const m of smsc.messages) {
    expect(m.dataCoding).toBe(8);
    expect(m.systemId).toBe('taktflow');
    expect(m.text.startsWith('【Taktflow】AOI 不良率超限：SMT1 线 AOI 不良率 3.2%')).toBe(true);
    expect(m.text).toContain('AOI defect rate over limit');
    expect(result?.providerReply).toContain(m.messageId);
  }
});

it('when the SMPP credentials are wrong, then the bind is refused without retries and email is the fallback', async () => {
  // Arrange
  const wrong = smsc.url.replace(':secret@', ':wrong@');
  const { notifyLevel } = createActivities({ store, notify: config({ sms: { provider: 'smpp', url: wrong } }) });
  const n = sms({ channels: [{ channel: 'sms' }] });

  // Act
  const results = await notifyLevel(n);

  // Assert
  expect(results.map((r) => [r.channel, r.status, r.attempts, r.fallback])).toEqual([
    ['sms', 'failed', 1, 'email'],
    ['email', 'sent', 1, undefined],
  ]);
  expect(results[0]?.providerReply).toMatch(/bind refused/);
  expect(smsc.messages).toHaveLength(0);
});

it('when SMS goes through Aliyun, then the provider verifies the HMAC-SHA1 signature and gets all phones in one SendSms', async () => {
  // Arrange
  const aliyun = { provider: 'aliyun' as const, baseUrl: `${providers.url}/aliyun`, ...ALIYUN, signName: 'Taktflow', templateCode: 'SMS_123456', regionId: 'cn-hangzhou' };
  const { notifyLevel } = createActivities({ store, notify: config({ sms: aliyun }) });

  // Act
  const [result] = await notifyLevel(sms({ channels: [{ channel: 'sms' }] }));

  // Assert
  expect(providers.requests.map((r) => [r.provider, r.status])).toEqual([['aliyun', 200]]);
  const params = providers.requests[0]?.params ?? {};
  expect(params.PhoneNumbers?.split(',').sort()).toEqual(['+8613800000001', '+8613800000003']);
  expect(JSON.parse(params.TemplateParam ?? '{}')).toMatchObject({ title: 'AOI 不良率超限' });
  expect(result).toMatchObject({ status: 'sent', providerReply: expect.stringContaining('BizId=BIZ') });
});

it('when the Aliyun secret is wrong, then the provider refuses the signature and the refusal is final', async () => {
  // Arrange
  const aliyun = { provider: 'aliyun' as const, baseUrl: `${providers.url}/aliyun`, ...ALIYUN, accessKeySecret: 'not-the-secret', signName: 'Taktflow', templateCode: 'SMS_1', regionId: 'cn-hangzhou' };
  const { notifyLevel } = createActivities({ store, notify: config({ sms: aliyun, fallback: { email: null, sms: null, webhook: null, andon: null } }) });

  // Act
  const [result] = await notifyLevel(sms({ channels: [{ channel: 'sms' }] }));

  // Assert
  expect(result).toMatchObject({ status: 'failed', attempts: 1, providerReply: expect.stringContaining('SignatureDoesNotMatch') });
  expect(providers.requests.map((r) => r.status)).toEqual([400]);
});

it('when SMS goes through Twilio, then one authenticated form POST per phone carries the text', async () => {
  // Arrange
  const twilio = { provider: 'twilio' as const, baseUrl: `${providers.url}/twilio`, ...TWILIO, from: '+15005550006' };
  const { notifyLevel } = createActivities({ store, notify: config({ sms: twilio }) });

  // Act
  const [result] = await notifyLevel(sms({ channels: [{ channel: 'sms' }] }));

  // Assert
  expect(providers.requests.map((r) => [r.provider, r.status])).toEqual([
    ['twilio', 201],
    ['twilio', 201],
  ]);
  expect(providers.requests.map((r) => r.params.To).sort()).toEqual(['+8613800000001', '+8613800000003']);
  expect(providers.requests[0]?.params).toMatchObject({ From: '+15005550006', Body: expect.stringContaining('AOI 不良率超限') });
  expect(result).toMatchObject({ status: 'sent', providerReply: expect.stringMatching(/→SM0+\d/) });
});

it('when no SMS provider is configured, then the SMS is skipped with its reason and nothing falls back', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config({ sms: null }) });
  const n = sms({ channels: [{ channel: 'sms' }] });

  // Act
  const results = await notifyLevel(n);

  // Assert
  expect(results).toEqual([{ id: `incident:${n.incident}:1:level-1:sms`, channel: 'sms', status: 'skipped', attempts: 1, providerReply: 'no SMS provider configured' }]);
});
