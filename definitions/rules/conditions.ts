/**
 * Conditions: walking the json-rules-engine tree, and the semantic checks of each leaf against
 * the fact catalog and the operator registry.
 */
import { finding, pointer, type Finding } from '../validation/finding';
import { factByName, PARAM_TYPES, type Fact, type ParamType, type ParamTypeName } from './facts';
import { expectedValue, operatorByName, valueFits } from './operators';
import { REFERENCE_NOUNS, type ReferenceSets } from './references';
import type { AlertRule, AlertRuleConditions, AlertRuleScope, ConditionLeaf } from './schema';
import { bindingOf, unavailableVariable } from './templates';
import type { TemplateVariable } from './vocabulary';

/** Any node of the tree, as the schema allows it at every level. */
interface ConditionNode {
  all?: readonly ConditionNode[];
  any?: readonly ConditionNode[];
  not?: ConditionNode;
  fact?: string;
  operator?: string;
  value?: ConditionLeaf['value'];
  params?: ConditionLeaf['params'];
}

export interface LocatedLeaf {
  /** JSON pointer of the leaf within the rule. */
  pointer: string;
  leaf: ConditionLeaf;
}

/** Every leaf of a (schema-valid) conditions tree, in document order. */
export function conditionLeaves(conditions: AlertRuleConditions, at = '/conditions'): LocatedLeaf[] {
  const leaves: LocatedLeaf[] = [];
  const visit = (node: ConditionNode, where: string): void => {
    if (node.all) node.all.forEach((child, i) => visit(child, `${where}${pointer('all', i)}`));
    else if (node.any) node.any.forEach((child, i) => visit(child, `${where}${pointer('any', i)}`));
    else if (node.not) visit(node.not, `${where}${pointer('not')}`);
    else leaves.push({ pointer: where, leaf: node as ConditionLeaf });
  };
  visit(conditions as ConditionNode, at);
  return leaves;
}

export interface ConditionContext {
  /** Variables that have a value whenever the rule is evaluated (see availableVariables). */
  available: ReadonlySet<TemplateVariable>;
  scope: AlertRuleScope | undefined;
  /** Master-data ids, when the validation context has master data. */
  references: ReferenceSets | undefined;
}

export function conditionFindings(rule: AlertRule, context: ConditionContext): Finding[] {
  return conditionLeaves(rule.conditions).flatMap(({ pointer: at, leaf }) => leafFindings(leaf, at, context));
}

function leafFindings(leaf: ConditionLeaf, at: string, context: ConditionContext): Finding[] {
  const findings: Finding[] = [];
  const fact = factByName(leaf.fact);
  const operator = operatorByName(leaf.operator);
  if (!fact) {
    findings.push(finding(`${at}/fact`, 'rule.unknown-fact', { en: `"${leaf.fact}" is not a known fact`, zh: `"${leaf.fact}" 不是已知的指标` }));
  }
  if (!operator) {
    findings.push(finding(`${at}/operator`, 'rule.unknown-operator', { en: `"${leaf.operator}" is not a known operator`, zh: `"${leaf.operator}" 不是已知的运算符` }));
  }
  if (!fact) return findings;
  if (operator && !operator.appliesTo.includes(fact.valueType)) {
    findings.push(
      finding(`${at}/operator`, 'rule.operator-type', {
        en: `operator "${operator.name}" does not apply to ${fact.name}, whose value is ${fact.valueType}`,
        zh: `运算符 "${operator.name}" 不适用于 ${fact.name}（取值类型为 ${fact.valueType}）`,
      }),
    );
  } else if (operator && !valueFits(operator, fact.valueType, leaf.value)) {
    const expected = expectedValue(operator, fact.valueType);
    findings.push(
      finding(`${at}/value`, 'rule.value-type', {
        en: `${fact.name} ${operator.name} needs ${expected.en}, not ${JSON.stringify(leaf.value)}`,
        zh: `${fact.name} ${operator.name} 的比较值应为${expected.zh}，而不是 ${JSON.stringify(leaf.value)}`,
      }),
    );
  }
  findings.push(...paramFindings(fact, leaf.params ?? {}, `${at}/params`, context));
  return findings;
}

function paramFindings(fact: Fact, params: NonNullable<ConditionLeaf['params']>, at: string, context: ConditionContext): Finding[] {
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(params)) {
    const where = `${at}${pointer(name)}`;
    const spec = fact.params.find((p) => p.name === name);
    if (!spec) {
      const known = fact.params.map((p) => p.name).join(', ') || '—';
      findings.push(finding(where, 'rule.unknown-param', { en: `${fact.name} has no param "${name}" (it takes: ${known})`, zh: `${fact.name} 没有参数 "${name}"（可用参数：${known}）` }));
    } else {
      findings.push(...paramValueFindings(PARAM_TYPES[spec.type], value, where, context));
    }
  }
  for (const spec of fact.params) {
    if (spec.required && !Object.hasOwn(params, spec.name)) {
      findings.push(finding(`${at}${pointer(spec.name)}`, 'rule.missing-param', { en: `${fact.name} needs the param "${spec.name}"`, zh: `${fact.name} 缺少必填参数 "${spec.name}"` }));
    }
  }
  return findings;
}

const patterns = new Map<string, RegExp>();
function patternOf(type: ParamType): RegExp {
  let re = patterns.get(type.pattern);
  if (!re) patterns.set(type.pattern, (re = new RegExp(type.pattern)));
  return re;
}

/** The scope list a literal param value must lie in, when the scope has that list. */
const SCOPE_OF: Partial<Record<ParamTypeName, keyof AlertRuleScope>> = { productModel: 'productModels', line: 'lines', step: 'steps' };

function paramValueFindings(type: ParamType, value: unknown, at: string, context: ConditionContext): Finding[] {
  const binding = bindingOf(value);
  if (binding !== undefined) {
    if (type.binds === undefined || binding !== type.binds) {
      const allowed = type.binds === undefined ? { en: `a literal like "${type.example}"`, zh: `字面值，例如 "${type.example}"` } : { en: `"{{${type.binds}}}" or a literal like "${type.example}"`, zh: `"{{${type.binds}}}" 或字面值，例如 "${type.example}"` };
      return [finding(at, 'rule.param-type', { en: `a ${type.name} param takes ${allowed.en}, not "{{${binding}}}"`, zh: `${type.labels.zh}参数应为${allowed.zh}，而不是 "{{${binding}}}"` })];
    }
    if (!context.available.has(type.binds)) {
      return [unavailableVariable(at, binding)];
    }
    return [];
  }
  if (typeof value !== 'string' || !patternOf(type).test(value)) {
    return [finding(at, 'rule.param-type', { en: `${JSON.stringify(value)} is not a valid ${type.name} (e.g. "${type.example}")`, zh: `${JSON.stringify(value)} 不是有效的${type.labels.zh}（例如 "${type.example}"）` })];
  }
  if (type.reference && context.references && !context.references[type.reference].has(value)) {
    const noun = REFERENCE_NOUNS[type.reference];
    return [finding(at, 'rule.unknown-reference', { en: `${noun.en} "${value}" is not in the master data`, zh: `主数据中没有${noun.zh} "${value}"` })];
  }
  const scopeKey = SCOPE_OF[type.name];
  const scoped = scopeKey === undefined ? undefined : context.scope?.[scopeKey];
  if (scoped !== undefined && !scoped.includes(value)) {
    return [
      finding(at, 'rule.out-of-scope', {
        en: `${type.name} "${value}" is outside the rule's scope (${scoped.join(', ')}), so the condition never holds`,
        zh: `${type.labels.zh} "${value}" 不在规则的适用范围（${scoped.join(', ')}）内，该条件永远不会成立`,
      }),
    ];
  }
  return [];
}
