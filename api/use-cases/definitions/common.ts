/** What every definition use-case needs: kind and key checks, request bodies, validation context. */
import { DEFINITION_KEY_PATTERN, DEFINITION_KINDS, DEFINITION_VALIDATORS, isDefinitionKind, type DefinitionKind } from '../../../definitions/kinds';
import type { MasterData } from '../../../definitions/master-data/schema';
import type { ValidationContext } from '../../../definitions/validation/context';
import { finding, type Finding } from '../../../definitions/validation/finding';
import type { Store } from '../../../store';
import { AppError } from '../../http/errors';

export interface DefinitionDeps {
  store: Store;
  /** Key of the site's master-data definition whose active version reference checks use. */
  siteKey: string;
}

export function checkKind(kind: string): DefinitionKind {
  if (!isDefinitionKind(kind)) {
    throw new AppError(404, 'unknown-kind', 'Unknown definition kind', `"${kind}" is not a definition kind; known: ${DEFINITION_KINDS.join(', ')}`, {
      parameter: 'kind',
    });
  }
  return kind;
}

export function checkKey(key: string): string {
  if (!DEFINITION_KEY_PATTERN.test(key)) {
    throw new AppError(400, 'invalid-key', 'Invalid definition key', `"${key}" is not a key: lower-case letters, digits and "-", at most 64`, {
      errors: [finding('', 'path.key', { en: 'key must match ^[a-z0-9][a-z0-9-]{0,63}$', zh: '键名必须匹配 ^[a-z0-9][a-z0-9-]{0,63}$' })],
      parameter: 'key',
    });
  }
  return key;
}

export function versionNumber(param: string, name = 'n'): number {
  const n = Number(param);
  if (!/^[1-9][0-9]{0,8}$/.test(param) || !Number.isSafeInteger(n)) {
    throw new AppError(400, 'invalid-version', 'Invalid version', `"${param}" is not a version number (1, 2, …)`, { parameter: name });
  }
  return n;
}

/**
 * A small request body of optional strings, e.g. {draftId, note}: anything else, or a value
 * that is not a non-empty string, is refused with a pointer to it.
 */
export function stringFields<K extends string>(body: unknown, fields: readonly K[], title: string): Partial<Record<K, string>> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw AppError.invalid(title, [finding('', 'schema.type', { en: 'must be an object', zh: '类型应为 object' })]);
  }
  const errors: Finding[] = [];
  for (const [field, value] of Object.entries(body)) {
    if (!(fields as readonly string[]).includes(field)) {
      errors.push(finding(`/${field}`, 'schema.unknown-property', { en: `${field} is not a known property`, zh: `${field} 不是可识别的属性` }));
    } else if (typeof value !== 'string' || value.length === 0 || value.length > 2000) {
      errors.push(finding(`/${field}`, 'schema.type', { en: 'must be a string of 1 to 2000 characters', zh: '必须是 1 到 2000 个字符的字符串' }));
    }
  }
  if (errors.length > 0) throw AppError.invalid(title, errors);
  return body as Partial<Record<K, string>>;
}

/** The published data semantic checks look things up in: the site's master data and the active policies. */
export async function validationContext(deps: DefinitionDeps, kind: DefinitionKind): Promise<ValidationContext> {
  if (kind === 'master-data') return {};
  const [site, policies] = await Promise.all([
    deps.store.definitions.activeVersion('master-data', deps.siteKey),
    deps.store.definitions.heads('escalation-policy'),
  ]);
  return {
    masterData: (site?.content as MasterData | undefined) ?? undefined,
    escalationPolicies: new Set(policies.filter((h) => h.activeVersion !== null).map((h) => h.key)),
  };
}

/** Validates content of a kind in full (schema, semantics, references); 422 with every finding. */
export async function validateContent(deps: DefinitionDeps, kind: DefinitionKind, content: unknown): Promise<void> {
  const result = DEFINITION_VALIDATORS[kind](content, await validationContext(deps, kind));
  if (!result.ok) throw AppError.invalid(`The ${kind} is not valid`, result.findings);
}
