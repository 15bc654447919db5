/**
 * The lifecycle of one definition key in an editor: open it (its latest draft, else its latest
 * version, else a blank one), edit, save the draft (created once, then replaced with If-Match on
 * its revision), publish it with an electronic signature. The server's findings of a refused
 * save or publish are kept until the next edit.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Finding } from '../../../definitions/validation/finding';
import { ApiError } from '../api/client';
import { createDraft, getDraft, getVersion, keySummary, publish, updateDraft, type EditedKind, type KeySummary, type PublishRequest, type VersionMeta } from './api';
import { findingsOfProblem } from './model/findings';

export interface DefinitionEditor<T> {
  doc: T;
  setDoc: (next: T) => void;
  loading: boolean;
  loadError: unknown;
  summary: KeySummary | undefined;
  draftId: string | undefined;
  dirty: boolean;
  busy: 'saving' | 'publishing' | undefined;
  serverFindings: Finding[];
  /** Saves the draft; resolves to its id, or undefined when the server refused it (see `error`). */
  save: () => Promise<string | undefined>;
  /** Saves when needed, then publishes; rejects with the ApiError of a refused publish. */
  publish: (request: Omit<PublishRequest, 'draftId'>) => Promise<VersionMeta>;
  error: unknown;
  /** Replaces the editor's content with a published version's (to edit on from it). */
  openVersion: (n: number) => Promise<void>;
  reload: () => void;
}

export function useDefinitionEditor<T>(kind: EditedKind, key: string, blank: () => T): DefinitionEditor<T> {
  const [doc, setDocState] = useState<T>(blank);
  const [summary, setSummary] = useState<KeySummary>();
  const [draft, setDraft] = useState<{ id: string; revision: number }>();
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'saving' | 'publishing'>();
  const [serverFindings, setServerFindings] = useState<Finding[]>([]);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setLoadError(undefined);
    void (async () => {
      try {
        const found = await keySummary(kind, key).catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return undefined;
          throw e;
        });
        let content: T = blank();
        let opened: { id: string; revision: number } | undefined;
        if (found?.latestDraftId) {
          const d = await getDraft(kind, key, found.latestDraftId);
          content = d.content as T;
          opened = { id: d.id, revision: d.revision };
        } else if (found && found.latestVersion > 0) {
          content = (await getVersion(kind, key, found.latestVersion)).content as T;
        }
        if (!current) return;
        setSummary(found);
        setDraft(opened);
        setDocState(content);
        setDirty(false);
        setServerFindings([]);
        setError(undefined);
      } catch (e) {
        if (current) setLoadError(e);
      } finally {
        if (current) setLoading(false);
      }
    })();
    return () => {
      current = false;
    };
    // `blank` is a factory for new keys only; reloading on its identity would discard edits.
  }, [kind, key, tick]);

  const setDoc = useCallback((next: T) => {
    setDocState(next);
    setDirty(true);
    setServerFindings([]);
  }, []);

  const refused = (e: unknown): void => {
    setError(e);
    setServerFindings(e instanceof ApiError ? findingsOfProblem(e.problem) : []);
  };

  const save = useCallback(async (): Promise<string | undefined> => {
    setBusy('saving');
    setError(undefined);
    try {
      const saved = draft ? await updateDraft(kind, key, draft.id, doc, draft.revision) : await createDraft(kind, key, doc);
      setDraft({ id: saved.id, revision: saved.revision });
      setDirty(false);
      setServerFindings([]);
      setSummary(await keySummary(kind, key));
      return saved.id;
    } catch (e) {
      refused(e);
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }, [kind, key, doc, draft]);

  const doPublish = useCallback(
    async (request: Omit<PublishRequest, 'draftId'>): Promise<VersionMeta> => {
      const id = dirty || !draft ? await save() : draft.id;
      if (id === undefined) throw new Error('the draft was not saved');
      setBusy('publishing');
      try {
        const version = await publish(kind, key, { ...request, draftId: id });
        setSummary(await keySummary(kind, key));
        setError(undefined);
        return version;
      } catch (e) {
        if (!(e instanceof ApiError && e.problem.errors?.some((f) => f.pointer.startsWith('/signature')))) refused(e);
        throw e;
      } finally {
        setBusy(undefined);
      }
    },
    [kind, key, dirty, draft, save],
  );

  const openVersion = useCallback(
    async (n: number) => {
      const version = await getVersion(kind, key, n);
      setDoc(version.content as T);
    },
    [kind, key, setDoc],
  );

  const reload = useCallback(() => setTick((n) => n + 1), []);

  return { doc, setDoc, loading, loadError, summary, draftId: draft?.id, dirty, busy, serverFindings, save, publish: doPublish, error, openVersion, reload };
}
