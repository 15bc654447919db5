/**
 * The andon channel through the API: a level's andon call appears on its line's SSE stream (and
 * only there) with colour and a text to speak, the board lists the open calls, clearing takes
 * them off; callers who do not see the line are refused.
 */
import { Connection } from '@temporalio/client';
import { createActivities } from '../../workers/activities';
import { defaultNotifyConfig } from '../../workers/notify/config';
import { temporalAddress } from '../support/env';
import { levelNotification, publishMasterData, SITE } from '../support/peers/site';
import { listenSse, type SseEvent } from '../support/sse';
import { startApi, type Auth, type TestApi } from '../support/stack';

let connection: Connection;
let api: TestApi;

/** Reads the line's andon stream until `until` says stop (or 15 s pass); `onOpen` runs once it has its position. */
function listen(auth: Auth, line: string, until: (events: SseEvent[]) => boolean, onOpen: () => Promise<void>): Promise<SseEvent[]> {
  return listenSse(`${api.url}/andon/${line}/stream`, auth, until, { onOpen, skipPreamble: true });
}

beforeAll(async () => {
  connection = await Connection.connect({ address: temporalAddress() });
  api = await startApi('andon', connection);
  await publishMasterData(api.store);
});

afterAll(async () => {
  await api?.stop();
  await connection?.close();
});

it("when a level calls the andon, then the line's stream carries the call with colour and spoken text, and the board lists it", async () => {
  // Arrange
  const operator = await api.as('operator', ['SMT1']);
  const { notifyLevel } = createActivities({ store: api.store, notify: defaultNotifyConfig() });
  const other = levelNotification({ channels: [{ channel: 'andon' }], line: 'FA1', severity: 'minor' });
  const n = levelNotification({ channels: [{ channel: 'andon' }], severity: 'critical', level: 2 });

  // Act
  const events = await listen(operator.auth, 'SMT1', (es) => es.some((e) => e.data.incident === n.incident), async () => {
    await notifyLevel(other);
    await notifyLevel(n);
  });
  const board = await fetch(`${api.url}/andon/SMT1`, { headers: operator.auth });

  // Assert
  expect(events.map((e) => [e.event, e.data.incident])).toEqual([['andon.call', n.incident]]);
  expect(events[0]?.data).toMatchObject({
    line: 'SMT1',
    level: 2,
    severity: 'critical',
    colour: 'red',
    site: SITE,
    title: n.subject,
    speech: { zh: expect.stringContaining('SMT1产线紧急异常，第2级：AOI 不良率超限'), en: expect.stringContaining('Line SMT1, critical incident, level 2') },
  });
  expect(board.status).toBe(200);
  const body = (await board.json()) as { line: string; calls: Array<{ incident: string; colour: string }> };
  expect(body.line).toBe('SMT1');
  expect(body.calls.map((c) => [c.incident, c.colour])).toContainEqual([n.incident, 'red']);
  expect(body.calls.some((c) => c.incident === other.incident)).toBe(false);
});

it('when an incident is cleared, then its call leaves the board and the stream says so', async () => {
  // Arrange
  const viewer = await api.as('viewer');
  const { notifyLevel } = createActivities({ store: api.store, notify: defaultNotifyConfig() });
  const n = levelNotification({ channels: [{ channel: 'andon' }], severity: 'info' });
  await notifyLevel(n);

  // Act
  const events = await listen(viewer.auth, 'SMT1', (es) => es.some((e) => e.event === 'andon.cleared'), async () => {
    await api.store.andon.clear(SITE, 'SMT1', n.incident);
  });
  const board = (await (await fetch(`${api.url}/andon/SMT1`, { headers: viewer.auth })).json()) as { calls: Array<{ incident: string }> };

  // Assert
  expect(events.map((e) => [e.event, e.data.incident])).toEqual([['andon.cleared', n.incident]]);
  expect(board.calls.some((c) => c.incident === n.incident)).toBe(false);
});

it("when an operator asks for another line's board or stream, then it answers 403; without credentials 401", async () => {
  // Arrange
  const operator = await api.as('operator', ['FA1']);

  // Act
  const board = await fetch(`${api.url}/andon/SMT1`, { headers: operator.auth });
  const stream = await fetch(`${api.url}/andon/SMT1/stream`, { headers: operator.auth });
  const anonymous = await fetch(`${api.url}/andon/SMT1/stream`);

  // Assert
  expect([board.status, stream.status, anonymous.status]).toEqual([403, 403, 401]);
});
