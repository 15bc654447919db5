/** A line's andon board and its live stream, for callers who see the line. */
import type { AndonCall, Store, StreamEvent } from '../../store';
import { seesLine, seesSite, type Principal } from '../auth/principal';
import { AppError } from '../http/errors';

export interface AndonUseCases {
  board(line: string, who: Principal): Promise<{ line: string; calls: AndonCall[] }>;
  /** Throws 403 when the caller does not see the line. */
  assertSees(line: string, who: Principal): void;
  /** Where the line's stream stands now (a Last-Event-ID to resume from). */
  position(): Promise<string>;
  /** The line's events after `last`, those of the caller's site. */
  readAfter(line: string, last: string, who: Principal): Promise<{ events: StreamEvent[]; last: string }>;
}

export function andonUseCases(deps: { store: Store; siteKey: string }): AndonUseCases {
  const assertSees = (line: string, who: Principal): void => {
    if (!seesLine(who, line) || !seesSite(who, deps.siteKey)) {
      throw new AppError(403, 'forbidden', 'Forbidden', `line ${line} is not one of your lines`);
    }
  };
  return {
    assertSees,
    async board(line, who) {
      assertSees(line, who);
      const calls = (await deps.store.andon.board(line)).filter((c) => seesSite(who, c.site));
      return { line, calls };
    },
    position: () => deps.store.andon.log.position(),
    async readAfter(line, last, who) {
      const events = await deps.store.andon.log.readAfter(last, 500);
      const next = events[events.length - 1]?.id ?? last;
      return { events: events.filter((e) => e.line === line && seesSite(who, e.site ?? deps.siteKey)), last: next };
    },
  };
}
