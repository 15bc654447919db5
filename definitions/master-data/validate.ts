import { schemaFindings } from '../validation/ajv';
import type { ValidationContext } from '../validation/context';
import type { Validated } from '../validation/finding';
import { masterDataSchema, type MasterData } from './schema';
import { masterDataFindings } from './semantic';

/**
 * Schema first; semantic checks only run on master data that has the right shape. Master data
 * refers only to itself, so the context is accepted for a uniform signature and not consulted.
 */
export function validateMasterData(value: unknown, _ctx?: ValidationContext): Validated<MasterData> {
  const shape = schemaFindings(masterDataSchema, value);
  if (shape.length > 0) return { ok: false, findings: shape };
  const md = value as MasterData;
  const meaning = masterDataFindings(md);
  return meaning.length > 0 ? { ok: false, findings: meaning } : { ok: true, value: md };
}
