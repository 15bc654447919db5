/**
 * Row 1 (issue 6): step transitions through the whole path — HTTP API (auth, contract,
 * idempotency record, unit read, station check, audit, live stream) → Workflow Update on
 * unit:<serial> → routing state machine → persisted read model — against bare Temporal Update
 * round trips to a no-op handler on the same server. Both run `concurrency` loops for the same
 * time, in alternating rounds of one run; both workflows are hosted by one worker process of
 * their own. A transition is one accepted start or complete. Then, with spans around every call
 * the API makes, where the HTTP path spends its time (at concurrency 1 and at `concurrency`).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { breakdownTable, instrument, Spans } from './breakdown';
import { httpCeiling } from './http-ceiling';
import { cpuPerOp, cpuRoles, cpuSnapshot, cpuTable, type CpuSnapshot } from './cpu';
import { emptySample, merge, p99Ratio, rate, rateRatio, runFor, type Outcome, type Row } from './measure';
import { connect, signedInApi, type BenchApi } from './support';
import { actViaApi, BenchUnit, LINE, MODEL, post, publishDefinitions } from './units';
import { startWorkerProcess, type WorkerProcess } from './worker-process';
import { noopUpdate, noopWorkflow, stopSignal } from './workflows/noop';

const STEPS = 50;
const ROUTING = 'bench-line';

export interface HttpVsUpdateOptions {
  temporalAddress: string;
  mongoUri: string;
  rounds: number;
  /** Seconds per phase (each round has one baseline and one ours phase). */
  seconds: number;
  concurrency: number;
  /** Seconds per breakdown phase; 0 skips the breakdown. */
  breakdownSeconds: number;
  /** Seconds per phase of the diagnostic without Mongo writes (http-ceiling.ts); 0 skips it. */
  ceilingSeconds: number;
}

export async function httpVsUpdate(o: HttpVsUpdateOptions): Promise<Outcome> {
  const servers = await connect(o);
  const { run, temporal } = servers;
  const oursQueue = `bench-ours-${run}`;
  const baseQueue = `bench-noop-${run}`;
  const ceilingQueue = `bench-unpersisted-${run}`;
  let worker: WorkerProcess | undefined;
  let api: BenchApi | undefined;
  let noops: WorkflowHandle[] = [];
  const notes: string[] = [];
  try {
    worker = await startWorkerProcess({
      temporalAddress: o.temporalAddress,
      mongoUri: o.mongoUri,
      queues: [
        { taskQueue: oursQueue, kind: 'engine' },
        { taskQueue: baseQueue, kind: 'noop' },
        ...(o.ceilingSeconds > 0 ? [{ taskQueue: ceilingQueue, kind: 'unpersisted' as const }] : []),
      ],
    });
    api = await signedInApi(servers, oursQueue);
    const theApi = api;
    await publishDefinitions(api, ROUTING, STEPS);

    noops = await Promise.all(
      Array.from({ length: o.concurrency }, (_, i) => temporal.workflow.start(noopWorkflow, { taskQueue: baseQueue, workflowId: `bench-noop-${run}-${i}` })),
    );
    let n = 0;
    const baselineOp = (loop: number): Promise<unknown> => (noops[loop] as WorkflowHandle).executeUpdate(noopUpdate, { args: [n++] });

    // Units are released through the API before the phase that uses them (not timed); a loop
    // that runs out takes the next released one, or releases one itself (counted in the notes).
    let released = 0;
    let inlineReleases = 0;
    const pool: BenchUnit[] = [];
    const release = async (): Promise<BenchUnit> => {
      const serial = `BENCH-${run}-${released++}`;
      await post(`${theApi.url}/units`, { serial, routing: ROUTING, line: LINE, productModel: MODEL }, theApi.auth);
      return new BenchUnit(serial, STEPS);
    };
    const current: Array<BenchUnit | undefined> = [];
    const oursOp = async (loop: number): Promise<unknown> => {
      let unit = current[loop];
      if (!unit || unit.done) {
        unit = pool.shift();
        if (!unit) {
          inlineReleases++;
          unit = await release();
        }
        current[loop] = unit;
      }
      return actViaApi(theApi, unit);
    };
    const fill = async (transitions: number): Promise<void> => {
      const want = o.concurrency + Math.ceil(transitions / (2 * STEPS));
      while (pool.length < want) pool.push(await release());
    };

    // Warm-up (not measured): bundles loaded, connections open, first tasks run.
    await fill(0);
    await runFor(emptySample(), { concurrency: o.concurrency, ms: 2_000 }, baselineOp);
    await runFor(emptySample(), { concurrency: o.concurrency, ms: 2_000 }, oursOp);

    const ours = emptySample();
    const baseline = emptySample();
    const roles = cpuRoles(worker.pid);
    const cpu = { ours: {} as Record<string, number>, baseline: {} as Record<string, number> };
    const addCpu = (into: Record<string, number>, before: CpuSnapshot, ops: number): void => {
      for (const [role, ms] of Object.entries(cpuPerOp(before, cpuSnapshot(roles), 1))) into[role] = (into[role] ?? 0) + ms;
      into['#ops'] = (into['#ops'] ?? 0) + ops;
    };
    for (let round = 0; round < o.rounds; round++) {
      const b = emptySample();
      let mark = cpuSnapshot(roles);
      await runFor(b, { concurrency: o.concurrency, ms: o.seconds * 1000 }, baselineOp);
      addCpu(cpu.baseline, mark, b.ops);
      merge(baseline, b);
      await fill(rate(b) * o.seconds);
      const opsBefore = ours.ops;
      mark = cpuSnapshot(roles);
      await runFor(ours, { concurrency: o.concurrency, ms: o.seconds * 1000 }, oursOp);
      addCpu(cpu.ours, mark, ours.ops - opsBefore);
    }
    const perOp = (c: Record<string, number>): Record<string, number> => {
      const { '#ops': ops = 1, ...byRole } = c;
      return Object.fromEntries(Object.entries(byRole).map(([r, ms]) => [r, ms / Math.max(1, ops)]));
    };
    notes.push(cpuTable(`CPU per operation in the timed phases, ${o.concurrency} concurrent`, [
      { name: 'HTTP step transition', perOp: perOp(cpu.ours) },
      { name: 'bare no-op Update', perOp: perOp(cpu.baseline) },
    ]));
    if (inlineReleases > 0) notes.push(`http: ${inlineReleases} unit releases happened inside a timed phase (pool ran dry); their time counts against "ours".`);

    const row: Row = {
      name: `step transitions/s via HTTP API (start + complete, persisted) ÷ bare Update round trips/s (no-op handler); ${o.concurrency} concurrent, ${o.rounds} × ${o.seconds} s each`,
      ours,
      baseline,
      unit: '/s',
    };
    const headlines = [
      { name: 'HTTP step transitions/s ÷ bare no-op Update round trips/s', value: rateRatio(row), goal: { op: '≥' as const, target: 0.7 } },
      { name: 'p99 latency HTTP step transition ÷ bare no-op Update', value: p99Ratio(row), goal: { op: '≤' as const, target: 3 } },
    ];

    if (o.ceilingSeconds > 0) {
      notes.push(await httpCeiling({ servers, taskQueue: ceilingQueue, admin: theApi.admin, routing: ROUTING, steps: STEPS, concurrency: o.concurrency, seconds: o.ceilingSeconds, roles, baselineOp }));
    }

    if (o.breakdownSeconds > 0) {
      for (const concurrency of [1, o.concurrency]) {
        const spans = new Spans();
        const http = emptySample();
        const noop = emptySample();
        await runFor(noop, { concurrency, ms: (o.breakdownSeconds * 1000) / 3 }, baselineOp);
        await fill(o.breakdownSeconds * 200);
        const before = await worker.stats();
        const undo = instrument(servers.store, temporal, spans);
        try {
          await runFor(http, { concurrency, ms: o.breakdownSeconds * 1000 }, oursOp);
        } finally {
          undo();
        }
        const after = await worker.stats();
        notes.push(
          breakdownTable({
            title: `Where an HTTP step transition spends its time, ${concurrency} concurrent`,
            transitions: http.ops,
            httpMs: http.latencies.reduce((a, b) => a + b, 0),
            spans,
            noopUpdateMs: noop.latencies.reduce((a, b) => a + b, 0) / Math.max(1, noop.ops),
            persistMs: after.ms - before.ms,
            persistCalls: after.count - before.count,
          }),
        );
      }
    }
    notes.push(`http: worker process hosts both task queues; maxCachedWorkflows ${worker.maxCachedWorkflows.join(' / ')} (SDK default); ${released} units released through the API on a ${STEPS}-step plain routing with the example master data published.`);
    return { rows: [row], headlines, notes };
  } finally {
    await Promise.all(noops.map((h) => h.signal(stopSignal).catch(() => undefined)));
    await api?.stop();
    await worker?.stop();
    await servers.close();
  }
}
