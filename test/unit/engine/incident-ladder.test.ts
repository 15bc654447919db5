/**
 * The escalation ladder's timing as pure functions: which level is due when, what an
 * acknowledgement (stop or pause) and a reopen do to it. Times in minutes after the opening.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EscalationPolicy } from '../../../definitions/policies/schema';
import { acknowledgeLadder, advance, ladderSteps, nextAction, phaseOf, reopenLadder, startLadder, stopLadder, type LadderState } from '../../../engine/incident/ladder';

const MIN = 60_000;
const example = (name: string): EscalationPolicy =>
  JSON.parse(readFileSync(path.join(__dirname, '../../../definitions/examples', `${name}.escalation-policy.json`), 'utf8')) as EscalationPolicy;
const quality = example('quality-default');
const maintenance = example('maintenance-default');

/** Runs the ladder from 0 to `untilMin`, acknowledging at `ackAt` (minutes); the minutes each step was sent at. */
function simulate(policy: EscalationPolicy, untilMin: number, ackAt?: number): Array<{ at: number; level: number; repeat?: number }> {
  const steps = ladderSteps(policy);
  let ladder: LadderState = startLadder(1, 0);
  const sent: Array<{ at: number; level: number; repeat?: number }> = [];
  for (let t = 0; t <= untilMin; t++) {
    if (t === ackAt) ladder = acknowledgeLadder(ladder, policy, t * MIN);
    for (let a = nextAction(ladder, steps, t * MIN); a.kind === 'notify'; a = nextAction(ladder, steps, t * MIN)) {
      sent.push({ at: t, level: a.step.level, ...(a.step.repeat ? { repeat: a.step.repeat } : {}) });
      ladder = advance(ladder);
    }
  }
  return sent;
}

describe('ladder steps', () => {
  it.each([
    ['quality-default', quality, [0, 10, 30, 60, 90, 120, 150, 180]],
    ['maintenance-default', maintenance, [0, 15, 45, ...Array.from({ length: 8 }, (_, i) => 45 + 15 * (i + 1))]],
  ])('when the %s policy is laid out, then its levels and repeats start at the stated minutes', (_name, policy, minutes) => {
    // Act
    const steps = ladderSteps(policy);

    // Assert
    expect(steps.map((s) => s.offsetMinutes)).toEqual(minutes);
    expect(steps.filter((s) => s.repeat).every((s) => s.level === policy.levels.length)).toBe(true);
  });
});

describe('escalation over time', () => {
  it.each([
    ['nobody acknowledges', undefined, 65, [0, 10, 30, 60]],
    ['acknowledged at minute 5', 5, 200, [0]],
    ['acknowledged at minute 20', 20, 200, [0, 10]],
    ['acknowledged at minute 45', 45, 200, [0, 10, 30]],
  ])('when %s on the quality policy (stop), then levels are sent at %#', (_case, ackAt, until, expected) => {
    // Act
    const sent = simulate(quality, until, ackAt);

    // Assert
    expect(sent.map((s) => s.at)).toEqual(expected);
  });

  it('when the maintenance policy (pause 30) is acknowledged at minute 5, then level 2 comes 30 minutes late and the ladder carries on', () => {
    // Act
    const sent = simulate(maintenance, 80, 5);

    // Assert
    expect(sent).toEqual([
      { at: 0, level: 1 },
      { at: 45, level: 2 },
      { at: 75, level: 3 },
    ]);
  });

  it('when nobody acknowledges past the last level, then the last level is repeated every everyMinutes, times times', () => {
    // Act
    const sent = simulate(quality, 1000);

    // Assert
    expect(sent.filter((s) => s.repeat).map((s) => [s.at, s.level, s.repeat])).toEqual([
      [90, 4, 1],
      [120, 4, 2],
      [150, 4, 3],
      [180, 4, 4],
    ]);
  });
});

describe('ladder phases', () => {
  const steps = ladderSteps(maintenance);

  it.each([
    ['just started', startLadder(1, 0), 0, 'running'],
    ['acknowledged with a pause, within it', acknowledgeLadder(startLadder(1, 0), maintenance, 5 * MIN), 10 * MIN, 'paused'],
    ['acknowledged with a pause, after it', acknowledgeLadder(startLadder(1, 0), maintenance, 5 * MIN), 40 * MIN, 'running'],
    ['acknowledged with stop', acknowledgeLadder(startLadder(1, 0), quality, 5 * MIN), 10 * MIN, 'stopped'],
    ['resolved', stopLadder(startLadder(1, 0)), 0, 'stopped'],
    ['every step sent', { ...startLadder(1, 0), next: steps.length }, 0, 'completed'],
  ])('when the ladder is %s, then its phase is right', (_case, ladder, now, phase) => {
    // Act & Assert
    expect(phaseOf(ladder, steps, now)).toBe(phase);
  });

  it('when a stopped ladder is reopened, then it runs again from level 1 as the next run', () => {
    // Arrange
    const stopped = stopLadder({ ...startLadder(1, 0), next: 3 });

    // Act
    const reopened = reopenLadder(stopped, 100 * MIN);

    // Assert
    expect(reopened).toMatchObject({ run: 2, next: 0, stopped: false, startedAtMs: 100 * MIN });
    expect(nextAction(reopened, steps, 100 * MIN)).toEqual({ kind: 'notify', step: { level: 1, offsetMinutes: 0 } });
  });
});
