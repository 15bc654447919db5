/**
 * A benchmark worker in a process of its own, so that its memory (RSS) is its own and it does
 * not share an event loop with the API: forked by worker-process.ts, configured by BENCH_WORKER
 * (JSON), it hosts the engine's workflows (with the real persist activity, or for diagnostics one
 * that writes only releases) and/or the no-op baseline workflow, answers 'stats' and stops on
 * 'stop'.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { openStore } from '../store';
import { createActivities } from '../workers/activities';
import type { ChildConfig, ChildMessage, ParentMessage } from './worker-process';

async function main(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_WORKER ?? '{}') as ChildConfig;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const store = await openStore(config.mongoUri);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const persist = { count: 0, ms: 0 };
  const activities = createActivities({ store });
  const timedActivities: typeof activities = {
    ...activities,
    async persistUnitBatch(batch) {
      const t = performance.now();
      try {
        return await activities.persistUnitBatch(batch);
      } finally {
        persist.count++;
        persist.ms += performance.now() - t;
      }
    },
  };
  // Writes a unit's release (so the API knows the unit) and nothing after it.
  const unpersisted: typeof activities = {
    ...activities,
    async persistUnitBatch(batch) {
      if (batch.events.some((e) => e.type === 'released')) await activities.persistUnitBatch(batch);
    },
  };
  const workers = await Promise.all(
    config.queues.map((q) =>
      Worker.create({
        connection,
        taskQueue: q.taskQueue,
        maxCachedWorkflows: q.maxCachedWorkflows,
        ...(q.kind === 'noop'
          ? { workflowsPath: require.resolve('./workflows/noop') }
          : { workflowsPath: require.resolve('../engine/workflows'), activities: q.kind === 'engine' ? timedActivities : unpersisted }),
      }),
    ),
  );
  const running = Promise.all(workers.map((w) => w.run()));
  const send = (m: ChildMessage): void => void process.send?.(m);
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'stats') send({ type: 'stats', persist: { ...persist } });
    if (m.type === 'stop') for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  });
  process.on('disconnect', () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  });
  send({ type: 'ready', maxCachedWorkflows: workers.map((w) => w.options.maxCachedWorkflows) });
  await running;
  await connection.close();
  await store.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error('[bench worker] failed:', err);
  process.exit(1);
});
