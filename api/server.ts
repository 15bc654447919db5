import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from './app';

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
}

/** Starts the API on `port` (0 picks a free one) on 127.0.0.1 unless `host` says otherwise. */
export async function startServer(deps: AppDeps, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const actual = (server.address() as AddressInfo).port;
  return { server, port: actual, url: `http://${host}:${actual}` };
}

export async function stopServer(running: RunningServer): Promise<void> {
  running.server.closeAllConnections();
  await new Promise<void>((resolve, reject) => running.server.close((err) => (err ? reject(err) : resolve())));
}
