/**
 * One routing key's lifecycle as the editor sees it (through the API): load the latest draft (else
 * the latest version, else an empty routing), save the draft (create, then replace with If-Match
 * on its revision), publish it with a change note and an electronic signature.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Routing } from '../../../../definitions/routing/schema';
import { ApiError } from '../../api/client';
import { definitionsApi, type KeySummary, type SignatureMeaning, type VersionMeta } from '../../api/definitions';
import { useRoutingStore } from '../model/store';
import { initialPositions } from './positions';
import { dropWorkingCopy, readWorkingCopy, type WorkingCopy } from './working-copy';

export interface DraftRef {
  id: string;
  revision: number;
}

export interface DraftState {
  status: 'loading' | 'ready' | 'failed';
  error: unknown;
  summary: KeySummary | null;
  draft: DraftRef | null;
  /** The document as last loaded or saved: the editor is dirty when the store's differs. */
  saved: Routing | null;
  /** Unsaved edits kept in this browser from an earlier visit, when they differ from what was loaded. */
  workingCopy: WorkingCopy | null;
}

export interface DraftActions {
  save: () => Promise<DraftRef>;
  publish: (note: string, password: string, meaning: SignatureMeaning) => Promise<VersionMeta>;
  refresh: () => Promise<void>;
  /** Forgets the earlier unsaved edits (after restoring or discarding them). */
  dismissWorkingCopy: (discard: boolean) => void;
}

async function summaryOf(key: string): Promise<KeySummary | null> {
  try {
    return await definitionsApi.summary('routing', key);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** What the editor opens: the latest draft, else the latest version, else an empty routing named after the key. */
async function openingDocument(key: string, summary: KeySummary | null): Promise<{ doc: Routing; draft: DraftRef | null }> {
  if (summary?.latestDraftId) {
    const d = await definitionsApi.draft('routing', key, summary.latestDraftId);
    return { doc: d.content as Routing, draft: { id: d.id, revision: d.revision } };
  }
  if (summary !== null && summary.latestVersion > 0) {
    const v = await definitionsApi.version('routing', key, summary.latestVersion);
    return { doc: v.content as Routing, draft: null };
  }
  return { doc: { name: key, steps: [], transitions: [] } as unknown as Routing, draft: null };
}

export function useDraft(key: string): DraftState & DraftActions {
  const [state, setState] = useState<DraftState>({ status: 'loading', error: null, summary: null, draft: null, saved: null, workingCopy: null });
  const draftRef = useRef<DraftRef | null>(null);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading', error: null, summary: null, draft: null, saved: null, workingCopy: null });
    void (async () => {
      try {
        const summary = await summaryOf(key);
        const opened = await openingDocument(key, summary);
        const doc = opened.doc;
        const positions = await initialPositions(key, doc);
        if (cancelled) return;
        draftRef.current = opened.draft;
        useRoutingStore.getState().load(doc, positions, false);
        setState({ status: 'ready', error: null, summary, draft: opened.draft, saved: doc, workingCopy: readWorkingCopy(key, doc) });
      } catch (error) {
        if (!cancelled) setState((s) => ({ ...s, status: 'failed', error }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [key]);

  const save = useCallback(async (): Promise<DraftRef> => {
    const doc = useRoutingStore.getState().doc;
    const current = draftRef.current;
    const d = current === null ? await definitionsApi.createDraft('routing', key, doc) : await definitionsApi.updateDraft('routing', key, current.id, doc, current.revision);
    const ref = { id: d.id, revision: d.revision };
    draftRef.current = ref;
    setState((s) => ({ ...s, draft: ref, saved: doc, workingCopy: null }));
    if (useRoutingStore.getState().doc === doc) dropWorkingCopy(key);
    return ref;
  }, [key]);

  const refresh = useCallback(async () => {
    const summary = await summaryOf(key);
    setState((s) => ({ ...s, summary }));
  }, [key]);

  const publish = useCallback(
    async (note: string, password: string, meaning: SignatureMeaning): Promise<VersionMeta> => {
      const dirty = useRoutingStore.getState().doc !== state.saved || draftRef.current === null;
      const ref = dirty ? await save() : (draftRef.current as DraftRef);
      const version = await definitionsApi.publish('routing', key, { draftId: ref.id, ...(note.trim() === '' ? {} : { note: note.trim() }), signature: { password, meaning } });
      await refresh();
      return version;
    },
    [key, save, refresh, state.saved],
  );

  const dismissWorkingCopy = useCallback(
    (discard: boolean) => {
      if (discard) dropWorkingCopy(key);
      setState((s) => ({ ...s, workingCopy: null }));
    },
    [key],
  );

  return { ...state, save, publish, refresh, dismissWorkingCopy };
}
