/** Drafting, publishing and reading definition versions (routings for now). */
import { DEFINITION_KEY_PATTERN } from '../../definitions';
import { validateRouting } from '../../definitions/routing/validate';
import { finding, type Finding, type Validated } from '../../definitions/validation/finding';
import type { Draft, Store, Version } from '../../store';
import { AppError } from '../http/errors';

type Validator = (value: unknown) => Validated<unknown>;

/** The kinds of definition this API knows and how each is validated. */
const KINDS: Record<string, Validator> = { routing: validateRouting };

function validatorOf(kind: string): Validator {
  const v = KINDS[kind];
  if (!v) throw new AppError(404, 'unknown-kind', 'Unknown definition kind', `"${kind}" is not a definition kind; known: ${Object.keys(KINDS).join(', ')}`);
  return v;
}

function checkKey(key: string): void {
  if (!DEFINITION_KEY_PATTERN.test(key)) {
    throw new AppError(400, 'invalid-key', 'Invalid definition key', `"${key}" is not a key: lower-case letters, digits and "-", at most 64`, {
      errors: [finding('', 'path.key', { en: 'key must match ^[a-z0-9][a-z0-9-]{0,63}$', zh: '键名必须匹配 ^[a-z0-9][a-z0-9-]{0,63}$' })],
      parameter: 'key',
    });
  }
}

export interface PublishRequest {
  draftId?: string;
  note?: string;
}

const PUBLISH_FIELDS = new Set(['draftId', 'note']);

function publishRequest(body: unknown): PublishRequest {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw AppError.invalid('Invalid publish request', [finding('', 'schema.type', { en: 'must be an object', zh: '类型应为 object' })]);
  }
  const errors: Finding[] = [];
  for (const [field, value] of Object.entries(body)) {
    if (!PUBLISH_FIELDS.has(field)) errors.push(finding(`/${field}`, 'schema.unknown-property', { en: `${field} is not a known property`, zh: `${field} 不是可识别的属性` }));
    else if (typeof value !== 'string' || value.length === 0 || value.length > 2000) errors.push(finding(`/${field}`, 'schema.type', { en: 'must be a non-empty string', zh: '必须是非空字符串' }));
  }
  if (errors.length > 0) throw AppError.invalid('Invalid publish request', errors);
  return body as PublishRequest;
}

export function definitionUseCases(store: Store) {
  return {
    async createDraft(kind: string, key: string, content: unknown, by: string): Promise<Draft> {
      const validate = validatorOf(kind);
      checkKey(key);
      const result = validate(content);
      if (!result.ok) throw AppError.invalid(`The ${kind} is not valid`, result.findings);
      return store.definitions.createDraft(kind, key, content, by);
    },

    async publish(kind: string, key: string, body: unknown, by: string): Promise<Version> {
      const validate = validatorOf(kind);
      checkKey(key);
      const request = publishRequest(body);
      const draftId = request.draftId ?? (await store.definitions.latestDraftId(kind, key));
      if (!draftId) throw new AppError(409, 'no-draft', 'Nothing to publish', `${kind} "${key}" has no draft`);
      const draft = await store.definitions.getDraft(draftId);
      if (!draft || draft.kind !== kind || draft.key !== key) {
        throw new AppError(404, 'not-found', 'Draft not found', `draft ${draftId} of ${kind} "${key}" does not exist`, { errors: [finding('/draftId', 'draft.unknown', { en: 'no such draft for this key', zh: '该键下没有此草稿' })] });
      }
      // Validation rules may have tightened since the draft was saved: check again.
      const result = validate(draft.content);
      if (!result.ok) throw AppError.invalid(`The draft is not a valid ${kind}`, result.findings);
      return store.definitions.publish(draft, by, request.note ?? null);
    },

    async version(kind: string, key: string, versionParam: string): Promise<Version> {
      validatorOf(kind);
      checkKey(key);
      const n = Number(versionParam);
      if (!Number.isInteger(n) || n < 1) {
        throw new AppError(400, 'invalid-version', 'Invalid version', `"${versionParam}" is not a version number (1, 2, …)`, { parameter: 'n' });
      }
      const version = await store.definitions.getVersion(kind, key, n);
      if (!version) throw AppError.notFound(`version ${n} of ${kind} "${key}"`);
      return version;
    },

    /** The latest published version of a key, which new runs are pinned to. */
    async current(kind: string, key: string): Promise<Version | null> {
      const n = await store.definitions.latestVersion(kind, key);
      return n === 0 ? null : store.definitions.getVersion(kind, key, n);
    },
  };
}

export type DefinitionUseCases = ReturnType<typeof definitionUseCases>;
