/**
 * The routing designer's one store (State & Actions, after strudel-flow): the routing document
 * being edited is the source of truth; React Flow's nodes and edges are derived from it
 * (flow/mapping.ts). zundo keeps the undo history over the document only: selection, positions
 * and modes are not undone.
 */
import { temporal } from 'zundo';
import { create } from 'zustand';
import type { QueueTimeLimit, Routing, RoutingStep, RoutingTransition, StepKind } from '../../../../definitions/routing/schema';
import { stepDefaults } from '../nodes/registry';
import * as edit from './edit';
import { freshStepId, type Selection } from './ids';
import type { XY } from './xy';

export type { XY } from './xy';

export type ConnectMode = 'transition' | 'queue';

export interface RoutingState {
  doc: Routing;
  /** Where each step sits on the canvas (view state: the routing document has no positions). */
  positions: Record<string, XY>;
  selection: Selection | null;
  /** More selected steps besides a selected step (Shift+click): copied, pasted and deleted together. */
  also: string[];
  readOnly: boolean;
  /** What dragging from one step to another draws. */
  connectMode: ConnectMode;
  /** Bumped to ask the canvas to center on a step or edge (clicking a problem). */
  focus: { target: Selection; n: number } | null;
  /** Bumped by every load: the canvas marks the routing ready once per load. */
  generation: number;
  /** Bumped to ask the canvas to fit every step into view (after an auto-layout). */
  fitRequest: number;
}

export interface Fragment {
  steps: RoutingStep[];
  transitions: RoutingTransition[];
  queueTimeLimits: QueueTimeLimit[];
  positions: Record<string, XY>;
}

export interface RoutingActions {
  load: (doc: Routing, positions: Record<string, XY>, readOnly: boolean) => void;
  replaceDoc: (doc: Routing) => void;
  setPositions: (positions: Record<string, XY>) => void;
  requestFit: () => void;
  select: (selection: Selection | null) => void;
  /** Adds a step to the selection, or takes it out (Shift+click). */
  toggleStep: (id: string) => void;
  focusOn: (target: Selection) => void;
  setConnectMode: (mode: ConnectMode) => void;
  addStep: (kind: StepKind, at: XY, name?: string) => string;
  updateStep: (id: string, patch: edit.StepPatch) => void;
  updateRouting: (patch: Parameters<typeof edit.updateRouting>[1]) => void;
  connect: (from: string, to: string, on: 'pass' | 'fail') => void;
  updateTransition: (index: number, patch: Partial<RoutingTransition>) => void;
  addQueueTimeLimit: (from: string, to: string) => void;
  updateQueueTimeLimit: (index: number, patch: Partial<QueueTimeLimit>) => void;
  removeSelection: () => void;
  copySelection: () => Fragment | null;
  paste: (fragment: Fragment) => void;
}

export type RoutingStore = RoutingState & RoutingActions;

export const EMPTY_ROUTING: Routing = { name: 'New routing', steps: [], transitions: [] } as unknown as Routing;

export const useRoutingStore = create<RoutingStore>()(
  temporal(
    (set, get) => {
      /** A document edit: ignored in read-only mode. */
      const change = (next: (doc: Routing) => Routing): void => {
        if (get().readOnly) return;
        set({ doc: next(get().doc) });
      };
      return {
        doc: EMPTY_ROUTING,
        positions: {},
        selection: null,
        also: [],
        readOnly: false,
        connectMode: 'transition',
        focus: null,
        generation: 0,
        fitRequest: 0,

        load: (doc, positions, readOnly) => {
          set({ doc, positions, readOnly, selection: null, also: [], focus: null, generation: get().generation + 1 });
          useRoutingStore.temporal.getState().clear();
        },
        replaceDoc: (doc) => change(() => doc),
        setPositions: (positions) => set({ positions: { ...get().positions, ...positions } }),
        requestFit: () => set({ fitRequest: get().fitRequest + 1 }),
        select: (selection) => set({ selection, also: [] }),
        toggleStep: (id) => {
          const { selection, also } = get();
          if (selection?.kind !== 'step') return set({ selection: { kind: 'step', id }, also: [] });
          if (selection.id === id) return set(also.length > 0 ? { selection: { kind: 'step', id: also[0] as string }, also: also.slice(1) } : { selection: null });
          set({ also: also.includes(id) ? also.filter((x) => x !== id) : [...also, id] });
        },
        focusOn: (target) => set({ selection: target, also: [], focus: { target, n: (get().focus?.n ?? 0) + 1 } }),
        setConnectMode: (connectMode) => set({ connectMode }),

        addStep: (kind, at, name) => {
          if (get().readOnly) return '';
          const id = freshStepId(get().doc, kind);
          set({ positions: { ...get().positions, [id]: at } });
          const step = stepDefaults(kind, id);
          change((doc) => edit.addStep(doc, name === undefined ? step : { ...step, name }));
          set({ selection: { kind: 'step', id } });
          return id;
        },
        updateStep: (id, patch) => {
          change((doc) => edit.updateStep(doc, id, patch));
          if (patch.id !== undefined && patch.id !== id) {
            const { [id]: at, ...rest } = get().positions;
            set({ positions: at === undefined ? rest : { ...rest, [patch.id]: at }, selection: { kind: 'step', id: patch.id } });
          }
        },
        updateRouting: (patch) => change((doc) => edit.updateRouting(doc, patch)),
        connect: (from, to, on) => {
          const doc = get().doc;
          // A transition that closes a loop is a rework loop: bounded from the start.
          const loop = edit.closesLoop(doc, from, to);
          const transition = { from, to, on, ...(loop ? { maxLoops: 3 } : {}) } as RoutingTransition;
          change((d) => edit.addTransition(d, transition));
          set({ selection: { kind: 'transition', index: get().doc.transitions.length - 1 } });
        },
        updateTransition: (index, patch) => change((doc) => edit.updateTransition(doc, index, patch)),
        addQueueTimeLimit: (from, to) => {
          change((doc) => edit.addQueueTimeLimit(doc, { from, to, maxMinutes: 60, onViolation: 'alert' } as QueueTimeLimit));
          set({ selection: { kind: 'queue', index: (get().doc.queueTimeLimits?.length ?? 1) - 1 } });
        },
        updateQueueTimeLimit: (index, patch) => change((doc) => edit.updateQueueTimeLimit(doc, index, patch)),

        removeSelection: () => {
          const s = get().selection;
          if (s === null || s.kind === 'routing') return;
          if (s.kind === 'step') change((doc) => edit.remove(doc, { steps: new Set([s.id, ...get().also]) }));
          if (s.kind === 'transition') change((doc) => edit.remove(doc, { transitions: new Set([s.index]) }));
          if (s.kind === 'queue') change((doc) => edit.remove(doc, { queueTimeLimits: new Set([s.index]) }));
          set({ selection: null, also: [] });
        },
        copySelection: () => {
          const s = get().selection;
          if (s?.kind !== 'step') return null;
          const { doc, positions } = get();
          const ids = new Set([s.id, ...get().also]);
          const inside = (x: { from: string; to: string }): boolean => ids.has(x.from) && ids.has(x.to);
          const steps = doc.steps.filter((x) => ids.has(x.id));
          if (steps.length === 0) return null;
          const at: Record<string, XY> = {};
          for (const id of ids) if (positions[id] !== undefined) at[id] = positions[id] as XY;
          return { steps, transitions: doc.transitions.filter(inside), queueTimeLimits: (doc.queueTimeLimits ?? []).filter(inside), positions: at };
        },
        paste: (fragment) => {
          if (get().readOnly) return;
          const doc = get().doc;
          const renamed = new Map<string, string>();
          const taken = new Set<string>();
          for (const step of fragment.steps) {
            const id = freshStepId(doc, step.id, taken);
            taken.add(id);
            renamed.set(step.id, id);
          }
          const to = (id: string): string => renamed.get(id) ?? id;
          const inside = (x: { from: string; to: string }): boolean => renamed.has(x.from) && renamed.has(x.to);
          const positions: Record<string, XY> = {};
          for (const [id, at] of Object.entries(fragment.positions)) positions[to(id)] = { x: at.x + 40, y: at.y + 40 };
          set({ positions: { ...get().positions, ...positions } });
          const limits = fragment.queueTimeLimits.filter(inside).map((q) => ({ ...q, from: to(q.from), to: to(q.to) }));
          change((d) => ({
            ...d,
            steps: [...d.steps, ...fragment.steps.map((s) => ({ ...s, id: to(s.id) }))],
            transitions: [...d.transitions, ...fragment.transitions.filter(inside).map((t) => ({ ...t, from: to(t.from), to: to(t.to) }))],
            ...(limits.length > 0 ? { queueTimeLimits: [...(d.queueTimeLimits ?? []), ...limits] } : {}),
          }));
          const [first, ...rest] = fragment.steps.map((s) => to(s.id));
          if (first !== undefined) set({ selection: { kind: 'step', id: first }, also: rest });
        },
      };
    },
    { partialize: (state) => ({ doc: state.doc }), equality: (a, b) => a.doc === b.doc, limit: 300 },
  ),
);

export const undo = (): void => useRoutingStore.temporal.getState().undo();
export const redo = (): void => useRoutingStore.temporal.getState().redo();
