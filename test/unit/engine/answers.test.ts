import { ApplicationFailure } from '@temporalio/common';
import type { Rejection } from '../../../engine/routing/machine';
import { Answers } from '../../../engine/workflows/answers';
import type { UnitActionInput, UnitActionResult } from '../../../engine/workflows/unit-messages';

function result(seq: number): UnitActionResult {
  return {
    unit: { serial: 'SN-1', site: 'plant-1', line: 'L1', routingKey: 'r', routingVersion: 1, status: 'in-progress', step: 'cut', allowed: [], lastSeq: seq },
    events: [],
  };
}

const refusal: Rejection = { code: 'STEP_NOT_ALLOWED', message: 'start weld is not allowed now', allowed: [{ type: 'start', step: 'cut' }] };

function action(key: string, requestHash = 'h'): UnitActionInput {
  return { type: 'start', step: 'weld', station: 'S1', operator: 'op-1', idempotencyKey: key, requestHash };
}

describe('Answers', () => {
  it('when a keyed request was refused, then its retry is refused alike and marked replayed; another request with the key is told apart', async () => {
    // Arrange
    const answers = new Answers();

    // Act
    const first = await answers.refuse(action('k1'), refusal).catch((e: unknown) => e);
    const again = await answers.refuse(action('k1'), answers.refusal('k1') as Rejection, true).catch((e: unknown) => e);

    // Assert
    expect(first).toBeInstanceOf(ApplicationFailure);
    expect((first as ApplicationFailure).details).toEqual([refusal]);
    expect((again as ApplicationFailure).details).toEqual([{ ...refusal, replayed: true }]);
    expect(answers.has('k1')).toBe(true);
    expect(answers.get('k1')).toBeUndefined();
    expect(answers.usedForAnother('k1', 'h')).toBe(false);
    expect(answers.usedForAnother('k1', 'other')).toBe(true);
  });

  it('when many refusals follow the recorded answers, then continue-as-new still hands on the latest recorded ones', async () => {
    // Arrange: 60 recorded answers, then 60 refused scans
    const answers = new Answers();
    for (let i = 1; i <= 60; i++) answers.remember(`ok-${i}`, result(i), `h-${i}`);
    for (let i = 1; i <= 60; i++) await answers.refuse(action(`no-${i}`), refusal).catch(() => undefined);

    // Act
    const next = new Answers(answers.carry());

    // Assert
    expect(next.get('ok-60')?.unit.lastSeq).toBe(60);
    expect(next.get('ok-11')?.unit.lastSeq).toBe(11);
    expect(next.has('ok-10')).toBe(false);
    expect(next.refusal('no-60')).toEqual(refusal);
    expect(next.has('no-10')).toBe(false);
    expect(next.usedForAnother('ok-60', 'h-60')).toBe(false);
    expect(next.usedForAnother('ok-60', 'h-x')).toBe(true);
  });
});
