/**
 * The shape of a structured diff between two versions of a definition: what the visual
 * designer draws. Pure data, JSON-serialisable.
 */
import type { DefinitionKind } from '../kinds';

/**
 * The kinds a diff knows identity rules for, plus whatever kinds the registry in
 * definitions/kinds.ts declares (those without rules are diffed generically). The registry's
 * DefinitionKind does not list every kind yet; when it does, this collapses to it.
 */
export type DiffKind = DefinitionKind | 'routing' | 'alert-rule' | 'escalation-policy' | 'master-data';

/** One changed value inside an entity. */
export interface FieldChange {
  /**
   * RFC 6901 pointer relative to the entity: into `after` when the value exists there (added,
   * changed), into `before` when it was removed.
   */
  pointer: string;
  /** Absent when the value was added. */
  before?: unknown;
  /** Absent when the value was removed. */
  after?: unknown;
}

export type ChangeOp = 'added' | 'removed' | 'changed';

export interface Change {
  op: ChangeOp;
  /**
   * What changed: 'step', 'transition', 'queue-time-limit', 'measurement', 'component',
   * 'entry', 'condition', 'level', 'product-model', 'part', … or 'field' for a plain field.
   */
  entity: string;
  /** Identity within its collection (step id, 'aoi→repair on fail', a part number, …). */
  id?: string;
  /** RFC 6901 pointer: into `after` for added and changed, into `before` for removed. */
  pointer: string;
  /** The whole entity (removed, changed), or the old value of a plain field. */
  before?: unknown;
  /** The whole entity (added, changed), or the new value of a plain field. */
  after?: unknown;
  /** For changed entities and structured fields: field-level changes, recursively flattened. */
  fields?: FieldChange[];
}

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface DefinitionDiff {
  kind: DiffKind;
  /** True iff `changes` is empty; key order alone is never a change. */
  identical: boolean;
  /** In document order: top-level properties as `after` lists them (removed ones where `before` had them). */
  changes: Change[];
  /** Counts per entity, for the entities that have at least one change, in order of first appearance. */
  summary: Record<string, ChangeCounts>;
}
