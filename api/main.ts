/** The API process: connects to Temporal and Mongo, serves /api/v1 and the designer. */
import { Client, Connection } from '@temporalio/client';
import { openStore } from '../store';
import { apiConfigFromEnv } from './config';
import { startServer, stopServer } from './server';
import { ensureFirstAdmin } from './use-cases/auth';

async function main(): Promise<void> {
  const config = apiConfigFromEnv();
  const store = await openStore(config.mongodbUri);
  const connection = await Connection.connect({ address: config.temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  if (config.admin) {
    const created = await ensureFirstAdmin(store, config.admin.email, config.admin.password, config.siteKey);
    if (created === 'created') console.log(`[api] created the first admin, ${config.admin.email}`);
  }
  const running = await startServer(
    { store, temporal, jwtSecret: config.jwtSecret, corsOrigins: config.corsOrigins, validateResponses: config.validateResponses, designerDir: config.designerDir, siteKey: config.siteKey },
    config.port,
    process.env.TAKTFLOW_HOST ?? '127.0.0.1',
  );
  console.log(`[api] listening on ${running.url}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`[api] ${signal}: stopping`);
    stopServer(running)
      .then(() => connection.close())
      .then(() => store.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error('[api] stop failed:', err);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('[api] failed to start:', err);
  process.exit(1);
});
