/** The delivery log and the local outbox through the API: readable by administrators and quality only. */
import { Connection } from '@temporalio/client';
import { createActivities } from '../../workers/activities';
import { defaultNotifyConfig } from '../../workers/notify/config';
import { temporalAddress } from '../support/env';
import { levelNotification, publishMasterData } from '../support/peers/site';
import { startApi, type TestApi } from '../support/stack';

let connection: Connection;
let api: TestApi;

beforeAll(async () => {
  connection = await Connection.connect({ address: temporalAddress() });
  api = await startApi('notify-api', connection);
  await publishMasterData(api.store);
});

afterAll(async () => {
  await api?.stop();
  await connection?.close();
});

it("when an incident was notified, then quality reads its delivery log: attempts, final status, fallback", async () => {
  // Arrange: no SMTP server (outbox) and no SMS provider (skipped)
  const quality = await api.as('quality');
  const { notifyLevel } = createActivities({ store: api.store, notify: defaultNotifyConfig() });
  const n = levelNotification({ channels: [{ channel: 'email' }, { channel: 'sms' }] });
  await notifyLevel(n);

  // Act
  const res = await fetch(`${api.url}/deliveries?incident=${encodeURIComponent(n.incident)}`, { headers: quality.auth });

  // Assert
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: Array<Record<string, unknown>>; nextCursor: string | null };
  const summary = body.items.map((e) => [e.kind, e.channel, e.status]).sort();
  expect(summary).toEqual([
    ['attempt', 'email', 'sent'],
    ['attempt', 'sms', 'skipped'],
    ['final', 'email', 'sent'],
    ['final', 'sms', 'skipped'],
  ]);
  expect(body.items.find((e) => e.kind === 'final' && e.channel === 'sms')).toMatchObject({ providerReply: 'no SMS provider configured', fallback: null, attempt: 1 });
  expect(body.nextCursor).toBeNull();
});

it('when mail went to the outbox, then an administrator pages through it newest first', async () => {
  // Arrange
  const { notifyLevel } = createActivities({ store: api.store, notify: defaultNotifyConfig() });
  const first = levelNotification();
  const second = levelNotification();
  await notifyLevel(first);
  await new Promise((r) => setTimeout(r, 5)); // distinct times: the order is by time
  await notifyLevel(second);

  // Act
  const page1 = (await (await fetch(`${api.url}/outbox?limit=1`, { headers: api.admin })).json()) as { items: Array<{ incident: string; subject: string; text: string }>; nextCursor: string };
  const page2 = (await (await fetch(`${api.url}/outbox?limit=1&cursor=${page1.nextCursor}`, { headers: api.admin })).json()) as { items: Array<{ incident: string }> };

  // Assert
  expect(page1.items.map((m) => m.incident)).toEqual([second.incident]);
  expect(page1.items[0]?.text).toContain('SMT1 线 AOI 不良率 3.2%');
  expect(page2.items.map((m) => m.incident)).toEqual([first.incident]);
});

it('when an operator asks for the delivery log or the outbox, then it answers 403', async () => {
  // Arrange
  const operator = await api.as('operator');

  // Act
  const log = await fetch(`${api.url}/deliveries?incident=x`, { headers: operator.auth });
  const outbox = await fetch(`${api.url}/outbox`, { headers: operator.auth });

  // Assert
  expect([log.status, outbox.status]).toEqual([403, 403]);
});
