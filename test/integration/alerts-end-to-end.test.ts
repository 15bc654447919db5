/**
 * Alerts end to end on the real stack: units inspected at AOI through the API drive a defect-rate
 * rule over its threshold; the worker's evaluation opens exactly one incident, its hold action
 * holds the triggering unit, and level 1 reaches the loopback SMTP and SMPP peers. With the SMTP
 * server refusing every session, the mail is retried and the SMS fallback carries it; the
 * incident is there all the same.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EscalationPolicy } from '../../definitions/policies/schema';
import type { Routing } from '../../definitions/routing/schema';
import { uniqueName } from '../support/env';
import { eventually } from '../support/erp-receiver';
import { startSmppPeer, type SmppPeer } from '../support/peers/smpp';
import { startSmtpPeer, type SmtpPeer } from '../support/peers/smtp';
import { aoiDefectRule } from '../support/rules';
import { ADMIN, http, startTestStack, useHeaders, type TestStack } from '../support/stack';

interface Incident { id: string; type: string; status: string; dedupKey: string; affectedUnits: string[]; occurrences: { count: number }; actions: Array<{ type: string; held: string[] }> }
interface Delivery { kind: string; channel: string; status: string; attempt: number | null; fallback?: string | null; fallbackFor?: string | null }

const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };
/**
 * Incident workflow ids are incident:<site>:<dedupKey>, and the suites share one Temporal server and site: keys of
 * their own keep this suite's firings from landing on another suite's incident.
 */
const KEY_A = uniqueName('aoi-rate');
const KEY_B = uniqueName('aoi-rate-b');
const QUALITY_ENGINEER = { email: 'zhang.wei@example.com', phone: '+8613800000002' };
let stack: TestStack;
let smtp: SmtpPeer;
let smpp: SmppPeer;

const routing: Routing = {
  name: 'AOI check',
  productModels: ['MB-A100', 'MB-B200'],
  entry: 'aoi',
  steps: [
    { id: 'aoi', name: 'AOI', kind: 'inspection', stationGroup: 'smt-aoi', defectCodes: ['D-BRIDGE'] },
    { id: 'repair', name: 'Repair', kind: 'rework', stationGroup: 'smt-repair' },
    { id: 'pack', name: 'Pack', kind: 'packaging', stationGroup: 'pack' },
  ],
  transitions: [
    { from: 'aoi', to: 'pack', on: 'pass' },
    { from: 'aoi', to: 'repair', on: 'fail', maxLoops: 3 },
    { from: 'repair', to: 'aoi', on: 'pass' },
  ],
};

const policy = (channels: Array<'email' | 'sms'>): EscalationPolicy => ({
  name: `Level 1 by ${channels.join(' and ')}`,
  levels: [{ name: 'Quality engineer', delayMinutes: 0, delayFrom: 'open', channels: channels.map((channel) => ({ channel })), recipients: [{ role: 'quality-engineer' }] }],
  onAcknowledge: 'stop',
});

async function publish(kind: string, key: string, content: unknown): Promise<void> {
  const draft = await http('POST', `${stack.url}/definitions/${kind}/${key}/drafts`, content);
  expect([key, draft.status, draft.status === 201 ? null : draft.body]).toEqual([key, 201, null]);
  expect((await http('POST', `${stack.url}/definitions/${kind}/${key}/publish`, SIGNED)).status).toBe(201);
}

/** Releases a board and inspects it at AOI: pass, or fail with a bridge. */
async function inspect(productModel: string, result: 'pass' | 'fail'): Promise<string> {
  const serial = uniqueName('SN-A');
  expect((await http('POST', `${stack.url}/units`, { serial, routing: 'aoi-check', line: 'SMT1', productModel })).status).toBe(201);
  const act = (body: Record<string, unknown>) => http('POST', `${stack.url}/units/${serial}/actions`, { step: 'aoi', station: 'AO-01', operator: 'op-1001', ...body });
  expect((await act({ type: 'start' })).status).toBe(200);
  expect((await act({ type: 'complete', result, ...(result === 'fail' ? { defectCodes: ['D-BRIDGE'] } : {}) })).status).toBe(200);
  return serial;
}

/** A timeout says what the worker logged and which incidents exist, so a failure can be read. */
async function explain(e: unknown): Promise<never> {
  const incidents = (await http('GET', `${stack.url}/incidents?limit=50`)).body;
  const log = stack.workers.map((w) => w.output()).join('\n').split('\n').filter((l) => /\[rules\]|incident|Workflow task/i.test(l)).slice(-40).join('\n');
  throw new Error(`${String(e)}\n--- worker log ---\n${log}\n--- incidents ---\n${JSON.stringify(incidents).slice(0, 2000)}`);
}

async function incidentsOf(type: string, dedupKey: string): Promise<Incident[]> {
  return (await http<{ items: Incident[] }>('GET', `${stack.url}/incidents?type=${type}&limit=50`)).body.items.filter((i) => i.dedupKey === dedupKey);
}

beforeAll(async () => {
  smtp = await startSmtpPeer();
  smpp = await startSmppPeer();
  stack = await startTestStack('alerts', {
    workerEnv: {
      SMTP_URL: smtp.url,
      TAKTFLOW_SMS_PROVIDER: 'smpp',
      SMPP_URL: smpp.url,
      TAKTFLOW_NOTIFY_ATTEMPTS: '3',
      TAKTFLOW_NOTIFY_BACKOFF_MS: '50',
      TAKTFLOW_RULES_COALESCE_MS: '200',
      TAKTFLOW_RULES_RELOAD_MS: '500',
    },
  });
  await stack.startWorker();
  useHeaders(stack.admin);
  await publish('master-data', 'plant-1', JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')));
  await publish('routing', 'aoi-check', routing);
  await publish('escalation-policy', 'mail-and-sms', policy(['email', 'sms']));
  await publish('escalation-policy', 'mail-only', policy(['email']));
  await publish('alert-rule', 'aoi-a100', { ...aoiDefectRule(20, 4), scope: { steps: ['aoi'], productModels: ['MB-A100'] }, escalationPolicy: 'mail-and-sms', actions: [{ type: 'hold-unit' }], dedupKey: `${KEY_A}:{{productModel}}` });
  await publish('alert-rule', 'aoi-b200', { ...aoiDefectRule(20, 4), event: { ...aoiDefectRule().event, type: 'quality.aoi-rate-b200' }, scope: { steps: ['aoi'], productModels: ['MB-B200'] }, escalationPolicy: 'mail-only', dedupKey: `${KEY_B}:{{productModel}}` });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await smtp?.stop();
  await smpp?.stop();
});

it('when the AOI defect rate goes over the limit, then exactly one incident opens, the triggering unit is held, and level 1 arrives by mail and SMS', async () => {
  // Act: 2 of 5 boards fail (40 % > 20 %, at least 4 inspected), then 3 more fail.
  const serials: string[] = [];
  for (const result of ['pass', 'fail', 'pass', 'fail', 'pass'] as const) serials.push(await inspect('MB-A100', result));
  const [incident] = await eventually(async () => {
    const found = await incidentsOf('quality.aoi-defect-rate', `${KEY_A}:MB-A100`);
    return found.length > 0 && found[0]?.actions.length ? found : undefined;
  }, 60_000, 'the incident and its hold').catch(explain);
  for (let i = 0; i < 3; i++) serials.push(await inspect('MB-A100', 'fail'));
  const mail = await smtp.waitFor(1, 30_000);
  await eventually(() => (smpp.messages.some((m) => m.to === QUALITY_ENGINEER.phone) ? true : undefined), 30_000, 'the SMS');

  // Assert
  expect(await incidentsOf('quality.aoi-defect-rate', `${KEY_A}:MB-A100`)).toHaveLength(1);
  const held = incident?.actions.find((a) => a.type === 'hold-unit')?.held ?? [];
  expect(held).toHaveLength(1);
  expect(serials).toContain(held[0]);
  expect((await http<{ status: string }>('GET', `${stack.url}/units/${held[0] as string}`)).body.status).toBe('held');
  expect(mail[0]?.to).toContain(QUALITY_ENGINEER.email);
  expect(`${mail[0]?.subject} ${mail[0]?.text}`).toContain('MB-A100');
});

it('when the SMTP server refuses every session, then the mail is retried, the SMS fallback carries level 1, and the incident is not lost', async () => {
  // Arrange
  smtp.refuseNext(1_000);
  const sessionsBefore = smtp.sessions;
  const smsBefore = smpp.messages.length;

  // Act
  for (const result of ['fail', 'pass', 'fail', 'pass', 'pass'] as const) await inspect('MB-B200', result);
  const [incident] = await eventually(async () => {
    const found = await incidentsOf('quality.aoi-rate-b200', `${KEY_B}:MB-B200`);
    return found.length > 0 ? found : undefined;
  }, 60_000, 'the incident').catch(explain);
  const deliveries = await eventually(async () => {
    const items = (await http<{ items: Delivery[] }>('GET', `${stack.url}/deliveries?incident=${incident?.id as string}`)).body.items;
    return items.some((d) => d.kind === 'final' && d.channel === 'sms' && d.status === 'sent') ? items : undefined;
  }, 60_000, 'the fallback SMS').catch(explain);

  // Assert
  expect(smtp.sessions - sessionsBefore).toBeGreaterThanOrEqual(3);
  expect(deliveries.filter((d) => d.kind === 'attempt' && d.channel === 'email' && d.status === 'failed').length).toBeGreaterThanOrEqual(3);
  expect(deliveries.find((d) => d.kind === 'final' && d.channel === 'email')).toMatchObject({ status: 'failed', fallback: 'sms' });
  expect(smpp.messages.slice(smsBefore).some((m) => m.to === QUALITY_ENGINEER.phone)).toBe(true);
  expect(await incidentsOf('quality.aoi-rate-b200', `${KEY_B}:MB-B200`)).toHaveLength(1);
});
