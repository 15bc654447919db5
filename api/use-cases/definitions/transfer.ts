/** Definitions as code: a key with all its versions out as one JSON bundle, and back in. */
import { serializeBundle, validateBundle } from '../../../definitions/bundle';
import { DEFINITION_VALIDATORS } from '../../../definitions/kinds';
import { finding, type Finding } from '../../../definitions/validation/finding';
import { contentHash } from '../../../store';
import { AppError } from '../../http/errors';
import { checkKey, checkKind, type DefinitionDeps } from './common';

export function transferUseCases(deps: DefinitionDeps) {
  const { store } = deps;
  return {
    /** The bundle as the exact text to send or write: deterministic, so it round-trips byte for byte. */
    async exportKey(kindParam: string, keyParam: string): Promise<string> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const bundle = await store.definitions.exportKey(kind, key);
      if (!bundle) throw AppError.notFound(`published versions of ${kind} "${key}"`);
      return serializeBundle(bundle);
    },

    async importKey(kindParam: string, keyParam: string, body: unknown, actor: string): Promise<{ imported: number[]; skipped: number[] }> {
      const kind = checkKind(kindParam);
      const key = checkKey(keyParam);
      const parsed = validateBundle(body);
      if (!parsed.ok) throw AppError.invalid('Invalid definition bundle', parsed.findings);
      const bundle = parsed.value;
      const errors: Finding[] = [];
      if (bundle.kind !== kind) errors.push(finding('/kind', 'bundle.kind-mismatch', { en: `bundle is for kind "${bundle.kind}", not "${kind}"`, zh: `该包的类型是 "${bundle.kind}"，不是 "${kind}"` }));
      if (bundle.key !== key) errors.push(finding('/key', 'bundle.key-mismatch', { en: `bundle is for key "${bundle.key}", not "${key}"`, zh: `该包的键是 "${bundle.key}"，不是 "${key}"` }));
      const numbers = new Set<number>();
      bundle.versions.forEach((v, i) => {
        if (numbers.has(v.version)) errors.push(finding(`/versions/${i}/version`, 'bundle.duplicate-version', { en: `version ${v.version} appears twice`, zh: `版本 ${v.version} 重复出现` }));
        numbers.add(v.version);
        if (contentHash(v.content) !== v.contentHash) {
          errors.push(finding(`/versions/${i}/contentHash`, 'bundle.hash-mismatch', { en: `content of version ${v.version} does not match its hash`, zh: `版本 ${v.version} 的内容与其哈希不符` }));
        }
        // Shape and meaning are checked; references are not, as master data may have moved on since.
        const valid = DEFINITION_VALIDATORS[kind](v.content);
        if (!valid.ok) errors.push(...valid.findings.map((f) => ({ ...f, pointer: `/versions/${i}/content${f.pointer}` })));
      });
      if (bundle.activeVersion !== null && !numbers.has(bundle.activeVersion)) {
        errors.push(finding('/activeVersion', 'bundle.unknown-version', { en: `active version ${bundle.activeVersion} is not in the bundle`, zh: `生效版本 ${bundle.activeVersion} 不在包中` }));
      }
      if (errors.length > 0) throw AppError.invalid('Invalid definition bundle', errors);
      return store.definitions.importBundle(bundle, actor);
    },
  };
}

export type TransferUseCases = ReturnType<typeof transferUseCases>;
