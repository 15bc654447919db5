/**
 * A suite on Temporal's time-skipping test server: the engine's workflows bundled once, an
 * in-process worker on a task queue of the suite's own, and a real store of its own.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { temporalTestServer } from '../../scripts/stack/binaries';
import { openStore, type Store } from '../../store';
import { mongoUri, uniqueName } from './env';

export interface TimeSkippingSuite {
  env: TestWorkflowEnvironment;
  store: Store;
  taskQueue: string;
  /** Stops the worker, drops the suite's database and tears the server down. */
  stop(): Promise<void>;
}

export async function startTimeSkippingSuite(name: string, activities: (store: Store, env: TestWorkflowEnvironment) => object): Promise<TimeSkippingSuite> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServer() } } });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../engine/workflows'), logger: new DefaultLogger('WARN') });
  const store = await openStore(mongoUri(uniqueName(name)));
  const taskQueue = uniqueName(name);
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities: activities(store, env) });
  const running = worker.run();
  return {
    env,
    store,
    taskQueue,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await store.connection.dropDatabase().catch(() => undefined);
      await store.close();
      await env.teardown();
    },
  };
}
