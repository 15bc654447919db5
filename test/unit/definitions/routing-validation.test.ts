/**
 * Routing validation as an author of a routing sees it: the examples are valid, and every
 * mistake is reported with the JSON pointer of the value at fault and a stable code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateRouting } from '../../../definitions/routing/validate';
import type { Routing } from '../../../definitions/routing/schema';
import { canonicalJson, type Finding } from '../../../definitions/validation/finding';
import { exampleRouting } from '../../support/fixtures';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'definitions', 'examples');

/** A routing as loose JSON, so a test can break it in ways the Routing type forbids. */
interface LooseRouting {
  [key: string]: unknown;
  steps: Array<Record<string, unknown>>;
  transitions: Array<Record<string, unknown>>;
}

/** The SMT example with one mistake made by `change`. */
function exampleWith(change: (routing: LooseRouting) => void): unknown {
  const routing = exampleRouting() as unknown as LooseRouting;
  change(routing);
  return routing;
}

function at<T>(items: T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`fixture has no item ${index}`);
  return item;
}

function findingsOf(value: unknown): Finding[] {
  const result = validateRouting(value);
  if (result.ok) throw new Error('expected the routing to be rejected, but it was accepted');
  return result.findings;
}

const where = (findings: Finding[]): Array<Pick<Finding, 'pointer' | 'code'>> => findings.map(({ pointer, code }) => ({ pointer, code }));

// The SMT example: steps 0..7 are print, spi, mount, reflow, aoi, repair, ict, pack; it has 10 transitions.
const STEP_COUNT = 8;
const TRANSITION_COUNT = 10;

describe('validateRouting on the shipped examples', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.routing.json'));

  it('when the examples folder is listed, then it holds at least one routing example', () => {
    // Arrange / Act: listed above. Assert
    expect(files).toContain('smt-mainboard.routing.json');
  });

  it.each(files)('when %s is validated, then it is valid and returned unchanged', (file) => {
    // Arrange
    const routing = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as unknown;

    // Act
    const result = validateRouting(routing);

    // Assert
    expect(result).toEqual({ ok: true, value: routing });
  });
});

describe('validateRouting accepts the optional parts being left out', () => {
  it.each<[string, unknown]>([
    ['the routing has no entry (the first step is the entry)', exampleWith((r) => delete r.entry)],
    ['the routing has no description', exampleWith((r) => delete r.description)],
    [
      'the routing has a single step and no transitions',
      { name: 'One step', steps: [{ id: 'pack', name: 'Pack', kind: 'packaging', stationGroup: 'pack' }], transitions: [] },
    ],
    ['a step id is 64 characters long', exampleWith((r) => {
      const id = 'p'.repeat(64);
      at(r.steps, 0).id = id;
      r.entry = id;
      at(r.transitions, 0).from = id;
      at(r.transitions, 2).to = id;
    })],
  ])('when %s, then the routing is valid', (_case, routing) => {
    // Act
    const result = validateRouting(routing);

    // Assert
    expect(result).toEqual({ ok: true, value: routing });
  });
});

describe('validateRouting rejects a broken routing with the exact findings', () => {
  it.each<[string, unknown, Array<Pick<Finding, 'pointer' | 'code'>>]>([
    // The shape (JSON Schema).
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
    ['a step has an unknown kind', exampleWith((r) => (at(r.steps, 3).kind = 'welding')), [{ pointer: '/steps/3/kind', code: 'schema.enum' }]],
    ['a step id starts with a digit', exampleWith((r) => (at(r.steps, 2).id = '2mount')), [{ pointer: '/steps/2/id', code: 'schema.pattern' }]],
    ['a step id has a space', exampleWith((r) => (at(r.steps, 2).id = 'pick place')), [{ pointer: '/steps/2/id', code: 'schema.pattern' }]],
    ['a step id is 65 characters long', exampleWith((r) => (at(r.steps, 2).id = 'm'.repeat(65))), [{ pointer: '/steps/2/id', code: 'schema.pattern' }]],
    ['a step has no stationGroup', exampleWith((r) => delete at(r.steps, 4).stationGroup), [{ pointer: '/steps/4/stationGroup', code: 'schema.required' }]],
    ['a step name is empty', exampleWith((r) => (at(r.steps, 1).name = '')), [{ pointer: '/steps/1/name', code: 'schema.minLength' }]],
    ['the routing has an unknown property', exampleWith((r) => (r.owner = 'line 3')), [{ pointer: '/owner', code: 'schema.unknown-property' }]],
    ['a step has an unknown property', exampleWith((r) => (at(r.steps, 2).cycleTime = 30)), [{ pointer: '/steps/2/cycleTime', code: 'schema.unknown-property' }]],
    ['a transition has an unknown property', exampleWith((r) => (at(r.transitions, 0).guard = 'x > 1')), [{ pointer: '/transitions/0/guard', code: 'schema.unknown-property' }]],
    ['a transition is on "rework" instead of pass or fail', exampleWith((r) => (at(r.transitions, 2).on = 'rework')), [{ pointer: '/transitions/2/on', code: 'schema.enum' }]],
    ['a transition has no "on"', exampleWith((r) => delete at(r.transitions, 1).on), [{ pointer: '/transitions/1/on', code: 'schema.required' }]],
    ['the entry is not an identifier', exampleWith((r) => (r.entry = 'paste print')), [{ pointer: '/entry', code: 'schema.pattern' }]],
    [
      'there are three shape mistakes',
      exampleWith((r) => {
        delete r.name;
        at(r.steps, 2).id = '9x';
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
    // The meaning (semantic checks).
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
    [
      'a step cannot be reached',
      exampleWith((r) => r.steps.push({ id: 'scrap', name: 'Scrap', kind: 'operation', stationGroup: 'scrap' })),
      [{ pointer: `/steps/${STEP_COUNT}`, code: 'routing.unreachable-step' }],
    ],
    [
      'the only way into the repair step is removed',
      exampleWith((r) => (r.transitions = r.transitions.filter((t) => t.to !== 'repair'))),
      [{ pointer: '/steps/5', code: 'routing.unreachable-step' }],
    ],
    [
      'a step has two "pass" transitions',
      exampleWith((r) => r.transitions.push({ from: 'aoi', to: 'pack', on: 'pass' })),
      [{ pointer: `/transitions/${TRANSITION_COUNT}`, code: 'routing.ambiguous-transition' }],
    ],
    [
      'a step has the same "fail" transition twice',
      exampleWith((r) => r.transitions.push({ from: 'spi', to: 'print', on: 'fail' })),
      [{ pointer: `/transitions/${TRANSITION_COUNT}`, code: 'routing.ambiguous-transition' }],
    ],
    ['the entry names no step', exampleWith((r) => (r.entry = 'xray')), [{ pointer: '/entry', code: 'routing.unknown-step' }]],
    [
      'there are several mistakes of meaning',
      exampleWith((r) => {
        r.steps.push({ id: 'spi', name: 'Second SPI', kind: 'inspection', stationGroup: 'smt-spi' });
        r.transitions.push({ from: 'pack', to: 'ship', on: 'pass' });
        r.transitions.push({ from: 'print', to: 'mount', on: 'pass' });
      }),
      [
        { pointer: `/steps/${STEP_COUNT}/id`, code: 'routing.duplicate-step' },
        { pointer: `/transitions/${TRANSITION_COUNT}/to`, code: 'routing.unknown-step' },
        { pointer: `/transitions/${TRANSITION_COUNT + 1}`, code: 'routing.ambiguous-transition' },
      ],
    ],
  ])('when %s, then exactly these findings are reported', (_case, routing, expected) => {
    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(where(findings)).toEqual(expected);
  });
});

describe('validateRouting explains semantic findings in words', () => {
  it('when the entry names no step, then the finding quotes the name', () => {
    // Arrange
    const routing = exampleWith((r) => (r.entry = 'xray'));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([{ pointer: '/entry', code: 'routing.unknown-step', message: 'entry names no step: "xray"', messageZh: '入口工序不存在："xray"' }]);
  });

  it('when a step cannot be reached, then the finding names the step and the entry step', () => {
    // Arrange
    const routing = exampleWith((r) => r.steps.push({ id: 'scrap', name: 'Scrap', kind: 'operation', stationGroup: 'scrap' }));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([
      { pointer: '/steps/8', code: 'routing.unreachable-step', message: 'step "scrap" cannot be reached from the entry step "print"', messageZh: '从入口工序 "print" 无法到达工序 "scrap"' },
    ]);
  });

  it('when there is no entry, then reachability is judged from the first listed step', () => {
    // Arrange: pack first and no entry, so nothing else can be reached (pack has no transitions).
    const routing = exampleWith((r) => {
      delete r.entry;
      r.steps.reverse();
    });

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(where(findings)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((i) => ({ pointer: `/steps/${i}`, code: 'routing.unreachable-step' })),
    );
    expect(findings[0]?.message).toBe('step "ict" cannot be reached from the entry step "pack"');
  });

  it('when a step has two "pass" transitions, then the finding names the step and the outcome', () => {
    // Arrange
    const routing = exampleWith((r) => r.transitions.push({ from: 'aoi', to: 'pack', on: 'pass' }));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([
      { pointer: '/transitions/10', code: 'routing.ambiguous-transition', message: 'step "aoi" has more than one "pass" transition', messageZh: '工序 "aoi" 有多个 "pass" 流转' },
    ]);
  });
});

describe('JSON pointers in findings are escaped (RFC 6901)', () => {
  it.each<[string, (r: LooseRouting) => void, string]>([
    ['a root property name contains "/"', (r) => (r['line/cell'] = 1), '/line~1cell'],
    ['a root property name contains "~"', (r) => (r['a~b'] = 1), '/a~0b'],
    ['a root property name contains both "~" and "/"', (r) => (r['~/'] = 1), '/~0~1'],
    ['a step property name contains "/"', (r) => (at(r.steps, 0)['takt/time'] = 30), '/steps/0/takt~1time'],
    ['a transition property name contains "~1"', (r) => (at(r.transitions, 3)['x~1'] = true), '/transitions/3/x~01'],
  ])('when %s, then the unknown-property pointer escapes it', (_case, change, expectedPointer) => {
    // Arrange
    const routing = exampleWith(change);

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(where(findings)).toEqual([{ pointer: expectedPointer, code: 'schema.unknown-property' }]);
  });

  it('when a property name needs escaping, then the message still shows the name unescaped', () => {
    // Arrange
    const routing = exampleWith((r) => (r['line/cell'] = 1));

    // Act
    const findings = findingsOf(routing);

    // Assert
    expect(findings).toEqual([{ pointer: '/line~1cell', code: 'schema.unknown-property', message: 'line/cell is not a known property', messageZh: 'line/cell 不是可识别的属性' }]);
  });
});

describe('canonicalJson', () => {
  it('when an object has unsorted keys at several depths, then every level comes out sorted', () => {
    // Arrange
    const value = { b: 1, a: { d: [{ z: 1, y: { q: true, p: null } }], c: 'x' } };

    // Act
    const json = canonicalJson(value);

    // Assert
    expect(json).toBe('{"a":{"c":"x","d":[{"y":{"p":null,"q":true},"z":1}]},"b":1}');
  });

  it('when two values differ only in key order, then their canonical JSON is identical', () => {
    // Arrange
    const routing: Routing = exampleRouting();
    const reordered = JSON.parse(
      JSON.stringify({
        transitions: routing.transitions.map((t) => ({ on: t.on, to: t.to, from: t.from })),
        steps: routing.steps.map((s) => ({ stationGroup: s.stationGroup, kind: s.kind, name: s.name, id: s.id })),
        entry: routing.entry,
        description: routing.description,
        name: routing.name,
      }),
    ) as unknown;

    // Act
    const a = canonicalJson(routing);
    const b = canonicalJson(reordered);

    // Assert
    expect(b).toBe(a);
    expect(canonicalJson(routing)).toBe(a);
  });

  it('when keys look like integers, then they are sorted as strings like every other key', () => {
    // Arrange: JSON.stringify would list "9" before "10" (integer-like keys come first in JS).
    const value = { b: 1, '10': 2, '9': 3, a: { '2': 0, '10': 1 } };

    // Act
    const json = canonicalJson(value);

    // Assert
    expect(json).toBe('{"10":2,"9":3,"a":{"10":1,"2":0},"b":1}');
  });

  it('when an array is given, then its order is kept (only object keys are sorted)', () => {
    // Arrange
    const value = { list: ['b', 'a', { d: 1, c: 2 }] };

    // Act
    const json = canonicalJson(value);

    // Assert
    expect(json).toBe('{"list":["b","a",{"c":2,"d":1}]}');
  });

  it('when a value is written canonically, then it parses back to an equal value and the input is left as it was', () => {
    // Arrange
    const value = { z: [1, { y: 2, x: 3 }], a: 'text' };
    const before = JSON.stringify(value);

    // Act
    const json = canonicalJson(value);

    // Assert
    expect(JSON.parse(json)).toEqual(value);
    expect(JSON.stringify(value)).toBe(before);
  });
});
