/**
 * The incident read model: what the incident workflow persists (whole, by id) and the API shows.
 * Plain JSON, written by one writer only (the incident's workflow).
 */
import type { DeliveryResult, FiringSnapshot, IncidentStatus, Severity } from './model';
import type { ActionType, Bilingual } from '../rules/vocabulary';

/** One level (or repeat) of a run of the ladder, and what its channels did. */
/** Where an incident's escalation ladder stands. */
export type LadderPhase = 'running' | 'paused' | 'stopped' | 'completed';

export interface LevelRecord {
  run: number;
  level: number;
  repeat?: number;
  name?: string;
  at: string;
  /** `notifying` until notifyLevel answers; `failed` when it gave up (error says why). */
  status: 'notifying' | 'notified' | 'failed';
  deliveries: DeliveryResult[];
  error?: string;
}

export interface OccurrenceRecord {
  at: string;
  /** A firing during the cooldown after resolution: recorded, nothing else. */
  suppressed: boolean;
  note?: string;
  snapshot?: FiringSnapshot;
}

/** What an automatic action did: the units it selected, held and could not hold. */
export interface ActionOutcome {
  type: ActionType;
  /** What the action named: a serial, lot, line or work order. */
  target: string | null;
  at: string;
  selected: number;
  held: string[];
  refused: Array<{ serial: string; reason: string }>;
  error?: string;
}

export interface IncidentSourceView {
  kind: 'rule' | 'manual' | 'external';
  ruleKey?: string;
  ruleVersion?: number;
  by?: string;
  exceptionType?: string;
  system?: string;
  reference?: string;
}

export interface IncidentView {
  /** INC-<yyyymmdd>-<hash of the first run id>: unique, human friendly. */
  id: string;
  dedupKey: string;
  workflowId: string;
  /** First run id of the workflow chain (continue-as-new keeps it): updates target this incident only. */
  firstRunId: string;
  type: string;
  severity: Severity;
  title: Bilingual;
  site: string;
  line: string | null;
  status: IncidentStatus;
  source: IncidentSourceView;
  /** Why: the firing snapshot (fact values, per-condition results) of a rule-raised incident. */
  snapshot: FiringSnapshot | null;
  context: Record<string, string>;
  policy: { key: string; version: number };
  ladder: { run: number; phase: LadderPhase; pausedUntil: string | null; nextLevel: number | null; nextAt: string | null };
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgeNote: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
  causeCategory: string | null;
  reopens: Array<{ at: string; by: string; reason: string }>;
  occurrences: { count: number; suppressed: number; last: OccurrenceRecord[] };
  levels: LevelRecord[];
  actions: ActionOutcome[];
  affectedUnits: string[];
  /** Seconds from opening to the first acknowledgement. */
  ttaSeconds: number | null;
  /** Seconds from opening to the (latest) resolution. */
  ttrSeconds: number | null;
  /** While resolved: until when further firings are suppressed. */
  cooldownUntil: string | null;
  revision: number;
}
