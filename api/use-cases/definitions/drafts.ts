/** Drafts: many per key, editable, validated on every save. */
import type { Draft } from '../../../store';
import { AppError } from '../../http/errors';
import { checkKey, checkKind, validateContent, type DefinitionDeps } from './common';

export function draftUseCases(deps: DefinitionDeps) {
  const { store } = deps;

  async function existing(kind: string, key: string, id: string): Promise<Draft> {
    const draft = await store.definitions.getDraft(id);
    if (!draft || draft.kind !== kind || draft.key !== key) throw AppError.notFound(`draft ${id} of ${kind} "${key}"`);
    return draft;
  }

  return {
    async create(kindParam: string, keyParam: string, content: unknown, actor: string): Promise<Draft> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      await validateContent(deps, kind, content);
      return store.definitions.createDraft(kind, key, content, actor);
    },

    async list(kindParam: string, keyParam: string): Promise<Draft[]> {
      return store.definitions.listDrafts(checkKind(kindParam), checkKey(keyParam));
    },

    async get(kindParam: string, keyParam: string, id: string): Promise<Draft> {
      return existing(checkKind(kindParam), checkKey(keyParam), id);
    },

    /** `ifMatch` is the draft revision the editor started from (If-Match header), when given. */
    async update(kindParam: string, keyParam: string, id: string, content: unknown, actor: string, ifMatch?: string): Promise<Draft> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const draft = await existing(kind, key, id);
      let expected: number | undefined;
      if (ifMatch !== undefined) {
        expected = Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
        if (!Number.isInteger(expected) || expected < 1) {
          throw new AppError(400, 'invalid-if-match', 'Invalid If-Match', 'If-Match must carry the draft revision, e.g. "3"', { parameter: 'If-Match' });
        }
      }
      await validateContent(deps, kind, content);
      return store.definitions.updateDraft(draft, content, actor, expected);
    },

    async remove(kindParam: string, keyParam: string, id: string, actor: string): Promise<void> {
      const draft = await existing(checkKind(kindParam), checkKey(keyParam), id);
      await store.definitions.deleteDraft(draft, actor);
    },
  };
}

export type DraftUseCases = ReturnType<typeof draftUseCases>;
