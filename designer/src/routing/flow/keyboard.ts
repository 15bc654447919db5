/**
 * The editor's keys (not while typing in a field): Ctrl+Z undo, Ctrl+Shift+Z / Ctrl+Y redo,
 * Ctrl+C / Ctrl+V copy and paste a step, Delete / Backspace remove the selection, arrow keys move
 * the selection to the nearest step in that direction (the first step when nothing is selected).
 */
import { useEffect } from 'react';
import { redo, undo, useRoutingStore, type Fragment, type XY } from '../model/store';

let clipboard: Fragment | null = null;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="dialog"]') !== null;
}

const DIRECTIONS: Record<string, XY> = { ArrowRight: { x: 1, y: 0 }, ArrowLeft: { x: -1, y: 0 }, ArrowDown: { x: 0, y: 1 }, ArrowUp: { x: 0, y: -1 } };

/** The step nearest to `from` within 60° of `dir` (distance weighted against going sideways). */
export function neighbour(positions: Record<string, XY>, from: string, dir: XY): string | undefined {
  const at = positions[from];
  if (at === undefined) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [id, p] of Object.entries(positions)) {
    if (id === from) continue;
    const dx = p.x - at.x;
    const dy = p.y - at.y;
    const along = dx * dir.x + dy * dir.y;
    const across = Math.abs(dx * dir.y - dy * dir.x);
    if (along <= 0 || across > along * 1.8) continue;
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}

export function useEditorKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (typing(e.target)) return;
      const store = useRoutingStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        redo();
      } else if (mod && key === 'c') {
        const fragment = store.copySelection();
        if (fragment !== null) clipboard = fragment;
      } else if (mod && key === 'v') {
        if (clipboard !== null) {
          e.preventDefault();
          store.paste(clipboard);
        }
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        if (store.selection !== null && !store.readOnly) {
          e.preventDefault();
          store.removeSelection();
        }
      } else if (DIRECTIONS[e.key] !== undefined && !mod) {
        const current = store.selection?.kind === 'step' ? store.selection.id : undefined;
        const next = current === undefined ? store.doc.steps[0]?.id : neighbour(store.positions, current, DIRECTIONS[e.key] as XY);
        if (next !== undefined) {
          e.preventDefault();
          store.focusOn({ kind: 'step', id: next });
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
