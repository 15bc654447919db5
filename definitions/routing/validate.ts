import { schemaFindings } from '../validation/ajv';
import type { Validated } from '../validation/finding';
import { routingSchema, type Routing } from './schema';
import { routingFindings } from './semantic';

/** Schema first; semantic checks only run on a routing that has the right shape. */
export function validateRouting(value: unknown): Validated<Routing> {
  const shape = schemaFindings(routingSchema, value);
  if (shape.length > 0) return { ok: false, findings: shape };
  const routing = value as Routing;
  const meaning = routingFindings(routing);
  return meaning.length > 0 ? { ok: false, findings: meaning } : { ok: true, value: routing };
}
