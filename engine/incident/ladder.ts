/**
 * The escalation ladder as pure data and functions: which notification is due when, and what an
 * acknowledgement or a reopen does to it. The incident workflow drives it with durable timers;
 * times are epoch milliseconds so tables can test it without a clock.
 */
import { levelStartMinutes, repeatMinutes } from '../../definitions/policies/ladder';
import type { LadderPhase } from '../../definitions/incidents/view';
import type { EscalationPolicy } from '../../definitions/policies/schema';

const MINUTE_MS = 60_000;

/** One notification of the ladder: a level (1-based) or a re-send of the last level (repeat from 1). */
export interface LadderStep {
  level: number;
  repeat?: number;
  /** Minutes after the run started (before any pause is added). */
  offsetMinutes: number;
}

export type { LadderPhase };

export interface LadderState {
  /** 1 for the first run; each reopen runs the ladder again with the next number. */
  run: number;
  startedAtMs: number;
  /** Index of the next step to notify. */
  next: number;
  /** Time spent paused by acknowledgements, added to every step still to come. */
  shiftMs: number;
  pausedUntilMs: number | null;
  stopped: boolean;
}

/** Every step of a policy's ladder in order: its levels, then the repeats of the last level. */
export function ladderSteps(policy: Pick<EscalationPolicy, 'levels' | 'repeat'>): LadderStep[] {
  const levels = levelStartMinutes(policy).map((offsetMinutes, i): LadderStep => ({ level: i + 1, offsetMinutes }));
  const last = policy.levels.length;
  const repeats = repeatMinutes(policy).map((offsetMinutes, i): LadderStep => ({ level: last, repeat: i + 1, offsetMinutes }));
  return [...levels, ...repeats];
}

export function startLadder(run: number, nowMs: number): LadderState {
  return { run, startedAtMs: nowMs, next: 0, shiftMs: 0, pausedUntilMs: null, stopped: false };
}

/** When a step is due, pauses included. */
export function dueAtMs(ladder: LadderState, step: LadderStep): number {
  return ladder.startedAtMs + step.offsetMinutes * MINUTE_MS + ladder.shiftMs;
}

export type LadderAction = { kind: 'notify'; step: LadderStep } | { kind: 'wait'; untilMs: number } | { kind: 'idle' };

/** What the workflow does now: notify a due step, wait until the next one, or nothing (stopped, all sent). */
export function nextAction(ladder: LadderState, steps: readonly LadderStep[], nowMs: number): LadderAction {
  const step = steps[ladder.next];
  if (ladder.stopped || step === undefined) return { kind: 'idle' };
  const due = dueAtMs(ladder, step);
  return due <= nowMs ? { kind: 'notify', step } : { kind: 'wait', untilMs: due };
}

/** The step was notified (or attempted): move on to the next one. */
export function advance(ladder: LadderState): LadderState {
  return { ...ladder, next: ladder.next + 1 };
}

export function phaseOf(ladder: LadderState, steps: readonly LadderStep[], nowMs: number): LadderPhase {
  if (ladder.stopped) return 'stopped';
  if (ladder.next >= steps.length) return 'completed';
  return ladder.pausedUntilMs !== null && nowMs < ladder.pausedUntilMs ? 'paused' : 'running';
}

/**
 * An acknowledgement: `stop` ends the ladder; `pause` holds it for pauseMinutes, after which it
 * carries on where it was (every step still to come moves later by the pause).
 */
export function acknowledgeLadder(ladder: LadderState, policy: Pick<EscalationPolicy, 'onAcknowledge' | 'pauseMinutes'>, nowMs: number): LadderState {
  if (policy.onAcknowledge === 'stop' || policy.pauseMinutes === undefined) return { ...ladder, stopped: true, pausedUntilMs: null };
  const pauseMs = policy.pauseMinutes * MINUTE_MS;
  return { ...ladder, shiftMs: ladder.shiftMs + pauseMs, pausedUntilMs: nowMs + pauseMs };
}

/** Resolution ends the ladder. */
export function stopLadder(ladder: LadderState): LadderState {
  return { ...ladder, stopped: true, pausedUntilMs: null };
}

/** A reopened incident runs the ladder again from level 1, as the next run. */
export function reopenLadder(ladder: LadderState, nowMs: number): LadderState {
  return startLadder(ladder.run + 1, nowMs);
}

/** The next step still to come and when it is due (null when stopped or all sent). */
export function upcoming(ladder: LadderState, steps: readonly LadderStep[]): { step: LadderStep; atMs: number } | null {
  const step = steps[ladder.next];
  if (ladder.stopped || step === undefined) return null;
  return { step, atMs: dueAtMs(ladder, step) };
}
