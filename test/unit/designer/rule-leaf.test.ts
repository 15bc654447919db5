/** The rule designer's leaf edits, dry-run trace tree and live validation (designer/src/rules/model). */
import { validateAlertRule } from '../../../definitions/rules/validate';
import { bundledCatalog, findFact, findOperator, operatorsFor } from '../../../designer/src/rules/model/catalog';
import { dryRunBody, sampleFields, traceTree, type TraceNode } from '../../../designer/src/rules/model/dry-run';
import { findingsUnder, findingsOfProblem, validateRuleDoc } from '../../../designer/src/rules/model/findings';
import { formatWindow, newLeaf, parseList, parseScalar, parseWindow, withFact, withOperator, withParam } from '../../../designer/src/rules/model/leaf';
import { newRule, setActions, setScopeList, setTriggers } from '../../../designer/src/rules/model/rule';
import type { CondNode } from '../../../designer/src/rules/model/tree';

const catalog = bundledCatalog();
const fact = (name: string) => {
  const f = findFact(catalog, name);
  if (!f) throw new Error(`no fact ${name}`);
  return f;
};

describe('condition leaves', () => {
  it.each([
    ['defectRate', 'greaterThan', 0, { window: '1h' }],
    ['consecutiveFailures', 'greaterThan', 0, {}],
    ['materialShortage', 'equal', true, {}],
  ])('a new %s leaf starts with %s %j and params %j', (name, operator, value, params) => {
    expect(newLeaf(catalog, fact(name))).toEqual({ fact: name, operator, value, params });
  });

  it('offers only the operators that apply to the fact type', () => {
    expect(operatorsFor(catalog, fact('materialShortage')).map((o) => o.name)).toEqual(['equal', 'notEqual', 'in', 'notIn']);
    expect(operatorsFor(catalog, fact('dppm')).map((o) => o.name)).not.toContain('contains');
  });

  it('choosing another fact keeps the params it shares and drops the rest', () => {
    const leaf: CondNode = { fact: 'defectRate', operator: 'greaterThan', value: 2.5, params: { window: '4h', defectCode: 'D-BRIDGE' } };
    expect(withFact(catalog, leaf, fact('firstPassYield'))).toEqual({ fact: 'firstPassYield', operator: 'greaterThan', value: 2.5, params: { window: '4h' } });
    expect(withFact(catalog, leaf, fact('materialShortage'))).toEqual({ fact: 'materialShortage', operator: 'equal', value: true, params: {} });
    expect(withFact(catalog, leaf, fact('defectCount'))).toMatchObject({ value: 0 });
  });

  it('choosing a list operator turns the value into a list and back', () => {
    const leaf: CondNode = { fact: 'defectCount', operator: 'equal', value: 3, params: { window: '1h' } };
    const inList = withOperator(leaf, findOperator(catalog, 'in')!, fact('defectCount'));
    expect(inList.value).toEqual([3]);
    expect(withOperator(inList, findOperator(catalog, 'lessThan')!, fact('defectCount')).value).toBe(3);
  });

  it('an empty param is removed', () => {
    expect(withParam({ fact: 'defectRate', params: { window: '1h', line: 'SMT1' } }, 'line', ' ').params).toEqual({ window: '1h' });
  });

  it.each<[string, 'number' | 'integer' | 'boolean', unknown]>([
    ['2.5', 'number', 2.5],
    ['2.5', 'integer', undefined],
    ['12', 'integer', 12],
    ['abc', 'number', undefined],
    ['false', 'boolean', false],
  ])('"%s" read as %s is %j', (text, type, value) => expect(parseScalar(type, text)).toBe(value));

  it('reads list values and names the first bad item', () => {
    expect(parseList('integer', '1, 2，3')).toEqual({ ok: true, value: [1, 2, 3] });
    expect(parseList('integer', '1, x')).toEqual({ ok: false, bad: 'x' });
  });

  it.each([['15m'], ['12h'], ['1d'], ['shift']])('window %s reads and writes back', (text) => expect(formatWindow(parseWindow(text)!)).toBe(text));
  it('a window of 0 minutes is not one', () => expect(parseWindow('0m')).toBeUndefined());
});

describe('rule-level edits and live validation', () => {
  const base = { ...newRule('quality-default'), name: 'AOI yield', conditions: { all: [{ fact: 'stepYield', operator: 'lessThan', value: 95, params: { window: '1h', step: 'aoi' } }] } };

  it('a rule built in the editor passes the server validators', () => {
    expect(validateAlertRule(base).ok).toBe(true);
    expect(validateRuleDoc(base)).toEqual({ findings: [], available: true });
  });

  it('a missing required param is reported at the param', () => {
    const doc = { ...base, conditions: { all: [{ fact: 'stepYield', operator: 'lessThan', value: 95, params: { window: '1h' } }] } };
    const { findings } = validateRuleDoc(doc);
    expect(findingsUnder(findings, '/conditions/all/0/params').map((f) => [f.pointer, f.code])).toEqual([['/conditions/all/0/params/step', 'rule.missing-param']]);
  });

  it('while the rule has no name yet, a leaf problem still shows at its param', () => {
    const doc = { ...base, name: '', conditions: { all: [{ fact: 'stepYield', operator: 'lessThan', value: 95, params: { window: '1h' } }] } };
    expect(validateRuleDoc(doc).findings.map((f) => [f.pointer, f.code])).toEqual([
      ['/name', 'schema.minLength'],
      ['/conditions/all/0/params/step', 'rule.missing-param'],
    ]);
  });

  it('an empty scope list and no actions leave the keys out', () => {
    const scoped = setScopeList(base, 'lines', ['SMT1', ' ', 'SMT1']);
    expect(scoped.scope).toEqual({ lines: ['SMT1'] });
    expect(setScopeList(scoped, 'lines', [])).not.toHaveProperty('scope');
    expect(setActions(setActions(base, ['hold-unit']), [])).not.toHaveProperty('actions');
    expect(setTriggers(base, ['unit.defect-recorded'], '15m').triggers).toEqual([{ event: 'unit.defect-recorded' }, { every: '15m' }]);
  });

  it('a dry-run 422 is placed back at the draft fields', () => {
    const problem = { errors: [{ pointer: '/rule/conditions/all/0/value', code: 'rule.value-type', message: 'needs a number', messageZh: '应为数值' }] };
    expect(findingsOfProblem(problem, '/rule')).toEqual([{ pointer: '/conditions/all/0/value', code: 'rule.value-type', message: 'needs a number', messageZh: '应为数值' }]);
  });
});

describe('dry run', () => {
  const conditions: CondNode = {
    all: [
      { fact: 'defectRate', operator: 'greaterThan', value: 2, params: { window: '1h' } },
      { not: { fact: 'materialShortage', operator: 'equal', value: true } },
    ],
  };

  it('asks one sample per fact and sends only what was filled in', () => {
    expect(sampleFields(catalog, conditions)).toEqual([
      { fact: 'defectRate', valueType: 'number', unit: '%' },
      { fact: 'materialShortage', valueType: 'boolean' },
    ]);
    const rule = { ...newRule('p'), conditions };
    expect(dryRunBody(rule, { defectRate: 3, materialShortage: undefined }, { line: 'SMT1', step: ' ' })).toEqual({ rule, facts: { defectRate: 3 }, context: { line: 'SMT1' } });
  });

  it('folds the flat trace into the tree: leaves pass or fail, a not inverts, all needs every member', () => {
    const trace = [
      { path: '/conditions/all/0', fact: 'defectRate', operator: 'greaterThan', value: 2, factValue: 3, result: true },
      { path: '/conditions/all/1/not', fact: 'materialShortage', operator: 'equal', value: true, factValue: true, result: true },
    ];
    const tree = traceTree(conditions, trace);
    const results = (n: TraceNode): unknown => (n.kind === 'leaf' ? n.result : [n.group, n.result, n.children.map(results)]);
    expect(results(tree)).toEqual(['all', false, [true, ['not', false, [true]]]]);
  });
});
