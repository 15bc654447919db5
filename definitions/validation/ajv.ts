/**
 * One ajv instance (JSON Schema 2020-12); every schema is compiled once and cached by its $id.
 * Schema errors become findings with the JSON pointer of the offending value.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { pointer, type Finding } from './finding';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);

export interface IdentifiedSchema {
  $id: string;
}

export function compiled(schema: IdentifiedSchema): ValidateFunction {
  const existing = ajv.getSchema(schema.$id);
  if (existing) return existing;
  ajv.addSchema(schema as object);
  const fn = ajv.getSchema(schema.$id);
  if (!fn) throw new Error(`schema ${schema.$id} did not compile`);
  return fn;
}

function findingOf(error: ErrorObject): Finding {
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { pointer: at + pointer(missing), code: 'schema.required', message: `${missing} is required` };
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      return { pointer: at + pointer(extra), code: 'schema.unknown-property', message: `${extra} is not a known property` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return { pointer: at, code: 'schema.enum', message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
    }
    case 'false schema':
      return { pointer: at, code: 'schema.not-allowed', message: 'is not allowed here' };
    default:
      return { pointer: at, code: `schema.${error.keyword}`, message: error.message ?? 'is invalid' };
  }
}

/** Validates `value` against `schema`; findings are de-duplicated, in the
 * order the schema checks them (its properties' order). */
export function schemaFindings(schema: IdentifiedSchema, value: unknown): Finding[] {
  const validate = compiled(schema);
  if (validate(value)) return [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const error of validate.errors ?? []) {
    // "must match then/else" only repeats the errors reported inside the branch.
    if (error.keyword === 'if') continue;
    const f = findingOf(error);
    const id = `${f.pointer} ${f.code} ${f.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      findings.push(f);
    }
  }
  return findings;
}
