import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__TAKTFLOW_TEST_SERVERS__;
  if (!servers) return;
  await servers.temporal?.child.stop();
  await servers.mongo?.child.stop();
  rmSync(servers.dataDir, { recursive: true, force: true });
}
