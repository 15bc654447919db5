/** Error-proofing by station: a step is done only at a station of its station group (master data). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exampleRouting, start, SMT_MODEL } from '../support/fixtures';
import { uniqueName } from '../support/env';
import { ADMIN, http, startTestStack, useHeaders, type TestStack } from '../support/stack';

let stack: TestStack;
const SIGNED = { signature: { password: ADMIN.password, meaning: 'approved' } };

beforeAll(async () => {
  stack = await startTestStack('stations');
  await stack.startWorker();
  useHeaders(stack.admin);
  const md = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'definitions', 'examples', 'plant-1.master-data.json'), 'utf8')) as unknown;
  expect((await http('POST', `${stack.url}/definitions/master-data/plant-1/drafts`, md)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/master-data/plant-1/publish`, SIGNED)).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/routing/smt-mainboard/drafts`, exampleRouting())).status).toBe(201);
  expect((await http('POST', `${stack.url}/definitions/routing/smt-mainboard/publish`, SIGNED)).status).toBe(201);
});

afterAll(async () => {
  await stack?.stop();
});

it('when a step is started at a station of another group, then it is rejected naming the expected group, and nothing is recorded', async () => {
  const serial = uniqueName('SN');
  expect((await http('POST', `${stack.url}/units`, { serial, routing: 'smt-mainboard', line: 'SMT1', productModel: SMT_MODEL })).status).toBe(201);

  const wrong = await http<{ reason: string; expectedStationGroup: string; stationGroup: string }>('POST', `${stack.url}/units/${serial}/actions`, start('print', { station: 'SP-01' }));
  const unknown = await http<{ errors: Array<{ pointer: string; code: string }> }>('POST', `${stack.url}/units/${serial}/actions`, start('print', { station: 'XX-99' }));
  const right = await http('POST', `${stack.url}/units/${serial}/actions`, start('print', { station: 'PR-01' }));

  expect(wrong.status).toBe(409);
  expect(wrong.body).toMatchObject({ reason: 'WRONG_STATION_GROUP', expectedStationGroup: 'smt-printer', stationGroup: 'smt-spi' });
  expect(unknown.status).toBe(422);
  expect(unknown.body.errors.map((e) => [e.pointer, e.code])).toEqual([['/station', 'station.unknown']]);
  expect(right.status).toBe(200);
  const events = (await http<{ events: Array<{ type: string; station: string | null }> }>('GET', `${stack.url}/units/${serial}/trace`)).body.events;
  expect(events.map((e) => [e.type, e.station])).toEqual([
    ['released', null],
    ['started', 'PR-01'],
  ]);
});
