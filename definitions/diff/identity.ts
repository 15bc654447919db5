/**
 * Identity rules: how the items of each known collection are matched between two versions, and
 * what the diff calls them. Everything not listed here is diffed generically (see fields.ts), so
 * new schema fields show up without a rule; add a rule when a collection deserves its own entity.
 */
import { entryStepId } from '../routing/graph';
import type { Routing } from '../routing/schema';
import { isObject, join, type JsonObject } from './json';
import type { DiffKind } from './types';

/** Derives an item's identity; undefined when the item has none (it then matches only an equal item). */
export type IdentityKey = (item: JsonObject) => string | undefined;

export type Matching =
  /** Matched by identity; the order of the items is not meaningful. */
  | { by: 'key'; key: IdentityKey }
  /** The order is meaningful: matched by position (LCS over contents); the id is the 1-based position. */
  | { by: 'order' };

export interface CollectionRule {
  /** The entity name the changes carry. */
  entity: string;
  match: Matching;
  /**
   * Collections inside each item, reported as their own entity changes whose id is
   * "<parent id>/<item id>" (not as field changes of the parent).
   */
  nested?: Readonly<Record<string, CollectionRule>>;
}

/**
 * A value a top-level field states, or that is derived from the rest of the document when the
 * field is absent (a routing's entry step). A change of the value in effect is reported as
 * `entity` unless both versions state it (the field change then says it all).
 */
export interface DerivedValue {
  entity: string;
  field: string;
  /** The collection the value is derived from: the change is listed just before its changes. */
  collection: string;
  /** The value in effect in a version. */
  resolve: (doc: JsonObject) => string | undefined;
  /** Where the value in effect comes from in a version that does not state it. */
  locate: (doc: JsonObject, value: string) => string;
}

export interface KindRules {
  /** Top-level arrays of entities, by property name. */
  collections: Readonly<Record<string, CollectionRule>>;
  /** Top-level properties holding a json-rules-engine condition tree (`{all|any: […]}`, `{not: …}`, leaves). */
  conditionTrees: readonly string[];
  derived: readonly DerivedValue[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** Identity by one field. */
export const byField =
  (field: string): IdentityKey =>
  (item) =>
    text(item[field]);

/** "from→to", plus " on <outcome>" when the item has an outcome. */
const edge: IdentityKey = (item) => {
  const from = text(item.from);
  const to = text(item.to);
  if (from === undefined || to === undefined) return undefined;
  const on = text(item.on);
  return on === undefined ? `${from}→${to}` : `${from}→${to} on ${on}`;
};

/** A component: its name, else the part numbers it allows (sorted, each once). */
const component: IdentityKey = (item) => {
  const named = text(item.name);
  if (named !== undefined) return named;
  const groups = Array.isArray(item.partNumbers) ? item.partNumbers : [];
  const parts = groups.flatMap((g) => (isObject(g) && Array.isArray(g.partNumbers) ? g.partNumbers.map(text) : []));
  const known = [...new Set(parts.filter((p) => p !== undefined))].sort();
  return known.length > 0 ? known.join(',') : undefined;
};

const isObjectList = (value: unknown): value is JsonObject[] => Array.isArray(value) && value.every(isObject);

/** The entry step as the engine sees it: `entry`, else the one step no transition leads to. */
const routingEntry = (doc: JsonObject): string | undefined => {
  const transitions = doc.transitions ?? [];
  if (!isObjectList(doc.steps) || !isObjectList(transitions)) return undefined;
  return text(entryStepId({ ...doc, steps: doc.steps, transitions } as unknown as Routing));
};

const stepPointer = (doc: JsonObject, id: string): string => {
  const steps = isObjectList(doc.steps) ? doc.steps : [];
  const index = steps.findIndex((s) => s.id === id);
  return index < 0 ? join('', 'steps') : join('', 'steps', index);
};

const keyed = (entity: string, key: IdentityKey, more: Partial<CollectionRule> = {}): CollectionRule => ({
  entity,
  match: { by: 'key', key },
  ...more,
});

const ROUTING: KindRules = {
  collections: {
    steps: keyed('step', byField('id'), {
      nested: { measurements: keyed('measurement', byField('name')), components: keyed('component', component) },
    }),
    transitions: keyed('transition', edge),
    queueTimeLimits: keyed('queue-time-limit', edge),
  },
  conditionTrees: [],
  derived: [{ entity: 'entry', field: 'entry', collection: 'steps', resolve: routingEntry, locate: stepPointer }],
};

const ALERT_RULE: KindRules = { collections: {}, conditionTrees: ['conditions'], derived: [] };

const ESCALATION_POLICY: KindRules = {
  collections: { levels: { entity: 'level', match: { by: 'order' } } },
  conditionTrees: [],
  derived: [],
};

const byId = byField('id');

const MASTER_DATA: KindRules = {
  collections: {
    productModels: keyed('product-model', byId),
    lines: keyed('line', byId),
    stationGroups: keyed('station-group', byId),
    stations: keyed('station', byId),
    equipment: keyed('equipment', byId),
    parts: keyed('part', byField('partNumber')),
    defectCodes: keyed('defect-code', byField('code')),
    roles: keyed('role', byId),
    users: keyed('user', byId),
    groups: keyed('group', byId),
    shifts: keyed('shift', byId),
  },
  conditionTrees: [],
  derived: [],
};

export const IDENTITY_RULES: Readonly<Record<'routing' | 'alert-rule' | 'escalation-policy' | 'master-data', KindRules>> = {
  routing: ROUTING,
  'alert-rule': ALERT_RULE,
  'escalation-policy': ESCALATION_POLICY,
  'master-data': MASTER_DATA,
};

const GENERIC: KindRules = { collections: {}, conditionTrees: [], derived: [] };

/** The rules of a kind; a kind without rules is diffed generically. */
export function rulesFor(kind: DiffKind): KindRules {
  return Object.prototype.hasOwnProperty.call(IDENTITY_RULES, kind) ? IDENTITY_RULES[kind as keyof typeof IDENTITY_RULES] : GENERIC;
}

/** Fields tried, in order, to match the objects of an array no rule covers. */
export const GENERIC_IDENTITY_FIELDS = ['id', 'key', 'code', 'partNumber', 'name'] as const;

/**
 * The field that identifies the objects of two arrays no rule covers: the first of
 * GENERIC_IDENTITY_FIELDS that every item of both has (as a string or number), unique per side.
 */
export function genericIdentityField(before: readonly unknown[], after: readonly unknown[]): string | undefined {
  return GENERIC_IDENTITY_FIELDS.find((field) =>
    [before, after].every((items) => {
      const values = items.map((item) => (isObject(item) ? text(item[field]) : undefined));
      return values.every((v) => v !== undefined) && new Set(values).size === values.length;
    }),
  );
}
