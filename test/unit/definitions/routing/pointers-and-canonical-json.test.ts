/**
 * Findings point at the value at fault with RFC 6901 JSON pointers, and definitions are hashed
 * over canonical JSON (keys sorted at every depth).
 */
import type { Routing } from '../../../../definitions/routing/schema';
import { canonicalJson } from '../../../../definitions/validation/finding';
import { exampleRouting } from '../../../support/fixtures';
import { at, exampleWith, findingsOf, where, type LooseRouting } from './kit';

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
    // Arrange: every object of the SMT example with its keys in reverse order.
    const routing: Routing = exampleRouting();
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
    };
    const reordered = reversed(routing);

    // Act
    const a = canonicalJson(routing);
    const b = canonicalJson(reordered);

    // Assert
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(routing));
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
