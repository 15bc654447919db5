/**
 * Routing validation as an author of a routing sees it: the examples are valid, and every
 * mistake is reported with the JSON pointer of the value at fault and a stable code.
 * Messages in words: routing/finding-messages.test.ts; pointer escaping and canonical JSON:
 * routing/pointers-and-canonical-json.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateRouting } from '../../../definitions/routing/validate';
import { at, EXAMPLES, exampleWith, findingsOf, list, masterData, where, type LooseRouting, type Where } from './routing/kit';

// The SMT example: steps 0..7 are print, spi, mount, reflow, aoi, repair, ict, pack; transitions
// 0 print→spi, 1 spi→mount, 2 spi→print (fail), 3 mount→reflow, 4 reflow→aoi, 5 aoi→ict,
// 6 aoi→repair (fail), 7 repair→aoi, 8 ict→pack, 9 ict→repair (fail); one queue-time limit print→reflow.
const STEP_COUNT = 8;
const TRANSITION_COUNT = 10;
// The FA example: steps board, screen, close, test, repair, pack; transitions 0 board→screen,
// 1 screen→close, 2 close→test, 3 test→pack, 4 test→screen (fail, D-DISPLAY), 5 test→repair (fail), 6 repair→test.
const FA = 'fa-terminal';
// The coating example: steps clean, spray, cure (split), inspect, thickness, rework, touchup, pack (join);
// transitions 0 clean→spray, 1 spray→cure, 2 cure→inspect, 3 cure→thickness, 4 inspect→pack,
// 5 inspect→rework (fail), 6 rework→inspect, 7 thickness→pack, 8 thickness→touchup (fail), 9 touchup→thickness.
const COAT = 'coating-lot';

const step = (r: LooseRouting, i: number): Record<string, unknown> => at(r.steps, i);
const component = (r: LooseRouting, i: number, j: number): Record<string, unknown> => at(list(step(r, i), 'components'), j);
const measurement = (r: LooseRouting, i: number, j: number): Record<string, unknown> => at(list(step(r, i), 'measurements'), j);
const withoutLoopLimit = (t: Record<string, unknown>): void => {
  delete t.maxLoops;
  delete t.onMaxLoops;
};

describe('validateRouting on the shipped examples', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.routing.json'));

  it('when the examples folder is listed, then it holds the SMT, final assembly and coating routings', () => {
    // Arrange / Act: listed above. Assert
    expect(files).toEqual(expect.arrayContaining(['smt-mainboard.routing.json', 'fa-terminal.routing.json', 'coating-lot.routing.json']));
  });

  it.each(files)('when %s is validated, then it is valid and returned unchanged', (file) => {
    // Arrange
    const routing = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as unknown;

    // Act
    const result = validateRouting(routing);

    // Assert
    expect(result).toEqual({ ok: true, value: routing });
  });

  it.each(files)('when %s is validated against the example master data, then it is valid', (file) => {
    // Arrange
    const routing = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as unknown;

    // Act
    const result = validateRouting(routing, { masterData: masterData() });

    // Assert
    expect(result).toEqual({ ok: true, value: routing });
  });
});

describe('validateRouting accepts the optional parts being left out', () => {
  it.each<[string, unknown]>([
    ['the routing has no entry and exactly one step has no incoming transition', exampleWith((r) => delete r.entry, FA)],
    ['the routing has no description', exampleWith((r) => delete r.description)],
    ['the routing names no mode, product models or queue-time limits', exampleWith((r: Record<string, unknown>) => {
      delete r.mode;
      delete r.productModels;
      delete r.queueTimeLimits;
    })],
    [
      'the routing has a single step and no transitions',
      { name: 'One step', steps: [{ id: 'pack', name: 'Pack', kind: 'packaging', stationGroup: 'pack' }], transitions: [] },
    ],
    [
      'the routing uses only the fields of the walking skeleton and has no loop',
      {
        name: 'Bench',
        steps: [
          { id: 'assemble', name: 'Assemble', kind: 'operation', stationGroup: 'bench' },
          { id: 'test', name: 'Test', kind: 'test', stationGroup: 'tester' },
          { id: 'scrap', name: 'Scrap', kind: 'rework', stationGroup: 'bench' },
        ],
        transitions: [
          { from: 'assemble', to: 'test', on: 'pass' },
          { from: 'test', to: 'scrap', on: 'fail' },
        ],
      },
    ],
    ['a step id is 64 characters long', exampleWith((r) => {
      const id = 'p'.repeat(64);
      step(r, 0).id = id;
      r.entry = id;
      at(r.transitions, 0).from = id;
      at(r.transitions, 2).to = id;
      at(r.queueTimeLimits, 0).from = id;
    })],
    ['the last step has a fail transition but no pass transition (it ends the routing on pass)', exampleWith((r) => r.transitions.push({ from: 'pack', to: 'repair', on: 'fail', maxLoops: 1 }))],
    ['a rework loop is bounded on its way back instead of on the fail transition', exampleWith((r) => {
      withoutLoopLimit(at(r.transitions, 6));
      at(r.transitions, 7).maxLoops = 3;
    })],
    ['a component has part numbers for every model and one for a single model', exampleWith((r) => {
      component(r, 1, 0).partNumbers = [{ partNumbers: ['SCR-7IN'] }, { productModel: 'FA-X2', partNumbers: ['SCR-10IN'] }];
    }, FA)],
    ['a measurement gives only an upper limit, or none at all', exampleWith((r) => {
      list(step(r, 6), 'measurements').push({ name: 'Leakage', unit: 'µA', usl: 5 }, { name: 'Firmware checksum', required: false });
    })],
    ['maxMinutes equals standardMinutes', exampleWith((r) => (step(r, 3).maxMinutes = 6))],
    ['a step names a station group the master data lacks, but no master data is given', exampleWith((r) => (step(r, 3).stationGroup = 'smt-oven'))],
    [
      'a split nests inside the branch of another split',
      {
        name: 'Nested branches',
        entry: 'a',
        steps: [
          { id: 'a', name: 'A', kind: 'operation', stationGroup: 'g', split: true },
          { id: 'b', name: 'B', kind: 'operation', stationGroup: 'g', split: true },
          { id: 'b1', name: 'B1', kind: 'operation', stationGroup: 'g' },
          { id: 'b2', name: 'B2', kind: 'operation', stationGroup: 'g' },
          { id: 'bj', name: 'B join', kind: 'operation', stationGroup: 'g', join: true },
          { id: 'c', name: 'C', kind: 'operation', stationGroup: 'g' },
          { id: 'aj', name: 'A join', kind: 'packaging', stationGroup: 'g', join: true },
        ],
        transitions: [
          { from: 'a', to: 'b', on: 'pass' },
          { from: 'a', to: 'c', on: 'pass' },
          { from: 'b', to: 'b1', on: 'pass' },
          { from: 'b', to: 'b2', on: 'pass' },
          { from: 'b1', to: 'bj', on: 'pass' },
          { from: 'b2', to: 'bj', on: 'pass' },
          { from: 'bj', to: 'aj', on: 'pass' },
          { from: 'c', to: 'aj', on: 'pass' },
        ],
      },
    ],
  ])('when %s, then the routing is valid', (_case, routing) => {
    // Act
    const result = validateRouting(routing);

    // Assert
    expect(result).toEqual({ ok: true, value: routing });
  });
});

describe('validateRouting rejects a routing of the wrong shape with the exact findings', () => {
  it.each<[string, unknown, Where[]]>([
    ['the routing is not an object', ['print'], [{ pointer: '', code: 'schema.type' }]],
    ['the routing is null', null, [{ pointer: '', code: 'schema.type' }]],
    ['the name is missing', exampleWith((r) => delete r.name), [{ pointer: '/name', code: 'schema.required' }]],
    ['the name is a number', exampleWith((r) => (r.name = 42)), [{ pointer: '/name', code: 'schema.type' }]],
    ['the name is empty', exampleWith((r) => (r.name = '')), [{ pointer: '/name', code: 'schema.minLength' }]],
    ['the description is 4001 characters long', exampleWith((r) => (r.description = 'x'.repeat(4001))), [{ pointer: '/description', code: 'schema.maxLength' }]],
    ['the steps are missing', exampleWith((r: Record<string, unknown>) => delete r.steps), [{ pointer: '/steps', code: 'schema.required' }]],
    ['the steps are empty', exampleWith((r) => (r.steps = [])), [{ pointer: '/steps', code: 'schema.minItems' }]],
    ['the transitions are missing', exampleWith((r: Record<string, unknown>) => delete r.transitions), [{ pointer: '/transitions', code: 'schema.required' }]],
    ['the transitions are an object', exampleWith((r) => (r.transitions = {} as unknown as LooseRouting['transitions'])), [{ pointer: '/transitions', code: 'schema.type' }]],
    ['a step has an unknown kind', exampleWith((r) => (step(r, 3).kind = 'welding')), [{ pointer: '/steps/3/kind', code: 'schema.enum' }]],
    ['a step id starts with a digit', exampleWith((r) => (step(r, 2).id = '2mount')), [{ pointer: '/steps/2/id', code: 'schema.pattern' }]],
    ['a step id has a space', exampleWith((r) => (step(r, 2).id = 'pick place')), [{ pointer: '/steps/2/id', code: 'schema.pattern' }]],
    ['a step id is 65 characters long', exampleWith((r) => (step(r, 2).id = 'm'.repeat(65))), [{ pointer: '/steps/2/id', code: 'schema.pattern' }]],
    ['a step has no stationGroup', exampleWith((r) => delete step(r, 4).stationGroup), [{ pointer: '/steps/4/stationGroup', code: 'schema.required' }]],
    ['a step name is empty', exampleWith((r) => (step(r, 1).name = '')), [{ pointer: '/steps/1/name', code: 'schema.minLength' }]],
    ['the routing has an unknown property', exampleWith((r) => (r.owner = 'line 3')), [{ pointer: '/owner', code: 'schema.unknown-property' }]],
    ['a step has an unknown property', exampleWith((r) => (step(r, 2).cycleTime = 30)), [{ pointer: '/steps/2/cycleTime', code: 'schema.unknown-property' }]],
    ['a transition has an unknown property', exampleWith((r) => (at(r.transitions, 0).guard = 'x > 1')), [{ pointer: '/transitions/0/guard', code: 'schema.unknown-property' }]],
    ['a transition is on "rework" instead of pass or fail', exampleWith((r) => (at(r.transitions, 2).on = 'rework')), [{ pointer: '/transitions/2/on', code: 'schema.enum' }]],
    ['a transition has no "on"', exampleWith((r) => delete at(r.transitions, 1).on), [{ pointer: '/transitions/1/on', code: 'schema.required' }]],
    ['the entry is not an identifier', exampleWith((r) => (r.entry = 'paste print')), [{ pointer: '/entry', code: 'schema.pattern' }]],
    // The parts added for mixed-model, lot and parallel routings.
    ['the mode is "batch"', exampleWith((r) => (r.mode = 'batch')), [{ pointer: '/mode', code: 'schema.enum' }]],
    ['the product models are an empty list', exampleWith((r) => (r.productModels = [])), [{ pointer: '/productModels', code: 'schema.minItems' }]],
    ['a product model is listed twice', exampleWith((r) => (r.productModels = ['MB-A100', 'MB-A100'])), [{ pointer: '/productModels', code: 'schema.uniqueItems' }]],
    ['a step takes zero standard minutes', exampleWith((r) => (step(r, 3).standardMinutes = 0)), [{ pointer: '/steps/3/standardMinutes', code: 'schema.exclusiveMinimum' }]],
    ['maxMinutes is text', exampleWith((r) => (step(r, 3).maxMinutes = '10')), [{ pointer: '/steps/3/maxMinutes', code: 'schema.type' }]],
    ['split is "yes" instead of true', exampleWith((r) => (step(r, 2).split = 'yes')), [{ pointer: '/steps/2/split', code: 'schema.type' }]],
    ['the instructions have no Chinese text', exampleWith((r) => delete (step(r, 0).instructions as { text: Record<string, unknown> }).text.zh), [{ pointer: '/steps/0/instructions/text/zh', code: 'schema.required' }]],
    ['the attachment is a javascript: URL', exampleWith((r) => ((step(r, 2).instructions as Record<string, unknown>).attachmentUrl = 'javascript:alert(1)')), [{ pointer: '/steps/2/instructions/attachmentUrl', code: 'schema.pattern' }]],
    ['the attachment URL has a space in its host', exampleWith((r) => ((step(r, 2).instructions as Record<string, unknown>).attachmentUrl = 'https://docs example.com/a.pdf')), [{ pointer: '/steps/2/instructions/attachmentUrl', code: 'schema.format' }]],
    ['a component quantity is 0', exampleWith((r) => (component(r, 2, 0).quantity = 0)), [{ pointer: '/steps/2/components/0/quantity', code: 'schema.minimum' }]],
    ['a component quantity is 1.5', exampleWith((r) => (component(r, 2, 1).quantity = 1.5)), [{ pointer: '/steps/2/components/1/quantity', code: 'schema.type' }]],
    ['a component does not say whether the supplier lot is captured', exampleWith((r) => delete component(r, 2, 0).captureSupplierLot), [{ pointer: '/steps/2/components/0/captureSupplierLot', code: 'schema.required' }]],
    ['a component lists no part numbers', exampleWith((r) => (component(r, 2, 0).partNumbers = [])), [{ pointer: '/steps/2/components/0/partNumbers', code: 'schema.minItems' }]],
    ['a part number has a space', exampleWith((r) => (at(list(component(r, 0, 0), 'partNumbers'), 0).partNumbers = ['PCB A100'])), [{ pointer: '/steps/0/components/0/partNumbers/0/partNumbers/0', code: 'schema.pattern' }]],
    ['a step has 201 components', exampleWith((r) => (step(r, 2).components = Array.from({ length: 201 }, () => component(r, 2, 0)))), [{ pointer: '/steps/2/components', code: 'schema.maxItems' }]],
    ['a measurement limit is text', exampleWith((r) => (measurement(r, 6, 0).lsl = 'low')), [{ pointer: '/steps/6/measurements/0/lsl', code: 'schema.type' }]],
    ['a measurement has an unknown property', exampleWith((r) => (measurement(r, 6, 0).tolerance = 0.1)), [{ pointer: '/steps/6/measurements/0/tolerance', code: 'schema.unknown-property' }]],
    ['a measurement name is 101 characters long', exampleWith((r) => (measurement(r, 6, 0).name = 'v'.repeat(101))), [{ pointer: '/steps/6/measurements/0/name', code: 'schema.maxLength' }]],
    ['a step lists a defect code twice', exampleWith((r) => list(step(r, 4), 'defectCodes').push('D-BRIDGE' as unknown as Record<string, unknown>)), [{ pointer: '/steps/4/defectCodes', code: 'schema.uniqueItems' }]],
    ['a pass transition names defect codes', exampleWith((r) => (at(r.transitions, 0).defectCodes = ['D-PASTE'])), [{ pointer: '/transitions/0/defectCodes', code: 'schema.not-allowed' }]],
    ['onMaxLoops is given without maxLoops', exampleWith((r) => delete at(r.transitions, 6).maxLoops), [{ pointer: '/transitions/6/maxLoops', code: 'schema.required' }]],
    ['maxLoops is 0', exampleWith((r) => (at(r.transitions, 6).maxLoops = 0)), [{ pointer: '/transitions/6/maxLoops', code: 'schema.minimum' }]],
    ['onMaxLoops is "rework"', exampleWith((r) => (at(r.transitions, 6).onMaxLoops = 'rework')), [{ pointer: '/transitions/6/onMaxLoops', code: 'schema.enum' }]],
    ['a queue-time limit has no onViolation', exampleWith((r) => delete at(r.queueTimeLimits, 0).onViolation), [{ pointer: '/queueTimeLimits/0/onViolation', code: 'schema.required' }]],
    ['a queue-time limit scraps on violation', exampleWith((r) => (at(r.queueTimeLimits, 0).onViolation = 'scrap')), [{ pointer: '/queueTimeLimits/0/onViolation', code: 'schema.enum' }]],
    ['a queue-time limit is negative', exampleWith((r) => (at(r.queueTimeLimits, 0).maxMinutes = -240)), [{ pointer: '/queueTimeLimits/0/maxMinutes', code: 'schema.exclusiveMinimum' }]],
    [
      'there are three shape mistakes',
      exampleWith((r) => {
        delete r.name;
        step(r, 2).id = '9x';
        at(r.transitions, 0).on = 'maybe';
      }),
      [
        { pointer: '/name', code: 'schema.required' },
        { pointer: '/steps/2/id', code: 'schema.pattern' },
        { pointer: '/transitions/0/on', code: 'schema.enum' },
      ],
    ],
    [
      'the shape is wrong and a transition names no step (meaning is only checked on a good shape)',
      exampleWith((r) => {
        r.name = 42;
        r.transitions.push({ from: 'pack', to: 'ship', on: 'pass' });
      }),
      [{ pointer: '/name', code: 'schema.type' }],
    ],
  ])('when %s, then exactly these findings are reported', (_case, routing, expected) => {
    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(where(findings)).toEqual(expected);
  });
});

describe('validateRouting rejects a routing whose meaning is broken with the exact findings', () => {
  it.each<[string, unknown, Where[]]>([
    // Steps and transitions name each other.
    ['a transition goes to an unknown step', exampleWith((r) => r.transitions.push({ from: 'pack', to: 'ship', on: 'pass' })), [{ pointer: `/transitions/${TRANSITION_COUNT}/to`, code: 'routing.unknown-step' }]],
    ['a transition comes from an unknown step', exampleWith((r) => r.transitions.push({ from: 'xray', to: 'pack', on: 'pass' })), [{ pointer: `/transitions/${TRANSITION_COUNT}/from`, code: 'routing.unknown-step' }]],
    [
      'a transition names unknown steps at both ends',
      exampleWith((r) => r.transitions.push({ from: 'xray', to: 'ship', on: 'fail' })),
      [
        { pointer: `/transitions/${TRANSITION_COUNT}/from`, code: 'routing.unknown-step' },
        { pointer: `/transitions/${TRANSITION_COUNT}/to`, code: 'routing.unknown-step' },
      ],
    ],
    [
      'two steps share an id',
      exampleWith((r) => r.steps.push({ id: 'print', name: 'Second print', kind: 'operation', stationGroup: 'smt-printer' })),
      [{ pointer: `/steps/${STEP_COUNT}/id`, code: 'routing.duplicate-step' }],
    ],
    ['the entry names no step', exampleWith((r) => (r.entry = 'xray')), [{ pointer: '/entry', code: 'routing.unknown-step' }]],
    ['a queue-time limit names an unknown step', exampleWith((r) => (at(r.queueTimeLimits, 0).to = 'oven')), [{ pointer: '/queueTimeLimits/0/to', code: 'routing.unknown-step' }]],
    // The entry.
    ['there is no entry and every step has an incoming transition', exampleWith((r) => delete r.entry), [{ pointer: '/entry', code: 'routing.entry-ambiguous' }]],
    [
      'there is no entry and two steps have no incoming transition',
      exampleWith((r) => {
        delete r.entry;
        r.steps.push({ id: 'label', name: 'Label', kind: 'operation', stationGroup: 'fa-pack' });
        r.transitions.push({ from: 'label', to: 'pack', on: 'pass' });
      }, FA),
      [{ pointer: '/entry', code: 'routing.entry-ambiguous' }],
    ],
    // Where each outcome leads.
    [
      'a step cannot be reached',
      exampleWith((r) => r.steps.push({ id: 'scrap', name: 'Scrap', kind: 'operation', stationGroup: 'scrap' })),
      [{ pointer: `/steps/${STEP_COUNT}`, code: 'routing.unreachable-step' }],
    ],
    [
      'the only ways into the repair step are removed (AOI and ICT then have no fail path either)',
      exampleWith((r) => (r.transitions = r.transitions.filter((t) => t.to !== 'repair'))),
      [
        { pointer: '/steps/4', code: 'routing.no-fail-path' },
        { pointer: '/steps/5', code: 'routing.unreachable-step' },
        { pointer: '/steps/6', code: 'routing.no-fail-path' },
      ],
    ],
    ['a step has two "pass" transitions', exampleWith((r) => r.transitions.push({ from: 'aoi', to: 'pack', on: 'pass' })), [{ pointer: `/transitions/${TRANSITION_COUNT}`, code: 'routing.ambiguous-transition' }]],
    ['a step has the same "fail" transition twice', exampleWith((r) => r.transitions.push({ from: 'spi', to: 'print', on: 'fail' })), [{ pointer: `/transitions/${TRANSITION_COUNT}`, code: 'routing.ambiguous-transition' }]],
    [
      'two fail transitions of a step name the same defect code',
      exampleWith((r) => r.transitions.push({ from: 'test', to: 'repair', on: 'fail', defectCodes: ['D-DISPLAY'], maxLoops: 1 }), FA),
      [{ pointer: '/transitions/7/defectCodes/0', code: 'routing.ambiguous-transition' }],
    ],
    ['a fail transition names a defect code its step does not list', exampleWith((r) => (at(r.transitions, 6).defectCodes = ['D-PASTE'])), [{ pointer: '/transitions/6/defectCodes/0', code: 'routing.defect-code-not-allowed' }]],
    ['the ICT has no fail transition', exampleWith((r) => r.transitions.splice(9, 1)), [{ pointer: '/steps/6', code: 'routing.no-fail-path' }]],
    ['the reflow becomes an inspection without a fail transition', exampleWith((r) => (step(r, 3).kind = 'inspection')), [{ pointer: '/steps/3', code: 'routing.no-fail-path' }]],
    [
      'two steps pass to each other and no step ends the routing',
      {
        name: 'Endless',
        entry: 'a',
        steps: [
          { id: 'a', name: 'A', kind: 'operation', stationGroup: 'g' },
          { id: 'b', name: 'B', kind: 'operation', stationGroup: 'g' },
        ],
        transitions: [
          { from: 'a', to: 'b', on: 'pass' },
          { from: 'b', to: 'a', on: 'pass', maxLoops: 2 },
        ],
      },
      [
        { pointer: '/steps/0', code: 'routing.no-end' },
        { pointer: '/steps/1', code: 'routing.no-end' },
      ],
    ],
    // Loops.
    ['the AOI repair loop has no maxLoops', exampleWith((r) => withoutLoopLimit(at(r.transitions, 6))), [{ pointer: '/transitions/6', code: 'routing.unbounded-loop' }]],
    ['the SPI reprint loop has no maxLoops (the first transition of the loop is named)', exampleWith((r) => withoutLoopLimit(at(r.transitions, 2))), [{ pointer: '/transitions/0', code: 'routing.unbounded-loop' }]],
    [
      'both the AOI and the ICT repair loops have no maxLoops (one loop through aoi, repair and ict)',
      exampleWith((r) => {
        withoutLoopLimit(at(r.transitions, 6));
        withoutLoopLimit(at(r.transitions, 9));
      }),
      [{ pointer: '/transitions/5', code: 'routing.unbounded-loop' }],
    ],
    ['maxLoops is set on a transition outside any loop', exampleWith((r) => (at(r.transitions, 3).maxLoops = 2)), [{ pointer: '/transitions/3/maxLoops', code: 'routing.max-loops-without-loop' }]],
    // Parallel branches.
    ['a split step has a single branch', exampleWith((r) => (step(r, 1).split = true), COAT), [{ pointer: '/steps/1', code: 'routing.unbalanced-split' }]],
    ['the branches of a split never join', exampleWith((r) => delete step(r, 7).join, COAT), [{ pointer: '/steps/2', code: 'routing.unbalanced-split' }]],
    ['the branches of a split meet at different joins', exampleWith((r) => (step(r, 3).join = true), COAT), [{ pointer: '/steps/2', code: 'routing.unbalanced-split' }]],
    [
      'a branch loops back into the split before any join',
      exampleWith((r) => {
        at(r.transitions, 7).to = 'cure';
        at(r.transitions, 7).maxLoops = 1;
      }, COAT),
      [{ pointer: '/steps/2', code: 'routing.unbalanced-split' }],
    ],
    [
      'two splits close at the same join (a retest splits again into the first split\'s join)',
      {
        name: 'Shared join',
        entry: 's1',
        steps: [
          { id: 's1', name: 'Split 1', kind: 'operation', stationGroup: 'g', split: true },
          { id: 'x', name: 'X', kind: 'operation', stationGroup: 'g' },
          { id: 'y', name: 'Y', kind: 'operation', stationGroup: 'g' },
          { id: 'j', name: 'Join', kind: 'operation', stationGroup: 'g', join: true },
          { id: 'test', name: 'Test', kind: 'test', stationGroup: 'g' },
          { id: 's2', name: 'Split 2', kind: 'rework', stationGroup: 'g', split: true },
        ],
        transitions: [
          { from: 's1', to: 'x', on: 'pass' },
          { from: 's1', to: 'y', on: 'pass' },
          { from: 'x', to: 'j', on: 'pass' },
          { from: 'y', to: 'j', on: 'pass' },
          { from: 'j', to: 'test', on: 'pass' },
          { from: 'test', to: 's2', on: 'fail', maxLoops: 1 },
          { from: 's2', to: 'x', on: 'pass' },
          { from: 's2', to: 'y', on: 'pass' },
        ],
      },
      [{ pointer: '/steps/5', code: 'routing.unbalanced-split' }],
    ],
    ['a join step closes no split', exampleWith((r) => (step(r, 7).join = true)), [{ pointer: '/steps/7', code: 'routing.orphan-join' }]],
    [
      'the split flag is forgotten (two pass transitions, and the join closes nothing)',
      exampleWith((r) => delete step(r, 2).split, COAT),
      [
        { pointer: '/transitions/3', code: 'routing.ambiguous-transition' },
        { pointer: '/steps/7', code: 'routing.orphan-join' },
      ],
    ],
    ['a split step has the same branch twice', exampleWith((r) => r.transitions.push({ from: 'cure', to: 'inspect', on: 'pass' }), COAT), [{ pointer: '/transitions/10', code: 'routing.ambiguous-transition' }]],
    // Queue-time limits.
    ['a queue-time limit runs against the flow', exampleWith((r) => r.queueTimeLimits.push({ from: 'pack', to: 'print', maxMinutes: 60, onViolation: 'alert' })), [{ pointer: '/queueTimeLimits/1', code: 'routing.queue-time-unreachable' }]],
    ['a queue-time limit is given twice', exampleWith((r) => r.queueTimeLimits.push({ from: 'print', to: 'reflow', maxMinutes: 300, onViolation: 'alert' })), [{ pointer: '/queueTimeLimits/1', code: 'routing.duplicate-queue-time-limit' }]],
    // What a step asks of the station.
    ['maxMinutes is below standardMinutes', exampleWith((r) => (step(r, 3).maxMinutes = 5)), [{ pointer: '/steps/3/maxMinutes', code: 'routing.max-minutes-below-standard' }]],
    ['the LSL is above the target', exampleWith((r) => (measurement(r, 6, 0).lsl = 3.5)), [{ pointer: '/steps/6/measurements/0', code: 'routing.measurement-limits' }]],
    ['the target is above the USL', exampleWith((r) => (measurement(r, 6, 2).target = 60)), [{ pointer: '/steps/6/measurements/2', code: 'routing.measurement-limits' }]],
    ['the LSL equals the USL', exampleWith((r) => (step(r, 1).measurements = [{ name: 'Paste height', unit: 'µm', lsl: 120, usl: 120 }])), [{ pointer: '/steps/1/measurements/0', code: 'routing.measurement-limits' }]],
    ['a step measures the same name twice', exampleWith((r) => list(step(r, 6), 'measurements').push({ name: '3V3 rail', unit: 'V' })), [{ pointer: '/steps/6/measurements/3/name', code: 'routing.duplicate-measurement' }]],
    [
      'a component lists part numbers for a model twice (and so none for the other)',
      exampleWith((r) => (at(list(component(r, 0, 0), 'partNumbers'), 1).productModel = 'MB-A100')),
      [
        { pointer: '/steps/0/components/0/partNumbers/1', code: 'routing.duplicate-component-model' },
        { pointer: '/steps/0/components/0/partNumbers', code: 'routing.component-model-missing' },
      ],
    ],
    ['the battery has no part for the X2', exampleWith((r) => list(component(r, 1, 1), 'partNumbers').pop(), FA), [{ pointer: '/steps/1/components/1/partNumbers', code: 'routing.component-model-missing' }]],
    [
      "a component names a model that is not one of the routing's",
      exampleWith((r) => (at(list(component(r, 1, 0), 'partNumbers'), 1).productModel = 'MB-A100'), FA),
      [
        { pointer: '/steps/1/components/0/partNumbers/1/productModel', code: 'routing.product-model-not-in-routing' },
        { pointer: '/steps/1/components/0/partNumbers', code: 'routing.component-model-missing' },
      ],
    ],
    [
      'there are several mistakes of meaning',
      exampleWith((r) => {
        r.steps.push({ id: 'spi', name: 'Second SPI', kind: 'inspection', stationGroup: 'smt-spi' });
        r.transitions.push({ from: 'pack', to: 'ship', on: 'pass' });
        r.transitions.push({ from: 'print', to: 'mount', on: 'pass' });
        withoutLoopLimit(at(r.transitions, 6));
        step(r, 3).maxMinutes = 1;
      }),
      [
        { pointer: `/steps/${STEP_COUNT}/id`, code: 'routing.duplicate-step' },
        { pointer: `/transitions/${TRANSITION_COUNT}/to`, code: 'routing.unknown-step' },
        { pointer: `/transitions/${TRANSITION_COUNT + 1}`, code: 'routing.ambiguous-transition' },
        { pointer: '/transitions/6', code: 'routing.unbounded-loop' },
        { pointer: '/steps/3/maxMinutes', code: 'routing.max-minutes-below-standard' },
      ],
    ],
  ])('when %s, then exactly these findings are reported', (_case, routing, expected) => {
    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(where(findings)).toEqual(expected);
  });
});

describe('validateRouting checks references against the master data when it is given', () => {
  it.each<[string, unknown, Where[]]>([
    ['a step names an unknown station group', exampleWith((r) => (step(r, 3).stationGroup = 'smt-oven')), [{ pointer: '/steps/3/stationGroup', code: 'routing.unknown-station-group' }]],
    ['a component names an unknown part', exampleWith((r) => (at(list(component(r, 2, 1), 'partNumbers'), 0).partNumbers = ['CAP-100N-0603'])), [{ pointer: '/steps/2/components/1/partNumbers/0/partNumbers/0', code: 'routing.unknown-part' }]],
    ['a step lists an unknown defect code', exampleWith((r) => list(step(r, 4), 'defectCodes').push('D-VOID' as unknown as Record<string, unknown>)), [{ pointer: '/steps/4/defectCodes/5', code: 'routing.unknown-defect-code' }]],
    [
      'a fail transition names an unknown defect code and its step lists none',
      exampleWith((r) => {
        delete step(r, 4).defectCodes;
        at(r.transitions, 6).defectCodes = ['D-VOID'];
      }),
      [{ pointer: '/transitions/6/defectCodes/0', code: 'routing.unknown-defect-code' }],
    ],
    ['the routing names an unknown product model', exampleWith((r) => (r.productModels = ['PNL-C99']), COAT), [{ pointer: '/productModels/0', code: 'routing.unknown-product-model' }]],
    [
      'a component names an unknown product model and the routing lists none',
      exampleWith((r) => {
        delete r.productModels;
        at(list(component(r, 0, 0), 'partNumbers'), 1).productModel = 'MB-Z900';
      }),
      [{ pointer: '/steps/0/components/0/partNumbers/1/productModel', code: 'routing.unknown-product-model' }],
    ],
    [
      'a routing has several unknown references (reported in document order)',
      exampleWith((r) => {
        r.productModels = ['PNL-C10', 'PNL-C99'];
        at(list(component(r, 1, 0), 'partNumbers'), 0).partNumbers = ['COAT-UR-9'];
        list(step(r, 3), 'defectCodes').push('D-NOISE' as unknown as Record<string, unknown>);
        step(r, 7).stationGroup = 'coat-box';
      }, COAT),
      [
        { pointer: '/productModels/1', code: 'routing.unknown-product-model' },
        { pointer: '/steps/1/components/0/partNumbers/0/partNumbers/0', code: 'routing.unknown-part' },
        { pointer: '/steps/3/defectCodes/3', code: 'routing.unknown-defect-code' },
        { pointer: '/steps/7/stationGroup', code: 'routing.unknown-station-group' },
      ],
    ],
  ])('when %s, then exactly these findings are reported', (_case, routing, expected) => {
    // Act
    const findings = findingsOf(routing, { masterData: masterData() });

    // Assert
    expect(where(findings)).toEqual(expected);
  });

  it('when the master data is not given, then references are not checked', () => {
    // Arrange
    const routing = exampleWith((r) => (at(list(component(r, 2, 1), 'partNumbers'), 0).partNumbers = ['CAP-100N-0603']));

    // Act
    const result = validateRouting(routing);

    // Assert
    expect(result).toEqual({ ok: true, value: routing });
  });
});
