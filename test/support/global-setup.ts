/**
 * Starts the real servers the integration suites talk to — the Temporal dev server and the
 * MongoDB-wire server, with the same code `npm start` uses — or reaches the ones given by
 * TEMPORAL_ADDRESS / MONGODB_URI. It never skips: a server that cannot start fails the run.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/stack/processes';
import { startMongo, startTemporalDev, type RunningMongo, type RunningTemporal } from '../../scripts/stack/servers';

export interface TestServers {
  temporal?: RunningTemporal;
  mongo?: RunningMongo;
  dataDir: string;
}

declare global {
  var __TAKTFLOW_TEST_SERVERS__: TestServers | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'taktflow-test-'));
  const servers: TestServers = { dataDir };
  globalThis.__TAKTFLOW_TEST_SERVERS__ = servers;
  const log = (line: string): void => console.log(`[test-servers] ${line}`);

  if (process.env.TEMPORAL_ADDRESS) {
    log(`reaching Temporal at ${process.env.TEMPORAL_ADDRESS}`);
  } else {
    servers.temporal = await startTemporalDev({ dataDir, port: await freePort(), log });
    process.env.TEMPORAL_ADDRESS = servers.temporal.address;
    log(`started the Temporal dev server on ${servers.temporal.address} (logs: ${dataDir}/logs)`);
  }
  if (process.env.MONGODB_URI) {
    log('reaching MongoDB at MONGODB_URI');
    process.env.TAKTFLOW_TEST_MONGO_URI = process.env.MONGODB_URI;
  } else {
    servers.mongo = await startMongo({ dataDir, port: await freePort(), log });
    process.env.TAKTFLOW_TEST_MONGO_URI = servers.mongo.uri;
    log(`started ${servers.mongo.kind} on ${servers.mongo.uri} (logs: ${dataDir}/logs)`);
  }
  process.env.TAKTFLOW_TEST_DATA_DIR = dataDir;
}
