/**
 * Unsaved edits are kept in this browser (localStorage, per routing key) until they are saved:
 * the API refuses a draft with errors, so a half-drawn routing would otherwise be lost on reload.
 */
import { canonicalJson } from '../../../../definitions/validation/finding';
import type { Routing } from '../../../../definitions/routing/schema';

const storageKey = (key: string): string => `taktflow.routing-working-copy.${key}`;

export interface WorkingCopy {
  doc: Routing;
  at: string;
}

export function readWorkingCopy(key: string, loaded: Routing): WorkingCopy | null {
  try {
    const raw = localStorage.getItem(storageKey(key));
    if (raw === null) return null;
    const copy = JSON.parse(raw) as WorkingCopy;
    if (typeof copy !== 'object' || copy === null || !Array.isArray(copy.doc?.steps)) return null;
    return canonicalJson(copy.doc) === canonicalJson(loaded) ? null : copy;
  } catch {
    return null;
  }
}

export function keepWorkingCopy(key: string, doc: Routing): void {
  try {
    localStorage.setItem(storageKey(key), JSON.stringify({ doc, at: new Date().toISOString() }));
  } catch {
    // Storage full or unavailable: the copy is a convenience, the editor still works.
  }
}

export function dropWorkingCopy(key: string): void {
  try {
    localStorage.removeItem(storageKey(key));
  } catch {
    // Nothing kept, nothing to drop.
  }
}
