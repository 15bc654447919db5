/**
 * npm run bench: starts its own Temporal dev server and MongoDB-wire server in a temporary
 * folder (or reaches TEMPORAL_ADDRESS / MONGODB_URI), runs each benchmark with its baseline
 * side by side in this one run, prints the table, and writes it under bench/results/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/stack/processes';
import { startMongo, startTemporalDev } from '../scripts/stack/servers';
import { httpVsUpdate } from './http-vs-update';
import { headlines, table, type Headline, type Outcome, type Row } from './measure';
import { openUnits } from './open-units';
import { storeVsDriver } from './store-vs-driver';
import { validationScaling } from './validation';
import { apiMiddleware } from './api-middleware';
import { rulesThroughput } from './rules';
import { alertLatency } from './alert-latency';
import { designerScaling } from './designer';

/** Which rows to run: all by default, or those named on the command line. */
const ROWS = ['http', 'open', 'store', 'validation', 'api', 'rules', 'alerts', 'designer'] as const;

const num = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, not "${v}"`);
  return n;
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(ROWS as readonly string[]).includes(w));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${ROWS.join(', ')}`);
  const selected = (name: (typeof ROWS)[number]): boolean => wanted.length === 0 || wanted.includes(name);
  const needServers = selected('http') || selected('open') || selected('store') || selected('api') || selected('rules') || selected('alerts') || selected('designer');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'taktflow-bench-'));
  const log = (line: string): void => console.log(`[bench] ${line}`);
  const temporal = !needServers || process.env.TEMPORAL_ADDRESS ? undefined : await startTemporalDev({ dataDir, port: await freePort(), log });
  const mongo = !needServers || process.env.MONGODB_URI ? undefined : await startMongo({ dataDir, port: await freePort(), log });
  const temporalAddress = process.env.TEMPORAL_ADDRESS ?? temporal?.address ?? '';
  const mongoBase = process.env.MONGODB_URI ?? `${mongo?.uri ?? ''}/taktflow`;
  const db = (name: string): string => mongoBase.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?/, `$1/${name}`);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  if (needServers) log(`servers: Temporal ${temporalAddress}, MongoDB ${mongo ? mongo.kind : 'MONGODB_URI'}; ${rounds} alternating rounds each`);

  const concurrency = num('BENCH_CONCURRENCY', 8);
  const seconds = num('BENCH_SECONDS', 15);
  const settings: string[] = [];
  const rows: Row[] = [];
  const heads: Headline[] = [];
  const notes: string[] = [];
  const take = (o: Outcome): void => {
    rows.push(...o.rows);
    heads.push(...(o.headlines ?? []));
    notes.push(...(o.notes ?? []));
  };
  try {
    if (selected('http')) {
      settings.push(`http: BENCH_CONCURRENCY=${concurrency} BENCH_SECONDS=${seconds} BENCH_ROUNDS=${rounds} BENCH_CEILING_SECONDS=${num('BENCH_CEILING_SECONDS', 10)}`);
      take(await httpVsUpdate({ temporalAddress, mongoUri: db('bench_http'), rounds, seconds, concurrency, breakdownSeconds: num('BENCH_BREAKDOWN_SECONDS', 10), ceilingSeconds: num('BENCH_CEILING_SECONDS', 10) }));
    }
    if (selected('open')) {
      const open = {
        open: num('BENCH_OPEN', 10_000),
        cachedUnits: num('BENCH_CACHED_UNITS', 200),
        maxCachedWorkflows: num('BENCH_CACHE', 1000),
        startBudgetSeconds: num('BENCH_START_BUDGET', 420),
        seconds: num('BENCH_OPEN_SECONDS', 15),
        rounds: num('BENCH_OPEN_ROUNDS', 2),
      };
      settings.push(
        `open: BENCH_OPEN=${open.open} BENCH_CACHE=${open.maxCachedWorkflows} BENCH_CACHED_UNITS=${open.cachedUnits} BENCH_OPEN_SECONDS=${open.seconds} BENCH_OPEN_ROUNDS=${open.rounds} BENCH_START_BUDGET=${open.startBudgetSeconds} BENCH_CONCURRENCY=${concurrency}`,
      );
      take(await openUnits({ temporalAddress, mongoUri: db('bench_open'), concurrency, ...open }));
    }
    if (selected('store')) rows.push(await storeVsDriver({ mongoUri: db('bench_store'), rounds, units: 50, eventsPerUnit: 20 }));
    if (selected('validation')) rows.push(await validationScaling({ rounds, iterations: 40 }));
    if (selected('api')) rows.push(await apiMiddleware({ temporalAddress, mongoUri: db('bench_api'), rounds, actions: 100 }));
    if (selected('rules')) rows.push(await rulesThroughput({ mongoUri: db('bench_rules'), rounds, passes: num('BENCH_RULE_PASSES', 200), events: num('BENCH_RULE_EVENTS', 2000) }));
    if (selected('alerts')) {
      const alerts = { samples: num('BENCH_ALERT_SAMPLES', 40), concurrency: num('BENCH_ALERT_CONCURRENCY', 4) };
      settings.push(`alerts: BENCH_ALERT_SAMPLES=${alerts.samples} BENCH_ALERT_CONCURRENCY=${alerts.concurrency}`);
      take(await alertLatency({ temporalAddress, mongoUri: db('bench_alerts'), ...alerts }));
    }
    if (selected('designer')) {
      const repetitions = num('BENCH_DESIGNER_REPS', 5);
      settings.push(`designer: BENCH_DESIGNER_REPS=${repetitions}`);
      take(await designerScaling({ temporalAddress, mongoUri: db('bench_designer'), rounds, repetitions }));
    }
  } finally {
    await temporal?.child.stop();
    await mongo?.child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const printed = [table(rows), ...(heads.length > 0 ? ['', '## Goals (issues 6, 7 and 8)', '', headlines(heads)] : []), ...notes.flatMap((n) => ['', n])].join('\n');
  console.log(`\n${printed}\n`);
  const stamp = new Date().toISOString().replace(/[:]/g, '').replace(/\..*/, 'Z');
  const file = path.resolve(__dirname, 'results', `${stamp}.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    [
      `# Benchmark run ${new Date().toISOString()}`,
      '',
      `Command: \`npm run bench${wanted.length > 0 ? ` -- ${wanted.join(' ')}` : ''}\``,
      '',
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
        `Temporal ${temporal ? 'dev server (SQLite)' : 'TEMPORAL_ADDRESS'}, MongoDB ${mongo ? mongo.kind : 'MONGODB_URI'}; ${rounds} alternating rounds.`,
      ...(settings.length > 0 ? ['', `Settings: ${settings.join('; ')}.`] : []),
      '',
      printed,
      '',
    ].join('\n'),
  );
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error('[bench] failed:', err);
  process.exit(1);
});
