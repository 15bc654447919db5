/**
 * store/: the only room that talks to MongoDB. openStore() connects one mongoose connection
 * (its own, never the global one) and hands out the repositories.
 */
import mongoose, { type Connection } from 'mongoose';
import { AndonRepository } from './repositories/andon';
import { AuditLogRepository } from './repositories/audit-log';
import { ComponentUsageRepository } from './repositories/component-usage';
import { ApiKeyRepository, RefreshTokenRepository } from './repositories/credentials';
import { DefinitionRepository } from './repositories/definitions';
import { DeliveryRepository } from './repositories/deliveries';
import { DispatchRepository } from './repositories/dispatch';
import { IdempotencyRepository } from './repositories/idempotency';
import { IncidentRepository } from './repositories/incidents';
import { OutboxRepository } from './repositories/outbox';
import { ProductionEventRepository } from './repositories/production-events';
import { StreamRepository } from './repositories/stream';
import { UnitBatchWriter } from './repositories/unit-batches';
import { UnitRepository } from './repositories/units';
import { UserRepository } from './repositories/users';
import { WorkOrderRepository } from './repositories/work-orders';

export * from './repositories/andon';
export * from './repositories/audit-log';
export * from './repositories/component-usage';
export * from './repositories/credentials';
export * from './repositories/definitions';
export * from './repositories/deliveries';
export * from './repositories/dispatch';
export * from './repositories/idempotency';
export * from './repositories/incidents';
export * from './repositories/outbox';
export * from './repositories/production-events';
export * from './repositories/stream';
export * from './repositories/unit-batches';
export * from './repositories/units';
export * from './repositories/users';
export * from './repositories/work-orders';

export interface Store {
  connection: Connection;
  units: UnitRepository;
  /** Dispatch queues and claims (written from unit batches). */
  dispatch: DispatchRepository;
  /** Which units consumed which supplier lots (written from unit batches). */
  componentUsage: ComponentUsageRepository;
  /** One document per unit event, for the alert rules' facts (written from unit batches). */
  productionEvents: ProductionEventRepository;
  /** Writes unit batches to all of the above, group-committed (the persist activity's one write path). */
  unitBatches: UnitBatchWriter;
  definitions: DefinitionRepository;
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  apiKeys: ApiKeyRepository;
  idempotency: IdempotencyRepository;
  auditLog: AuditLogRepository;
  stream: StreamRepository;
  workOrders: WorkOrderRepository;
  /** The incident read model (written by each incident's workflow). */
  incidents: IncidentRepository;
  /** Notifications: the delivery log, the local mail outbox, the andon board and its stream. */
  deliveries: DeliveryRepository;
  outbox: OutboxRepository;
  andon: AndonRepository;
  /** Round trip to the server; rejects when it does not answer within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(uri: string, options: { dbName?: string } = {}): Promise<Store> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 10_000,
    // Indexes are created below, one by one, so that one the server cannot build is skipped alone.
    autoIndex: false,
  });
  await connection.asPromise();
  const units = new UnitRepository(connection);
  const definitions = new DefinitionRepository(connection);
  const dispatch = new DispatchRepository(connection);
  const componentUsage = new ComponentUsageRepository(connection);
  const productionEvents = new ProductionEventRepository(connection);
  const security = {
    users: new UserRepository(connection),
    refreshTokens: new RefreshTokenRepository(connection),
    apiKeys: new ApiKeyRepository(connection),
    idempotency: new IdempotencyRepository(connection),
    auditLog: new AuditLogRepository(connection),
    stream: new StreamRepository(connection),
    workOrders: new WorkOrderRepository(connection),
    incidents: new IncidentRepository(connection),
    deliveries: new DeliveryRepository(connection),
    outbox: new OutboxRepository(connection),
    andon: new AndonRepository(connection),
  };
  await ensureIndexes(connection);
  return {
    connection,
    units,
    dispatch,
    componentUsage,
    productionEvents,
    unitBatches: new UnitBatchWriter({ units, dispatch, productionEvents, componentUsage }),
    definitions,
    ...security,
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

/**
 * Creates every declared index. The embedded server (FerretDB) has no TTL indexes: those are
 * skipped there — expiry is also checked on read (idempotency records, refresh tokens), and a
 * real MongoDB deletes expired documents itself.
 */
async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createCollection().catch(() => undefined);
    for (const [fields, options] of model.schema.indexes()) {
      try {
        await model.collection.createIndex(fields as Record<string, 1 | -1>, options as object);
      } catch (e) {
        const notImplemented = (e as { code?: number; codeName?: string }).code === 238 || /not implemented/i.test(String((e as Error).message));
        if (!(notImplemented && (options as { expireAfterSeconds?: number }).expireAfterSeconds !== undefined)) throw e;
      }
    }
  }
}
