import { schemaFindings } from '../validation/ajv';
import type { Validated } from '../validation/finding';
import {
  lotReleaseSchema,
  lotScrapSchema,
  lotSplitSchema,
  unitActionSchema,
  unitMigrationSchema,
  unitReleaseSchema,
  type LotRelease,
  type LotScrap,
  type LotSplit,
  type UnitAction,
  type UnitMigrationRequest,
  type UnitRelease,
} from './schema';

export function validateUnitAction(value: unknown): Validated<UnitAction> {
  const findings = schemaFindings(unitActionSchema, value);
  return findings.length > 0 ? { ok: false, findings } : { ok: true, value: value as UnitAction };
}

export function validateUnitRelease(value: unknown): Validated<UnitRelease> {
  const findings = schemaFindings(unitReleaseSchema, value);
  return findings.length > 0 ? { ok: false, findings } : { ok: true, value: value as UnitRelease };
}

function validator<T>(schema: Parameters<typeof schemaFindings>[0]): (value: unknown) => Validated<T> {
  return (value) => {
    const findings = schemaFindings(schema, value);
    return findings.length > 0 ? { ok: false, findings } : { ok: true, value: value as T };
  };
}

export const validateLotRelease = validator<LotRelease>(lotReleaseSchema);
export const validateLotSplit = validator<LotSplit>(lotSplitSchema);
export const validateLotScrap = validator<LotScrap>(lotScrapSchema);
export const validateUnitMigration = validator<UnitMigrationRequest>(unitMigrationSchema);
