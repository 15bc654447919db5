/**
 * Time windows of facts: `15m`, `12h`, `1d` (that long back from now) or `shift` (since the start
 * of the shift that is on now, by the master data's shifts in the site's time zone).
 */
import { durationMinutes } from '../../definitions/rules/facts';
import type { Shift } from '../../definitions/master-data/lookup';
import { MINUTE_MS } from './types';

export interface TimeRange {
  from: Date;
  to: Date;
}

/** Minutes after local midnight of `at` in the zone. */
export function localClock(at: Date, timeZone: string): { minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { minutes: get('hour') * 60 + get('minute') + get('second') / 60 + at.getUTCMilliseconds() / MINUTE_MS };
}

const clockMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * When the shift on at `now` started. A shift runs from start to end local time, past midnight
 * when end ≤ start; without a shift on at `now` (none defined, or a gap) the local day's start.
 */
export function shiftStart(now: Date, timeZone: string, shifts: readonly Shift[]): Date {
  const { minutes } = localClock(now, timeZone);
  let since = minutes; // minutes since local midnight: the fallback
  for (const shift of shifts) {
    const start = clockMinutes(shift.start);
    const end = clockMinutes(shift.end);
    const overnight = end <= start;
    const on = overnight ? minutes >= start || minutes < end : minutes >= start && minutes < end;
    if (on) {
      since = minutes >= start ? minutes - start : minutes + 1440 - start;
      break;
    }
  }
  return new Date(now.getTime() - since * MINUTE_MS);
}

/** The range a window param covers at `now`; an absent or unreadable window: undefined. */
export function windowRange(window: string | undefined, now: Date, timeZone: string, shifts: readonly Shift[]): TimeRange | undefined {
  if (window === undefined) return undefined;
  if (window === 'shift') return { from: shiftStart(now, timeZone, shifts), to: now };
  const minutes = durationMinutes(window);
  return minutes === undefined ? undefined : { from: new Date(now.getTime() - minutes * MINUTE_MS), to: now };
}
