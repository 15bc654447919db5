/**
 * Messaging webhooks against a loopback receiver that verifies DingTalk and Feishu signatures the
 * vendors' way; WeCom and Slack payload shapes; the host allow-list (no SSRF).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createActivities } from '../../workers/activities';
import { defaultNotifyConfig, type NotifyConfig, type WebhookTarget } from '../../workers/notify/config';
import { openStore, type Store } from '../../store';
import { mongoUri, uniqueName } from '../support/env';
import { refusal } from '../../workers/notify/webhook';
import { startWebhookPeer, type WebhookPeer } from '../support/peers/webhook';
import { levelNotification, publishMasterData } from '../support/peers/site';

const SECRETS = { dingtalk: 'SECdingtalk-test-secret', feishu: 'feishu-test-secret' };
let store: Store;
let peer: WebhookPeer;

function config(webhooks: Record<string, WebhookTarget>, overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  return defaultNotifyConfig({ webhooks, allowedHosts: ['127.0.0.1'], backoffMs: 10, timeoutMs: 3_000, ...overrides });
}

const hook = (target: string) => levelNotification({ channels: [{ channel: 'webhook', target }] });

beforeAll(async () => {
  store = await openStore(mongoUri(uniqueName('notify-webhook')));
  await publishMasterData(store);
  peer = await startWebhookPeer(SECRETS);
});

afterAll(async () => {
  await peer?.stop();
  await store?.connection.dropDatabase().catch(() => undefined);
  await store?.close();
});

beforeEach(() => {
  peer.hooks.length = 0;
});

it('when a DingTalk webhook is notified, then the receiver verifies the timestamp/sign query and gets a markdown message', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config({ 'dingtalk-smt': { kind: 'dingtalk', url: `${peer.url}/dingtalk/robot/send?access_token=abc`, secret: SECRETS.dingtalk } }) });

  // Act
  const [result] = await notifyLevel(hook('dingtalk-smt'));

  // Assert
  expect(peer.hooks.map((h) => [h.kind, h.status])).toEqual([['dingtalk', 200]]);
  const received = peer.hooks[0];
  expect(received?.query.access_token).toBe('abc');
  expect(received?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'AOI 不良率超限 | AOI defect rate over limit', text: expect.stringMatching(/^### AOI 不良率超限/) } });
  expect(result).toMatchObject({ status: 'sent', attempts: 1, id: expect.stringMatching(/:webhook:dingtalk-smt$/) });
});

it('when a Feishu webhook is notified, then the receiver verifies the body timestamp/sign and gets a text message', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config({ 'feishu-quality': { kind: 'feishu', url: `${peer.url}/feishu/open-apis/bot/v2/hook/xyz`, secret: SECRETS.feishu } }) });

  // Act
  const [result] = await notifyLevel(hook('feishu-quality'));

  // Assert
  expect(peer.hooks.map((h) => [h.kind, h.status])).toEqual([['feishu', 200]]);
  expect(peer.hooks[0]?.body).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining('AOI defect rate on SMT1 is 3.2%') } });
  expect(result).toMatchObject({ status: 'sent' });
});

it('when a signing secret is wrong, then the receiver answers 401, nothing is retried and email stands in', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store, notify: config({ 'dingtalk-smt': { kind: 'dingtalk', url: `${peer.url}/dingtalk/robot/send`, secret: 'wrong' } }) });

  // Act
  const results = await notifyLevel(hook('dingtalk-smt'));

  // Assert
  expect(peer.hooks.map((h) => h.status)).toEqual([401]);
  expect(results.map((r) => [r.channel, r.status, r.attempts])).toEqual([
    ['webhook', 'failed', 1],
    ['email', 'sent', 1],
  ]);
  expect(results[0]).toMatchObject({ fallback: 'email', providerReply: expect.stringContaining('sign not match') });
});

it('when WeCom and Slack webhooks are notified, then each gets its vendor payload shape', async () => {
  // Arrange
  const { notifyLevel } = createActivities({
    store,
    notify: config({ 'wecom-plant': { kind: 'wecom', url: `${peer.url}/wecom/cgi-bin/webhook/send?key=k1` }, 'slack-eng': { kind: 'slack', url: `${peer.url}/slack/services/T0/B0/X0` } }),
  });
  const n = levelNotification({ channels: [{ channel: 'webhook', target: 'wecom-plant' }, { channel: 'webhook', target: 'slack-eng' }] });

  // Act
  const results = await notifyLevel(n);

  // Assert
  expect(results.map((r) => r.status)).toEqual(['sent', 'sent']);
  const wecom = peer.hooks.find((h) => h.kind === 'wecom');
  const slack = peer.hooks.find((h) => h.kind === 'slack');
  expect(wecom?.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('### AOI defect rate over limit') } });
  expect(slack?.body).toMatchObject({ text: 'AOI 不良率超限 | AOI defect rate over limit', blocks: [{ type: 'header' }, { type: 'section', text: { type: 'mrkdwn' } }, { type: 'context' }] });
});

it('when the webhook host is not on the allow-list, then it is never contacted and the delivery fails with "host not allowed"', async () => {
  // Arrange: a server that counts every connection it gets
  let contacted = 0;
  const server = createServer((_req, res) => res.end('{"errcode":0}'));
  server.on('connection', () => (contacted += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom`;
  const { notifyLevel } = createActivities({ store, notify: config({ 'wecom-plant': { kind: 'wecom', url } }, { allowedHosts: ['qyapi.weixin.qq.com', '*.dingtalk.com'] }) });

  // Act
  const results = await notifyLevel(hook('wecom-plant'));
  await new Promise<void>((resolve) => server.close(() => resolve()));

  // Assert
  expect(contacted).toBe(0);
  expect(results[0]).toMatchObject({ channel: 'webhook', status: 'failed', attempts: 1, providerReply: expect.stringMatching(/^host not allowed/) });
});

describe('the allow-list', () => {
  const allowed = ['oapi.dingtalk.com', '*.feishu.cn', '127.0.0.1'];
  const cases: Array<[string, boolean]> = [
    ['https://oapi.dingtalk.com/robot/send', true],
    ['https://open.feishu.cn/open-apis/bot/v2/hook/x', true],
    ['https://feishu.cn/hook', false], // *.suffix is for subdomains only
    ['https://evilfeishu.cn/hook', false],
    ['https://oapi.dingtalk.com.evil.test/robot', false],
    ['http://oapi.dingtalk.com/robot/send', false], // plain http only to loopback
    ['http://127.0.0.1:9/hook', true],
    ['http://169.254.169.254/latest/meta-data', false],
    ['not a url', false],
  ];

  it.each(cases)('when the webhook URL is %s, then allowed is %s', (url, ok) => {
    expect(refusal(url, allowed) === null).toBe(ok);
  });
});
