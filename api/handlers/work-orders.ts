/** Handlers of the work-order operations: thin, the use-case holds the logic. */
import type { Principal } from '../auth/principal';
import type { Handler } from '../contract/router';
import { decodeCursor, encodeCursor, limitOf } from '../http/pagination';
import type { WorkOrderUseCases } from '../use-cases/work-orders';

export function workOrderHandlers(orders: WorkOrderUseCases): Record<string, Handler> {
  return {
    createWorkOrder: async (ctx) => {
      const order = await orders.create(ctx.body, ctx.principal as Principal);
      const { units, ...head } = order;
      ctx.audit = { resource: { kind: 'work-order', id: order.number }, after: { ...head, serials: units.length } };
      return { status: 201, body: order, headers: { Location: `/api/v1/work-orders/${encodeURIComponent(order.number)}` } };
    },
    listWorkOrders: async ({ query, principal }) => {
      const page = await orders.list({ line: query.line, status: query.status, limit: limitOf(query.limit), cursor: decodeCursor(query.cursor) }, principal as Principal);
      return { status: 200, body: { items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) } };
    },
    getWorkOrder: async ({ params, principal }) => ({ status: 200, body: await orders.get(params.number as string, principal as Principal) }),
    releaseWorkOrder: async (ctx) => {
      const order = await orders.release(ctx.params.number as string, ctx.body, ctx.req.get('Idempotency-Key'), ctx.principal as Principal);
      ctx.audit = { resource: { kind: 'work-order', id: order.number }, after: { status: order.status, counts: order.counts, release: ctx.body } };
      return { status: 200, body: order };
    },
  };
}
