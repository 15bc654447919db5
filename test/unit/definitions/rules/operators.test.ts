/**
 * The operator registry: json-rules-engine's built-ins with their semantics, tested from tables,
 * so issue 7 can register exactly these functions with engine.addOperator.
 */
import { FACT_VALUE_TYPES, type FactValueType } from '../../../../definitions/rules/facts';
import { expectedValue, isOfType, OPERATOR_NAMES, OPERATORS, operatorByName, valueFits, type OperatorName } from '../../../../definitions/rules/operators';

/** json-rules-engine's built-in operators (src/engine-default-operators.js). */
const JSON_RULES_ENGINE_BUILT_INS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

describe('the operator registry', () => {
  it("when it is listed, then it holds exactly json-rules-engine's built-in operators", () => {
    // Act
    const names = Object.keys(OPERATORS);

    // Assert
    expect([...names].sort()).toEqual([...JSON_RULES_ENGINE_BUILT_INS].sort());
    expect([...OPERATOR_NAMES].sort()).toEqual([...names].sort());
  });

  it.each(OPERATOR_NAMES)('when %s is looked up, then its entry carries its own name, a symbol and labels in both languages', (name) => {
    // Act
    const spec = operatorByName(name);

    // Assert
    expect(spec?.name).toBe(name);
    expect(spec?.symbol).not.toBe('');
    expect(spec?.labels.en).not.toBe('');
    expect(spec?.labels.zh).not.toBe('');
  });

  it.each(['greaterThanOrEqual', 'gt', 'constructor', 'toString', '__proto__', 'hasOwnProperty', ''])('when "%s" is looked up, then it is not an operator', (name) => {
    // Act
    const spec = operatorByName(name);

    // Assert
    expect(spec).toBeUndefined();
  });

  it.each<[OperatorName, string[], string]>([
    ['equal', ['number', 'integer', 'boolean'], 'same'],
    ['notEqual', ['number', 'integer', 'boolean'], 'same'],
    ['lessThan', ['number', 'integer'], 'same'],
    ['lessThanInclusive', ['number', 'integer'], 'same'],
    ['greaterThan', ['number', 'integer'], 'same'],
    ['greaterThanInclusive', ['number', 'integer'], 'same'],
    ['in', ['number', 'integer', 'boolean'], 'list'],
    ['notIn', ['number', 'integer', 'boolean'], 'list'],
    ['contains', ['list'], 'element'],
    ['doesNotContain', ['list'], 'element'],
  ])('when %s is asked what it applies to, then it is %j with a "%s" value', (name, appliesTo, value) => {
    // Act
    const spec = OPERATORS[name];

    // Assert
    expect(spec.appliesTo).toEqual(appliesTo);
    expect(spec.value).toBe(value);
  });
});

describe('every operator evaluates like json-rules-engine, without coercion and without throwing', () => {
  it.each<[OperatorName, unknown, unknown, boolean]>([
    ['equal', 2, 2, true],
    ['equal', 2, 3, false],
    ['equal', true, true, true],
    ['equal', true, false, false],
    ['equal', 2, '2', false],
    ['equal', 0, false, false],
    ['equal', undefined, null, false],
    ['notEqual', 2, 3, true],
    ['notEqual', 2, 2, false],
    ['notEqual', false, true, true],
    ['notEqual', 2, '2', true],
    ['lessThan', 1, 2, true],
    ['lessThan', 2, 2, false],
    ['lessThan', 3, 2, false],
    ['lessThan', -0.5, 0, true],
    ['lessThan', '1', 2, false],
    ['lessThan', null, 2, false],
    ['lessThan', undefined, 2, false],
    ['lessThan', NaN, 2, false],
    ['lessThan', 1, '2', false],
    ['lessThanInclusive', 2, 2, true],
    ['lessThanInclusive', 1.99, 2, true],
    ['lessThanInclusive', 2.01, 2, false],
    ['lessThanInclusive', true, 2, false],
    ['greaterThan', 2.01, 2, true],
    ['greaterThan', 2, 2, false],
    ['greaterThan', 1, 2, false],
    ['greaterThan', Infinity, 2, false],
    ['greaterThan', '3', 2, false],
    ['greaterThanInclusive', 3, 3, true],
    ['greaterThanInclusive', 4, 3, true],
    ['greaterThanInclusive', 2, 3, false],
    ['greaterThanInclusive', 3, null, false],
    ['in', 2, [1, 2, 3], true],
    ['in', 4, [1, 2, 3], false],
    ['in', true, [true], true],
    ['in', 2, ['2'], false],
    ['in', 2, [], false],
    ['in', 2, 2, false],
    ['in', NaN, [NaN], false],
    ['notIn', 4, [1, 2, 3], true],
    ['notIn', 2, [1, 2, 3], false],
    ['notIn', 2, ['2'], true],
    ['notIn', 2, [], true],
    ['notIn', 2, 2, false],
    ['contains', ['D-BRIDGE', 'D-OPEN'], 'D-OPEN', true],
    ['contains', ['D-BRIDGE'], 'D-OPEN', false],
    ['contains', [1, 2], 2, true],
    ['contains', 'D-OPEN', 'OPEN', false],
    ['contains', null, 'x', false],
    ['doesNotContain', ['D-BRIDGE'], 'D-OPEN', true],
    ['doesNotContain', ['D-BRIDGE', 'D-OPEN'], 'D-OPEN', false],
    ['doesNotContain', [], 'x', true],
    ['doesNotContain', 'D-OPEN', 'X', false],
    ['doesNotContain', undefined, 'x', false],
  ])('when %s compares %j with %j, then it is %s', (name, factValue, value, expected) => {
    // Act
    const result = OPERATORS[name].evaluate(factValue, value);

    // Assert
    expect(result).toBe(expected);
  });

  it('when every operator is given nonsense, then none of them throws', () => {
    // Arrange
    const nonsense = [undefined, null, {}, 'x', Symbol('s'), () => 1];

    // Act
    const run = (): void => {
      for (const name of OPERATOR_NAMES) for (const a of nonsense) for (const b of nonsense) OPERATORS[name].evaluate(a, b);
    };

    // Assert
    expect(run).not.toThrow();
  });
});

describe('the value an operator expects for a fact', () => {
  it.each<[OperatorName, FactValueType, unknown, boolean]>([
    ['greaterThan', 'number', 2, true],
    ['greaterThan', 'number', 2.5, true],
    ['greaterThan', 'number', '2', false],
    ['greaterThan', 'integer', 3, true],
    ['greaterThan', 'integer', 2.5, false],
    ['equal', 'boolean', true, true],
    ['equal', 'boolean', 'true', false],
    ['equal', 'boolean', 1, false],
    ['in', 'integer', [1, 2], true],
    ['in', 'integer', [1, 2.5], false],
    ['in', 'integer', [], false],
    ['in', 'number', 3, false],
    ['notIn', 'boolean', [false], true],
    ['notIn', 'number', ['1'], false],
    ['contains', 'number', 'D-OPEN', true],
    ['contains', 'number', ['D-OPEN'], false],
  ])('when %s is used on a %s fact with %j, then the value fits: %s', (name, type, value, expected) => {
    // Act
    const fits = valueFits(OPERATORS[name], type, value);

    // Assert
    expect(fits).toBe(expected);
  });

  it.each<[FactValueType, unknown, boolean]>([
    ['number', 0, true],
    ['number', -1.5, true],
    ['number', NaN, false],
    ['integer', 10, true],
    ['integer', 10.1, false],
    ['integer', '10', false],
    ['boolean', false, true],
    ['boolean', 0, false],
  ])('when a %s is checked against %j, then it is of that type: %s', (type, value, expected) => {
    // Act / Assert
    expect(isOfType(type, value)).toBe(expected);
  });

  it.each(FACT_VALUE_TYPES)('when the expected value of "in" on a %s fact is described, then both languages name a list', (type) => {
    // Act
    const words = expectedValue(OPERATORS.in, type);

    // Assert
    expect(words.en).toMatch(/^a non-empty list of which each item is /);
    expect(words.zh).toMatch(/^非空列表/);
  });
});
