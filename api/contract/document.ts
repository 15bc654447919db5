/** The OpenAPI 3.1 document: the single source of the API's paths, parameters, bodies and answers. */
import type { JsonSchema } from './embed';
import { OPERATIONS, type Operation } from './paths';
import { ROLE_PERMISSIONS } from './permissions';
import { componentSchemas } from './schemas';

const DESCRIPTIONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'Bad request (a parameter or header is malformed)',
  401: 'Not signed in, or the credentials are not valid',
  403: 'The caller may not do this',
  404: 'Not found (or not visible to the caller)',
  409: 'Conflicts with what is recorded',
  413: 'Body too large',
  422: 'The body is not valid; errors point at each problem',
  429: 'Too many attempts; retry after the given seconds',
  503: 'Degraded',
};

function parameters(op: Operation): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [name, schema] of Object.entries(op.pathParams ?? {})) out.push({ name, in: 'path', required: true, schema });
  for (const [name, { required, ...schema }] of Object.entries(op.query ?? {})) out.push({ name, in: 'query', required: required ?? false, schema });
  for (const [name, { required, ...schema }] of Object.entries(op.headers ?? {})) out.push({ name, in: 'header', required: required ?? false, schema });
  if (op.idempotent && !op.headers?.['Idempotency-Key']) {
    out.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } });
  }
  return out;
}

function responses(op: Operation): JsonSchema {
  return Object.fromEntries(
    Object.entries(op.responses).map(([status, schema]) => {
      const description = DESCRIPTIONS[Number(status)] ?? 'Answer';
      if (schema === null) return [status, { description }];
      if (schema === 'event-stream') return [status, { description: 'A text/event-stream that stays open', content: { 'text/event-stream': { schema: { type: 'string' } } } }];
      const type = Number(status) >= 400 && (schema as { $ref?: string }).$ref?.endsWith('/Problem') ? 'application/problem+json' : 'application/json';
      return [status, { description, content: { [type]: { schema } } }];
    }),
  );
}

function matrixTable(): string {
  const rows = Object.entries(ROLE_PERMISSIONS).map(([role, perms]) => `| ${role} | ${perms.join(', ')} |`);
  return ['| role | permissions |', '|---|---|', ...rows].join('\n');
}

let cached: JsonSchema | undefined;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) {
    const item = (paths[op.path] ??= {});
    item[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      'x-permission': op.access,
      security: op.access === 'public' ? [] : [{ bearerAuth: [] }, { apiKey: [] }],
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: op.method !== 'post' || !op.path.endsWith('/retire'), content: { 'application/json': { schema: op.body } } } } : {}),
      responses: responses(op),
    };
  }
  cached = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Taktflow API',
      version: '1.0.0',
      description:
        'MES workflow-rules engine: definitions, units and lots, work orders, dispatch, traceability, alert rules and incidents.\n\n' +
        'Errors are application/problem+json with a JSON pointer or parameter at fault. Lists take `limit` and `cursor`. ' +
        'POSTs that create or act take `Idempotency-Key`: a retry with the same key and body gets the first answer again, ' +
        'a refusal included, marked `Idempotent-Replayed: true` and recording nothing new; the key sent with another body or by ' +
        'another user is refused with 422 `idempotency-key-reused`.\n\nPermission matrix:\n\n' +
        matrixTable(),
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas: componentSchemas,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
    },
  };
  return cached;
}
