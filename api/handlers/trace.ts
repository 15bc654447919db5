/** Handlers of traceability by component lot. */
import type { Principal } from '../auth/principal';
import type { Handler } from '../contract/router';
import { limitOf } from '../http/pagination';
import type { ComponentTraceUseCases } from '../use-cases/component-trace';

export function traceHandlers(trace: ComponentTraceUseCases): Record<string, Handler> {
  return {
    traceComponentLot: async ({ query, principal }) => ({
      status: 200,
      body: await trace.byLot(
        { supplierLot: query.supplierLot as string, partNumber: query.partNumber, limit: limitOf(query.limit), cursor: query.cursor },
        principal as Principal,
      ),
    }),
  };
}
