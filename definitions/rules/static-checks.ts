/**
 * Static checks of a rule set (pure): a rule that can never fire (contradictory conditions on one
 * fact and params under `all`), two rules with the same scope and trigger whose conditions can
 * hold together (overlap: one situation, two alerts), and escalation levels a rule's incidents can
 * never reach (its policy is not published, or the policy's lines exclude every line of the rule).
 */
import type { EscalationPolicy } from '../policies/schema';
import { canonicalJson, finding, pointer, type Finding } from '../validation/finding';
import { factByName } from './facts';
import type { AlertRule, AlertRuleConditions, ConditionLeaf } from './schema';

export interface RuleEntry {
  key: string;
  version: number;
  rule: AlertRule;
}

/** A finding about one rule of the set: the pointer is within that rule. */
export type RuleFinding = Finding & { rule: string; related?: string };

/** What one fact (with one set of params) may be for the leaves of an `all` to hold. */
interface Constraint {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
  integer: boolean;
  /** Allowed values (equal / in), when any leaf restricts to a set. */
  only?: unknown[];
  excluded: unknown[];
}

interface GroupNode {
  all?: GroupNode[];
  any?: GroupNode[];
  not?: GroupNode;
}

/** The leaves that must all hold: those of the top `all` and of `all`s nested directly in it. */
function conjunction(node: GroupNode | ConditionLeaf, at: string, out: Array<{ at: string; leaf: ConditionLeaf }>): void {
  const group = node as GroupNode;
  if (group.all) group.all.forEach((c, i) => conjunction(c, `${at}${pointer('all', i)}`, out));
  else if (group.any && group.any.length === 1 && group.any[0]) conjunction(group.any[0], `${at}${pointer('any', 0)}`, out);
  else if (!group.any && !group.not) out.push({ at, leaf: node as ConditionLeaf });
}

const keyOf = (leaf: ConditionLeaf): string => `${leaf.fact}${canonicalJson(leaf.params ?? {})}`;

function narrow(c: Constraint, leaf: ConditionLeaf): void {
  const v = leaf.value;
  const n = typeof v === 'number' ? v : NaN;
  switch (leaf.operator) {
    case 'greaterThan':
    case 'greaterThanInclusive': {
      const open = leaf.operator === 'greaterThan';
      if (n > c.lo || (n === c.lo && open)) Object.assign(c, { lo: n, loOpen: open });
      break;
    }
    case 'lessThan':
    case 'lessThanInclusive': {
      const open = leaf.operator === 'lessThan';
      if (n < c.hi || (n === c.hi && open)) Object.assign(c, { hi: n, hiOpen: open });
      break;
    }
    case 'equal':
      c.only = c.only ? c.only.filter((x) => x === v) : [v];
      break;
    case 'in':
      if (Array.isArray(v)) c.only = c.only ? c.only.filter((x) => v.includes(x as never)) : [...v];
      break;
    case 'notEqual':
      c.excluded.push(v);
      break;
    case 'notIn':
      if (Array.isArray(v)) c.excluded.push(...v);
      break;
  }
}

function satisfiable(c: Constraint): boolean {
  const inRange = (x: unknown): boolean => {
    if (typeof x !== 'number') return c.lo === -Infinity && c.hi === Infinity;
    return (x > c.lo || (x === c.lo && !c.loOpen)) && (x < c.hi || (x === c.hi && !c.hiOpen));
  };
  if (c.only) return c.only.some((x) => inRange(x) && !c.excluded.includes(x));
  if (c.lo > c.hi || (c.lo === c.hi && (c.loOpen || c.hiOpen))) return false;
  if (c.lo === c.hi) return !c.excluded.includes(c.lo) && (!c.integer || Number.isInteger(c.lo));
  if (c.integer) {
    const first = c.loOpen || Number.isInteger(c.lo) === false ? Math.floor(c.lo) + 1 : c.lo;
    const last = c.hiOpen || Number.isInteger(c.hi) === false ? Math.ceil(c.hi) - 1 : c.hi;
    if (first > last) return false;
  }
  return true;
}

/** The constraints of the leaves that must all hold, by fact and params; the pointers that made each. */
function constraintsOf(conditions: AlertRuleConditions): Map<string, { c: Constraint; at: string[] }> {
  const leaves: Array<{ at: string; leaf: ConditionLeaf }> = [];
  conjunction(conditions as GroupNode, '/conditions', leaves);
  const map = new Map<string, { c: Constraint; at: string[] }>();
  for (const { at, leaf } of leaves) {
    const k = keyOf(leaf);
    let entry = map.get(k);
    if (!entry) {
      entry = { c: { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true, integer: factByName(leaf.fact)?.valueType === 'integer', excluded: [] }, at: [] };
      map.set(k, entry);
    }
    narrow(entry.c, leaf);
    entry.at.push(at);
  }
  return map;
}

const merge = (a: Constraint, b: Constraint): Constraint => {
  const m: Constraint = { ...a, excluded: [...a.excluded, ...b.excluded], ...(a.only ? { only: [...a.only] } : {}) };
  if (b.lo > m.lo || (b.lo === m.lo && b.loOpen)) Object.assign(m, { lo: b.lo, loOpen: b.loOpen });
  if (b.hi < m.hi || (b.hi === m.hi && b.hiOpen)) Object.assign(m, { hi: b.hi, hiOpen: b.hiOpen });
  if (b.only) m.only = m.only ? m.only.filter((x) => b.only?.includes(x)) : [...b.only];
  return m;
};

const sameScope = (a: AlertRule, b: AlertRule): boolean => {
  const norm = (r: AlertRule) => canonicalJson(Object.fromEntries(Object.entries(r.scope ?? {}).map(([k, v]) => [k, [...(v as string[])].sort()])));
  return norm(a) === norm(b);
};
const triggerKeys = (r: AlertRule): string[] => r.triggers.map((t) => t.event ?? `every:${t.every}`);

export function ruleSetFindings(rules: readonly RuleEntry[], policies: ReadonlyMap<string, EscalationPolicy> = new Map()): RuleFinding[] {
  const out: RuleFinding[] = [];
  const constraints = new Map(rules.map((r) => [r.key, constraintsOf(r.rule.conditions)]));
  for (const r of rules) {
    for (const [, { c, at }] of constraints.get(r.key) ?? []) {
      if (satisfiable(c)) continue;
      const where = at.join(', ');
      out.push({ rule: r.key, ...finding(at[at.length - 1] ?? '/conditions', 'checks.never-fires', { en: `conditions ${where} contradict each other: the rule can never fire`, zh: `条件 ${where} 相互矛盾：该规则永远不会触发` }) });
    }
  }
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i] as RuleEntry;
      const b = rules[j] as RuleEntry;
      if (!sameScope(a.rule, b.rule) || !triggerKeys(a.rule).some((t) => triggerKeys(b.rule).includes(t))) continue;
      const ca = constraints.get(a.key) ?? new Map();
      const cb = constraints.get(b.key) ?? new Map();
      const shared = [...ca.keys()].filter((k) => cb.has(k));
      if (shared.length === 0) continue;
      const all = new Set([...ca.keys(), ...cb.keys()]);
      const together = [...all].every((k) => {
        const x = ca.get(k)?.c;
        const y = cb.get(k)?.c;
        return satisfiable(x && y ? merge(x, y) : ((x ?? y) as Constraint));
      });
      if (together) {
        out.push({ rule: b.key, related: a.key, ...finding('/conditions', 'checks.overlap', { en: `rule "${b.key}" has the scope and trigger of "${a.key}" and both can fire on the same facts: one situation, two alerts`, zh: `规则 "${b.key}" 与 "${a.key}" 适用范围和触发条件相同，且可能在相同指标下同时触发：同一情况会产生两条报警` }) });
      }
    }
  }
  for (const r of rules) out.push(...ladderFindings(r, policies));
  return out;
}

function ladderFindings(r: RuleEntry, policies: ReadonlyMap<string, EscalationPolicy>): RuleFinding[] {
  const policy = policies.get(r.rule.escalationPolicy);
  if (!policy) {
    return [{ rule: r.key, ...finding('/escalationPolicy', 'checks.policy-not-published', { en: `escalation policy "${r.rule.escalationPolicy}" has no active version: no level of it can be reached`, zh: `升级策略 "${r.rule.escalationPolicy}" 没有生效版本：任何升级级别都无法到达` }) }];
  }
  const policyLines = policy.scope?.lines;
  const ruleLines = r.rule.scope?.lines;
  if (policyLines && ruleLines && !ruleLines.some((l) => policyLines.includes(l))) {
    return policy.levels.map((_, i) => ({
      rule: r.key,
      ...finding(`/escalationPolicy`, 'checks.level-unreachable', {
        en: `level ${i + 1} of "${r.rule.escalationPolicy}" is never reached: the policy covers lines ${policyLines.join(', ')}, the rule only ${ruleLines.join(', ')}`,
        zh: `"${r.rule.escalationPolicy}" 的第 ${i + 1} 级永远不会到达：策略适用产线为 ${policyLines.join(', ')}，而规则仅适用于 ${ruleLines.join(', ')}`,
      }),
    }));
  }
  return [];
}
