/**
 * Who an escalation level notifies, resolved from the site's master data (pure: no I/O).
 *
 *  - `{role}`: every user holding the role whose `lines` include the incident's line, or who has
 *    no lines (works on every line); with no incident line, every holder. Of those, the people of
 *    the shift on duty (their `shifts` include it, or they list none); when nobody of the role is
 *    on duty, all of them — an escalation never goes unheard for want of a roster;
 *  - `{user}`: that user;
 *  - `{group}`: every known member of the group.
 *
 * Each user appears once, in the order the recipients name them; unknown ids resolve to nobody.
 * A policy's `scope.shifts` is checked by its caller with `currentShift()`.
 */
import type { EscalationRecipient } from '../policies/schema';
import { masterDataIndex, membersOf, usersWithRole, type Shift, type User } from '../master-data/lookup';
import type { MasterData } from '../master-data/schema';

/** The time zone shifts are read in unless the deployment says otherwise (TAKTFLOW_TIMEZONE). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ResolvedRecipient {
  userId: string;
  name: string;
  email?: string;
  phone?: string;
}

const worksOn = (user: User, line: string | null): boolean => line === null || !user.lines || user.lines.length === 0 || user.lines.includes(line);

function asRecipient(user: User): ResolvedRecipient {
  return { userId: user.id, name: user.name, ...(user.email ? { email: user.email } : {}), ...(user.phone ? { phone: user.phone } : {}) };
}

const onShift = (user: User, shift: Shift | null): boolean => shift === null || !user.shifts || user.shifts.length === 0 || user.shifts.includes(shift.id);

/** `at` and `timeZone` say which shift is on duty (the master data's shifts); without `at`, every shift is. */
export function resolveRecipients(md: MasterData | null, recipients: readonly EscalationRecipient[], line: string | null, at?: Date, timeZone: string = DEFAULT_TIME_ZONE): ResolvedRecipient[] {
  if (!md) return [];
  const index = masterDataIndex(md);
  const shift = at === undefined ? null : currentShift(md.shifts, at, timeZone);
  const out = new Map<string, ResolvedRecipient>();
  const add = (user: User | undefined): void => {
    if (user && !out.has(user.id)) out.set(user.id, asRecipient(user));
  };
  for (const r of recipients) {
    if (r.role !== undefined) {
      const onLine = usersWithRole(index, r.role).filter((user) => worksOn(user, line));
      const onDuty = onLine.filter((user) => onShift(user, shift));
      (onDuty.length > 0 ? onDuty : onLine).forEach(add);
    }
    if (r.user !== undefined) add(index.users.get(r.user));
    if (r.group !== undefined) for (const user of membersOf(index, r.group)) add(user);
  }
  return [...out.values()];
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The wall-clock minute of the day (0..1439) of `at` in `timeZone`. */
export function minuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** Whether a shift covers a minute of the day: [start, end), over midnight when end ≤ start (start = end: all day). */
export function shiftCovers(shift: Pick<Shift, 'start' | 'end'>, minute: number): boolean {
  const start = minutesOf(shift.start);
  const end = minutesOf(shift.end);
  if (start === end) return true;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The first shift (in listing order) running at `at` in `timeZone`, or null when none does. */
export function currentShift(shifts: readonly Shift[] | undefined, at: Date, timeZone: string = DEFAULT_TIME_ZONE): Shift | null {
  const minute = minuteOfDay(at, timeZone);
  return (shifts ?? []).find((s) => shiftCovers(s, minute)) ?? null;
}
