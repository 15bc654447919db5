/**
 * Coalescing of bursts: per key (rule + dedup context) at most one evaluation per window. The
 * first offer runs at once (leading edge); offers while the window is open only replace the
 * pending item, which runs when the window closes (trailing edge, with the latest context) and
 * opens the next window. 1,000 offers of one key in a second are 2–3 runs, not 1,000.
 */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Slot<T> {
  timer: unknown;
  pending: { item: T } | undefined;
}

export class Coalescer<T> {
  private readonly slots = new Map<string, Slot<T>>();
  /** Offers that ran, and offers folded into a later run. */
  runs = 0;
  coalesced = 0;

  constructor(
    private readonly windowMs: number,
    private readonly run: (key: string, item: T) => void,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  offer(key: string, item: T): 'run' | 'coalesced' {
    const slot = this.slots.get(key);
    if (slot) {
      if (slot.pending) this.coalesced += 1;
      slot.pending = { item };
      return 'coalesced';
    }
    this.slots.set(key, { timer: this.timers.set(() => this.close(key), this.windowMs), pending: undefined });
    this.fire(key, item);
    return 'run';
  }

  /** Keys whose window is open. */
  get open(): number {
    return this.slots.size;
  }

  /** Runs every pending item now and closes every window. */
  flush(): void {
    for (const [key, slot] of [...this.slots]) {
      this.timers.clear(slot.timer);
      this.slots.delete(key);
      if (slot.pending) this.fire(key, slot.pending.item);
    }
  }

  /** Drops every window and pending item. */
  clear(): void {
    for (const slot of this.slots.values()) this.timers.clear(slot.timer);
    this.slots.clear();
  }

  private close(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    if (!slot.pending) {
      this.slots.delete(key);
      return;
    }
    const { item } = slot.pending;
    slot.pending = undefined;
    slot.timer = this.timers.set(() => this.close(key), this.windowMs);
    this.fire(key, item);
  }

  private fire(key: string, item: T): void {
    this.runs += 1;
    this.run(key, item);
  }
}
