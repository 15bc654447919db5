/**
 * Incidents through the API with real worker processes: an exception raised by hand opens an
 * incident on its routed policy with level 1 notified (or attempted), a further report is an
 * occurrence, acknowledge and resolve record TTA and TTR, reopen runs the ladder again, metrics
 * reflect it; line scoping and validation findings with pointers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncidentView } from '../../definitions/incidents/view';
import { listenSse } from '../support/sse';
import { ADMIN, http, startTestStack, useHeaders, type Auth, type TestStack } from '../support/stack';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'definitions', 'examples');
const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };
const example = (file: string): unknown => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as unknown;

let stack: TestStack;
let operator: Auth;
let otherLine: Auth;
let quality: Auth;
let key = 0;
const idem = (): Record<string, string> => ({ 'Idempotency-Key': `inc-${Date.now()}-${++key}` });

async function publish(kind: string, name: string, file: string): Promise<void> {
  expect((await http('POST', `${stack.url}/definitions/${kind}/${name}/drafts`, example(file))).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/${kind}/${name}/publish`, SIGNED)).status).toBe(201);
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The incident ids called on the line's andon board. */
async function boardOf(line: string): Promise<string[]> {
  const res = await http<{ calls: Array<{ incident: string }> }>('GET', `${stack.url}/andon/${line}`, undefined, operator);
  return res.body.calls.map((c) => c.incident);
}

async function raise(auth: Auth, body: Record<string, unknown>) {
  return http<{ occurrence: string; incident: IncidentView }>('POST', `${stack.url}/exceptions`, body, { ...auth, ...idem() });
}

beforeAll(async () => {
  stack = await startTestStack('incidents');
  await stack.startWorker();
  useHeaders(stack.admin);
  await publish('master-data', 'plant-1', 'plant-1.master-data.json');
  await publish('escalation-policy', 'quality-default', 'quality-default.escalation-policy.json');
  await publish('escalation-policy', 'maintenance-default', 'maintenance-default.escalation-policy.json');
  operator = (await stack.as('operator', ['SMT1'])).auth;
  otherLine = (await stack.as('operator', ['FA1'])).auth;
  quality = (await stack.as('quality')).auth;
});

afterAll(async () => {
  await stack?.stop();
});

describe('an exception raised by hand, through its life', () => {
  let incident: IncidentView;

  it('when an operator raises a quality anomaly on their line, then an incident opens on the quality policy and level 1 is notified', async () => {
    // Act
    const res = await raise(operator, { type: 'quality-anomaly', line: 'SMT1', description: 'solder bridges on U7' });

    // Assert
    expect(res.status).toBe(201);
    expect(res.body.occurrence).toBe('opening');
    incident = res.body.incident;
    expect(incident).toMatchObject({ status: 'open', type: 'quality-anomaly', line: 'SMT1', policy: { key: 'quality-default', version: 1 }, source: { kind: 'manual', exceptionType: 'quality-anomaly' } });
    expect(incident.id).toMatch(/^INC-\d{8}-[0-9A-Z]{8}$/);
    await until(async () => ((await http<IncidentView>('GET', `${stack.url}/incidents/${incident.id}`)).body.levels ?? []).length > 0);
    const read = await http<IncidentView>('GET', `${stack.url}/incidents/${incident.id}`, undefined, operator);
    expect(read.body.levels[0]).toMatchObject({ run: 1, level: 1, status: expect.stringMatching(/^(notifying|notified|failed)$/) });
    // Level 1 of the quality policy calls the line's andon board.
    await until(async () => (await boardOf('SMT1')).includes(incident.id));
  });

  it('when the same exception is reported again while open, then it is an occurrence of the same incident', async () => {
    // Act
    const res = await raise(operator, { type: 'quality-anomaly', line: 'SMT1', description: 'more bridges' });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ occurrence: 'occurrence', incident: { id: incident.id, occurrences: { count: 2 } } });
  });

  it('when an operator of another line looks for it, then it is not found and not listed', async () => {
    // Act
    const one = await http('GET', `${stack.url}/incidents/${incident.id}`, undefined, otherLine);
    const list = await http<{ items: IncidentView[] }>('GET', `${stack.url}/incidents`, undefined, otherLine);
    const ack = await http('POST', `${stack.url}/incidents/${incident.id}/acknowledge`, {}, { ...otherLine, ...idem() });

    // Assert
    expect(one.status).toBe(404);
    expect(list.body.items.map((i) => i.id)).not.toContain(incident.id);
    expect(ack.status).toBe(404);
  });

  it('when the operator acknowledges, then it is acknowledged with a TTA; a second acknowledgement is refused', async () => {
    // Arrange: someone watching the line's live stream
    const watching = listenSse<{ incident: { id: string; status: string; level: number | null } }>(`${stack.url}/stream?lines=SMT1`, operator, (es) =>
      es.some((e) => e.event === 'incident.updated' && e.data.incident.id === incident.id && e.data.incident.status === 'acknowledged'),
    );
    await new Promise((r) => setTimeout(r, 300)); // the stream has taken its position

    // Act
    const res = await http<IncidentView>('POST', `${stack.url}/incidents/${incident.id}/acknowledge`, { note: 'on it' }, { ...operator, ...idem() });
    const again = await http('POST', `${stack.url}/incidents/${incident.id}/acknowledge`, {}, { ...operator, ...idem() });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'acknowledged', acknowledgeNote: 'on it', ladder: { phase: 'stopped' } });
    expect(res.body.ttaSeconds).toEqual(expect.any(Number));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'ALREADY_ACKNOWLEDGED' });
    await until(async () => !(await boardOf('SMT1')).includes(incident.id));
    const seen = (await watching).filter((e) => e.event === 'incident.updated' && e.data.incident.id === incident.id);
    expect(seen.at(-1)?.data.incident).toMatchObject({ status: 'acknowledged', level: 1 });
    expect(seen.at(-1)?.data).toMatchObject({ line: 'SMT1' });
  });

  it('when an operator tries to resolve, then it is forbidden; quality resolves it with a resolution and cause category and a TTR', async () => {
    // Act
    const denied = await http('POST', `${stack.url}/incidents/${incident.id}/resolve`, { resolution: 'x', causeCategory: 'machine' }, { ...operator, ...idem() });
    const res = await http<IncidentView>('POST', `${stack.url}/incidents/${incident.id}/resolve`, { resolution: 'stencil cleaned', causeCategory: 'machine' }, { ...quality, ...idem() });

    // Assert
    expect(denied.status).toBe(403);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolution: 'stencil cleaned', causeCategory: 'machine' });
    expect(res.body.ttrSeconds).toBeGreaterThanOrEqual(res.body.ttaSeconds as number);
  });

  it('when the metrics are asked for by type, then the resolved incident counts with its MTTA and MTTR', async () => {
    // Act
    const res = await http<{ groups: Array<{ key: string; opened: number; resolved: number; mtta: { count: number }; mttr: { count: number; mean: number } }> }>('GET', `${stack.url}/incidents/metrics?groupBy=type`);

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.groups.find((g) => g.key === 'quality-anomaly')).toMatchObject({ opened: 1, resolved: 1, mtta: { count: 1 }, mttr: { count: 1 } });
  });

  it('when quality reopens it within the cooldown, then it is open again on run 2 of the ladder', async () => {
    // Act
    const res = await http<IncidentView>('POST', `${stack.url}/incidents/${incident.id}/reopen`, { reason: 'bridges again' }, { ...quality, ...idem() });

    // Assert
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', ladder: { run: 2 }, reopens: [{ reason: 'bridges again' }] });
    await until(async () => (await http<IncidentView>('GET', `${stack.url}/incidents/${incident.id}`)).body.levels.some((l) => l.run === 2 && l.level === 1));
  });
});

describe('refusals', () => {
  it.each([
    ['an unknown type and no description', { type: 'fire', line: 'SMT1' }, ['/type', '/description']],
    ['a bad line id', { type: 'order-delay', line: '1 bad', description: 'late' }, ['/line']],
    ['an unknown field', { type: 'order-delay', line: 'SMT1', description: 'late', priority: 1 }, ['/priority']],
  ])('when an exception has %s, then 422 names the pointers', async (_case, body, pointers) => {
    // Act
    const res = await raise(stack.admin, body);

    // Assert
    expect(res.status).toBe(422);
    const errors = (res.body as unknown as { errors: Array<{ pointer: string }> }).errors;
    for (const p of pointers) expect(errors.map((e) => e.pointer)).toContain(p);
  });

  it('when an operator raises an exception on a line not theirs, then 403 points at /line', async () => {
    // Act
    const res = await raise(otherLine, { type: 'equipment-failure', line: 'SMT1', description: 'oven down' });

    // Assert
    expect(res.status).toBe(403);
    expect((res.body as unknown as { errors: Array<{ pointer: string }> }).errors[0]?.pointer).toBe('/line');
  });

  it('when a resolution lacks its cause category, then 422 points at it', async () => {
    // Arrange
    const opened = await raise(stack.admin, { type: 'equipment-failure', line: 'FA1', description: 'screwdriver broken' });

    // Act
    const res = await http('POST', `${stack.url}/incidents/${opened.body.incident.id}/resolve`, { resolution: 'replaced' }, idem());

    // Assert
    expect(opened.body.incident.policy.key).toBe('maintenance-default');
    expect(res.status).toBe(422);
    expect((res.body as { errors: Array<{ pointer: string }> }).errors.map((e) => e.pointer)).toContain('/causeCategory');
  });

  it('when metrics are asked for with from after to, then 400', async () => {
    // Act
    const res = await http('GET', `${stack.url}/incidents/metrics?from=2025-02-01&to=2025-01-01`);

    // Assert
    expect(res.status).toBe(400);
  });
});
