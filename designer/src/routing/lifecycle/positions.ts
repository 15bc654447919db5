/**
 * Where steps sit is view state (the routing document has no positions): kept per routing key in
 * localStorage, and laid out automatically for steps that have none.
 */
import type { Routing } from '../../../../definitions/routing/schema';
import { autoLayout } from '../model/layout';
import type { XY } from '../model/xy';

const storageKey = (key: string): string => `taktflow.routing-positions.${key}`;

export function storedPositions(key: string): Record<string, XY> {
  try {
    const raw = localStorage.getItem(storageKey(key));
    return raw === null ? {} : (JSON.parse(raw) as Record<string, XY>);
  } catch {
    return {};
  }
}

export function storePositions(key: string, positions: Record<string, XY>): void {
  try {
    localStorage.setItem(storageKey(key), JSON.stringify(positions));
  } catch {
    // Positions are a convenience: without storage the next visit lays the routing out again.
  }
}

/** Stored positions when every step has one, else an automatic layout. */
export async function initialPositions(key: string | null, doc: Routing): Promise<Record<string, XY>> {
  const stored = key === null ? {} : storedPositions(key);
  if (doc.steps.length > 0 && doc.steps.every((s) => stored[s.id] !== undefined)) return stored;
  return doc.steps.length === 0 ? {} : autoLayout(doc);
}
