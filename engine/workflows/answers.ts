/**
 * The answers a unit's run keeps by idempotency key: a retry that reaches the workflow (after
 * continue-as-new, or with a new Update id) gets the first answer instead of a second action,
 * and a key used again for another request (another hash of who and what) is told so.
 */
import type { UnitActionResult, UnitCarry } from './unit-messages';

/** Answers kept in a run. */
const REMEMBERED = 500;
/** Answers a run hands on when it continues as new. */
const CARRIED = 50;

export class Answers {
  private readonly results = new Map<string, UnitActionResult>();
  private readonly hashes = new Map<string, string>();

  constructor(carried: UnitCarry['remembered'] = []) {
    for (const r of carried) this.remember(r.key, r.result, r.requestHash);
  }

  get(key: string): UnitActionResult | undefined {
    return this.results.get(key);
  }

  has(key: string): boolean {
    return this.results.has(key);
  }

  /** Whether `key` answered a request other than the one hashed `requestHash`. */
  usedForAnother(key: string, requestHash: string | undefined): boolean {
    const first = this.hashes.get(key);
    return first !== undefined && requestHash !== undefined && first !== requestHash;
  }

  remember(key: string, result: UnitActionResult, requestHash?: string): void {
    this.results.delete(key);
    this.results.set(key, result);
    if (requestHash !== undefined) this.hashes.set(key, requestHash);
    if (this.results.size > REMEMBERED) {
      const oldest = this.results.keys().next().value as string;
      this.results.delete(oldest);
      this.hashes.delete(oldest);
    }
  }

  /** The latest answers, for the next run. */
  carry(): NonNullable<UnitCarry['remembered']> {
    return [...this.results.entries()].slice(-CARRIED).map(([key, result]) => {
      const requestHash = this.hashes.get(key);
      return { key, result, ...(requestHash !== undefined ? { requestHash } : {}) };
    });
  }
}
