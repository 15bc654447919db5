/**
 * npm start: the whole stack on the embedded defaults, or against given servers.
 *   Temporal dev server (unless TEMPORAL_ADDRESS), MongoDB-wire server (unless MONGODB_URI),
 *   one worker process, the API (which serves the designer). Ctrl-C stops every child.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clearStalePid, spawnChild, type Child } from './processes';
import { startMongo, startTemporalDev } from './servers';

const ROOT = path.resolve(__dirname, '..', '..');
const log = (line: string): void => console.log(`[stack] ${line}`);

interface Service {
  name: string;
  entry: string;
  child?: Child;
  restarts: number;
}

/** Ports of the embedded servers: fixed defaults, movable for a second stack on one machine. */
function portFromEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, not "${v}"`);
  return n;
}

/** A secret kept in the data directory (created once, readable by its owner only). */
function keptSecret(dataDir: string, name: string, make: () => string): { value: string; created: boolean } {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, created: true };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      last = await res.json();
      if (res.ok) return last;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs / 1000} s; last answer: ${JSON.stringify(last)}`);
}

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.TAKTFLOW_DATA_DIR ?? path.join(ROOT, 'data'));
  const port = process.env.TAKTFLOW_PORT ?? '8080';
  mkdirSync(dataDir, { recursive: true });
  const servers: Child[] = [];
  const services: Service[] = [
    { name: 'worker', entry: path.join(ROOT, 'workers', 'main.ts'), restarts: 0 },
    { name: 'api', entry: path.join(ROOT, 'api', 'main.ts'), restarts: 0 },
  ];
  let stopping = false;

  const stopAll = async (code: number): Promise<never> => {
    stopping = true;
    for (const s of [...services].reverse()) await s.child?.stop();
    for (const c of [...servers].reverse()) await c.stop();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let uiUrl: string | undefined;
    if (temporalAddress) {
      log(`using Temporal at ${temporalAddress}`);
    } else {
      const t = await startTemporalDev({ dataDir, port: portFromEnv('TAKTFLOW_TEMPORAL_PORT', 7233), uiPort: portFromEnv('TAKTFLOW_TEMPORAL_UI_PORT', 8233), log });
      servers.push(t.child);
      temporalAddress = t.address;
      uiUrl = t.uiUrl;
      log(`Temporal dev server up on ${t.address} (data: ${path.join(dataDir, 'temporal')})`);
    }
    let mongodbUri = process.env.MONGODB_URI;
    if (mongodbUri) {
      log('using MongoDB at MONGODB_URI');
    } else {
      const m = await startMongo({ dataDir, port: portFromEnv('TAKTFLOW_MONGO_PORT', 27017), log });
      servers.push(m.child);
      mongodbUri = `${m.uri}/taktflow`;
      log(`${m.kind} up on ${m.uri} (data: ${path.join(dataDir, 'mongo')})`);
    }

    const jwtSecret = process.env.TAKTFLOW_JWT_SECRET ?? keptSecret(dataDir, 'jwt-secret', () => randomBytes(48).toString('base64url')).value;
    const adminEmail = process.env.TAKTFLOW_ADMIN_EMAIL ?? 'admin@taktflow.local';
    const admin = process.env.TAKTFLOW_ADMIN_PASSWORD
      ? { value: process.env.TAKTFLOW_ADMIN_PASSWORD, created: false }
      : keptSecret(dataDir, 'admin-password', () => randomBytes(12).toString('base64url'));
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress,
      MONGODB_URI: mongodbUri,
      TAKTFLOW_PORT: port,
      TAKTFLOW_JWT_SECRET: jwtSecret,
      TAKTFLOW_ADMIN_EMAIL: adminEmail,
      TAKTFLOW_ADMIN_PASSWORD: admin.value,
    };
    const pidFile = (s: Service): string => path.join(dataDir, 'run', `${s.name}.pid`);
    for (const s of services) {
      const stale = await clearStalePid(pidFile(s), s.entry, s.name);
      if (stale) log(stale);
    }
    const launch = (s: Service): void => {
      s.child = spawnChild({ name: s.name, command: process.execPath, args: ['--import', 'tsx', s.entry], env, cwd: ROOT, output: 'inherit', pidFile: pidFile(s) });
      void s.child.exited.then((code) => {
        if (stopping) return;
        s.restarts += 1;
        const delay = Math.min(30_000, 1_000 * 2 ** Math.min(s.restarts - 1, 5));
        log(`${s.name} exited (${code}); restarting in ${delay / 1000} s`);
        setTimeout(() => !stopping && launch(s), delay);
      });
    };
    services.forEach(launch);

    const api = `http://127.0.0.1:${port}`;
    const health = await waitForHealth(`${api}/api/v1/health`, 90_000);
    log(`health: ${JSON.stringify(health)}`);
    console.log(
      [
        '',
        'Taktflow is running:',
        `  API          ${api}/api/v1   (health: ${api}/api/v1/health)`,
        `  Designer     ${api}/`,
        `  API docs     ${api}/docs   (OpenAPI: ${api}/api/v1/openapi.json)`,
        `  Sign in      POST ${api}/api/v1/auth/login {"email":"${adminEmail}","password":…}`,
        process.env.TAKTFLOW_ADMIN_PASSWORD
          ? '               with TAKTFLOW_ADMIN_PASSWORD (used only while there is no user yet)'
          : `               the first admin's password is in ${path.join(dataDir, 'admin-password')}${admin.created ? ` (new: ${admin.value})` : ''}`,
        uiUrl ? `  Temporal UI  ${uiUrl}` : `  Temporal     ${temporalAddress}`,
        `  Data         ${dataDir}`,
        `  Mail         ${process.env.SMTP_URL ? 'sent through SMTP_URL' : `no SMTP_URL: written to the outbox (${api}/api/v1/outbox)`}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    console.error(`[stack] ${(err as Error).message}`);
    await stopAll(1);
  }
}

void main();
