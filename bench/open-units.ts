/**
 * Row "open" (issue 6): step transitions/s with 10,000 open unit workflows — more than the
 * worker's sticky cache holds, so most actions land on a workflow that must be fetched and
 * replayed — against the same worker (same maxCachedWorkflows) when every exercised workflow is
 * cached; and the worker process's RSS with the 10,000 open. The worker runs in a process of its
 * own. Each action goes to a random unit of its loop's share (units are split among the loops,
 * so no two loops act on one unit), through the HTTP API and, separately, as a direct Workflow
 * Update (the worker's share without the API). The 10,000 are started straight on Temporal with
 * the input the API's release builds, a bounded number at a time, within a time budget; the
 * count actually open is printed.
 */
import v8 from 'node:v8';
import type { Client } from '@temporalio/client';
import type { Routing } from '../definitions/routing/schema';
import { updateIds, workflowIds } from '../engine/ids';
import { unitActionUpdate } from '../engine/workflows/unit';
import { emptySample, merge, rate, type Headline, type Outcome, type Row, runFor, type Sample } from './measure';
import { connect, signedInApi, type BenchApi } from './support';
import { actViaApi, BenchUnit, bounded, publishDefinitions, startUnitDirect } from './units';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

const STEPS = 50;
const ROUTING = 'bench-open';

export interface OpenUnitsOptions {
  temporalAddress: string;
  mongoUri: string;
  /** Unit workflows open in the second phase (the issue: 10,000). */
  open: number;
  /** Units exercised in the all-cached phase (≤ maxCachedWorkflows). */
  cachedUnits: number;
  /** The worker's maxCachedWorkflows, the same for both phases. */
  maxCachedWorkflows: number;
  concurrency: number;
  seconds: number;
  /** Alternating rounds of all-cached and all-open phases. */
  rounds: number;
  /** Most seconds spent starting the open workflows; what is open by then is measured. */
  startBudgetSeconds: number;
}

function directAct(temporal: Client, unit: BenchUnit): Promise<unknown> {
  const { body, key } = unit.take();
  return temporal.workflow.getHandle(workflowIds.unit(unit.serial)).executeUpdate(unitActionUpdate, {
    args: [{ ...body, idempotencyKey: key }],
    updateId: updateIds.unitAction(key),
  });
}

/** Loop `loop` owns units loop, loop+C, loop+2C, …; each op acts on a random one of them. */
function randomOwned(units: BenchUnit[], concurrency: number, loop: number): BenchUnit {
  for (let tries = 0; tries < 10_000; tries++) {
    const k = Math.floor(Math.random() * Math.ceil((units.length - loop) / concurrency));
    const unit = units[loop + k * concurrency];
    if (unit && !unit.done) return unit;
  }
  throw new Error(`loop ${loop} has no unit left with a step to do`);
}

export async function openUnits(o: OpenUnitsOptions): Promise<Outcome> {
  if (o.cachedUnits > o.maxCachedWorkflows) throw new Error('cachedUnits must fit in maxCachedWorkflows');
  const servers = await connect(o);
  const { run, temporal, store } = servers;
  const taskQueue = `bench-open-${run}`;
  let worker: WorkerProcess | undefined;
  let api: BenchApi | undefined;
  const notes: string[] = [];
  const log = (line: string): void => console.log(`[bench] open: ${line}`);
  try {
    worker = await startWorkerProcess({ temporalAddress: o.temporalAddress, mongoUri: o.mongoUri, queues: [{ taskQueue, kind: 'engine', maxCachedWorkflows: o.maxCachedWorkflows }] });
    const w = worker;
    api = await signedInApi(servers, taskQueue);
    const theApi = api;
    await publishDefinitions(api, ROUTING, STEPS);
    const version = await store.definitions.activeVersion('routing', ROUTING);
    if (!version) throw new Error('bench routing not published');
    const routing = version.content as Routing;
    const idle = w.memory();

    const units: BenchUnit[] = [];
    const units$ = store.connection.collection('units');
    let unpersisted = 0;
    /**
     * Starts `count` more units, 32 at a time, until the deadline; then waits (up to 3 minutes)
     * until each has persisted its release, and keeps those that have (the API knows only them).
     */
    const startUnits = async (count: number, deadline: number): Promise<void> => {
      const fresh = Array.from({ length: count }, (_, i) => new BenchUnit(`OPEN-${run}-${units.length + i}`, STEPS));
      const started: BenchUnit[] = [];
      const began = Date.now();
      const progress = setInterval(
        () => log(`${units.length + started.length} unit workflows started (${((Date.now() - began) / 1000).toFixed(0)} s), worker RSS ${w.memory().rssMiB.toFixed(0)} MiB`),
        30_000,
      );
      try {
        await bounded(
          fresh,
          32,
          async (u) => {
            await startUnitDirect(temporal, { taskQueue, serial: u.serial, routingKey: ROUTING, routingVersion: version.version, routing });
            started.push(u);
          },
          deadline,
        );
        const want = units.length + started.length;
        const patience = Math.max(deadline, Date.now()) + 180_000;
        let persisted = 0;
        while ((persisted = await units$.countDocuments({ routingKey: ROUTING })) < want && Date.now() < patience) await new Promise((r) => setTimeout(r, 2_000));
        if (persisted < want) {
          const known = new Set((await units$.find({ routingKey: ROUTING }, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
          const kept = started.filter((u) => known.has(u.serial));
          unpersisted += started.length - kept.length;
          notes.push(`open: ${started.length - kept.length} started unit workflows had not persisted their release 3 minutes after the start budget; they are open but not acted on.`);
          units.push(...kept);
        } else units.push(...started);
      } finally {
        clearInterval(progress);
      }
    };

    /** Acts for `ms` on random units of `pool`, through the API and then as direct Updates. */
    const measure = async (pool: BenchUnit[], into: { http: Sample; update: Sample }, label: string): Promise<void> => {
      const http = emptySample();
      const update = emptySample();
      const ms = o.seconds * 1000;
      await runFor(http, { concurrency: o.concurrency, ms }, (loop) => actViaApi(theApi, randomOwned(pool, o.concurrency, loop)));
      await runFor(update, { concurrency: o.concurrency, ms }, (loop) => directAct(temporal, randomOwned(pool, o.concurrency, loop)));
      merge(into.http, http);
      merge(into.update, update);
      log(`${label}: ${rate(http).toFixed(1)} transitions/s via HTTP, ${rate(update).toFixed(1)} via direct Update`);
    };

    // The units of the all-cached phases: started first, and always fewer than the cache holds.
    await startUnits(o.cachedUnits, Date.now() + 300_000);
    const few = [...units];
    const preOpen = { http: emptySample(), update: emptySample() };
    await runFor(emptySample(), { concurrency: o.concurrency, ms: 2_000 }, (loop) => actViaApi(theApi, randomOwned(few, o.concurrency, loop)));
    await measure(few, preOpen, `all cached before the rest are opened (${few.length} units)`);
    const afterCached = w.memory();

    // Open the rest, up to `open` (within the start budget).
    const began = Date.now();
    await startUnits(o.open - units.length, began + o.startBudgetSeconds * 1000);
    const startSeconds = (Date.now() - began) / 1000;
    const open = units.length + unpersisted;
    log(`${open} unit workflows open, ${units.length} persisted (${startSeconds.toFixed(0)} s), worker RSS ${w.memory().rssMiB.toFixed(0)} MiB`);
    const openIdle = w.memory();

    // Alternating rounds, all with the same workflows open: the few again (first brought back
    // into the cache by one untimed action each), then random units of all of them.
    const cached = { http: emptySample(), update: emptySample() };
    const many = { http: emptySample(), update: emptySample() };
    for (let round = 0; round < o.rounds; round++) {
      await bounded(few, o.concurrency, async (u) => void (await directAct(temporal, u)));
      await measure(few, cached, `round ${round + 1}, all cached (${few.length} of ${open} open)`);
      await measure(units, many, `round ${round + 1}, random of ${units.length} (${open} open)`);
    }
    const afterMany = w.memory();

    const rows: Row[] = [
      {
        name: `step transitions/s via HTTP API on random units of ${units.length} open ÷ on ${few.length} all cached (maxCachedWorkflows ${o.maxCachedWorkflows}; ${o.concurrency} concurrent; ${o.rounds} alternating rounds × ${o.seconds} s)`,
        ours: many.http,
        baseline: cached.http,
        unit: '/s',
      },
      { name: `step transitions/s via direct Workflow Update (no API), same phases`, ours: many.update, baseline: cached.update, unit: '/s' },
      { name: `(reference) all cached before the others were opened ÷ all cached with ${open} open, via HTTP API`, ours: preOpen.http, baseline: cached.http, unit: '/s' },
    ];
    const headlines: Headline[] = [
      { name: `throughput with ${open} open unit workflows ÷ all cached (HTTP API)`, value: rate(many.http) / rate(cached.http), goal: { op: '≥', target: 0.5 } },
      { name: `throughput with ${open} open unit workflows ÷ all cached (direct Update, worker only)`, value: rate(many.update) / rate(cached.update), goal: { op: '≥', target: 0.5 } },
      { name: `worker RSS with ${open} open unit workflows (peak during the run)`, value: afterMany.peakMiB / 1024, unit: ' GiB', goal: { op: '≤', target: 1.5 } },
    ];
    const mib = (m: { rssMiB: number; peakMiB: number }): string => `${m.rssMiB.toFixed(0)} MiB`;
    notes.push(
      `open: worker maxCachedWorkflows = ${w.maxCachedWorkflows.join(', ')} in both phases (set explicitly; the SDK default on this machine would be ${defaultCache()}). ` +
        `${open} of ${o.open} unit workflows open${open < o.open ? ` — the start budget of ${o.startBudgetSeconds} s ran out` : ''}; starting ${open - few.length} of them and waiting for their releases to persist took ${startSeconds.toFixed(0)} s ` +
        `(${((open - few.length) / startSeconds).toFixed(1)}/s). Worker RSS: ${mib(idle)} idle, ${mib(afterCached)} after the cached phase, ` +
        `${mib(openIdle)} with ${open} open, ${mib(afterMany)} after acting on them; peak ${afterMany.peakMiB.toFixed(0)} MiB.`,
    );
    return { rows, headlines, notes };
  } finally {
    await api?.stop();
    await worker?.stop();
    // The open workflows die with the server (the run's own dev server); on a shared server, terminate them.
    if (process.env.TEMPORAL_ADDRESS) log('TEMPORAL_ADDRESS is shared: the open unit workflows are left running');
    await servers.close();
  }
}

/** What the TypeScript SDK would pick here (worker-options: (heap MiB − 200) × 600 / 1024). */
function defaultCache(): number {
  return Math.max(Math.floor((Math.max(v8.getHeapStatistics().heap_size_limit / 2 ** 20 - 200, 0) * 600) / 1024), 10);
}
