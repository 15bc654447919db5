/**
 * Alert rule validation as the author of a rule sees it: the shipped examples are valid against
 * the example site, and every mistake is reported with the JSON pointer of the value at fault
 * and a stable code.
 */
import { readdirSync } from 'node:fs';
import { CONDITION_MAX_ITEMS, type AlertRule, type AlertRuleEvent } from '../../../../definitions/rules/schema';
import { validateAlertRule } from '../../../../definitions/rules/validate';
import { aLeaf, aRule, aRuleChangedBy, aRuleWithLeaf, EXAMPLES, findingsOf, nestedGroups, POLICIES, readExample, SITE, where, type Where } from './fixtures';

const PROMISED_EXAMPLES = [
  'defect-rate-by-model.alert-rule.json',
  'dppm-by-model.alert-rule.json',
  'single-defect-count.alert-rule.json',
  'step-yield.alert-rule.json',
  'operator-defect-rate.alert-rule.json',
  'equipment-down.alert-rule.json',
  'order-behind-schedule.alert-rule.json',
  'material-shortage.alert-rule.json',
];

const LEAF = '/conditions/all/0';
/** Messages that use only variables every rule has, so a case about triggers is not about them. */
const PLAIN_MESSAGE: AlertRuleEvent = { type: 'quality.x', severity: 'minor', message: { en: '{{ruleName}}: {{value}}', zh: '{{ruleName}}：{{value}}' } };
const SCHEDULED: Pick<AlertRule, 'triggers' | 'event'> = { triggers: [{ every: '15m' }], event: PLAIN_MESSAGE };

describe('validateAlertRule on the shipped examples', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.alert-rule.json'));

  it('when the examples folder is listed, then it holds one rule per promised alert type', () => {
    // Arrange / Act: listed above. Assert
    expect([...files].sort()).toEqual([...PROMISED_EXAMPLES].sort());
  });

  it.each(files)('when %s is validated against the example site and both policies, then it is valid and returned unchanged', (file) => {
    // Arrange
    const rule = readExample(file);

    // Act
    const result = validateAlertRule(rule, SITE);

    // Assert
    expect(result).toEqual({ ok: true, value: rule });
  });

  it.each(files)('when %s is validated without a context, then it is valid too', (file) => {
    // Act
    const result = validateAlertRule(readExample(file));

    // Assert
    expect(result.ok).toBe(true);
  });

  it('when the equipment-down example is validated, then it escalates by the maintenance policy', () => {
    // Act
    const result = validateAlertRule(readExample('equipment-down.alert-rule.json'), SITE);

    // Assert
    expect(result.ok && result.value.escalationPolicy).toBe('maintenance-default');
  });
});

describe('validateAlertRule accepts what a rule may leave out or vary', () => {
  it.each<[string, unknown]>([
    ['the rule is the fixture as it is', aRule()],
    ['the rule has a description, scope, actions, cooldown and dedup key', aRule({ description: 'd', scope: { productModels: ['MB-A100'], lines: ['SMT1'], steps: ['aoi'] }, actions: [{ type: 'hold-unit' }], cooldownMinutes: 0, dedupKey: '{{productModel}}:{{serial}}' })],
    ['the top-level group is "any"', aRule({ conditions: { any: [aLeaf(), aLeaf({ fact: 'dppm', value: 500 })] } })],
    ['the top-level group is "not"', aRule({ conditions: { not: aLeaf({ operator: 'lessThanInclusive' }) } })],
    ['groups are nested four deep', aRuleChangedBy((r) => (r.conditions = nestedGroups(4)))],
    [`a group holds ${CONDITION_MAX_ITEMS} conditions`, aRule({ conditions: { all: Array.from({ length: CONDITION_MAX_ITEMS }, () => aLeaf()) } })],
    ['an optional param is left out', aRuleWithLeaf({ params: { window: '1h' } })],
    ['a fact has no params at all', aRuleWithLeaf({ fact: 'wipCount', value: 10, params: undefined })],
    ['a binding has spaces inside the braces', aRuleWithLeaf({ params: { window: 'shift', productModel: '{{ productModel }}' } })],
    ['a scheduled rule uses literal params only', aRuleWithLeaf({ params: { window: '12h', line: 'SMT1' } }, SCHEDULED)],
    ['a scheduled rule binds the line its scope names alone', aRuleWithLeaf({ params: { window: '1d', line: '{{line}}' } }, { ...SCHEDULED, scope: { lines: ['SMT1'] }, actions: [{ type: 'hold-line' }] })],
    ['two unit triggers share the variables a hold-unit needs', aRule({ triggers: [{ event: 'unit.defect-recorded' }, { event: 'unit.step-completed' }], actions: [{ type: 'hold-unit' }, { type: 'hold-lot' }] })],
    ['an integer fact is compared with a list of integers', aRuleWithLeaf({ fact: 'defectCount', operator: 'in', value: [3, 4], params: { window: '15m' } })],
    ['a boolean fact is compared with notEqual', aRuleWithLeaf({ fact: 'materialShortage', operator: 'notEqual', value: false, params: {} })],
  ])('when %s, then the rule is valid', (_case, rule) => {
    // Act
    const result = validateAlertRule(rule, SITE);

    // Assert
    expect(result).toEqual({ ok: true, value: rule });
  });

  it.each<[string, unknown]>([
    ['the escalation policy is not among any known ones', aRule({ escalationPolicy: 'night-shift' })],
    ['a product model is not in any master data', aRule({ scope: { productModels: ['MB-Z999'] } })],
    ['a defect code is not in any master data', aRuleWithLeaf({ params: { window: '1h', defectCode: 'D-NOPE' } })],
  ])('when there is no context and %s, then the rule is valid (references are not checked)', (_case, rule) => {
    // Act
    const result = validateAlertRule(rule);

    // Assert
    expect(result.ok).toBe(true);
  });
});

describe('validateAlertRule rejects a broken rule with the exact findings', () => {
  it.each<[string, unknown, Where[]]>([
    // The shape (JSON Schema).
    ['the rule is not an object', ['defectRate'], [{ pointer: '', code: 'schema.type' }]],
    ['the name is missing', aRuleChangedBy((r) => delete r.name), [{ pointer: '/name', code: 'schema.required' }]],
    ['the rule has an unknown property', aRuleChangedBy((r) => (r.priority = 1)), [{ pointer: '/priority', code: 'schema.unknown-property' }]],
    ['there are no triggers', aRule({ triggers: [] as unknown as AlertRule['triggers'] }), [{ pointer: '/triggers', code: 'schema.minItems' }]],
    ['a trigger is empty', aRuleChangedBy((r) => (r.triggers = [{}])), [{ pointer: '/triggers/0/every', code: 'schema.required' }]],
    ['a trigger has both an event and a schedule', aRuleChangedBy((r) => (r.triggers = [{ event: 'equipment.down', every: '5m' }])), [{ pointer: '/triggers/0/every', code: 'schema.not-allowed' }]],
    ['a trigger names an unknown event type', aRuleChangedBy((r) => (r.triggers = [{ event: 'unit.scrapped' }])), [{ pointer: '/triggers/0/event', code: 'schema.enum' }]],
    ['a schedule is in seconds', aRuleChangedBy((r) => (r.triggers = [{ every: '30s' }])), [{ pointer: '/triggers/0/every', code: 'schema.pattern' }]],
    ['the same trigger is listed twice', aRuleChangedBy((r) => (r.triggers = [{ every: '5m' }, { every: '5m' }])), [{ pointer: '/triggers', code: 'schema.uniqueItems' }]],
    ['the top-level group has both all and any', aRuleChangedBy((r) => (r.conditions.any = [aLeaf()])), [{ pointer: '/conditions/any', code: 'schema.not-allowed' }]],
    [
      'the top level is a leaf rather than a group',
      aRuleChangedBy((r) => (r.conditions = { ...aLeaf() })),
      [
        { pointer: '/conditions/all', code: 'schema.required' },
        { pointer: '/conditions/fact', code: 'schema.unknown-property' },
        { pointer: '/conditions/operator', code: 'schema.unknown-property' },
        { pointer: '/conditions/value', code: 'schema.unknown-property' },
        { pointer: '/conditions/params', code: 'schema.unknown-property' },
      ],
    ],
    ['the conditions are an empty object', aRuleChangedBy((r) => (r.conditions = {})), [{ pointer: '/conditions/all', code: 'schema.required' }]],
    ['a nested group has both any and not', aRuleChangedBy((r) => (r.conditions = { all: [{ any: [aLeaf()], not: aLeaf() }] })), [{ pointer: '/conditions/all/0/not', code: 'schema.not-allowed' }]],
    ['a group is empty', aRuleChangedBy((r) => (r.conditions = { all: [] })), [{ pointer: '/conditions/all', code: 'schema.minItems' }]],
    [`a group holds ${CONDITION_MAX_ITEMS + 1} conditions`, aRuleChangedBy((r) => (r.conditions = { any: Array.from({ length: CONDITION_MAX_ITEMS + 1 }, () => aLeaf()) })), [{ pointer: '/conditions/any', code: 'schema.maxItems' }]],
    ['groups are nested five deep', aRuleChangedBy((r) => (r.conditions = nestedGroups(5))), [{ pointer: '/conditions/all/0/all/0/all/0/all/0/all', code: 'schema.not-allowed' }]],
    ['a leaf has no value', aRuleChangedBy((r) => ((r.conditions.all as Array<Record<string, unknown>>)[0] = { fact: 'defectRate', operator: 'greaterThan' })), [{ pointer: `${LEAF}/value`, code: 'schema.required' }]],
    ['a leaf is also a group', aRuleChangedBy((r) => ((r.conditions.all as Array<Record<string, unknown>>)[0] = { not: aLeaf(), fact: 'dppm' })), [{ pointer: `${LEAF}/fact`, code: 'schema.not-allowed' }]],
    ['a leaf value is null', aRuleChangedBy((r) => ((r.conditions.all as Array<Record<string, unknown>>)[0] = { ...aLeaf(), value: null })), [{ pointer: `${LEAF}/value`, code: 'schema.type' }]],
    ['a param value is a list', aRuleChangedBy((r) => ((r.conditions.all as Array<Record<string, unknown>>)[0] = { ...aLeaf(), params: { window: ['1h'] } })), [{ pointer: `${LEAF}/params/window`, code: 'schema.type' }]],
    ['the severity is "high"', aRuleChangedBy((r) => (r.event.severity = 'high')), [{ pointer: '/event/severity', code: 'schema.enum' }]],
    ['the Chinese message is missing', aRuleChangedBy((r) => delete r.event.message.zh), [{ pointer: '/event/message/zh', code: 'schema.required' }]],
    ['the event type has capitals', aRuleChangedBy((r) => (r.event.type = 'Quality.High')), [{ pointer: '/event/type', code: 'schema.pattern' }]],
    ['the escalation policy key has a space', aRule({ escalationPolicy: 'quality default' }), [{ pointer: '/escalationPolicy', code: 'schema.pattern' }]],
    ['an action is unknown', aRuleChangedBy((r) => (r.actions = [{ type: 'scrap-unit' }])), [{ pointer: '/actions/0/type', code: 'schema.enum' }]],
    ['the cooldown is negative', aRule({ cooldownMinutes: -5 }), [{ pointer: '/cooldownMinutes', code: 'schema.minimum' }]],
    ['the cooldown has a fraction', aRule({ cooldownMinutes: 1.5 }), [{ pointer: '/cooldownMinutes', code: 'schema.type' }]],
    ['a scope list is empty', aRule({ scope: { lines: [] as unknown as string[] } }), [{ pointer: '/scope/lines', code: 'schema.minItems' }]],
    [
      'the shape is wrong and a fact is unknown (meaning is only checked on a good shape)',
      aRuleChangedBy((r) => {
        r.name = '';
        r.conditions = { all: [aLeaf({ fact: 'scrapRate' })] };
      }),
      [{ pointer: '/name', code: 'schema.minLength' }],
    ],
    // The meaning: facts, params, operators and values.
    ['a fact is unknown', aRuleWithLeaf({ fact: 'scrapRate' }), [{ pointer: `${LEAF}/fact`, code: 'rule.unknown-fact' }]],
    ['a fact and its operator are unknown', aRuleWithLeaf({ fact: 'scrapRate', operator: 'above' }), [{ pointer: `${LEAF}/fact`, code: 'rule.unknown-fact' }, { pointer: `${LEAF}/operator`, code: 'rule.unknown-operator' }]],
    ['an operator is unknown', aRuleWithLeaf({ operator: 'greaterThanOrEqual' }), [{ pointer: `${LEAF}/operator`, code: 'rule.unknown-operator' }]],
    ['an operator is a name every object has', aRuleWithLeaf({ operator: 'constructor' }), [{ pointer: `${LEAF}/operator`, code: 'rule.unknown-operator' }]],
    ['a param is unknown for the fact', aRuleWithLeaf({ params: { window: '1h', station: 'AO-01' } }), [{ pointer: `${LEAF}/params/station`, code: 'rule.unknown-param' }]],
    ['a required param is missing', aRuleWithLeaf({ params: { productModel: 'MB-A100' } }), [{ pointer: `${LEAF}/params/window`, code: 'rule.missing-param' }]],
    ['a fact with a required param has no params', aRuleWithLeaf({ fact: 'stepYield', operator: 'lessThan', value: 95, params: undefined }), [{ pointer: `${LEAF}/params/window`, code: 'rule.missing-param' }, { pointer: `${LEAF}/params/step`, code: 'rule.missing-param' }]],
    ['a window is not a duration', aRuleWithLeaf({ params: { window: 'abc' } }), [{ pointer: `${LEAF}/params/window`, code: 'rule.param-type' }]],
    ['a window is a number of minutes', aRuleWithLeaf({ params: { window: 60 } }), [{ pointer: `${LEAF}/params/window`, code: 'rule.param-type' }]],
    ['a window is bound to a variable', aRuleWithLeaf({ params: { window: '{{window}}' } }), [{ pointer: `${LEAF}/params/window`, code: 'rule.param-type' }]],
    ['a product model param is bound to the line', aRuleWithLeaf({ params: { window: '1h', productModel: '{{line}}' } }), [{ pointer: `${LEAF}/params/productModel`, code: 'rule.param-type' }]],
    ['a line param embeds a binding in text', aRuleWithLeaf({ params: { window: '1h', line: 'L-{{line}}' } }), [{ pointer: `${LEAF}/params/line`, code: 'rule.param-type' }]],
    ['a numeric operator is used on a boolean fact', aRuleWithLeaf({ fact: 'materialShortage', operator: 'greaterThan', value: 0, params: {} }), [{ pointer: `${LEAF}/operator`, code: 'rule.operator-type' }]],
    ['contains is used on a number fact', aRuleWithLeaf({ operator: 'contains', value: 2 }), [{ pointer: `${LEAF}/operator`, code: 'rule.operator-type' }]],
    ['a percentage is compared with text', aRuleWithLeaf({ value: '2%' }), [{ pointer: `${LEAF}/value`, code: 'rule.value-type' }]],
    ['a count is compared with a fraction', aRuleWithLeaf({ fact: 'defectCount', operator: 'greaterThanInclusive', value: 2.5, params: { window: '15m' } }), [{ pointer: `${LEAF}/value`, code: 'rule.value-type' }]],
    ['"in" is given a single number', aRuleWithLeaf({ operator: 'in', value: 3 }), [{ pointer: `${LEAF}/value`, code: 'rule.value-type' }]],
    ['a boolean fact is compared with "yes"', aRuleWithLeaf({ fact: 'materialShortage', operator: 'equal', value: 'yes', params: {} }), [{ pointer: `${LEAF}/value`, code: 'rule.value-type' }]],
    ['a number is compared with a list', aRuleWithLeaf({ value: [1, 2] }), [{ pointer: `${LEAF}/value`, code: 'rule.value-type' }]],
    // The meaning: references, scope, templates, triggers, actions, policy.
    ['a scope names an unknown product model and an unknown line', aRule({ scope: { productModels: ['MB-A100', 'MB-Z999'], lines: ['SMT9'] } }), [{ pointer: '/scope/productModels/1', code: 'rule.unknown-reference' }, { pointer: '/scope/lines/0', code: 'rule.unknown-reference' }]],
    ['a param names an unknown line', aRuleWithLeaf({ params: { window: '1h', line: 'SMT9' } }), [{ pointer: `${LEAF}/params/line`, code: 'rule.unknown-reference' }]],
    ['a param names an unknown defect code', aRuleWithLeaf({ params: { window: '1h', defectCode: 'D-NOPE' } }), [{ pointer: `${LEAF}/params/defectCode`, code: 'rule.unknown-reference' }]],
    ['a param names unknown equipment', aRuleWithLeaf({ fact: 'equipmentDownMinutes', value: 30, params: { equipment: 'OVEN-99' } }), [{ pointer: `${LEAF}/params/equipment`, code: 'rule.unknown-reference' }]],
    ['a param names an unknown part', aRuleWithLeaf({ fact: 'materialShortage', operator: 'equal', value: true, params: { partNumber: 'PCB-Z999' } }), [{ pointer: `${LEAF}/params/partNumber`, code: 'rule.unknown-reference' }]],
    ['a param names a line outside the scope', aRuleWithLeaf({ params: { window: '1h', line: 'FA1' } }, { scope: { lines: ['SMT1'] } }), [{ pointer: `${LEAF}/params/line`, code: 'rule.out-of-scope' }]],
    ['the escalation policy is not published', aRule({ escalationPolicy: 'night-shift' }), [{ pointer: '/escalationPolicy', code: 'rule.unknown-policy' }]],
    ['the English message uses an unknown variable', aRuleChangedBy((r) => (r.event.message.en = 'Model {{model}} is at {{value}}')), [{ pointer: '/event/message/en', code: 'rule.unknown-template-variable' }]],
    ['the dedup key uses two unknown variables', aRule({ dedupKey: '{{station}}:{{shift}}:{{line}}' }), [{ pointer: '/dedupKey', code: 'rule.unknown-template-variable' }, { pointer: '/dedupKey', code: 'rule.unknown-template-variable' }]],
    [
      'a scheduled rule binds a param and names it in its messages',
      aRuleChangedBy((r) => {
        r.triggers = [{ every: '5m' }];
        r.event.message = { en: 'Defect rate of {{productModel}}', zh: '{{productModel}} 不良率' };
      }),
      [
        { pointer: `${LEAF}/params/productModel`, code: 'rule.unavailable-variable' },
        { pointer: '/event/message/en', code: 'rule.unavailable-variable' },
        { pointer: '/event/message/zh', code: 'rule.unavailable-variable' },
      ],
    ],
    ['an event and a schedule trigger a rule that binds a param', aRule({ triggers: [{ event: 'unit.defect-recorded' }, { every: '1h' }] }), [{ pointer: `${LEAF}/params/productModel`, code: 'rule.unavailable-variable' }]],
    ['a rule on step completions names the defect code', aRule({ triggers: [{ event: 'unit.step-completed' }], dedupKey: '{{defectCode}}' }), [{ pointer: '/dedupKey', code: 'rule.unavailable-variable' }]],
    ['a scheduled rule holds the unit', aRuleWithLeaf({ params: { window: '1h' } }, { ...SCHEDULED, actions: [{ type: 'hold-unit' }] }), [{ pointer: '/actions/0/type', code: 'rule.action-target-unavailable' }]],
    [
      'a rule on equipment events holds a unit and a lot',
      aRuleWithLeaf({ fact: 'equipmentDownMinutes', value: 10, params: { equipment: '{{equipment}}' } }, { triggers: [{ event: 'equipment.down' }], event: PLAIN_MESSAGE, actions: [{ type: 'hold-line' }, { type: 'hold-unit' }, { type: 'hold-lot' }] }),
      [
        { pointer: '/actions/1/type', code: 'rule.action-target-unavailable' },
        { pointer: '/actions/2/type', code: 'rule.action-target-unavailable' },
      ],
    ],
    ['a scheduled rule over two lines holds the line', aRuleWithLeaf({ params: { window: '1h' } }, { ...SCHEDULED, scope: { lines: ['SMT1', 'FA1'] }, actions: [{ type: 'hold-line' }] }), [{ pointer: '/actions/0/type', code: 'rule.action-target-unavailable' }]],
    [
      'there are several mistakes of meaning (reported in the order of the rule)',
      aRule({
        scope: { productModels: ['MB-Z999'] },
        conditions: { any: [aLeaf({ fact: 'stepYield', operator: 'lessThan', value: 95, params: { window: '2h' } }), { not: aLeaf({ fact: 'wipCount', operator: 'includes', params: {} }) }] },
        escalationPolicy: 'night-shift',
        dedupKey: '{{station}}',
      }),
      [
        { pointer: '/scope/productModels/0', code: 'rule.unknown-reference' },
        { pointer: '/conditions/any/0/params/step', code: 'rule.missing-param' },
        { pointer: '/conditions/any/1/not/operator', code: 'rule.unknown-operator' },
        { pointer: '/escalationPolicy', code: 'rule.unknown-policy' },
        { pointer: '/dedupKey', code: 'rule.unknown-template-variable' },
      ],
    ],
  ])('when %s, then exactly these findings are reported', (_case, rule, expected) => {
    // Act
    const findings = findingsOf(rule);

    // Assert
    expect(where(findings)).toEqual(expected);
  });
});

describe('validateAlertRule explains semantic findings in words', () => {
  it.each<[string, unknown, { message: string; messageZh: string }]>([
    [
      'a fact is unknown',
      aRuleWithLeaf({ fact: 'scrapRate' }),
      { message: '"scrapRate" is not a known fact', messageZh: '"scrapRate" 不是已知的指标' },
    ],
    [
      'a param is unknown',
      aRuleWithLeaf({ fact: 'orderBehindSchedule', value: 60, params: { workOrder: 'WO-1', line: 'SMT1' } }),
      { message: 'orderBehindSchedule has no param "line" (it takes: workOrder)', messageZh: 'orderBehindSchedule 没有参数 "line"（可用参数：workOrder）' },
    ],
    [
      'a window is not a duration',
      aRuleWithLeaf({ params: { window: 'abc' } }),
      { message: '"abc" is not a valid window (e.g. "1h")', messageZh: '"abc" 不是有效的时间窗口（例如 "1h"）' },
    ],
    [
      'an operator does not apply to the fact',
      aRuleWithLeaf({ fact: 'materialShortage', operator: 'lessThan', value: 1, params: {} }),
      { message: 'operator "lessThan" does not apply to materialShortage, whose value is boolean', messageZh: '运算符 "lessThan" 不适用于 materialShortage（取值类型为 boolean）' },
    ],
    [
      'a count is compared with a fraction',
      aRuleWithLeaf({ fact: 'defectCount', value: 2.5, params: { window: '1h' } }),
      { message: 'defectCount greaterThan needs an integer, not 2.5', messageZh: 'defectCount greaterThan 的比较值应为整数，而不是 2.5' },
    ],
    [
      'a scheduled rule binds a param to the event',
      aRule(SCHEDULED),
      {
        message: '{{productModel}} has no value when the rule is evaluated: not every trigger carries it and the scope does not name exactly one',
        messageZh: '规则评估时 {{productModel}} 可能没有值：并非每个触发条件都携带该变量，适用范围也未限定为唯一值',
      },
    ],
    [
      'the escalation policy is not published',
      aRule({ escalationPolicy: 'night-shift' }),
      { message: 'escalation policy "night-shift" is not published', messageZh: '升级策略 "night-shift" 不存在或未发布' },
    ],
    [
      'a defect code is not in the master data',
      aRuleWithLeaf({ params: { window: '1h', defectCode: 'D-NOPE' } }),
      { message: 'defect code "D-NOPE" is not in the master data', messageZh: '主数据中没有不良代码 "D-NOPE"' },
    ],
  ])('when %s, then the finding says so in English and Chinese', (_case, rule, expected) => {
    // Act
    const [first, ...rest] = findingsOf(rule);

    // Assert
    expect(rest).toEqual([]);
    expect(first).toMatchObject(expected);
  });

  it('when a template uses an unknown variable, then the finding lists the known ones', () => {
    // Arrange
    const rule = aRule({ dedupKey: '{{station}}' });

    // Act
    const [first] = findingsOf(rule);

    // Assert
    expect(first?.message).toBe(
      '{{station}} is not a known variable (known: ruleName, severity, fact, value, threshold, window, productModel, line, step, operator, defectCode, equipment, workOrder, partNumber, serial)',
    );
  });

  it('when a scheduled rule holds the unit, then the finding says that only unit events carry one', () => {
    // Arrange
    const rule = aRuleWithLeaf({ params: { window: '1h' } }, { ...SCHEDULED, actions: [{ type: 'hold-unit' }] });

    // Act
    const [first] = findingsOf(rule);

    // Assert
    expect(first?.message).toBe('hold-unit needs a serial whenever the rule fires, but not every trigger carries one (only unit events do)');
  });

  it('when only the policy set is given, then an unknown line is not reported but an unknown policy is', () => {
    // Arrange
    const rule = aRuleWithLeaf({ params: { window: '1h', line: 'SMT9' } }, { escalationPolicy: 'night-shift' });

    // Act
    const findings = findingsOf(rule, { escalationPolicies: POLICIES });

    // Assert
    expect(where(findings)).toEqual([{ pointer: '/escalationPolicy', code: 'rule.unknown-policy' }]);
  });
});
