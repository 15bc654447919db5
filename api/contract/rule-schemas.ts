/** The rule tools' resources (api/use-cases/rules.ts), spread into componentSchemas in schemas.ts. */
import type { JsonSchema } from './embed';
import { ref, str, dateTime, int } from './primitives';

const labels = { type: 'object', required: ['en', 'zh'], properties: { en: str, zh: str } } as const;
export const ruleSchemas: Record<string, JsonSchema> = {
  FactCatalog: {
    type: 'object',
    required: ['facts', 'paramTypes', 'operators'],
    properties: {
      facts: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'valueType', 'labels', 'description', 'params'],
          properties: {
            name: str,
            valueType: { enum: ['number', 'integer', 'boolean'] },
            unit: str,
            labels,
            description: labels,
            params: { type: 'array', items: { type: 'object', required: ['name', 'type', 'required'], properties: { name: str, type: str, required: { type: 'boolean' } } } },
          },
        },
      },
      paramTypes: { type: 'array', items: { type: 'object', required: ['name', 'labels', 'pattern', 'example'], properties: { name: str, labels, pattern: str, example: str, binds: str, reference: str } } },
      operators: { type: 'array', items: { type: 'object', required: ['name', 'symbol', 'labels', 'appliesTo', 'value'], properties: { name: str, symbol: str, labels, appliesTo: { type: 'array', items: str }, value: str } } },
    },
  },
  RuleDryRunRequest: {
    type: 'object',
    additionalProperties: false,
    description: 'Exactly one of: a rule draft (`rule`), or a published rule (`key`, optionally `version`; default its active version).',
    properties: {
      rule: ref('AlertRule'),
      key: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
      version: { type: 'integer', minimum: 1, maximum: 999999999 },
      facts: { type: 'object', maxProperties: 50, description: 'Sample values, by fact name (every condition on that fact) or by the fact with its params as the answer labels it, e.g. `defectRate(productModel=MB-A100,window=1h)` (that condition only, and it wins); facts not given are computed from the recorded production.', additionalProperties: { type: ['number', 'boolean'] } },
      context: {
        type: 'object',
        maxProperties: 12,
        description: 'Context variables (as a triggering event would carry them).',
        additionalProperties: false,
        properties: Object.fromEntries(['productModel', 'line', 'step', 'operator', 'defectCode', 'equipment', 'workOrder', 'partNumber', 'serial'].map((k) => [k, { type: 'string', minLength: 1, maxLength: 64 }])),
      },
    },
  },
  RuleEvaluation: {
    type: 'object',
    required: ['fired', 'trace', 'facts', 'message', 'dedupKey', 'variables'],
    properties: {
      fired: { type: 'boolean' },
      trace: {
        type: 'array',
        items: { type: 'object', required: ['path', 'fact', 'operator', 'value', 'factValue', 'result'], properties: { path: str, fact: str, operator: str, value: {}, params: { type: 'object' }, factValue: {}, result: { type: 'boolean' } } },
      },
      facts: { type: 'object' },
      message: labels,
      dedupKey: str,
      variables: { type: 'object' },
    },
  },
  RuleBacktestRequest: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    description: 'How far back to replay: `hours` (1 to 744) or `days` (1 to 31).',
    properties: { hours: { type: 'integer', minimum: 1, maximum: 744 }, days: { type: 'integer', minimum: 1, maximum: 31 } },
  },
  RuleBacktest: {
    type: 'object',
    required: ['rule', 'from', 'to', 'events', 'evaluations', 'firings', 'truncated', 'bucketMinutes', 'buckets', 'fired'],
    properties: {
      rule: { type: 'object', required: ['key', 'version'], properties: { key: str, version: int } },
      from: dateTime,
      to: dateTime,
      events: int,
      evaluations: int,
      firings: int,
      truncated: { type: 'boolean', description: 'The replay stopped at its limits (evaluations, events or time).' },
      bucketMinutes: int,
      buckets: { type: 'array', items: { type: 'object', required: ['start', 'evaluations', 'firings'], properties: { start: dateTime, evaluations: int, firings: int } } },
      fired: { type: 'array', items: { type: 'object', required: ['at', 'dedupKey'], properties: { at: dateTime, dedupKey: str, value: {} } } },
    },
  },
  RuleChecks: {
    type: 'object',
    required: ['rules', 'findings'],
    properties: {
      rules: int,
      findings: { type: 'array', items: { type: 'object', required: ['rule', 'pointer', 'code', 'message', 'messageZh'], properties: { rule: str, related: str, pointer: str, code: str, message: str, messageZh: str } } },
    },
  },
};
