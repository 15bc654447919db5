/**
 * A diagnostic of the http row, not a goal: the same HTTP path (auth, contract, station check,
 * Workflow Update, routing state machine, local persist activity) with its Mongo writes left out
 * — the worker writes a unit's release and nothing after it, and the API's audit trail and live
 * stream append nothing — next to bare Updates in the same run. The gap between this ceiling and
 * the real row is what the writes cost; the ceiling is the most the row could reach on these
 * servers without changing the Temporal path.
 */
import type { AuditLogEntry, StreamEvent } from '../store';
import { cpuPerOp, cpuSnapshot, cpuTable } from './cpu';
import { emptySample, p99Ratio, rate, rateRatio, runFor, type Row } from './measure';
import { signedInApi, type BenchApi, type BenchServers } from './support';
import { actViaApi, BenchUnit, LINE, MODEL, post } from './units';

export interface CeilingOptions {
  servers: BenchServers;
  /** The worker's queue whose persist activity writes only releases. */
  taskQueue: string;
  admin: BenchApi['admin'];
  routing: string;
  steps: number;
  concurrency: number;
  seconds: number;
  roles: Record<string, number[]>;
  baselineOp: (loop: number) => Promise<unknown>;
}

export async function httpCeiling(o: CeilingOptions): Promise<string> {
  const store = o.servers.store;
  // The store the ceiling's API sees: every repository as it is, but appends that write nothing.
  const silent = {
    ...store,
    auditLog: Object.assign(Object.create(store.auditLog) as typeof store.auditLog, {
      append: async (): Promise<AuditLogEntry> => ({}) as AuditLogEntry,
    }),
    stream: Object.assign(Object.create(store.stream) as typeof store.stream, {
      append: async (): Promise<StreamEvent> => ({}) as StreamEvent,
    }),
  };
  const api = await signedInApi(o.servers, o.taskQueue, { store: silent, admin: o.admin });
  try {
    let released = 0;
    const units: BenchUnit[] = [];
    const release = async (): Promise<BenchUnit> => {
      const serial = `CEIL-${o.servers.run}-${released++}`;
      await post(`${api.url}/units`, { serial, routing: o.routing, line: LINE, productModel: MODEL }, api.auth);
      return new BenchUnit(serial, o.steps);
    };
    // Enough units for the phase at the real row's best rate, several times over.
    for (let i = 0; i < o.concurrency * 3; i++) units.push(await release());
    const current: Array<BenchUnit | undefined> = [];
    const op = async (loop: number): Promise<unknown> => {
      let unit = current[loop];
      if (!unit || unit.done) current[loop] = unit = units.shift() ?? (await release());
      return actViaApi(api, unit);
    };
    await runFor(emptySample(), { concurrency: o.concurrency, ms: 2_000 }, op);

    const baseline = emptySample();
    const ceiling = emptySample();
    let mark = cpuSnapshot(o.roles);
    await runFor(baseline, { concurrency: o.concurrency, ms: o.seconds * 1000 }, o.baselineOp);
    const baseCpu = cpuPerOp(mark, cpuSnapshot(o.roles), baseline.ops);
    mark = cpuSnapshot(o.roles);
    await runFor(ceiling, { concurrency: o.concurrency, ms: o.seconds * 1000 }, op);
    const ceilCpu = cpuPerOp(mark, cpuSnapshot(o.roles), ceiling.ops);

    const row: Row = { name: 'ceiling', ours: ceiling, baseline, unit: '/s' };
    return [
      `**Diagnostic: the same HTTP path without its Mongo writes** (the worker writes releases only; no audit or stream appends; ${o.concurrency} concurrent, ${o.seconds} s each): ` +
        `${rate(ceiling).toFixed(1)} /s ÷ bare Update ${rate(baseline).toFixed(1)} /s = **${rateRatio(row).toFixed(2)}**, p99 ratio ${p99Ratio(row).toFixed(2)}. ` +
        'What separates the row above from this is what its writes cost on this Mongo-wire server.',
      '',
      cpuTable('CPU per operation, ceiling phase', [
        { name: 'HTTP step transition, no Mongo writes', perOp: ceilCpu },
        { name: 'bare no-op Update', perOp: baseCpu },
      ]),
    ].join('\n');
  } finally {
    await api.stop();
  }
}
