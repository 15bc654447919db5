/**
 * Hash routing (#/routings/smt-mainboard), so the API's static serving needs no rewrite rules.
 * A route is the path after "#/", split into segments.
 */
import { useSyncExternalStore } from 'react';

function current(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current route's segments (decoded), e.g. ['routings', 'smt-mainboard']. */
export function useRoute(): string[] {
  const hash = useSyncExternalStore(subscribe, current);
  return hash
    .split('?')[0]!
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
}

export function navigate(...segments: string[]): void {
  window.location.hash = `#/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

export function hrefOf(...segments: string[]): string {
  return `#/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}
