/** Handlers of the dispatch operations: station and station-group queues, claiming the next unit. */
import type { Principal } from '../auth/principal';
import type { Handler } from '../contract/router';
import { limitOf } from '../http/pagination';
import type { DispatchUseCases } from '../use-cases/dispatch';

export function dispatchHandlers(dispatch: DispatchUseCases): Record<string, Handler> {
  return {
    getStationQueue: async ({ params, query, principal }) => ({
      status: 200,
      body: await dispatch.stationQueue(params.station as string, { limit: limitOf(query.limit), cursor: query.cursor }, principal as Principal),
    }),
    getStationGroupQueue: async ({ params, query, principal }) => ({
      status: 200,
      body: await dispatch.groupQueue(params.group as string, { limit: limitOf(query.limit), cursor: query.cursor, line: query.line }, principal as Principal),
    }),
    claimNextUnit: async (ctx) => {
      const claimed = await dispatch.claimNext(ctx.params.station as string, ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'unit', id: claimed.unit.serial }, after: { station: ctx.params.station, claim: claimed.claim } };
      return { status: 200, body: claimed };
    },
  };
}
