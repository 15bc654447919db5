/**
 * Through the API on real servers: step data error-proofing (mixed-model parts, supplier lots,
 * required measurements, limits, defect codes), lots (partial scrap, split, parallel branches
 * that join), and moving in-flight units to a newer routing version.
 */
import type { Routing } from '../../definitions/routing/schema';
import { workflowIds } from '../../engine/ids';
import { uniqueName } from '../support/env';
import { complete, exampleRouting, SMT_MODEL, start, type ActionBody } from '../support/fixtures';
import { ADMIN, http, startTestStack, useHeaders, type TestStack } from '../support/stack';

interface Unit { serial: string; status: string; step: string | null; allowedSteps: string[]; quantity?: number; kind?: string; routing: { version: number } }
interface Problem { status: number; reason?: string; detail: string; errors?: Array<{ pointer: string; code: string }> }
interface TraceEvent { type: string; step: string | null; result: string | null; detail: string | null; quantity?: number; measurements?: Array<{ name: string; ok: boolean }>; components?: Array<{ partNumber: string; supplierLot: string | null; quantity: number }>; defectCodes?: string[] }

let stack: TestStack;
const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };

async function publish(key: string, routing: Routing): Promise<void> {
  expect((await http('POST', `${stack.url}/definitions/routing/${key}/drafts`, routing)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/routing/${key}/publish`, SIGNED)).status).toBe(201);
}

async function releaseUnit(over: Record<string, unknown> = {}): Promise<string> {
  const serial = uniqueName('SN');
  const res = await http('POST', `${stack.url}/units`, { serial, routing: 'smt-mainboard', line: 'SMT1', productModel: SMT_MODEL, ...over });
  expect(res.status).toBe(201);
  return serial;
}

async function act(path: string, body: ActionBody) {
  return http<{ unit: Unit; events: TraceEvent[] } & Problem>('POST', `${stack.url}${path}/actions`, body);
}

async function trace(path: string): Promise<TraceEvent[]> {
  return (await http<{ events: TraceEvent[] }>('GET', `${stack.url}${path}/trace`)).body.events;
}

beforeAll(async () => {
  stack = await startTestStack('lots');
  await stack.startWorker();
  useHeaders(stack.admin);
  await publish('smt-mainboard', exampleRouting());
  await publish('coating-lot', exampleRouting('coating-lot'));
});

afterAll(async () => {
  await stack?.stop();
});

describe('step data error-proofing', () => {
  it('when a board of one model is given the bare board of the other model, then 422 names both models (混料防错) and nothing is recorded', async () => {
    // Arrange
    const serial = await releaseUnit();
    await act(`/units/${serial}`, start('print'));

    // Act
    const res = await act(`/units/${serial}`, complete('print', 'pass', { components: [{ partNumber: 'PCB-B200', supplierLot: 'LOT-9' }] }));

    // Assert
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ reason: 'COMPONENT_NOT_ALLOWED', errors: [{ pointer: '/components/0/partNumber' }] });
    expect(res.body.detail).toContain('MB-B200');
    expect(res.body.detail).toContain('混料防错');
    expect((await trace(`/units/${serial}`)).map((e) => e.type)).toEqual(['released', 'started']);
  });

  it.each<[string, string, Partial<ActionBody>, string, string]>([
    ['the supplier lot of a lot-tracked part is missing', 'print', { components: [{ partNumber: 'PCB-A100' }] }, 'SUPPLIER_LOT_REQUIRED', '/components/0/supplierLot'],
    ['a lot-tracked part is not scanned at all', 'print', { components: [] }, 'COMPONENT_MISSING', '/components'],
    ['a required measurement is missing', 'spi', { measurements: [] }, 'MEASUREMENT_REQUIRED', '/measurements'],
    ['a measurement the step does not take is sent', 'spi', { measurements: [{ name: 'Paste volume', value: 100 }, { name: 'Colour', value: 1 }] }, 'MEASUREMENT_UNKNOWN', '/measurements/1/name'],
  ])('when %s, then 422 says why and points at the field', async (_case, step, data, reason, pointer) => {
    // Arrange
    const serial = await releaseUnit();
    if (step === 'spi') {
      await act(`/units/${serial}`, start('print'));
      await act(`/units/${serial}`, complete('print'));
    }
    await act(`/units/${serial}`, start(step));

    // Act
    const res = await act(`/units/${serial}`, complete(step, 'pass', data));

    // Assert
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ reason, errors: [{ pointer }] });
  });

  it('when a measurement is outside its limits, then the pass is recorded as a fail with the reading and the unit takes the fail path', async () => {
    // Arrange
    const serial = await releaseUnit();
    await act(`/units/${serial}`, start('print'));
    await act(`/units/${serial}`, complete('print'));
    await act(`/units/${serial}`, start('spi'));

    // Act
    const res = await act(`/units/${serial}`, complete('spi', 'pass', { measurements: [{ name: 'Paste volume', value: 140 }] }));

    // Assert
    expect(res.status).toBe(200);
    expect(res.body.events[0]).toMatchObject({ type: 'completed', result: 'fail', measurements: [{ name: 'Paste volume', ok: false }], detail: expect.stringContaining('Paste volume') });
    expect(res.body.unit).toMatchObject({ status: 'waiting', step: 'print' });
  });

  it('when AOI fails with a defect code, then the code is recorded and a code it does not record is refused', async () => {
    // Arrange
    const serial = await releaseUnit();
    for (const step of ['print', 'spi', 'mount', 'reflow']) {
      await act(`/units/${serial}`, start(step));
      await act(`/units/${serial}`, complete(step));
    }
    await act(`/units/${serial}`, start('aoi'));

    // Act
    const wrong = await act(`/units/${serial}`, complete('aoi', 'fail', { defectCodes: ['D-SHORT'] }));
    const right = await act(`/units/${serial}`, complete('aoi', 'fail', { defectCodes: ['D-BRIDGE'] }));

    // Assert
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ reason: 'DEFECT_CODE_NOT_ALLOWED', errors: [{ pointer: '/defectCodes/0' }] });
    expect(right.body.events[0]).toMatchObject({ result: 'fail', defectCodes: ['D-BRIDGE'] });
    expect(right.body.unit).toMatchObject({ step: 'repair' });
  });

  it('when the routing lists product models, then a release without one (or with another) is refused', async () => {
    // Act
    const none = await http<Problem>('POST', `${stack.url}/units`, { serial: uniqueName('SN'), routing: 'smt-mainboard', line: 'SMT1' });
    const other = await http<Problem>('POST', `${stack.url}/units`, { serial: uniqueName('SN'), routing: 'smt-mainboard', line: 'SMT1', productModel: 'PNL-C10' });

    // Assert
    expect([none.status, other.status]).toEqual([422, 422]);
    expect(none.body.errors?.[0]?.pointer).toBe('/productModel');
  });
});

describe('lots', () => {
  const lotPath = (lot: string): string => `/lots/${lot}`;
  const coat = (step: string, data: Partial<ActionBody> = {}): ActionBody => complete(step, 'pass', { ...data });

  it('when a lot runs the coating routing, then partial scrap, a split, and the parallel inspect/thickness branches joining at pack all show', async () => {
    // Arrange
    const lot = uniqueName('LOT');
    const newLot = uniqueName('LOT');
    const released = await http<Unit>('POST', `${stack.url}/lots`, { lot, routing: 'coating-lot', line: 'CT1', quantity: 100, productModel: 'PNL-C10' });
    expect(released.status).toBe(201);
    expect(released.body).toMatchObject({ kind: 'lot', quantity: 100, step: 'clean' });

    // Act
    await act(lotPath(lot), start('clean'));
    const cleaned = await act(lotPath(lot), coat('clean', { scrapQuantity: 3 }));
    await act(lotPath(lot), start('spray'));
    const noCoating = await act(lotPath(lot), coat('spray'));
    await act(lotPath(lot), coat('spray', { components: [{ partNumber: 'COAT-UR-1', supplierLot: 'UR-2026-11' }] }));
    const split = await http<{ lot: Unit; newLot: Unit }>('POST', `${stack.url}/lots/${lot}/split`, { quantity: 40, newLot, reason: 'second oven' });
    await act(lotPath(lot), start('cure'));
    const cured = await act(lotPath(lot), coat('cure', { measurements: [{ name: 'Oven temperature', value: 80 }] }));
    await act(lotPath(lot), start('inspect'));
    const inspected = await act(lotPath(lot), coat('inspect'));
    await act(lotPath(lot), start('thickness'));
    const thin = await act(lotPath(lot), coat('thickness', { measurements: [{ name: 'Coating thickness', value: 20 }] }));
    await act(lotPath(lot), start('touchup'));
    await act(lotPath(lot), coat('touchup'));
    await act(lotPath(lot), start('thickness'));
    const joined = await act(lotPath(lot), coat('thickness', { measurements: [{ name: 'Coating thickness', value: 50 }] }));
    await act(lotPath(lot), start('pack'));
    const packed = await act(lotPath(lot), coat('pack'));
    const scrapped = await http<{ unit: Unit }>('POST', `${stack.url}/lots/${newLot}/scrap`, { reason: 'dropped tray', quantity: 5 });

    // Assert
    expect(cleaned.body.unit.quantity).toBe(97);
    expect(cleaned.body.events.map((e) => [e.type, e.quantity ?? null])).toEqual([['completed', null], ['partially-scrapped', 3]]);
    expect(noCoating.status).toBe(422);
    expect(noCoating.body.reason).toBe('COMPONENT_MISSING');
    expect(split.status).toBe(200);
    expect(split.body.lot).toMatchObject({ quantity: 57, step: 'cure', status: 'waiting' });
    expect(split.body.newLot).toMatchObject({ serial: newLot, kind: 'lot', quantity: 40, step: 'cure', status: 'waiting' });
    expect(cured.body.unit.allowedSteps.sort()).toEqual(['inspect', 'thickness']);
    expect(inspected.body.unit.allowedSteps).toEqual(['thickness']);
    expect(thin.body.events[0]).toMatchObject({ result: 'fail' });
    expect(thin.body.unit.allowedSteps).toEqual(['touchup']);
    expect(joined.body.unit).toMatchObject({ status: 'waiting', step: 'pack', allowedSteps: ['pack'] });
    expect(packed.body.unit).toMatchObject({ status: 'finished', quantity: 57 });
    expect(scrapped.status).toBe(200);
    expect(scrapped.body.unit).toMatchObject({ quantity: 35, status: 'waiting' });
    const childTrace = await trace(lotPath(newLot));
    expect(childTrace[0]).toMatchObject({ type: 'released', quantity: 40, detail: expect.stringContaining(lot) });
    expect((await trace(lotPath(lot))).filter((e) => e.type === 'split')).toEqual([expect.objectContaining({ quantity: 40, detail: expect.stringContaining(newLot) })]);
  });

  it('when a lot would split off all it has, or a unit is split, then it is refused', async () => {
    // Arrange
    const lot = uniqueName('LOT');
    await http('POST', `${stack.url}/lots`, { lot, routing: 'coating-lot', line: 'CT1', quantity: 10, productModel: 'PNL-C10' });
    const serial = await releaseUnit();

    // Act
    const all = await http<Problem>('POST', `${stack.url}/lots/${lot}/split`, { quantity: 10, newLot: uniqueName('LOT'), reason: 'x' });
    const unit = await http<Problem>('POST', `${stack.url}/lots/${serial}/split`, { quantity: 1, newLot: uniqueName('LOT'), reason: 'x' });
    const unitRouting = await http<Problem>('POST', `${stack.url}/lots`, { lot: uniqueName('LOT'), routing: 'smt-mainboard', line: 'SMT1', quantity: 5, productModel: SMT_MODEL });

    // Assert
    expect(all.status).toBe(409);
    expect(all.body.reason).toBe('QUANTITY_INVALID');
    expect(unit.status).toBe(404);
    expect(unitRouting.status).toBe(422);
  });

  it('when a lot was scrapped whole and its run has ended, then a later scrap or split is refused with 409 UNIT_SCRAPPED and nothing changes', async () => {
    // Arrange: the whole lot scrapped; its workflow completes
    const lot = uniqueName('LOT');
    await http('POST', `${stack.url}/lots`, { lot, routing: 'coating-lot', line: 'CT1', quantity: 10, productModel: 'PNL-C10' });
    const whole = await http<{ unit: Unit }>('POST', `${stack.url}/lots/${lot}/scrap`, { reason: 'contaminated bath' });
    await stack.temporal.workflow.getHandle(workflowIds.lot(lot)).result();
    const before = await trace(lotPath(lot));

    // Act
    const scrapAgain = await http<Problem>('POST', `${stack.url}/lots/${lot}/scrap`, { reason: 'again', quantity: 1 });
    const split = await http<Problem>('POST', `${stack.url}/lots/${lot}/split`, { quantity: 1, newLot: uniqueName('LOT'), reason: 'x' });

    // Assert
    expect(whole.status).toBe(200);
    expect(whole.body.unit).toMatchObject({ status: 'scrapped' });
    for (const res of [scrapAgain, split]) {
      expect(res.status).toBe(409);
      expect(res.body.reason).toBe('UNIT_SCRAPPED');
    }
    expect(await trace(lotPath(lot))).toEqual(before);
  });
});

describe('migration to a newer routing version', () => {
  it('when units are moved to version 2 with a step mapping, then they continue there; an unmapped one is refused; a bad mapping is 422', async () => {
    // Arrange: version 2 renames spi to spi-3d.
    const key = 'smt-migrate';
    const v1 = exampleRouting();
    await publish(key, v1);
    const v2: Routing = structuredClone(v1);
    v2.steps = v2.steps.map((s) => (s.id === 'spi' ? { ...s, id: 'spi-3d' } : s));
    v2.transitions = v2.transitions.map((t) => ({ ...t, from: t.from === 'spi' ? 'spi-3d' : t.from, to: t.to === 'spi' ? 'spi-3d' : t.to }));
    const first = await releaseUnit({ routing: key });
    const second = await releaseUnit({ routing: key });
    for (const serial of [first, second]) {
      await act(`/units/${serial}`, start('print'));
      await act(`/units/${serial}`, complete('print'));
    }
    await publish(key, v2);
    const engineer = await stack.as('engineer');

    // Act
    const forbidden = await http('POST', `${stack.url}/migrations`, { routing: key, toVersion: 2, serials: [first], stepMapping: { spi: 'spi-3d' }, reason: 'new SPI' }, engineer.auth);
    const badMapping = await http<Problem>('POST', `${stack.url}/migrations`, { routing: key, toVersion: 2, serials: [first], stepMapping: { spi: 'nowhere' }, reason: 'new SPI' });
    const unmapped = await http<{ refused: Array<{ serial: string; reason: string }> }>('POST', `${stack.url}/migrations`, { routing: key, toVersion: 2, serials: [second], stepMapping: {}, reason: 'new SPI' });
    const moved = await http<{ migrated: Array<{ serial: string; fromVersion: number; step: string }>; refused: unknown[] }>('POST', `${stack.url}/migrations`, {
      routing: key, toVersion: 2, serials: [first, second], stepMapping: { spi: 'spi-3d' }, reason: 'new SPI',
    });
    const next = await act(`/units/${first}`, start('spi-3d'));

    // Assert
    expect(forbidden.status).toBe(403);
    expect(badMapping.status).toBe(422);
    expect(badMapping.body.errors?.[0]?.pointer).toBe('/stepMapping/spi');
    expect(unmapped.body.refused).toEqual([expect.objectContaining({ serial: second, reason: 'STEP_UNMAPPED' })]);
    expect(moved.status).toBe(200);
    expect(moved.body.migrated.map((m) => [m.fromVersion, m.step]).sort()).toEqual([[1, 'spi-3d'], [1, 'spi-3d']]);
    expect(next.status).toBe(200);
    expect(next.body.unit.routing.version).toBe(2);
    expect((await trace(`/units/${first}`)).find((e) => e.type === 'migrated')?.detail).toContain('1 → 2');
    const audit = await http<{ items: Array<{ action?: string; resource?: { kind: string; id: string } }> }>('GET', `${stack.url}/audit-log?limit=200`);
    expect(JSON.stringify(audit.body)).toContain(`${key}@2`);
  });
});

