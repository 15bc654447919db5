/** Health reports each server's state: ok when both answer, degraded (503) when one does not. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startServer, stopServer, type RunningServer } from '../../api/server';
import { freePort } from '../../scripts/stack/processes';
import { startMongo, type RunningMongo } from '../../scripts/stack/servers';
import { openStore, type Store } from '../../store';
import { temporalAddress } from '../support/env';
import { http } from '../support/stack';

interface Health {
  status: string;
  temporal: { ok: boolean };
  mongo: { ok: boolean };
}

let dataDir: string;
let mongo: RunningMongo;
let store: Store;
let connection: Connection;
let server: RunningServer;

beforeAll(async () => {
  // A Mongo-wire server of this suite's own, so stopping it disturbs no other suite.
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'taktflow-health-'));
  mongo = await startMongo({ dataDir, port: await freePort() });
  store = await openStore(`${mongo.uri}/health`);
  connection = await Connection.connect({ address: temporalAddress() });
  server = await startServer({ store, temporal: new Client({ connection }), jwtSecret: 'health-test-secret-health-test-secret', log: () => undefined }, 0);
});

afterAll(async () => {
  await stopServer(server);
  await connection.close();
  await store.close().catch(() => undefined);
  await mongo.child.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('when Temporal and Mongo both answer, then health is ok (200)', async () => {
  const res = await http<Health>('GET', `${server.url}/api/v1/health`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ok', temporal: { ok: true }, mongo: { ok: true } });
});

it('when the Mongo server stops, then health is degraded (503) and names Mongo', async () => {
  await mongo.child.stop();
  const res = await http<Health>('GET', `${server.url}/api/v1/health`);
  expect(res.status).toBe(503);
  expect(res.body).toEqual({ status: 'degraded', temporal: { ok: true }, mongo: { ok: false } });
});
