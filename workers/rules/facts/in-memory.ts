/**
 * The few aggregation stages the fact providers use, evaluated over events held in memory with
 * the same meaning as on the server: `$match` (equality, array membership, `$in`, `$size`),
 * `$group` by a field or by null with `{ $sum: 1 }`, `$unwind` of an array field. Anything else
 * throws NotInMemory, and the caller asks the server instead.
 */
import type { PipelineStage } from 'mongoose';
import type { EventFilter, ProductionEvent as ProductionEventDoc } from '../../../store';

export class NotInMemory extends Error {
  constructor(what: string) {
    super(`not evaluated in memory: ${what}`);
    this.name = 'NotInMemory';
  }
}

type Row = Record<string, unknown>;

const DIMENSIONS = ['productModel', 'line', 'step', 'operator', 'equipment', 'workOrder'] as const;

const matchesDimension = (value: unknown, wanted: string | readonly string[]): boolean => (typeof wanted === 'string' ? value === wanted : wanted.includes(value as string));

/** Whether an event passes the filter's dimensions, defect code and serials (type and time are the index's). */
export function matchesFilter(e: ProductionEventDoc, f: EventFilter): boolean {
  for (const k of DIMENSIONS) {
    const wanted = f[k];
    if (wanted !== undefined && !matchesDimension(e[k], wanted)) return false;
  }
  if (f.defectCode !== undefined && !e.defectCodes.includes(f.defectCode)) return false;
  if (f.serials && !f.serials.includes(e.serial)) return false;
  return true;
}

/** One `$match` condition on one field, as the server reads it. */
function matchesCondition(value: unknown, condition: unknown): boolean {
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition) && !(condition instanceof Date)) {
    const entries = Object.entries(condition);
    return entries.every(([op, arg]) => {
      if (op === '$size') return Array.isArray(value) && value.length === arg;
      if (op === '$in' && Array.isArray(arg)) return Array.isArray(value) ? value.some((v) => arg.includes(v)) : arg.includes(value);
      throw new NotInMemory(`operator ${op}`);
    });
  }
  if (Array.isArray(value)) return value.includes(condition);
  return value === condition;
}

function match(rows: Row[], spec: Record<string, unknown>): Row[] {
  const conditions = Object.entries(spec);
  if (conditions.some(([field]) => field.startsWith('$') || field.includes('.'))) throw new NotInMemory('$match on an operator or a path');
  return rows.filter((r) => conditions.every(([field, c]) => matchesCondition(r[field], c)));
}

const fieldOf = (path: unknown): string => {
  if (typeof path !== 'string' || !path.startsWith('$') || path.includes('.')) throw new NotInMemory(`field path ${String(path)}`);
  return path.slice(1);
};

function group(rows: Row[], spec: Record<string, unknown>): Row[] {
  const { _id: by, ...accumulators } = spec;
  const sums = Object.entries(accumulators).map(([name, acc]) => {
    if (JSON.stringify(acc) !== '{"$sum":1}') throw new NotInMemory(`accumulator ${JSON.stringify(acc)}`);
    return name;
  });
  const field = by === null ? null : fieldOf(by);
  const groups = new Map<unknown, Row>();
  for (const r of rows) {
    const id = field === null ? null : (r[field] ?? null);
    let g = groups.get(id);
    if (!g) {
      g = { _id: id, ...Object.fromEntries(sums.map((s) => [s, 0])) };
      groups.set(id, g);
    }
    for (const s of sums) g[s] = (g[s] as number) + 1;
  }
  return [...groups.values()];
}

function unwind(rows: Row[], path: unknown): Row[] {
  const field = fieldOf(path);
  return rows.flatMap((r) => {
    const v = r[field];
    if (!Array.isArray(v)) return v === undefined || v === null ? [] : [r];
    return v.map((item) => ({ ...r, [field]: item }));
  });
}

/** Runs the stages over the rows; throws NotInMemory on a stage it does not know. */
export function runStages<T>(rows: readonly ProductionEventDoc[], stages: readonly PipelineStage[]): T[] {
  let out = rows as unknown as Row[];
  for (const stage of stages) {
    const [name, spec, ...rest] = Object.entries(stage).flat();
    if (rest.length > 0) throw new NotInMemory('a stage with more than one operator');
    if (name === '$match') out = match(out, spec as Record<string, unknown>);
    else if (name === '$group') out = group(out, spec as Record<string, unknown>);
    else if (name === '$unwind') out = unwind(out, spec);
    else throw new NotInMemory(`stage ${String(name)}`);
  }
  return out as T[];
}
