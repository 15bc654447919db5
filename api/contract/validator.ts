/**
 * Requests (and, when asked, responses) validated against the OpenAPI document with one ajv
 * (2020-12) instance; each operation's validators are compiled once, at start-up.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { finding, type Finding } from '../../definitions/validation/finding';
import { openApiDocument } from './document';
import type { JsonSchema } from './embed';
import type { Operation } from './paths';

const DOC_ID = 'https://taktflow.dev/api/openapi.json';

const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addKeyword({ keyword: 'x-permission' });
let loaded = false;

function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? DOC_ID + v : rebase(v)]),
  );
}

function compile(schema: JsonSchema): ValidateFunction {
  if (!loaded) {
    ajv.addSchema({ $id: DOC_ID, components: rebase(openApiDocument().components) } as object);
    loaded = true;
  }
  return ajv.compile(rebase(schema) as object);
}

function objectOf(fields: Record<string, JsonSchema & { required?: boolean }>, closed: boolean): JsonSchema {
  const required = Object.entries(fields).filter(([, s]) => s.required).map(([n]) => n);
  const properties = Object.fromEntries(Object.entries(fields).map(([n, { required: _r, ...s }]) => [n, s]));
  return { type: 'object', properties, required, additionalProperties: !closed };
}

function findingsOf(errors: ErrorObject[] | null | undefined, prefix = ''): Finding[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const missing = (e.params as { missingProperty?: string; additionalProperty?: string }).missingProperty;
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      const pointer = prefix + e.instancePath + (missing ? `/${missing}` : extra ? `/${extra}` : '');
      if (missing) return finding(pointer, 'schema.required', { en: `${missing} is required`, zh: `缺少必填项 ${missing}` });
      if (extra) return finding(pointer, 'schema.unknown-property', { en: `${extra} is not a known property`, zh: `${extra} 不是可识别的属性` });
      return finding(pointer, `schema.${e.keyword}`, { en: e.message ?? 'is invalid', zh: `取值无效（${e.keyword}）` });
    });
}

export interface OperationValidators {
  params(value: unknown): Finding[];
  query(value: unknown): Finding[];
  headers(value: Record<string, unknown>): Finding[];
  body(value: unknown): Finding[];
  response(status: number, value: unknown): Finding[];
}

export function validatorsFor(op: Operation): OperationValidators {
  const params = compile(objectOf(op.pathParams ?? {}, false));
  const query = compile(objectOf(op.query ?? {}, true));
  const headerFields = op.headers ?? {};
  const headers = compile(objectOf(Object.fromEntries(Object.entries(headerFields).map(([n, s]) => [n.toLowerCase(), s])), false));
  const body = op.body ? compile(op.body) : undefined;
  const responses = new Map<number, ValidateFunction>();
  for (const [status, schema] of Object.entries(op.responses)) {
    if (schema && schema !== 'event-stream') responses.set(Number(status), compile(schema));
  }
  return {
    params: (v) => (params(v) ? [] : findingsOf(params.errors)),
    query: (v) => (query(v) ? [] : findingsOf(query.errors)),
    headers: (v) => (headers(v) ? [] : findingsOf(headers.errors)),
    body: (v) => (!body || body(v) ? [] : findingsOf(body.errors)),
    response(status, v) {
      const fn = responses.get(status);
      if (!fn) return [finding('', 'contract.undocumented-status', { en: `status ${status} is not documented for ${op.operationId}`, zh: `${op.operationId} 未声明状态码 ${status}` })];
      return fn(v) ? [] : findingsOf(fn.errors);
    },
  };
}
