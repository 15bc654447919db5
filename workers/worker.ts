import { NativeConnection, Worker } from '@temporalio/worker';
import { TASK_QUEUE } from '../engine/ids';
import { openStore, type Store } from '../store';
import { createActivities } from './activities';
import type { WorkerConfig } from './config';

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
  const worker = await Worker.create({
    connection,
    namespace: config.temporalNamespace,
    taskQueue,
    workflowsPath: require.resolve('../engine/workflows'),
    activities: createActivities({ store, erp: { url: config.erpWebhookUrl } }),
  });
  log(`[worker] polling task queue "${taskQueue}" on ${config.temporalAddress} (namespace ${config.temporalNamespace})`);
  const done = worker.run().finally(async () => {
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
