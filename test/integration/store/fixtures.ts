/** Typed fixture factories for the store suites: stores on databases of their own, and records. */
import { openStore, type AuditLogInput, type NewApiKey, type NewUser, type Store, type StreamEventInput } from '../../../store';
import { mongoUri, uniqueName } from '../../support/env';

/** Stores opened by a suite over one database of its own; `close()` drops it and closes them all. */
export interface TestStores {
  /** A store with its own connection to the suite's database (call again for a second process). */
  open(): Promise<Store>;
  close(): Promise<void>;
}

export function testStores(prefix: string): TestStores {
  const uri = mongoUri(uniqueName(prefix));
  const opened: Store[] = [];
  return {
    async open() {
      const store = await openStore(uri);
      opened.push(store);
      return store;
    },
    async close() {
      await opened[0]?.connection.dropDatabase();
      await Promise.all(opened.map((s) => s.close()));
    },
  };
}

let counter = 0;
const next = (): number => ++counter;

export function newUser(over: Partial<NewUser> = {}): NewUser {
  const n = next();
  return {
    email: `User${n}@Example.COM`,
    name: `User ${n}`,
    passwordHash: `$argon2id$fake-${n}`,
    roles: ['operator'],
    sites: ['plant-1'],
    lines: ['L1'],
    ...over,
  };
}

export function newApiKey(over: Partial<NewApiKey> = {}): NewApiKey {
  const n = next();
  return {
    id: `k${n}${Date.now().toString(36)}`,
    secretHash: 'ab'.repeat(32),
    name: `ERP connector ${n}`,
    roles: ['integration'],
    sites: ['plant-1'],
    lines: ['*'],
    createdBy: 'admin@taktflow.local',
    ...over,
  };
}

export function auditInput(over: Partial<AuditLogInput> = {}): AuditLogInput {
  const n = next();
  return {
    actor: { id: 'admin@taktflow.local', name: 'Administrator', kind: 'user' },
    action: 'publishRouting',
    method: 'POST',
    path: `/api/v1/definitions/routing/r${n}/publish`,
    status: 201,
    resource: { kind: 'routing', id: `r${n}@1` },
    before: null,
    after: { version: 1, n },
    reason: null,
    signature: null,
    ...over,
  };
}

export function streamInput(over: Partial<StreamEventInput> = {}): StreamEventInput {
  const n = next();
  return { type: 'unit.event', line: 'L1', site: 'plant-1', data: { serial: `SN${n}`, n }, ...over };
}

/** A UTC minute in the past, plus `seconds`: stream tests place events in chosen minutes. */
export function minute(m: number, seconds = 0): Date {
  return new Date(Date.UTC(2026, 0, 15, 8, m, seconds));
}
