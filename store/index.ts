/**
 * store/: the only room that talks to MongoDB. openStore() connects one mongoose connection
 * (its own, never the global one) and hands out the repositories.
 */
import mongoose, { type Connection } from 'mongoose';
import { DefinitionRepository } from './repositories/definitions';
import { UnitRepository } from './repositories/units';

export * from './repositories/definitions';
export * from './repositories/units';

export interface Store {
  connection: Connection;
  units: UnitRepository;
  definitions: DefinitionRepository;
  /** Round trip to the server; rejects when it does not answer within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(uri: string, options: { dbName?: string } = {}): Promise<Store> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 10_000,
    autoIndex: true,
  });
  await connection.asPromise();
  const units = new UnitRepository(connection);
  const definitions = new DefinitionRepository(connection);
  await Promise.all(Object.values(connection.models).map((m) => m.init()));
  return {
    connection,
    units,
    definitions,
    async ping(timeoutMs = 2_000) {
      const db = connection.db;
      if (!db) throw new Error('not connected');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([db.admin().ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => connection.close(),
  };
}
