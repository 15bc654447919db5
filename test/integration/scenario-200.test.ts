/**
 * The acceptance scenario of the routing engine, through the HTTP API on the real stack: a work
 * order of 200 MB-A100 boards on the SMT example with about 5% AOI failures (seeded), one
 * skipped-step attempt, one wrong-part scan on the mixed-model line, one unit past its AOI loop
 * limit (held), one past its ICT loop limit (scrapped), one hold and release, and one queue-time
 * violation. The final counts, the events of every unit, the reasons given to the refused calls,
 * and the ERP receiver's messages (each accepted once by idempotency key although it fails the
 * first two attempts) are asserted. The published routing is the SMT example with its print →
 * reflow queue-time limit scaled from 240 to 0.5 minutes so the violation happens in test time.
 * An AOI defect-rate rule watches the run: as the seeded failures drive the rate over its limit it
 * opens exactly one incident, holds the unit that tipped it (quality releases it and the unit goes
 * on), and level 1 reaches the loopback SMTP and SMPP peers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Routing } from '../../definitions/routing/schema';
import type { WorkOrderView } from '../../engine/work-order/view';
import { uniqueName } from '../support/env';
import { eventually, startErpReceiver, type ErpReceiver } from '../support/erp-receiver';
import { complete, exampleRouting, SMT_MODEL, start, type ActionBody } from '../support/fixtures';
import { startSmppPeer, type SmppPeer } from '../support/peers/smpp';
import { startSmtpPeer, type SmtpPeer } from '../support/peers/smtp';
import { aoiDefectRule } from '../support/rules';
import { ADMIN, http, startTestStack, useHeaders, type Auth, type TestStack } from '../support/stack';

const QUANTITY = 200;
const LANES = 8;
const SEED = 20261124;
const QUEUE_LIMIT_MINUTES = 0.5;
const STATIONS: Record<string, string> = { print: 'PR-01', spi: 'SP-01', mount: 'MT-01', reflow: 'RF-01', aoi: 'AO-01', repair: 'RP-01', ict: 'IC-01', pack: 'PK-01' };
const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };

interface Outcome { status: number; body: { reason?: string; missedSteps?: string[]; errors?: Array<{ pointer: string }>; detail?: string; unit?: { status: string; step: string | null } } }

let stack: TestStack;
let erp: ErpReceiver;
let quality: Auth;
let smtp: SmtpPeer;
let smpp: SmppPeer;
/** Holds the AOI incident put on units, released again by quality so the unit goes on. */
const incidentReleases = new Map<string, number>();
const QUALITY_ENGINEER = { email: 'zhang.wei@example.com', phone: '+8613800000002' };
/** Incident workflow ids are incident:<site>:<dedupKey> on a Temporal server and site the suites share: a key of this suite's own. */
const AOI_KEY = uniqueName('aoi-rate');

/** mulberry32: a small seeded generator, so "about 5% fail AOI" picks the same boards every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function send(serial: string, body: ActionBody): Promise<Outcome> {
  return http('POST', `${stack.url}/units/${serial}/actions`, { ...body, station: STATIONS[body.step] as string });
}

/** Sends an action; when the AOI incident has held the unit meanwhile, quality releases it and the action is sent again. */
async function accepted(serial: string, body: ActionBody): Promise<Outcome> {
  let res = await send(serial, body);
  for (let i = 0; i < 3 && res.status === 409 && res.body.reason === 'UNIT_HELD'; i++) {
    const trace = (await http<{ events: Array<{ type: string; detail: string | null }> }>('GET', `${stack.url}/units/${serial}/trace`)).body.events;
    if (!/^incident /.test(trace.filter((e) => e.type === 'held').pop()?.detail ?? '')) break;
    expect((await http('POST', `${stack.url}/units/${serial}/release-hold`, { reason: 'checked after the AOI incident' }, quality)).status).toBe(200);
    incidentReleases.set(serial, (incidentReleases.get(serial) ?? 0) + 1);
    res = await send(serial, body);
  }
  return res;
}

/** Starts and completes a step; both must be accepted. */
async function step(serial: string, id: string, result: 'pass' | 'fail' = 'pass', data: Partial<ActionBody> = {}): Promise<Outcome> {
  const s = await accepted(serial, start(id));
  expect([serial, id, 'start', s.status]).toEqual([serial, id, 'start', 200]);
  const c = await accepted(serial, complete(id, result, data));
  expect([serial, id, result, c.status]).toEqual([serial, id, result, 200]);
  return c;
}

const aoiFail = { defectCodes: ['D-BRIDGE'] };
const ictFail = { defectCodes: ['D-SHORT'] };

type Script = (serial: string) => Promise<void>;

/** The plain route, with AOI failing once (then repaired) when `aoiFails`. */
const normal = (aoiFails: boolean): Script => async (serial) => {
  for (const id of ['print', 'spi', 'mount', 'reflow']) await step(serial, id);
  if (aoiFails) {
    await step(serial, 'aoi', 'fail', aoiFail);
    await step(serial, 'repair');
  }
  for (const id of ['aoi', 'ict', 'pack']) await step(serial, id);
};

beforeAll(async () => {
  erp = await startErpReceiver({ failFirst: 2 });
  smtp = await startSmtpPeer();
  smpp = await startSmppPeer();
  stack = await startTestStack('scenario', {
    workerEnv: {
      TAKTFLOW_ERP_WEBHOOK_URL: erp.url,
      SMTP_URL: smtp.url,
      TAKTFLOW_SMS_PROVIDER: 'smpp',
      SMPP_URL: smpp.url,
      TAKTFLOW_RULES_COALESCE_MS: '200',
      TAKTFLOW_RULES_RELOAD_MS: '500',
    },
  });
  await stack.startWorker();
  useHeaders(stack.admin);
  const md = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as unknown;
  expect((await http('POST', `${stack.url}/definitions/master-data/plant-1/drafts`, md)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/master-data/plant-1/publish`, SIGNED)).status).toBe(201);
  const routing: Routing = exampleRouting();
  routing.queueTimeLimits = (routing.queueTimeLimits ?? []).map((q) => ({ ...q, maxMinutes: QUEUE_LIMIT_MINUTES }));
  expect((await http('POST', `${stack.url}/definitions/routing/smt-mainboard/drafts`, routing)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/routing/smt-mainboard/publish`, SIGNED)).status).toBe(201);
  quality = (await stack.as('quality', ['SMT1'])).auth;
  const policy = { name: 'AOI alerts', levels: [{ delayMinutes: 0, delayFrom: 'open', channels: [{ channel: 'email' }, { channel: 'sms' }], recipients: [{ role: 'quality-engineer' }] }], onAcknowledge: 'stop' };
  expect((await http('POST', `${stack.url}/definitions/escalation-policy/aoi-alerts/drafts`, policy)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/escalation-policy/aoi-alerts/publish`, SIGNED)).status).toBe(201);
  const rule = { ...aoiDefectRule(3, 50), scope: { steps: ['aoi'], productModels: [SMT_MODEL] }, escalationPolicy: 'aoi-alerts', actions: [{ type: 'hold-unit' }], cooldownMinutes: 60, dedupKey: `${AOI_KEY}:{{productModel}}` };
  expect((await http('POST', `${stack.url}/definitions/alert-rule/aoi-rate/drafts`, rule)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/alert-rule/aoi-rate/publish`, SIGNED)).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await erp?.close();
  await smtp?.stop();
  await smpp?.stop();
});

it('when a 200-unit work order runs the SMT route with its deviations, then counts, events, refusals and ERP messages are exactly as expected', async () => {
  // Arrange: the ERP's work order, released in full.
  const number = uniqueName('4500');
  const created = await http<WorkOrderView>('POST', `${stack.url}/work-orders`, {
    number, productModel: SMT_MODEL, routing: 'smt-mainboard', quantity: QUANTITY, line: 'SMT1', priority: 5,
    dueAt: new Date(Date.now() + 8 * 3600_000).toISOString(), serialPattern: `${uniqueName('MB')}-{SEQ:4}`, progressIntervalSeconds: 5,
  });
  expect(created.status).toBe(201);
  const released = await http<WorkOrderView>('POST', `${stack.url}/work-orders/${number}/release`, {});
  expect(released.body.counts).toMatchObject({ released: QUANTITY, remaining: 0 });
  const serials = released.body.units.map((u) => u.serial);
  const [skipper, wrongPart, looper, scrapper, heldOnce, waiter, ...rest] = serials as [string, string, string, string, string, string, ...string[]];
  const random = seeded(SEED);
  const aoiFailing = new Set(rest.filter(() => random() < 0.05));
  const refusals: Record<string, Outcome> = {};

  const scripts = new Map<string, Script>(rest.map((s) => [s, normal(aoiFailing.has(s))]));
  scripts.set(skipper, async (serial) => {
    await step(serial, 'print');
    refusals.skipped = await send(serial, start('mount'));
    for (const id of ['spi', 'mount', 'reflow', 'aoi', 'ict', 'pack']) await step(serial, id);
  });
  scripts.set(wrongPart, async (serial) => {
    await send(serial, start('print'));
    refusals.wrongPart = await send(serial, complete('print', 'pass', { components: [{ partNumber: 'PCB-B200', supplierLot: 'LOT-PCB-B-7' }] }));
    expect((await send(serial, complete('print'))).status).toBe(200);
    for (const id of ['spi', 'mount', 'reflow', 'aoi', 'ict', 'pack']) await step(serial, id);
  });
  scripts.set(looper, async (serial) => {
    for (const id of ['print', 'spi', 'mount', 'reflow']) await step(serial, id);
    for (let i = 0; i < 3; i++) {
      await step(serial, 'aoi', 'fail', aoiFail);
      await step(serial, 'repair');
    }
    const last = await step(serial, 'aoi', 'fail', aoiFail);
    expect(last.body.unit).toMatchObject({ status: 'held' });
    refusals.looped = await send(serial, start('repair'));
  });
  scripts.set(scrapper, async (serial) => {
    for (const id of ['print', 'spi', 'mount', 'reflow', 'aoi']) await step(serial, id);
    for (let i = 0; i < 2; i++) {
      await step(serial, 'ict', 'fail', ictFail);
      await step(serial, 'repair');
      await step(serial, 'aoi');
    }
    const last = await step(serial, 'ict', 'fail', ictFail);
    expect(last.body.unit).toMatchObject({ status: 'scrapped' });
  });
  scripts.set(heldOnce, async (serial) => {
    for (const id of ['print', 'spi', 'mount']) await step(serial, id);
    const hold = await http('POST', `${stack.url}/units/${serial}/hold`, { reason: 'suspect reflow profile' }, quality);
    expect(hold.status).toBe(200);
    refusals.whileHeld = await send(serial, start('reflow'));
    const release = await http('POST', `${stack.url}/units/${serial}/release-hold`, { reason: 'profile checked' }, quality);
    expect(release.status).toBe(200);
    for (const id of ['reflow', 'aoi', 'ict', 'pack']) await step(serial, id);
  });
  scripts.set(waiter, async (serial) => {
    await step(serial, 'print');
    await eventually(async () => ((await http<{ status: string }>('GET', `${stack.url}/units/${serial}`)).body.status === 'held' ? true : undefined), 120_000, 'the queue-time hold');
    refusals.queueTime = await send(serial, start('spi'));
  });

  // Act: eight stations' worth of lanes work through the order.
  const queue = [...scripts.keys()];
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      for (let serial = queue.shift(); serial !== undefined; serial = queue.shift()) await (scripts.get(serial) as Script)(serial);
    }),
  );
  const midway = await eventually(async () => {
    const o = (await http<WorkOrderView>('GET', `${stack.url}/work-orders/${number}`)).body;
    return o.counts.completed + o.counts.scrapped + o.counts.held === QUANTITY ? o : undefined;
  }, 60_000, 'every unit to report');
  // Quality scraps the two held boards; the order can then complete.
  for (const serial of [looper, waiter]) {
    expect((await http('POST', `${stack.url}/units/${serial}/scrap`, { reason: 'not worth reworking' }, quality)).status).toBe(200);
  }
  const done = await eventually(async () => {
    const o = (await http<WorkOrderView>('GET', `${stack.url}/work-orders/${number}`)).body;
    return o.status === 'completed' && o.erp.messages.some((m) => m.kind === 'completion' && m.outcome === 'sent') ? o : undefined;
  }, 120_000, 'the order to complete and its completion to be delivered');

  // Assert: counts.
  expect(aoiFailing.size).toBeGreaterThan(0);
  expect(midway.counts).toMatchObject({ quantity: QUANTITY, completed: QUANTITY - 3, scrapped: 1, held: 2 });
  expect(done.counts).toMatchObject({ quantity: QUANTITY, completed: QUANTITY - 3, scrapped: 3, held: 0, wip: 0 });

  // Assert: the refused calls and their reasons.
  expect(refusals.skipped).toMatchObject({ status: 409, body: { reason: 'STEP_MISSED', missedSteps: ['spi'] } });
  expect(refusals.wrongPart).toMatchObject({ status: 422, body: { reason: 'COMPONENT_NOT_ALLOWED', errors: [{ pointer: '/components/0/partNumber' }] } });
  expect(refusals.wrongPart?.body.detail).toContain('MB-B200');
  expect(refusals.looped).toMatchObject({ status: 409, body: { reason: 'UNIT_HELD' } });
  expect(refusals.whileHeld).toMatchObject({ status: 409, body: { reason: 'UNIT_HELD' } });
  expect(refusals.queueTime).toMatchObject({ status: 409, body: { reason: 'UNIT_HELD' } });

  // Assert: the events of every unit (released + 2 per step + finished, and what each deviation adds).
  const expected = (serial: string): number => {
    if (serial === looper) return 1 + 8 + 3 * 4 + 3 + 1; // 4 route steps, 3 repair loops, the 4th AOI fail and its hold, then the scrap
    if (serial === scrapper) return 1 + 10 + 2 * 6 + 3; // 5 route steps, 2 ICT → repair → AOI loops, the 3rd ICT fail and its scrap
    if (serial === heldOnce) return 16 + 2; // + held, resumed
    if (serial === waiter) return 1 + 2 + 2 + 1; // print, queue-time-exceeded and held, then the scrap
    return aoiFailing.has(serial) ? 16 + 4 : 16; // an AOI fail adds aoi fail and a repair
  };
  const counts = await Promise.all(serials.map(async (serial) => [serial, (await http<{ events: Array<{ seq: number }> }>('GET', `${stack.url}/units/${serial}/trace`)).body.events.length] as const));
  expect(counts.filter(([serial, n]) => n !== expected(serial) + 2 * (incidentReleases.get(serial) ?? 0))).toEqual([]);
  const waiterEvents = (await http<{ events: Array<{ type: string }> }>('GET', `${stack.url}/units/${waiter}/trace`)).body.events.map((e) => e.type);
  expect(waiterEvents).toEqual(['released', 'started', 'completed', 'queue-time-exceeded', 'held', 'scrapped']);

  // Assert: the ERP messages — each key accepted once, after the receiver refused its first two attempts.
  const mine = erp.accepted.filter((m) => m.key.startsWith(`wo:${number}:`));
  expect(new Set(mine.map((m) => m.key)).size).toBe(mine.length);
  expect(mine.every((m) => (erp.attemptsByKey.get(m.key) ?? 0) >= 3)).toBe(true);
  const completion = mine.filter((m) => m.kind === 'completion');
  expect(completion).toHaveLength(1);
  const body = completion[0]?.body as { counts: Record<string, number>; units: Array<{ serial: string; status: string; materialConsumed: Array<{ partNumber: string; supplierLot: string | null; quantity: number }> }> };
  expect(body.counts).toMatchObject({ completed: QUANTITY - 3, scrapped: 3 });
  expect(body.units).toHaveLength(QUANTITY);
  const plain = body.units.find((u) => u.serial === rest[0]);
  expect(plain?.materialConsumed).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ partNumber: 'PCB-A100', supplierLot: 'LOT-PCB-0001', quantity: 1 }),
      expect.objectContaining({ partNumber: 'IC-MCU-32', supplierLot: 'LOT-MCU-0001', quantity: 1 }),
      expect.objectContaining({ partNumber: 'CAP-100N-0402', supplierLot: null, quantity: 24 }),
    ]),
  );
  expect(mine.filter((m) => m.kind === 'progress').length).toBeGreaterThan(0);

  // Assert: the AOI defect-rate rule opened exactly one incident, held at most the unit that tipped it, and level 1 arrived by mail and SMS.
  const incidents = (await http<{ items: Array<{ dedupKey: string; actions: Array<{ type: string; held: string[] }> }> }>('GET', `${stack.url}/incidents?limit=50`)).body.items.filter((i) => i.dedupKey === `${AOI_KEY}:${SMT_MODEL}`);
  if (incidents.length !== 1) {
    const log = stack.workers.map((w) => w.output()).join('\n').split('\n').filter((l) => /\[rules\]|incident|Workflow task/i.test(l)).slice(-40).join('\n');
    throw new Error(`expected exactly one AOI incident, found ${incidents.length}\n--- worker log ---\n${log}`);
  }
  const held = incidents[0]?.actions.find((a) => a.type === 'hold-unit')?.held ?? [];
  expect(held.length).toBeLessThanOrEqual(1);
  expect([...incidentReleases.keys()].every((serial) => held.includes(serial))).toBe(true);
  const mails = await smtp.waitFor(1, 30_000);
  expect(mails.some((m) => m.to.includes(QUALITY_ENGINEER.email))).toBe(true);
  await eventually(() => (smpp.messages.some((m) => m.to === QUALITY_ENGINEER.phone) ? true : undefined), 30_000, 'the level-1 SMS');
}, 900_000);
