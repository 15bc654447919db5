/**
 * The answers a unit's run keeps by idempotency key: a retry that reaches the workflow (after
 * continue-as-new, or with a new Update id) gets the first answer instead of a second action,
 * and a key used again for another request (another hash of who and what) is told so. A keyed
 * request the routing refused keeps its refusal: its retry is refused the same way even once the
 * unit could take it (a new key asks afresh).
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { Rejection } from '../routing/machine';
import { ACTION_REJECTED, type UnitActionInput, type UnitActionResult, type UnitCarry } from './unit-messages';

/** Answers kept in a run. */
const REMEMBERED = 500;
/** Answers of each kind (recorded, refused) a run hands on when it continues as new. */
const CARRIED = 50;

type Remembered = NonNullable<UnitCarry['remembered']>[number];

export class Answers {
  private readonly answers = new Map<string, Omit<Remembered, 'key'>>();

  constructor(carried: UnitCarry['remembered'] = []) {
    for (const { key, ...answer } of carried) this.keep(key, answer);
  }

  get(key: string): UnitActionResult | undefined {
    return this.answers.get(key)?.result;
  }

  /** The refusal a keyed request got, if that is what it got. */
  refusal(key: string): Rejection | undefined {
    return this.answers.get(key)?.rejection;
  }

  has(key: string): boolean {
    return this.answers.has(key);
  }

  /** Whether `key` answered a request other than the one hashed `requestHash`. */
  usedForAnother(key: string, requestHash: string | undefined): boolean {
    const first = this.answers.get(key)?.requestHash;
    return first !== undefined && requestHash !== undefined && first !== requestHash;
  }

  remember(key: string, result: UnitActionResult, requestHash?: string): void {
    this.keep(key, { result, ...(requestHash !== undefined ? { requestHash } : {}) });
  }

  /**
   * The failure of a refused keyed request, kept for its retries (a retry's says `replayed`).
   * Unlike a validator's refusal it is recorded: the Update fails in the handler.
   */
  refuse(action: UnitActionInput, why: Rejection, replayed = false): Promise<never> {
    if (!replayed) this.keep(action.idempotencyKey, { rejection: why, ...(action.requestHash !== undefined ? { requestHash: action.requestHash } : {}) });
    return Promise.reject(ApplicationFailure.create({ type: ACTION_REJECTED, message: why.message, details: [{ ...why, ...(replayed ? { replayed } : {}) }], nonRetryable: true }));
  }

  /** The latest answers for the next run: recorded actions and refusals each keep their own share, so refused scans cannot crowd out what was recorded. */
  carry(): NonNullable<UnitCarry['remembered']> {
    const all = [...this.answers.entries()].map(([key, answer]) => ({ key, ...answer }));
    const recorded = all.filter((a) => a.rejection === undefined).slice(-CARRIED);
    const refused = all.filter((a) => a.rejection !== undefined).slice(-CARRIED);
    return [...refused, ...recorded];
  }

  private keep(key: string, answer: Omit<Remembered, 'key'>): void {
    this.answers.delete(key);
    this.answers.set(key, answer);
    if (this.answers.size > REMEMBERED) this.answers.delete(this.answers.keys().next().value as string);
  }
}
