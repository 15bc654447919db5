import { schemaFindings } from '../validation/ajv';
import type { Validated } from '../validation/finding';
import { workOrderCreateSchema, workOrderReleaseSchema, type WorkOrderCreate, type WorkOrderReleaseRequest } from './schema';

/** The ERP's payload against its schema (the serials are resolved by engine/work-order/serials). */
export function validateWorkOrderCreate(value: unknown): Validated<WorkOrderCreate> {
  const findings = schemaFindings(workOrderCreateSchema, value);
  return findings.length > 0 ? { ok: false, findings } : { ok: true, value: value as WorkOrderCreate };
}

export function validateWorkOrderRelease(value: unknown): Validated<WorkOrderReleaseRequest> {
  const findings = schemaFindings(workOrderReleaseSchema, value ?? {});
  return findings.length > 0 ? { ok: false, findings } : { ok: true, value: (value ?? {}) as WorkOrderReleaseRequest };
}
