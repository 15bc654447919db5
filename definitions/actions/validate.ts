import { schemaFindings } from '../validation/ajv';
import type { Validated } from '../validation/finding';
import { unitActionSchema, unitReleaseSchema, type UnitAction, type UnitRelease } from './schema';

export function validateUnitAction(value: unknown): Validated<UnitAction> {
  const findings = schemaFindings(unitActionSchema, value);
  return findings.length > 0 ? { ok: false, findings } : { ok: true, value: value as UnitAction };
}

export function validateUnitRelease(value: unknown): Validated<UnitRelease> {
  const findings = schemaFindings(unitReleaseSchema, value);
  return findings.length > 0 ? { ok: false, findings } : { ok: true, value: value as UnitRelease };
}
