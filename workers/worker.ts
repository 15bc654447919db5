import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { TASK_QUEUE } from '../engine/ids';
import { openStore, type Store } from '../store';
import { createActivities } from './activities';
import { OUTBOX_NOTICE } from './notify/email';
import type { WorkerConfig } from './config';
import { RuleRuntime } from './rules/engine';
import { temporalOpener } from './rules/opener';
import { startScheduleReconciler } from './rules/schedules';

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has stopped (after shutdown() or a fatal error). */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/** Connects to Temporal and Mongo and starts polling; the caller decides when to shut down. */
export async function startWorker(config: WorkerConfig, log: (line: string) => void = console.log): Promise<RunningWorker> {
  const store: Store = await openStore(config.mongodbUri);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const taskQueue = config.taskQueue ?? TASK_QUEUE;
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  const rules = new RuleRuntime({ store, opener: temporalOpener(temporal, taskQueue), timeZone: config.timeZone, coalesceMs: config.rulesCoalesceMs, reloadMs: config.rulesReloadMs, log });
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue,
    workflowsPath: require.resolve('../engine/workflows'),
    activities: createActivities({ store, erp: { url: config.erpWebhookUrl }, temporal, notify: config.notify, rules }),
  });
  if (!config.notify?.smtpUrl) log(`[worker] ${OUTBOX_NOTICE}`);
  log(`[worker] polling task queue "${taskQueue}" on ${config.temporalAddress} (namespace ${config.temporalNamespace})`);
  const reconciler = startScheduleReconciler(temporal, taskQueue, rules, log);
  const done = worker.run().finally(async () => {
    reconciler.stop();
    await rules.settle().catch(() => undefined);
    rules.close();
    await connection.close();
    await store.close();
  });
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
