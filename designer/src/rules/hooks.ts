/**
 * Loading what the rule and policy editors look things up in: the fact catalog, the site's
 * master data and the published escalation policies (the validation context the server uses).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MasterData } from '../../../definitions/master-data/schema';
import type { ValidationContext } from '../../../definitions/validation/context';
import { factCatalog, listKeys, masterData, type Head } from './api';
import { bundledCatalog, type FactCatalog } from './model/catalog';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` on mount and whenever `deps` change or `reload` is called; the latest answer wins. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    run().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => current && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export interface References {
  catalog: FactCatalog;
  masterData: MasterData | undefined;
  policies: Head[];
  /** The context live validation runs in: the same master data and active policies the server checks. */
  context: ValidationContext;
  reloadPolicies: () => void;
}

export function useReferences(): References {
  const facts = useLoad(factCatalog, []);
  const md = useLoad(() => masterData().catch(() => undefined), []);
  const policies = useLoad(() => listKeys('escalation-policy'), []);
  return useMemo(() => {
    const active = (policies.data ?? []).filter((h) => h.activeVersion !== null);
    const context: ValidationContext = {
      ...(md.data ? { masterData: md.data } : {}),
      ...(policies.data ? { escalationPolicies: new Set(active.map((h) => h.key)) } : {}),
    };
    return { catalog: facts.data ?? bundledCatalog(), masterData: md.data, policies: policies.data ?? [], context, reloadPolicies: policies.reload };
  }, [facts.data, md.data, policies.data, policies.reload]);
}
