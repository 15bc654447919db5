import { schemaFindings } from '../validation/ajv';
import type { ValidationContext } from '../validation/context';
import type { Validated } from '../validation/finding';
import { routingSchema, type Routing } from './schema';
import { routingFindings } from './semantic';

/**
 * Schema first; semantic checks only run on a routing that has the right shape. With
 * `ctx.masterData`, the station groups, parts, defect codes and product models it names must
 * exist there.
 */
export function validateRouting(value: unknown, ctx?: ValidationContext): Validated<Routing> {
  const shape = schemaFindings(routingSchema, value);
  if (shape.length > 0) return { ok: false, findings: shape };
  const routing = value as Routing;
  const meaning = routingFindings(routing, ctx);
  return meaning.length > 0 ? { ok: false, findings: meaning } : { ok: true, value: routing };
}
