/** Templates, param bindings and the variables a rule can count on. */
import type { AlertRule } from '../../../../definitions/rules/schema';
import { conditionLeaves } from '../../../../definitions/rules/conditions';
import { availableVariables, bindingOf, placeholders, renderTemplate } from '../../../../definitions/rules/templates';
import { RULE_VARIABLES } from '../../../../definitions/rules/vocabulary';
import { aLeaf, aRule } from './fixtures';

describe('placeholders and bindings', () => {
  it.each<[string, string[]]>([
    ['no placeholders', []],
    ['{{line}}', ['line']],
    ['{{ line }} and {{value}} then {{line}} again', ['line', 'value']],
    ['{{}} is empty', ['']],
    ['{{line} and {line}} and {{{value}}}', ['value']],
    ['{{no such}}', ['no such']],
  ])('when "%s" is scanned, then its placeholders are %j', (template, expected) => {
    // Act / Assert
    expect(placeholders(template)).toEqual(expected);
  });

  it.each<[unknown, string | undefined]>([
    ['{{line}}', 'line'],
    ['{{ productModel }}', 'productModel'],
    ['SMT1', undefined],
    ['L-{{line}}', undefined],
    ['{{line}}{{step}}', undefined],
    [42, undefined],
  ])('when the param value %j is read, then it binds %j', (value, expected) => {
    // Act / Assert
    expect(bindingOf(value)).toBe(expected);
  });

  it('when a template is rendered, then known values are filled in and missing ones left empty', () => {
    // Act
    const text = renderTemplate('{{productModel}} at {{value}}% on {{ line }}{{serial}}', { productModel: 'MB-A100', value: 2.4, line: 'SMT1' });

    // Assert
    expect(text).toBe('MB-A100 at 2.4% on SMT1');
  });
});

describe('availableVariables', () => {
  const rule = (over: Partial<AlertRule>): AlertRule => aRule(over);

  it.each<[string, Partial<AlertRule>, string[]]>([
    ['a defect event', { triggers: [{ event: 'unit.defect-recorded' }] }, ['serial', 'productModel', 'line', 'step', 'operator', 'workOrder', 'defectCode']],
    ['a defect event and a step completion', { triggers: [{ event: 'unit.defect-recorded' }, { event: 'unit.step-completed' }] }, ['serial', 'productModel', 'line', 'step', 'operator', 'workOrder']],
    ['equipment down', { triggers: [{ event: 'equipment.down' }] }, ['equipment', 'line']],
    ['a schedule', { triggers: [{ every: '5m' }] }, []],
    ['a schedule with one line and two models in scope', { triggers: [{ every: '5m' }], scope: { lines: ['SMT1'], productModels: ['MB-A100', 'MB-B200'] } }, ['line']],
    ['material shortage and a single step in scope', { triggers: [{ event: 'material.shortage' }], scope: { steps: ['pack'] } }, ['partNumber', 'line', 'workOrder', 'step']],
  ])('when the rule is triggered by %s, then the rule variables and these context variables are available: %j', (_case, over, context) => {
    // Act
    const available = availableVariables(rule(over));

    // Assert
    expect([...available].sort()).toEqual([...RULE_VARIABLES, ...context].sort());
  });
});

describe('conditionLeaves', () => {
  it('when a tree mixes groups, then every leaf comes out in document order with its pointer', () => {
    // Arrange
    const a = aLeaf({ fact: 'dppm' });
    const b = aLeaf({ fact: 'defectCount' });
    const c = aLeaf({ fact: 'wipCount' });
    const conditions: AlertRule['conditions'] = { any: [a, { all: [b, { not: c }] }] };

    // Act
    const leaves = conditionLeaves(conditions);

    // Assert
    expect(leaves).toEqual([
      { pointer: '/conditions/any/0', leaf: a },
      { pointer: '/conditions/any/1/all/0', leaf: b },
      { pointer: '/conditions/any/1/all/1/not', leaf: c },
    ]);
  });
});
