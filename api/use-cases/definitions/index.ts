import type { DefinitionDeps } from './common';
import { draftUseCases } from './drafts';
import { transferUseCases } from './transfer';
import { versionUseCases } from './versions';

export type { DefinitionDeps } from './common';

export function definitionUseCases(deps: DefinitionDeps) {
  return { siteKey: deps.siteKey, drafts: draftUseCases(deps), versions: versionUseCases(deps), transfer: transferUseCases(deps) };
}

export type DefinitionUseCases = ReturnType<typeof definitionUseCases>;
