/** Typed fixture factories. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Routing } from '../../definitions/routing/schema';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'definitions', 'examples');

export function exampleRouting(name = 'smt-mainboard'): Routing {
  return JSON.parse(readFileSync(path.join(EXAMPLES, `${name}.routing.json`), 'utf8')) as Routing;
}

export interface ActionBody {
  type: 'start' | 'complete';
  step: string;
  station: string;
  operator: string;
  result?: 'pass' | 'fail';
}

export const start = (step: string, over: Partial<ActionBody> = {}): ActionBody => ({
  type: 'start',
  step,
  station: `ST-${step}`,
  operator: 'op-1001',
  ...over,
});

export const complete = (step: string, result: 'pass' | 'fail' = 'pass', over: Partial<ActionBody> = {}): ActionBody => ({
  type: 'complete',
  step,
  station: `ST-${step}`,
  operator: 'op-1001',
  result,
  ...over,
});

/** The SMT route with one AOI failure and its repair: [step, result] in the order they run. */
export const SMT_ROUTE_WITH_REPAIR: Array<[string, 'pass' | 'fail']> = [
  ['print', 'pass'],
  ['spi', 'pass'],
  ['mount', 'pass'],
  ['reflow', 'pass'],
  ['aoi', 'fail'],
  ['repair', 'pass'],
  ['aoi', 'pass'],
  ['ict', 'pass'],
  ['pack', 'pass'],
];
