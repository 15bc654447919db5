/** Typed fixture factories for master data: the plant-1 example, fresh on every call. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MasterData } from '../../../../definitions/master-data/schema';
import type { Finding } from '../../../../definitions/validation/finding';

export const EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'definitions', 'examples');

/** The plant-1 example site (a new object each call, so a test may change it freely). */
export function exampleMasterData(): MasterData {
  return JSON.parse(readFileSync(path.join(EXAMPLES, 'plant-1.master-data.json'), 'utf8')) as MasterData;
}

type Row = Record<string, unknown>;

/** Master data as loose JSON, so a test can break it in ways the MasterData type forbids. */
export interface LooseMasterData {
  [key: string]: unknown;
  productModels: Row[];
  lines: Row[];
  stationGroups: Row[];
  stations: Row[];
  equipment: Row[];
  parts: Row[];
  defectCodes: Row[];
  roles: Row[];
  users: Row[];
  groups: Row[];
  shifts: Row[];
}

/** The plant-1 example with the changes made by `change`. */
export function masterDataWith(change: (md: LooseMasterData) => void): MasterData {
  const md = exampleMasterData() as unknown as LooseMasterData;
  change(md);
  return md as unknown as MasterData;
}

/** The item at `index`, failing loudly when a fixture lacks it. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`fixture has no item ${index}`);
  return item;
}

export type Where = Pick<Finding, 'pointer' | 'code'>;

export const where = (findings: readonly Finding[]): Where[] => findings.map(({ pointer, code }) => ({ pointer, code }));

// Sizes and positions in plant-1.master-data.json the tests rely on.
export const PLANT_1 = {
  productModels: 5,
  lines: 3,
  stationGroups: 20,
  stations: 21,
  equipment: 8,
  parts: 13,
  defectCodes: 13,
  roles: 8,
  users: 8,
  groups: 3,
  shifts: 2,
} as const;
