/**
 * An incident's state and what each message does to it: pure functions over plain data (the
 * workflow passes the time in), so the rules are tested from tables and the workflow stays thin.
 */
import type { DeliveryResult, FiringSnapshot } from '../../definitions/incidents/model';
import type { EscalationPolicy } from '../../definitions/policies/schema';
import type { AcknowledgeInput, IncidentOccurrence, IncidentRejection, IncidentWorkflowInput, OccurrenceOutcome, ReopenInput, ResolveInput } from '../workflows/incident-messages';
import { acknowledgeLadder, phaseOf, reopenLadder, startLadder, stopLadder, upcoming, type LadderState, type LadderStep } from './ladder';
import type { ActionOutcome, IncidentSourceView, IncidentView, LevelRecord, OccurrenceRecord } from '../../definitions/incidents/view';

/** Occurrences kept in full (with their snapshots); older ones are only counted. */
export const OCCURRENCES_KEPT = 10;
/** Level records kept (a long run of repeats drops the oldest). */
export const LEVELS_KEPT = 100;
export const AFFECTED_UNITS_KEPT = 500;
const MINUTE_MS = 60_000;

/** Everything the workflow knows; the view is derived from it. Carried over by continue-as-new. */
export interface IncidentState {
  record: Omit<IncidentView, 'ladder' | 'revision' | 'cooldownUntil'>;
  ladder: LadderState;
  cooldownUntilMs: number | null;
  actionsDone: boolean;
  /** Recent occurrence ids and what became of them (incidentSettledUpdate answers from here). */
  outcomes: Array<[string, OccurrenceOutcome]>;
  revision: number;
}

/** 53-bit string hash (cyrb53): deterministic, so workflow code may use it. */
export function shortHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).toUpperCase().padStart(11, '0').slice(-8);
}

/** INC-<yyyymmdd>-<8 characters of a hash of the first run id>. */
export function incidentId(openedAtIso: string, firstRunId: string): string {
  return `INC-${openedAtIso.slice(0, 10).replace(/-/g, '')}-${shortHash(firstRunId)}`;
}

function sourceView(source: IncidentWorkflowInput['source']): IncidentSourceView {
  if (source.kind === 'rule') return { kind: 'rule', ruleKey: source.snapshot.ruleKey, ruleVersion: source.snapshot.ruleVersion };
  if (source.kind === 'manual') return { kind: 'manual', by: source.by, exceptionType: source.exceptionType };
  return { kind: 'external', system: source.system, reference: source.reference, exceptionType: source.exceptionType };
}

function unitsOf(snapshot: FiringSnapshot | null, context: Record<string, string>): string[] {
  const units = new Set(snapshot?.units ?? []);
  if (context.serial) units.add(context.serial);
  return [...units].slice(0, AFFECTED_UNITS_KEPT);
}

export function openIncident(input: IncidentWorkflowInput, ids: { workflowId: string; firstRunId: string }, nowMs: number): IncidentState {
  const snapshot = input.source.kind === 'rule' ? input.source.snapshot : null;
  const openedAt = new Date(nowMs).toISOString();
  return {
    record: {
      id: incidentId(openedAt, ids.firstRunId),
      dedupKey: input.dedupKey,
      workflowId: ids.workflowId,
      firstRunId: ids.firstRunId,
      type: input.type,
      severity: input.severity,
      title: input.title,
      site: input.site,
      line: input.line,
      status: 'open',
      source: sourceView(input.source),
      snapshot,
      context: input.context,
      policy: { key: input.policy.key, version: input.policy.version },
      openedAt,
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgeNote: null,
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      causeCategory: null,
      reopens: [],
      occurrences: { count: 0, suppressed: 0, last: [] },
      levels: [],
      actions: [],
      affectedUnits: unitsOf(snapshot, input.context),
      ttaSeconds: null,
      ttrSeconds: null,
    },
    ladder: startLadder(1, nowMs),
    cooldownUntilMs: null,
    actionsDone: (input.actions ?? []).length === 0,
    outcomes: [],
    revision: 1,
  };
}

export function viewOf(state: IncidentState, steps: readonly LadderStep[], nowMs: number): IncidentView {
  const next = upcoming(state.ladder, steps);
  const paused = state.ladder.pausedUntilMs !== null && nowMs < state.ladder.pausedUntilMs;
  return {
    ...state.record,
    ladder: {
      run: state.ladder.run,
      phase: phaseOf(state.ladder, steps, nowMs),
      pausedUntil: paused ? new Date(state.ladder.pausedUntilMs as number).toISOString() : null,
      nextLevel: next?.step.level ?? null,
      nextAt: next ? new Date(next.atMs).toISOString() : null,
    },
    cooldownUntil: state.cooldownUntilMs === null ? null : new Date(state.cooldownUntilMs).toISOString(),
    revision: state.revision,
  };
}

const seconds = (fromIso: string, toMs: number): number => Math.max(0, Math.round((toMs - Date.parse(fromIso)) / 1000));

/** A firing for the same key: an occurrence, or suppressed while resolved (cooldown). */
export function recordOccurrence(state: IncidentState, o: IncidentOccurrence, isOpening: boolean): OccurrenceOutcome {
  const suppressed = state.record.status === 'resolved';
  const outcome: OccurrenceOutcome = suppressed ? 'suppressed' : isOpening ? 'opening' : 'occurrence';
  const occ = state.record.occurrences;
  const entry: OccurrenceRecord = { at: o.at, suppressed, ...(o.note ? { note: o.note } : {}), ...(o.snapshot ? { snapshot: o.snapshot } : {}) };
  occ.last = [...occ.last, entry].slice(-OCCURRENCES_KEPT);
  if (suppressed) occ.suppressed++;
  else occ.count++;
  if (!suppressed && o.snapshot) {
    const units = new Set([...state.record.affectedUnits, ...o.snapshot.units]);
    state.record.affectedUnits = [...units].slice(0, AFFECTED_UNITS_KEPT);
  }
  if (o.id) state.outcomes = [...state.outcomes, [o.id, outcome] as [string, OccurrenceOutcome]].slice(-50);
  state.revision++;
  return outcome;
}

const reject = (code: IncidentRejection['code'], message: string): IncidentRejection => ({ code, message });
const blank = (s: unknown): boolean => typeof s !== 'string' || s.trim() === '';

export function acknowledgeRejection(state: IncidentState, a: AcknowledgeInput, nowMs: number): IncidentRejection | undefined {
  if (blank(a?.by)) return reject('INVALID_INPUT', 'who acknowledges must be named');
  const s = state.record.status;
  if (s === 'resolved') return reject('ALREADY_RESOLVED', `incident ${state.record.id} is resolved`);
  const l = state.ladder;
  const pausedNow = l.pausedUntilMs !== null && nowMs < l.pausedUntilMs;
  if (s === 'acknowledged' && (l.stopped || pausedNow)) return reject('ALREADY_ACKNOWLEDGED', `incident ${state.record.id} was acknowledged by ${state.record.acknowledgedBy ?? 'someone'}`);
  return undefined;
}

/** Acknowledges (the first time sets TTA) and stops or pauses the ladder as the policy says. */
export function acknowledge(state: IncidentState, policy: EscalationPolicy, a: AcknowledgeInput, nowMs: number): void {
  const r = state.record;
  if (r.acknowledgedAt === null) {
    r.acknowledgedAt = new Date(nowMs).toISOString();
    r.acknowledgedBy = a.by;
    r.acknowledgeNote = a.note ?? null;
    r.ttaSeconds = seconds(r.openedAt, nowMs);
  }
  r.status = 'acknowledged';
  state.ladder = acknowledgeLadder(state.ladder, policy, nowMs);
  state.revision++;
}

export function resolveRejection(state: IncidentState, x: ResolveInput): IncidentRejection | undefined {
  if (blank(x?.by) || blank(x?.resolution) || blank(x?.causeCategory)) return reject('INVALID_INPUT', 'resolution and cause category are required');
  if (state.record.status === 'resolved') return reject('ALREADY_RESOLVED', `incident ${state.record.id} is resolved`);
  return undefined;
}

/** Closes the incident: the ladder stops, TTR is recorded, the cooldown starts. */
export function resolve(state: IncidentState, x: ResolveInput, cooldownMinutes: number, nowMs: number): void {
  const r = state.record;
  Object.assign(r, { status: 'resolved', resolvedAt: new Date(nowMs).toISOString(), resolvedBy: x.by, resolution: x.resolution, causeCategory: x.causeCategory });
  r.ttrSeconds = seconds(r.openedAt, nowMs);
  state.ladder = stopLadder(state.ladder);
  state.cooldownUntilMs = nowMs + cooldownMinutes * MINUTE_MS;
  state.revision++;
}

export function reopenRejection(state: IncidentState, x: ReopenInput): IncidentRejection | undefined {
  if (blank(x?.by) || blank(x?.reason)) return reject('INVALID_INPUT', 'a reason is required');
  if (state.record.status !== 'resolved') return reject('NOT_RESOLVED', `incident ${state.record.id} is ${state.record.status}, not resolved`);
  return undefined;
}

/** Opens the incident again: a new run of the ladder from level 1; TTA and TTR stay those first recorded until it is resolved again. */
export function reopen(state: IncidentState, x: ReopenInput, nowMs: number): void {
  const r = state.record;
  r.reopens = [...r.reopens, { at: new Date(nowMs).toISOString(), by: x.by, reason: x.reason }];
  Object.assign(r, { status: 'open', resolvedAt: null, resolvedBy: null, resolution: null, causeCategory: null });
  state.ladder = reopenLadder(state.ladder, nowMs);
  state.cooldownUntilMs = null;
  state.revision++;
}

/** A level (or repeat) begins: its record, until notifyLevel answers. */
export function levelStarted(state: IncidentState, step: LadderStep, name: string | undefined, nowMs: number): LevelRecord {
  const rec: LevelRecord = { run: state.ladder.run, level: step.level, ...(step.repeat ? { repeat: step.repeat } : {}), ...(name ? { name } : {}), at: new Date(nowMs).toISOString(), status: 'notifying', deliveries: [] };
  state.record.levels = [...state.record.levels, rec].slice(-LEVELS_KEPT);
  state.revision++;
  return rec;
}

export function levelFinished(state: IncidentState, rec: LevelRecord, result: { deliveries: DeliveryResult[] } | { error: string }): void {
  if ('error' in result) Object.assign(rec, { status: 'failed', error: result.error });
  else Object.assign(rec, { status: 'notified', deliveries: result.deliveries });
  state.revision++;
}

export function actionsFinished(state: IncidentState, outcomes: ActionOutcome[]): void {
  state.record.actions = outcomes;
  const units = new Set([...state.record.affectedUnits, ...outcomes.flatMap((o) => o.held)]);
  state.record.affectedUnits = [...units].slice(0, AFFECTED_UNITS_KEPT);
  state.actionsDone = true;
  state.revision++;
}
