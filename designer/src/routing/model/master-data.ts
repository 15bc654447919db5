/**
 * The site's active master data, loaded once per page (GET /master-data): the pickers' options
 * and the reference checks of live validation. null until loaded, or when none is published.
 */
import { create } from 'zustand';
import type { MasterData } from '../../../../definitions/master-data/schema';
import { fetchMasterData } from '../../api/definitions';

/** One empty list for selectors to fall back on (a new [] per call would re-render forever). */
export const NONE: never[] = [];

interface MasterDataState {
  data: MasterData | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: unknown;
  load: () => Promise<void>;
}

export const useMasterData = create<MasterDataState>()((set, get) => ({
  data: null,
  status: 'idle',
  error: null,
  load: async () => {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading' });
    try {
      set({ data: await fetchMasterData(), status: 'ready' });
    } catch (error) {
      set({ status: 'failed', error });
    }
  },
}));
