/**
 * The fact catalog and the trigger vocabulary are data the designer is offered through the API:
 * they must be consistent with each other and with the validator.
 */
import { durationMinutes, FACT_VALUE_TYPES, factByName, FACTS, isParamTypeName, PARAM_TYPE_NAMES, PARAM_TYPES, type Fact, type FactValueType } from '../../../../definitions/rules/facts';
import { OPERATOR_NAMES, OPERATORS, type OperatorName } from '../../../../definitions/rules/operators';
import { validateAlertRule } from '../../../../definitions/rules/validate';
import { ACTION_TARGETS, ACTION_TYPES, CONTEXT_VARIABLES, TEMPLATE_VARIABLES, TRIGGER_EVENT_TYPES, TRIGGER_EVENTS } from '../../../../definitions/rules/vocabulary';
import { aRuleWithLeaf, SITE, where } from './fixtures';

const PROMISED_FACTS = [
  'defectRate',
  'dppm',
  'defectCount',
  'firstPassYield',
  'stepYield',
  'consecutiveFailures',
  'operatorDefectRate',
  'unitsCompleted',
  'wipCount',
  'wipAgeMinutes',
  'overdueSteps',
  'queueTimeViolations',
  'equipmentDownMinutes',
  'orderBehindSchedule',
  'materialShortage',
];

/** The literal params a fact needs, each its param type's example. */
const requiredParams = (fact: Fact): Record<string, string> =>
  Object.fromEntries(fact.params.filter((p) => p.required).map((p) => [p.name, PARAM_TYPES[p.type].example]));

const SAMPLE: Record<FactValueType, number | boolean> = { number: 1.5, integer: 3, boolean: true };

describe('the fact catalog', () => {
  it('when it is listed, then it holds every promised fact, each once', () => {
    // Act
    const names = FACTS.map((f) => f.name);

    // Assert
    expect([...names].sort()).toEqual([...PROMISED_FACTS].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(FACTS.map((f) => [f.name, f] as const))('when %s is inspected, then its params have known types and distinct names', (_name, fact) => {
    // Act
    const names = fact.params.map((p) => p.name);

    // Assert
    expect(fact.params.every((p) => isParamTypeName(p.type))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(FACTS.map((f) => [f.name, f] as const))('when %s is inspected, then it has labels and a description in both languages and a fitting unit', (_name, fact) => {
    // Assert
    expect(FACT_VALUE_TYPES).toContain(fact.valueType);
    for (const text of [fact.labels.en, fact.labels.zh, fact.description.en, fact.description.zh]) expect(text.trim()).not.toBe('');
    if (fact.valueType === 'boolean') expect(fact.unit).toBeUndefined();
    else expect(['%', 'ppm', 'count', 'minutes']).toContain(fact.unit);
  });

  it.each<[string, FactValueType, string | undefined]>([
    ['defectRate', 'number', '%'],
    ['dppm', 'number', 'ppm'],
    ['defectCount', 'integer', 'count'],
    ['stepYield', 'number', '%'],
    ['orderBehindSchedule', 'number', 'minutes'],
    ['materialShortage', 'boolean', undefined],
  ])('when %s is looked up, then its value is %s in %s', (name, valueType, unit) => {
    // Act
    const fact = factByName(name);

    // Assert
    expect(fact).toMatchObject({ valueType });
    expect(fact?.unit).toBe(unit);
  });

  it.each(['toString', 'constructor', 'scrapRate'])('when "%s" is looked up, then it is not a fact', (name) => {
    // Act / Assert
    expect(factByName(name)).toBeUndefined();
  });

  it('when the catalog is sent as JSON, then nothing is lost', () => {
    // Act
    const copy = JSON.parse(JSON.stringify({ FACTS, PARAM_TYPES, TRIGGER_EVENTS })) as unknown;

    // Assert
    expect(copy).toEqual({ FACTS, PARAM_TYPES, TRIGGER_EVENTS });
  });

  it.each(FACTS.map((f) => [f.name, f] as const))('when %s is used with only its required params, then the rule is valid at the example site', (_name, fact) => {
    // Arrange
    const rule = aRuleWithLeaf({ fact: fact.name, operator: 'equal', value: SAMPLE[fact.valueType], params: requiredParams(fact) });

    // Act
    const result = validateAlertRule(rule, SITE);

    // Assert
    expect(result.ok).toBe(true);
  });

  const pairs = FACTS.flatMap((fact) => OPERATOR_NAMES.map((operator) => [fact.name, operator, fact, OPERATORS[operator].appliesTo.includes(fact.valueType)] as const));
  it.each(pairs)('when %s is compared with %s, then the rule is valid exactly when the operator applies to the fact', (_fact, operator: OperatorName, fact, applies) => {
    // Arrange
    const kind = OPERATORS[operator].value;
    const value = kind === 'list' ? [SAMPLE[fact.valueType]] : kind === 'element' ? 'x' : SAMPLE[fact.valueType];
    const rule = aRuleWithLeaf({ fact: fact.name, operator, value, params: requiredParams(fact) });

    // Act
    const result = validateAlertRule(rule, SITE);

    // Assert
    expect(result.ok ? [] : where(result.findings)).toEqual(applies ? [] : [{ pointer: '/conditions/all/0/operator', code: 'rule.operator-type' }]);
  });
});

describe('the param types', () => {
  it.each(PARAM_TYPE_NAMES.map((n) => [n, PARAM_TYPES[n]] as const))('when %s is inspected, then its name, example, labels and binding are consistent', (name, type) => {
    // Assert
    expect(type.name).toBe(name);
    expect(new RegExp(type.pattern).test(type.example)).toBe(true);
    expect(type.labels.en).not.toBe('');
    expect(type.labels.zh).not.toBe('');
    if (type.binds !== undefined) expect(CONTEXT_VARIABLES).toContain(type.binds);
  });

  it.each<[string, boolean]>([
    ['15m', true],
    ['12h', true],
    ['1d', true],
    ['shift', true],
    ['999d', true],
    ['abc', false],
    ['0m', false],
    ['1000m', false],
    ['15 m', false],
    ['1w', false],
    ['Shift', false],
  ])('when the window "%s" is checked, then it is valid: %s', (window, expected) => {
    // Act / Assert
    expect(new RegExp(PARAM_TYPES.window.pattern).test(window)).toBe(expected);
  });

  it.each<[string, number | undefined]>([
    ['15m', 15],
    ['12h', 720],
    ['1d', 1440],
    ['999m', 999],
    ['shift', undefined],
    ['abc', undefined],
    ['0h', undefined],
  ])('when "%s" is read as a duration, then it is %s minutes', (text, minutes) => {
    // Act / Assert
    expect(durationMinutes(text)).toBe(minutes);
  });
});

describe('the trigger vocabulary', () => {
  it.each(TRIGGER_EVENT_TYPES)('when %s is looked up, then it names its own type and carries only context variables', (type) => {
    // Act
    const event = TRIGGER_EVENTS[type];

    // Assert
    expect(event.type).toBe(type);
    expect(event.carries.every((v) => (CONTEXT_VARIABLES as readonly string[]).includes(v))).toBe(true);
  });

  it.each(ACTION_TYPES)('when the target of %s is looked up, then it is a context variable some trigger carries', (action) => {
    // Act
    const target = ACTION_TARGETS[action];

    // Assert
    expect(TRIGGER_EVENT_TYPES.some((t) => TRIGGER_EVENTS[t].carries.includes(target))).toBe(true);
  });

  it('when the template variables are listed, then each is named once and every context variable is among them', () => {
    // Assert
    expect(new Set(TEMPLATE_VARIABLES).size).toBe(TEMPLATE_VARIABLES.length);
    expect(TEMPLATE_VARIABLES).toEqual(expect.arrayContaining([...CONTEXT_VARIABLES]));
  });
});
