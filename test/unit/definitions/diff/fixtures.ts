/**
 * Typed fixture factories for the diff tests. The types are local and loose on purpose: the
 * diff is generic JSON, and the real schemas are being extended while these tests are written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface MeasurementFixture {
  name: string;
  unit?: string;
  lsl?: number;
  target?: number;
  usl?: number;
}

export interface ComponentFixture {
  name?: string;
  quantity: number;
  captureSupplierLot: boolean;
  partNumbers: Array<{ productModel?: string; partNumbers: string[] }>;
}

export interface StepFixture {
  id: string;
  name: string;
  kind: 'operation' | 'inspection' | 'test' | 'rework' | 'packaging';
  stationGroup: string;
  components?: ComponentFixture[];
  measurements?: MeasurementFixture[];
  defectCodes?: string[];
}

export interface TransitionFixture {
  from: string;
  to: string;
  on: 'pass' | 'fail';
  defectCodes?: string[];
  maxLoops?: number;
}

export interface QueueTimeLimitFixture {
  from: string;
  to: string;
  maxMinutes: number;
}

export interface RoutingFixture {
  name: string;
  description?: string;
  entry?: string;
  steps: StepFixture[];
  transitions: TransitionFixture[];
  queueTimeLimits?: QueueTimeLimitFixture[];
}

/** print → aoi (fail → repair → aoi) → pack, with one measured step and a queue-time limit. */
export function minimalRouting(over: Partial<RoutingFixture> = {}): RoutingFixture {
  return {
    name: 'Mini SMT',
    description: 'Print, inspect, repair, pack.',
    entry: 'print',
    steps: [
      {
        id: 'print',
        name: 'Solder paste print',
        kind: 'operation',
        stationGroup: 'smt-printer',
        components: [{ name: 'Bare board', quantity: 1, captureSupplierLot: true, partNumbers: [{ partNumbers: ['PCB-A100'] }] }],
      },
      {
        id: 'aoi',
        name: 'Optical inspection',
        kind: 'inspection',
        stationGroup: 'smt-aoi',
        measurements: [
          { name: 'solder-voids', unit: '%', usl: 25 },
          { name: 'offset', unit: 'mm', lsl: -0.1, target: 0, usl: 0.1 },
        ],
        defectCodes: ['BRIDGE', 'TOMBSTONE'],
      },
      { id: 'repair', name: 'Repair', kind: 'rework', stationGroup: 'smt-repair' },
      { id: 'pack', name: 'Pack', kind: 'packaging', stationGroup: 'pack' },
    ],
    transitions: [
      { from: 'print', to: 'aoi', on: 'pass' },
      { from: 'aoi', to: 'pack', on: 'pass' },
      { from: 'aoi', to: 'repair', on: 'fail', defectCodes: ['BRIDGE'], maxLoops: 3 },
      { from: 'repair', to: 'aoi', on: 'pass' },
    ],
    queueTimeLimits: [{ from: 'print', to: 'aoi', maxMinutes: 120 }],
    ...over,
  };
}

export interface ConditionLeafFixture {
  fact: string;
  operator: string;
  value: unknown;
  params?: Record<string, unknown>;
}

export type ConditionFixture = ConditionLeafFixture | { all: ConditionFixture[] } | { any: ConditionFixture[] } | { not: ConditionFixture };

export interface AlertRuleFixture {
  name: string;
  enabled: boolean;
  cooldownMinutes: number;
  escalationPolicy: string;
  conditions: ConditionFixture;
}

/** Fires when line SMT1's AOI fail rate is above 5 % in an hour, or scrap exceeds 20 units. */
export function alertRule(over: Partial<AlertRuleFixture> = {}): AlertRuleFixture {
  return {
    name: 'AOI yield drop',
    enabled: true,
    cooldownMinutes: 30,
    escalationPolicy: 'smt-quality',
    conditions: {
      any: [
        {
          all: [
            { fact: 'line', operator: 'equal', value: 'SMT1' },
            { fact: 'aoiFailRate', operator: 'greaterThan', value: 0.05, params: { windowMinutes: 60 } },
          ],
        },
        { fact: 'scrapCount', operator: 'greaterThan', value: 20 },
      ],
    },
    ...over,
  };
}

export interface LevelFixture {
  name: string;
  delayMinutes: number;
  delayFrom: 'open' | 'previous';
  channels: Array<{ channel: 'email' | 'sms' | 'webhook' | 'andon'; target?: string }>;
  recipients: Array<{ role: string } | { user: string } | { group: string }>;
}

export interface EscalationPolicyFixture {
  name: string;
  levels: LevelFixture[];
  onAcknowledge: 'stop' | 'pause';
}

/** A level that notifies every holder of `role`, `delayMinutes` after the incident opened. */
export const level = (name: string, delayMinutes: number, role: string, ...channels: Array<'email' | 'sms' | 'andon'>): LevelFixture => ({
  name,
  delayMinutes,
  delayFrom: 'open',
  channels: channels.map((channel) => ({ channel })),
  recipients: [{ role }],
});

export function escalationPolicy(over: Partial<EscalationPolicyFixture> = {}): EscalationPolicyFixture {
  return {
    name: 'SMT quality',
    levels: [
      level('Line leader', 0, 'line-leader', 'andon'),
      level('Quality engineer', 15, 'quality-engineer', 'sms'),
      level('Plant manager', 60, 'plant-manager', 'sms', 'email'),
    ],
    onAcknowledge: 'stop',
    ...over,
  };
}

export interface PartFixture {
  partNumber: string;
  description: string;
  lotControlled?: boolean;
}

export interface UserFixture {
  id: string;
  name: string;
  roles?: string[];
  lines?: string[];
}

export interface MasterDataFixture {
  name: string;
  productModels: Array<{ id: string; name: { en: string; zh: string }; family?: string }>;
  parts: PartFixture[];
  defectCodes: Array<{ code: string; category: string; name: { en: string; zh: string } }>;
  roles: Array<{ id: string; name: string }>;
  users: UserFixture[];
  groups: Array<{ id: string; name: string; members: string[] }>;
}

export function masterData(over: Partial<MasterDataFixture> = {}): MasterDataFixture {
  return {
    name: 'Plant 1',
    productModels: [{ id: 'MB-A100', name: { en: 'Main board A100', zh: '主板 A100' }, family: 'main-board' }],
    parts: [
      { partNumber: 'PCB-A100', description: 'Bare board A100' },
      { partNumber: 'IC-4410', description: 'Power management IC', lotControlled: true },
    ],
    defectCodes: [{ code: 'BRIDGE', category: 'solder', name: { en: 'Solder bridge', zh: '连锡' } }],
    roles: [
      { id: 'operator', name: 'Operator' },
      { id: 'line-leader', name: 'Line leader' },
    ],
    users: [
      { id: 'u-wang-li', name: 'Wang Li', roles: ['operator'], lines: ['SMT1'] },
      { id: 'u-zhang-wei', name: 'Zhang Wei', roles: ['line-leader'] },
    ],
    groups: [{ id: 'smt-leads', name: 'SMT leads', members: ['u-zhang-wei'] }],
    ...over,
  };
}

/** A deep copy of `value` with `edit` applied: the "after" version of a test. */
export function edited<T>(value: T, edit: (draft: T) => void): T {
  const copy = structuredClone(value);
  edit(copy);
  return copy;
}

/** The item at `index`, or a failing test when the fixture has none. */
export function at<T>(items: readonly T[] | undefined, index: number): T {
  const item = items?.[index];
  if (item === undefined) throw new Error(`fixture has no item ${index}`);
  return item;
}

/** The same JSON with object keys reversed at every depth (arrays keep their order). */
export function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'definitions', 'examples');

/** A shipped example as loose JSON (other engineers extend it; tests touch only what they edit). */
export function example(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;
}
