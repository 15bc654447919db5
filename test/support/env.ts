/** What the global setup started, for the suites: addresses and per-suite database names. */
import { randomBytes } from 'node:crypto';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: the jest global setup did not run`);
  return v;
}

export function temporalAddress(): string {
  return required('TEMPORAL_ADDRESS');
}

/** A MongoDB URI naming a database of its own, so suites never see each other's documents. */
export function mongoUri(dbName: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(required('TAKTFLOW_TEST_MONGO_URI'));
  if (!m) throw new Error('TAKTFLOW_TEST_MONGO_URI is not a mongodb:// URI');
  return `${m[1]}/${dbName}${m[2] ?? ''}`;
}

/** A name no other run shares: for databases, task queues and serials. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
