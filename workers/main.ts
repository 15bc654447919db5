/** A worker process: hosts the engine's workflows and the activities. Stops on SIGINT/SIGTERM. */
import { workerConfigFromEnv } from './config';
import { startWorker } from './worker';

startWorker(workerConfigFromEnv())
  .then(({ done }) => done)
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error('[worker] failed:', err);
    process.exit(1);
  });
