/** Live validation of the routing in the store, with the site's master data once loaded. */
import { useEffect, useMemo } from 'react';
import { useMasterData } from './model/master-data';
import { problemsOf, type Problems } from './model/problems';
import { useRoutingStore } from './model/store';

export function useLiveProblems(): Problems {
  const doc = useRoutingStore((s) => s.doc);
  const masterData = useMasterData((s) => s.data);
  const load = useMasterData((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return useMemo(() => problemsOf(doc, masterData), [doc, masterData]);
}
