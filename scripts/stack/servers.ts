/**
 * The embedded servers: the Temporal dev server (SQLite file) and a MongoDB-wire server
 * (mongod from PATH, else the project's patched FerretDB on SQLite). Both listen on 127.0.0.1
 * only and keep their data under the given data directory.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SEARCH_ATTRIBUTES } from '../../engine/ids';
import { mongoServer, temporalCli } from './binaries';
import { clearStalePid, portOpen, spawnChild, waitForPort, type Child } from './processes';

const HOST = '127.0.0.1';

export interface ServerOptions {
  dataDir: string;
  port: number;
  /** "inherit" prefixes the server's log onto stdout; otherwise it goes to <dataDir>/logs. */
  output?: 'inherit' | 'file';
  log?: (line: string) => void;
}

export interface RunningTemporal {
  child: Child;
  address: string;
  uiUrl?: string;
}

export interface RunningMongo {
  child: Child;
  uri: string;
  kind: 'mongod' | 'ferretdb';
}

async function ensurePortFree(port: number, what: string, envHint: string): Promise<void> {
  if (await portOpen(HOST, port)) {
    throw new Error(`port ${port} is already in use, so ${what} cannot start there: stop what holds it, or set ${envHint} to use a running server.`);
  }
}

function outputOf(o: ServerOptions, name: string): string {
  return o.output === 'inherit' ? 'inherit' : path.join(o.dataDir, 'logs', `${name}.log`);
}

export async function startTemporalDev(o: ServerOptions & { uiPort?: number }): Promise<RunningTemporal> {
  const cli = temporalCli();
  const dir = path.join(o.dataDir, 'temporal');
  mkdirSync(dir, { recursive: true });
  const pidFile = path.join(o.dataDir, 'run', 'temporal.pid');
  const stale = await clearStalePid(pidFile, cli);
  if (stale) o.log?.(stale);
  await ensurePortFree(o.port, 'the Temporal dev server', 'TEMPORAL_ADDRESS');
  const args = [
    'server', 'start-dev',
    '--ip', HOST,
    '--port', String(o.port),
    '--db-filename', path.join(dir, 'temporal.db'),
    '--namespace', 'default',
    '--log-level', 'warn',
    ...SEARCH_ATTRIBUTES.flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
  ];
  if (o.uiPort !== undefined) args.push('--ui-ip', HOST, '--ui-port', String(o.uiPort));
  else args.push('--headless');
  const output = outputOf(o, 'temporal');
  const child = spawnChild({ name: 'temporal', command: cli, args, output, pidFile });
  await waitForPort(child, HOST, o.port, 60_000, output === 'inherit' ? 'the log above' : output);
  if (o.uiPort !== undefined) await waitForPort(child, HOST, o.uiPort, 30_000, output === 'inherit' ? 'the log above' : output);
  return { child, address: `${HOST}:${o.port}`, uiUrl: o.uiPort !== undefined ? `http://${HOST}:${o.uiPort}` : undefined };
}

export async function startMongo(o: ServerOptions): Promise<RunningMongo> {
  const bin = mongoServer();
  const dir = path.join(o.dataDir, 'mongo');
  mkdirSync(dir, { recursive: true });
  const pidFile = path.join(o.dataDir, 'run', 'mongo.pid');
  const stale = await clearStalePid(pidFile, bin.path);
  if (stale) o.log?.(stale);
  await ensurePortFree(o.port, `the MongoDB-wire server (${bin.kind})`, 'MONGODB_URI');
  const args =
    bin.kind === 'mongod'
      ? ['--dbpath', dir, '--bind_ip', HOST, '--port', String(o.port)]
      : [
          '--handler=sqlite',
          `--sqlite-url=file:${dir}/`,
          `--listen-addr=${HOST}:${o.port}`,
          '--telemetry=disable',
          '--debug-addr=-',
          `--state-dir=${dir}`,
          '--log-level=warn',
        ];
  const output = outputOf(o, bin.kind);
  const child = spawnChild({ name: bin.kind, command: bin.path, args, output, pidFile });
  await waitForPort(child, HOST, o.port, 30_000, output === 'inherit' ? 'the log above' : output);
  return { child, uri: `mongodb://${HOST}:${o.port}`, kind: bin.kind };
}
