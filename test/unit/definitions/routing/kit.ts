/** Helpers the routing validation tests share: examples to break, master data, findings. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MasterData } from '../../../../definitions/master-data/schema';
import { validateRouting } from '../../../../definitions/routing/validate';
import type { ValidationContext } from '../../../../definitions/validation/context';
import type { Finding } from '../../../../definitions/validation/finding';
import { exampleRouting } from '../../../support/fixtures';

export const EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'definitions', 'examples');

export type RoutingExample = 'smt-mainboard' | 'fa-terminal' | 'coating-lot';

/** A routing as loose JSON, so a test can break it in ways the Routing type forbids. */
export interface LooseRouting {
  [key: string]: unknown;
  steps: Array<Record<string, unknown>>;
  transitions: Array<Record<string, unknown>>;
  queueTimeLimits: Array<Record<string, unknown>>;
}

/** An example routing (the SMT one unless named) with one mistake made by `change`. */
export function exampleWith(change: (routing: LooseRouting) => void, name: RoutingExample = 'smt-mainboard'): unknown {
  const routing = exampleRouting(name) as unknown as LooseRouting;
  change(routing);
  return routing;
}

export function at<T>(items: T[] | undefined, index: number): T {
  const item = items?.[index];
  if (item === undefined) throw new Error(`fixture has no item ${index}`);
  return item;
}

/** A nested list of a loose routing, e.g. list(step, 'components'). */
export function list(parent: Record<string, unknown>, key: string): Array<Record<string, unknown>> {
  const value = parent[key];
  if (!Array.isArray(value)) throw new Error(`fixture has no list ${key}`);
  return value as Array<Record<string, unknown>>;
}

export function masterData(): MasterData {
  return JSON.parse(readFileSync(path.join(EXAMPLES, 'plant-1.master-data.json'), 'utf8')) as MasterData;
}

export function findingsOf(value: unknown, ctx?: ValidationContext): Finding[] {
  const result = validateRouting(value, ctx);
  if (result.ok) throw new Error('expected the routing to be rejected, but it was accepted');
  return result.findings;
}

export type Where = Pick<Finding, 'pointer' | 'code'>;

export const where = (findings: Finding[]): Where[] => findings.map(({ pointer, code }) => ({ pointer, code }));
