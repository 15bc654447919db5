/**
 * The live stream: server-sent events of unit events, filtered to the caller's lines (and to
 * the lines asked for), resumable with Last-Event-ID.
 */
import { complete, exampleRouting, start, SMT_MODEL } from '../support/fixtures';
import { uniqueName } from '../support/env';
import { listenSse, type SseEvent } from '../support/sse';
import { ADMIN, http, startTestStack, useHeaders, type Auth, type TestStack } from '../support/stack';

let stack: TestStack;

type UnitSseEvent = SseEvent<{ serial: string; line: string; event: { type: string; step: string | null } }>;

/** Reads events from /stream until `until` says stop (or the time runs out). */
function listen(auth: Auth, query: string, until: (events: UnitSseEvent[]) => boolean, headers: Record<string, string> = {}): Promise<UnitSseEvent[]> {
  return listenSse(`${stack.url}/stream${query}`, { ...auth, ...headers }, until);
}

async function release(line: string): Promise<string> {
  const serial = uniqueName('SN');
  expect((await http('POST', `${stack.url}/units`, { serial, routing: 'smt-mainboard', line, productModel: SMT_MODEL })).status).toBe(201);
  return serial;
}

beforeAll(async () => {
  stack = await startTestStack('stream');
  await stack.startWorker();
  useHeaders(stack.admin);
  await http('POST', `${stack.url}/definitions/routing/smt-mainboard/drafts`, exampleRouting());
  await http('POST', `${stack.url}/definitions/routing/smt-mainboard/publish`, { signature: { password: ADMIN.password, meaning: 'approved' } });
});

afterAll(async () => {
  await stack?.stop();
});

it("when units on two lines move, then an operator's stream shows only their line's events, in order", async () => {
  const operator = await stack.as('operator', ['SMT1']);
  const listening = listen(operator.auth, '', (events) => events.some((e) => e.data.event.type === 'started'));
  await new Promise((r) => setTimeout(r, 300));
  await release('FA1');
  const ours = await release('SMT1');
  await http('POST', `${stack.url}/units/${ours}/actions`, start('print'));

  const events = await listening;

  expect(events.map((e) => [e.event, e.data.serial, e.data.event.type])).toEqual([
    ['unit.event', ours, 'released'],
    ['unit.event', ours, 'started'],
  ]);
  expect(events.every((e) => e.data.line === 'SMT1')).toBe(true);
});

it('when a client reconnects with Last-Event-ID, then it gets exactly the events it missed', async () => {
  const viewer = await stack.as('viewer');
  const before = await stack.store.stream.position();
  const serial = await release('SMT1');
  const first = await listen(viewer.auth, '?lines=SMT1', (events) => events.some((e) => e.data.serial === serial), { 'Last-Event-ID': before });
  expect(first.map((e) => [e.data.serial, e.data.event.type])).toContainEqual([serial, 'released']);
  const resumeFrom = first[first.length - 1]?.id as string;
  await http('POST', `${stack.url}/units/${serial}/actions`, start('print'));
  expect((await http('POST', `${stack.url}/units/${serial}/actions`, complete('print'))).status).toBe(200);

  const missed = await listen(viewer.auth, '?lines=SMT1', (events) => events.filter((e) => e.data.serial === serial).length >= 2, { 'Last-Event-ID': resumeFrom });

  expect(missed.filter((e) => e.data.serial === serial).map((e) => e.data.event.type)).toEqual(['started', 'completed']);
  expect(missed.some((e) => e.id === resumeFrom)).toBe(false);
});

it('when the stream is asked for without credentials, then it answers 401', async () => {
  const res = await fetch(`${stack.url}/stream`);
  expect(res.status).toBe(401);
});
