/** Reading unit batches: the last seq of a batch, and each unit's newest among several. */
import { lastSeqOf, newestPerUnit } from '../../../definitions/units/batches';
import { event, unitBatch } from '../../support/unit-batches';

it.each([
  ['no events', [], 0],
  ['one event', [3], 3],
  ['events out of order', [5, 7, 6], 7],
])('when a batch carries %s, then its last seq is the highest', (_name, seqs, expected) => {
  expect(lastSeqOf(unitBatch({ events: seqs.map((s) => event(s)) }))).toBe(expected);
});

it('when several batches of two units are given, then each unit keeps its newest, and of two equal the later one', () => {
  // Arrange
  const a1 = unitBatch({ serial: 'A', events: [event(1)] });
  const a3 = unitBatch({ serial: 'A', events: [event(2), event(3)] });
  const b2 = unitBatch({ serial: 'B', events: [event(2)], step: 'first' });
  const b2again = unitBatch({ serial: 'B', events: [event(2)], step: 'again' });

  // Act
  const newest = newestPerUnit([a3, b2, a1, b2again]);

  // Assert
  expect(newest).toEqual([a3, b2again]);
});
