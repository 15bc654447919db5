/**
 * The kinds of definition and how each is validated: one registry the API, the CLI and the
 * store's callers share. Adding a kind means adding it here.
 */
import { validateMasterData } from './master-data/validate';
import { validateEscalationPolicy } from './policies/validate';
import { validateRouting } from './routing/validate';
import { validateAlertRule } from './rules/validate';
import type { ValidationContext } from './validation/context';
import type { Validated } from './validation/finding';

export type DefinitionValidator = (value: unknown, ctx?: ValidationContext) => Validated<unknown>;

export const DEFINITION_KINDS = ['routing', 'alert-rule', 'escalation-policy', 'master-data'] as const;
export type DefinitionKind = (typeof DEFINITION_KINDS)[number];

export const DEFINITION_VALIDATORS: Record<DefinitionKind, DefinitionValidator> = {
  routing: validateRouting,
  'alert-rule': validateAlertRule,
  'escalation-policy': validateEscalationPolicy,
  'master-data': validateMasterData,
};

export function isDefinitionKind(kind: string): kind is DefinitionKind {
  return (DEFINITION_KINDS as readonly string[]).includes(kind);
}

/** Keys name a definition within its kind: lower-case letters, digits and "-". */
export const DEFINITION_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Files in a definitions repository are named "<key>.<kind>.json"; bundles "<key>.<kind>.export.json". */
export function parseDefinitionFileName(fileName: string): { key: string; kind: DefinitionKind; bundle: boolean } | undefined {
  const m = /^([a-z0-9][a-z0-9-]{0,63})\.([a-z][a-z-]*)(\.export)?\.json$/.exec(fileName);
  if (!m || !isDefinitionKind(m[2] as string)) return undefined;
  return { key: m[1] as string, kind: m[2] as DefinitionKind, bundle: m[3] !== undefined };
}
