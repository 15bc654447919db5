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
  equipment?: string;
  measurements?: Array<{ name: string; value: number }>;
  components?: Array<{ partNumber: string; supplierLot?: string; quantity?: number }>;
  defectCodes?: string[];
  scrapQuantity?: number;
}

/** The model SMT units are released as in tests (the example routing builds MB-A100 and MB-B200). */
export const SMT_MODEL = 'MB-A100';

/** What a station sends with passing each SMT step of an MB-A100 board: in-spec values and lot scans. */
export const SMT_PASS_DATA: Record<string, Pick<ActionBody, 'measurements' | 'components'>> = {
  print: { components: [{ partNumber: 'PCB-A100', supplierLot: 'LOT-PCB-0001' }] },
  spi: { measurements: [{ name: 'Paste volume', value: 101 }] },
  mount: { components: [{ partNumber: 'IC-MCU-32', supplierLot: 'LOT-MCU-0001' }] },
  ict: { measurements: [{ name: '3V3 rail', value: 3.31 }, { name: '5V rail', value: 5.01 }, { name: 'Standby current', value: 18 }] },
};

export const start = (step: string, over: Partial<ActionBody> = {}): ActionBody => ({
  type: 'start',
  step,
  station: `ST-${step}`,
  operator: 'op-1001',
  ...over,
});

/** Completes a step; a pass of an SMT example step carries the data that step asks for. */
export const complete = (step: string, result: 'pass' | 'fail' = 'pass', over: Partial<ActionBody> = {}): ActionBody => ({
  type: 'complete',
  step,
  station: `ST-${step}`,
  operator: 'op-1001',
  result,
  ...(result === 'pass' ? SMT_PASS_DATA[step] : {}),
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
