/** Published versions: publish (immutable N+1), read, retire, the active one, the audit trail. */
import { diffDefinitions, type DefinitionDiff } from '../../../definitions/diff';
import { finding } from '../../../definitions/validation/finding';
import type { AuditEntry, Head, Version } from '../../../store';
import { AppError } from '../../http/errors';
import { checkKey, checkKind, stringFields, validateContent, versionNumber, type DefinitionDeps } from './common';

export type VersionSummary = Omit<Version, 'content'> & { status: 'active' | 'retired' | 'superseded' };

export interface KeySummary {
  kind: string;
  key: string;
  latestVersion: number;
  activeVersion: number | null;
  latestDraftId: string | null;
  versions: VersionSummary[];
}

function status(head: Head, version: number): VersionSummary['status'] {
  if (head.retired.includes(version)) return 'retired';
  return head.activeVersion === version ? 'active' : 'superseded';
}

export function versionUseCases(deps: DefinitionDeps) {
  const { store } = deps;

  async function headOf(kind: string, key: string): Promise<Head> {
    const head = await store.definitions.head(kind, key);
    if (!head) throw AppError.notFound(`${kind} "${key}"`);
    return head;
  }

  return {
    /** `signature`: the publisher's electronic signature, already verified by the caller. */
    async publish(kindParam: string, keyParam: string, body: unknown, actor: string, signature: Version['signature'] = null): Promise<Version> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const { signature: _signed, ...rest } = (body ?? {}) as Record<string, unknown>;
      void _signed;
      const request = stringFields(rest, ['draftId', 'note'] as const, 'Invalid publish request');
      const draftId = request.draftId ?? (await store.definitions.head(kind, key))?.latestDraftId;
      if (!draftId) throw new AppError(409, 'no-draft', 'Nothing to publish', `${kind} "${key}" has no draft`);
      const draft = await store.definitions.getDraft(draftId);
      if (!draft || draft.kind !== kind || draft.key !== key) {
        throw new AppError(404, 'not-found', 'Draft not found', `draft ${draftId} of ${kind} "${key}" does not exist`, {
          errors: [finding('/draftId', 'draft.unknown', { en: 'no such draft for this key', zh: '该键下没有此草稿' })],
        });
      }
      // Master data or policies may have changed since the draft was saved: check again.
      await validateContent(deps, kind, draft.content);
      return store.definitions.publish(draft, actor, request.note ?? null, signature);
    },

    async keys(kindParam: string): Promise<Head[]> {
      return store.definitions.heads(checkKind(kindParam));
    },

    async summary(kindParam: string, keyParam: string): Promise<KeySummary> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const head = await headOf(kind, key);
      const versions = await store.definitions.versions(kind, key);
      return {
        kind,
        key,
        latestVersion: head.latestVersion,
        activeVersion: head.activeVersion,
        latestDraftId: head.latestDraftId,
        versions: versions.map(({ content, ...meta }) => {
          void content;
          return { ...meta, status: status(head, meta.version) };
        }),
      };
    },

    async version(kindParam: string, keyParam: string, n: string): Promise<Version & { status: VersionSummary['status'] }> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const number = versionNumber(n);
      const version = await store.definitions.getVersion(kind, key, number);
      if (!version) throw AppError.notFound(`version ${number} of ${kind} "${key}"`);
      return { ...version, status: status(await headOf(kind, key), number) };
    },

    /** Every attempt to change a published version ends here. */
    async refuseChange(kindParam: string, keyParam: string, n: string): Promise<never> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const number = versionNumber(n);
      const exists = await store.definitions.getVersion(kind, key, number);
      if (!exists) throw AppError.notFound(`version ${number} of ${kind} "${key}"`);
      throw new AppError(409, 'version-immutable', 'Published versions are immutable', `version ${number} of ${kind} "${key}" is published and cannot be changed; save a draft and publish a new version`);
    },

    async retire(kindParam: string, keyParam: string, n: string, body: unknown, actor: string): Promise<KeySummary> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const number = versionNumber(n);
      const request = stringFields(body, ['reason'] as const, 'Invalid retire request');
      if (!(await store.definitions.getVersion(kind, key, number))) throw AppError.notFound(`version ${number} of ${kind} "${key}"`);
      await store.definitions.retire(kind, key, number, actor, request.reason ?? null);
      return this.summary(kind, key);
    },

    /**
     * Structured diff between two versions of a key; either side may also be a draft ("draft:<id>"),
     * so an editor can see what publishing would change.
     */
    async diff(kindParam: string, keyParam: string, from: unknown, to: unknown): Promise<DefinitionDiff & { from: string; to: string }> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const side = async (value: unknown, name: 'from' | 'to'): Promise<unknown> => {
        if (typeof value !== 'string' || value === '') {
          throw new AppError(400, 'missing-parameter', `Missing ${name}`, `give ?${name}= a version number or draft:<id>`, { parameter: name });
        }
        if (value.startsWith('draft:')) {
          const draft = await store.definitions.getDraft(value.slice('draft:'.length));
          if (!draft || draft.kind !== kind || draft.key !== key) throw AppError.notFound(`${value} of ${kind} "${key}"`);
          return draft.content;
        }
        const n = versionNumber(value, name);
        const version = await store.definitions.getVersion(kind, key, n);
        if (!version) throw AppError.notFound(`version ${n} of ${kind} "${key}"`);
        return version.content;
      };
      const [before, after] = await Promise.all([side(from, 'from'), side(to, 'to')]);
      return { from: String(from), to: String(to), ...diffDefinitions(kind, before, after) };
    },

    /** The version new runs of a key are pinned to, or null when none is active. */
    async active(kind: string, key: string): Promise<Version | null> {
      return store.definitions.activeVersion(kind, key);
    },

    async audit(kindParam: string, keyParam: string): Promise<AuditEntry[]> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      await headOf(kind, key);
      return store.definitions.auditTrail(kind, key);
    },
  };
}

export type VersionUseCases = ReturnType<typeof versionUseCases>;
