/**
 * One ajv instance (JSON Schema 2020-12); every schema is compiled once and cached by its $id.
 * Schema errors become findings with the JSON pointer of the offending value.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { finding, pointer, type Finding } from './finding';

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
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      return finding(at + pointer(missing), 'schema.required', { en: `${missing} is required`, zh: `缺少必填项 ${missing}` });
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      return finding(at + pointer(extra), 'schema.unknown-property', { en: `${extra} is not a known property`, zh: `${extra} 不是可识别的属性` });
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return finding(at, 'schema.enum', { en: `must be one of ${allowed}`, zh: `取值必须是以下之一：${allowed}` });
    }
    case 'const':
      return finding(at, 'schema.const', { en: `must be ${JSON.stringify(p.allowedValue)}`, zh: `取值必须为 ${JSON.stringify(p.allowedValue)}` });
    case 'false schema':
      return finding(at, 'schema.not-allowed', { en: 'is not allowed here', zh: '此处不允许出现该项' });
    case 'type':
      return finding(at, 'schema.type', { en: `must be ${String(p.type)}`, zh: `类型应为 ${String(p.type)}` });
    case 'pattern':
      return finding(at, 'schema.pattern', { en: `must match the pattern ${String(p.pattern)}`, zh: `格式不符合要求（${String(p.pattern)}）` });
    case 'format':
      return finding(at, 'schema.format', { en: `must be a valid ${String(p.format)}`, zh: `必须是有效的 ${String(p.format)}` });
    case 'minLength':
      return finding(at, 'schema.minLength', { en: `must have at least ${String(p.limit)} characters`, zh: `至少需要 ${String(p.limit)} 个字符` });
    case 'maxLength':
      return finding(at, 'schema.maxLength', { en: `must have at most ${String(p.limit)} characters`, zh: `最多 ${String(p.limit)} 个字符` });
    case 'minItems':
      return finding(at, 'schema.minItems', { en: `must have at least ${String(p.limit)} items`, zh: `至少需要 ${String(p.limit)} 项` });
    case 'maxItems':
      return finding(at, 'schema.maxItems', { en: `must have at most ${String(p.limit)} items`, zh: `最多 ${String(p.limit)} 项` });
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return finding(at, `schema.${error.keyword}`, { en: `must be ${String(p.comparison)} ${String(p.limit)}`, zh: `取值必须 ${String(p.comparison)} ${String(p.limit)}` });
    case 'uniqueItems':
      return finding(at, 'schema.uniqueItems', { en: `must not have duplicate items (items ${String(p.j)} and ${String(p.i)} are equal)`, zh: `不能有重复项（第 ${String(p.j)} 项与第 ${String(p.i)} 项相同）` });
    default:
      return finding(at, `schema.${error.keyword}`, { en: error.message ?? 'is invalid', zh: `取值无效（${error.keyword}）` });
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
