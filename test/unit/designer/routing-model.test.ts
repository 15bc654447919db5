/**
 * The routing designer's model (designer/src/routing/model, flow/mapping.ts): pure edits, live
 * validation mapped onto the canvas, the visual diff, and the derivation of React Flow's nodes.
 */
import type { MasterData } from '../../../definitions/master-data/schema';
import type { Routing } from '../../../definitions/routing/schema';
import masterData from '../../../definitions/examples/plant-1.master-data.json';
import fa from '../../../definitions/examples/fa-terminal.routing.json';
import { deriveEdges, deriveNodes, selectionOfEdge } from '../../../designer/src/routing/flow/mapping';
import { buildDiffView, changesOfStep } from '../../../designer/src/routing/model/diff-view';
import { closesLoop, remove, updateStep } from '../../../designer/src/routing/model/edit';
import { freshStepId, queueLimitIds, transitionIds } from '../../../designer/src/routing/model/ids';
import { problemsOf } from '../../../designer/src/routing/model/problems';

const FA = fa as unknown as Routing;
const MD = masterData as unknown as MasterData;
const clone = (r: Routing): Routing => JSON.parse(JSON.stringify(r)) as Routing;

describe('editing a routing', () => {
  it('when a step is renamed, then its transitions, queue-time limits and the entry follow it', () => {
    const renamed = updateStep(FA, 'screen', { id: 'display' });
    expect(renamed.steps.map((s) => s.id)).toContain('display');
    expect(renamed.transitions.filter((t) => t.from === 'screen' || t.to === 'screen')).toEqual([]);
    expect(renamed.transitions.filter((t) => t.to === 'display').map((t) => t.from).sort()).toEqual(['board', 'test']);
    expect(renamed.queueTimeLimits?.[0]?.from).toBe('display');
    expect(updateStep(FA, 'board', { id: 'mainboard' }).entry).toBe('mainboard');
    expect(problemsOf(renamed, MD).list).toEqual([]);
  });

  it('when a step is removed, then its transitions and queue-time limits go with it and the rest is untouched', () => {
    const without = remove(FA, { steps: new Set(['screen']) });
    expect(without.steps.some((s) => s.id === 'screen')).toBe(false);
    expect(without.transitions.some((t) => t.from === 'screen' || t.to === 'screen')).toBe(false);
    expect(without.queueTimeLimits).toBeUndefined();
    expect(FA.steps.some((s) => s.id === 'screen')).toBe(true);
  });

  it('when a connection leads back to where it came from, then it is recognised as a loop', () => {
    expect(closesLoop(FA, 'pack', 'board')).toBe(true);
    expect(closesLoop(FA, 'board', 'pack')).toBe(false);
    expect(closesLoop(FA, 'test', 'test')).toBe(true);
  });

  it('when steps of a kind are added, then each gets an id of its own', () => {
    expect(freshStepId(FA, 'operation')).toBe('operation');
    expect(freshStepId(FA, 'test')).toBe('test-2');
    expect(freshStepId(FA, 'test', new Set(['test-2']))).toBe('test-3');
  });
});

describe('live validation on the canvas', () => {
  it('when an inspection has no fail path and a station group is unknown, then both problems sit on their step', () => {
    const r = clone(FA);
    r.steps.push({ id: 'aoi', name: 'AOI', kind: 'inspection', stationGroup: 'nowhere' });
    r.transitions.push({ from: 'pack', to: 'aoi', on: 'pass' });
    const problems = problemsOf(r, MD);
    expect(problems.list.map((p) => [p.code, p.target])).toEqual(
      expect.arrayContaining([
        ['routing.no-fail-path', { kind: 'step', id: 'aoi' }],
        ['routing.unknown-station-group', { kind: 'step', id: 'aoi' }],
      ]),
    );
    expect([...problems.steps]).toEqual(['aoi']);
  });

  it('when a loop has no limit, then the problem sits on the transition that closes it', () => {
    const r = clone(FA);
    r.transitions = r.transitions.map((t) => (t.from === 'test' && t.to === 'repair' ? { from: t.from, to: t.to, on: t.on } : t));
    const problems = problemsOf(r, MD);
    const loop = problems.list.find((p) => p.code === 'routing.unbounded-loop');
    expect(loop?.target.kind).toBe('transition');
    const edges = deriveEdges({ doc: r, positions: {}, problems, readOnly: false }, null);
    expect(edges.filter((e) => e.data?.problem).map((e) => e.id)).toHaveLength(1);
  });

  it('when the schema is broken, then the finding is still placed (on the step, or on the routing)', () => {
    const r = clone(FA);
    (r.steps[0] as { name: string }).name = '';
    const problems = problemsOf(r, null);
    expect(problems.list[0]?.target).toEqual({ kind: 'step', id: 'board' });
    expect(problemsOf({ ...r, name: '' }, null).list.some((p) => p.target.kind === 'routing')).toBe(true);
  });
});

describe('mapping the model to the canvas', () => {
  it('when one step changes, then every other node keeps its object (no re-render) and edges keep stable ids', () => {
    const problems = problemsOf(FA, MD);
    const first = deriveNodes({ doc: FA, positions: {}, problems, readOnly: false }, []);
    const edited = updateStep(FA, 'close', { name: 'Housing close and seal' });
    const second = deriveNodes({ doc: edited, positions: {}, problems: problemsOf(edited, MD), readOnly: false }, first);
    expect(second.filter((n, i) => n !== first[i]).map((n) => n.id)).toEqual(['close']);
    const edges = deriveEdges({ doc: FA, positions: {}, problems, readOnly: false }, null);
    expect(edges.map((e) => e.id)).toEqual([...transitionIds(FA).map((id) => id), ...queueLimitIds(FA)]);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
    expect(edges.find((e) => e.id === 't-test-repair-fail')?.data?.style).toBe('rework');
    expect(edges.find((e) => e.id === 't-test-screen-fail')?.data?.style).toBe('rework');
    expect(edges.find((e) => e.id === 'q-screen-test')?.data?.style).toBe('queue');
    expect(selectionOfEdge(FA, 't-test-repair-fail')).toEqual({ kind: 'transition', index: 5 });
  });
});

describe('the visual diff of two versions', () => {
  it('when a step was changed, one removed and one added, then each is marked and the removed one is still drawn', () => {
    const after = clone(FA);
    (after.steps.find((s) => s.id === 'test') as { maxMinutes?: number }).maxMinutes = 12;
    after.steps = after.steps.filter((s) => s.id !== 'close');
    after.transitions = after.transitions.filter((t) => t.from !== 'close' && t.to !== 'close');
    after.transitions.push({ from: 'screen', to: 'label', on: 'pass' }, { from: 'label', to: 'test', on: 'pass' });
    after.steps.push({ id: 'label', name: 'Label', kind: 'operation', stationGroup: 'fa-close' });

    const view = buildDiffView(FA, after);

    expect(Object.fromEntries(view.marks.steps)).toEqual({ test: 'changed', close: 'removed', label: 'added' });
    expect(view.doc.steps.map((s) => s.id)).toContain('close');
    const removedEdges = [...view.marks.transitions].filter(([, op]) => op === 'removed').map(([i]) => view.doc.transitions[i]);
    expect(removedEdges.map((t) => `${t?.from}>${t?.to}`).sort()).toEqual(['close>test', 'screen>close']);
    expect(changesOfStep(view.diff, 'test')[0]?.fields).toEqual([{ pointer: '/maxMinutes', before: 10, after: 12 }]);
  });
});
